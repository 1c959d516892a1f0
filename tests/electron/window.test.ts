// Window hardening with electron mocked: secure webPreferences, navigation and popups blocked, permissions denied.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; loaded: string[] }>,
  opened: [] as string[],
  dialogAnswer: 0,
  dialogs: [] as unknown[],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWebContents extends Emitter {
    url = 'stacks-app://app/index.html';
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }): void {
      this.openHandler = fn;
    }
    getURL(): string {
      return this.url;
    }
  }
  class BrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    record: { options: Record<string, unknown>; loaded: string[] };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, loaded: [] };
      fake.windows.push(this.record);
    }
    maximize(): void {}
    show(): void {}
    loadURL(url: string): Promise<void> {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    dialog: {
      showMessageBox: async (_w: unknown, opts: unknown) => {
        fake.dialogs.push(opts);
        return { response: fake.dialogAnswer };
      },
    },
    shell: { openExternal: async (url: string) => void fake.opened.push(url) },
  };
});

const { confirmAndOpenExternal, createMainWindow, hardenSession, hardenWebContents, isAllowedRequest } =
  await import('../../electron/window.js');

type Prevented = { defaultPrevented: boolean; preventDefault(): void };
const navEvent = (): Prevented => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

describe('electron window', () => {
  beforeEach(() => {
    fake.windows.length = 0;
    fake.opened.length = 0;
    fake.dialogs.length = 0;
  });

  it('creates the window isolated, sandboxed, without node, with the preload, loading the app scheme', () => {
    createMainWindow({
      preloadPath: '/app/dist/electron/preload.cjs',
      state: { width: 1000, height: 700, isMaximized: false },
    });
    const { options, loaded } = fake.windows[0]!;
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(options).toMatchObject({ width: 1000, height: 700 });
    expect(loaded).toEqual(['stacks-app://app/index.html']);
  });

  it('blocks navigation away from the app; web links go to the browser only after confirmation', async () => {
    const contents = Object.assign(new EventEmitter(), {
      getURL: () => 'stacks-app://app/index.html',
      openHandler: null as null | ((d: { url: string }) => { action: string }),
      setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
        this.openHandler = fn;
      },
    });
    const asked: string[] = [];
    hardenWebContents(contents as never, (url) => asked.push(url));

    const external = navEvent();
    contents.emit('will-navigate', external, 'https://example.org/article');
    expect(external.defaultPrevented).toBe(true);
    const file = navEvent();
    contents.emit('will-navigate', file, 'file:///etc/passwd');
    expect(file.defaultPrevented).toBe(true);
    const reload = navEvent();
    contents.emit('will-navigate', reload, 'stacks-app://app/index.html');
    expect(reload.defaultPrevented).toBe(false);
    const webview = navEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);

    expect(contents.openHandler!({ url: 'https://example.org/popup' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'stacks-app://app/index.html' })).toEqual({ action: 'deny' });
    // Only the web links were offered to the user; file: and javascript: never reach the system browser.
    expect(asked).toEqual(['https://example.org/article', 'https://example.org/popup']);
  });

  it('opens an external link only when the user confirms', async () => {
    fake.dialogAnswer = 1; // Cancel
    await expect(confirmAndOpenExternal({} as never, 'https://example.org/a')).resolves.toBe(false);
    fake.dialogAnswer = 0; // Open in Browser
    await expect(confirmAndOpenExternal({} as never, 'https://example.org/b')).resolves.toBe(true);
    expect(fake.opened).toEqual(['https://example.org/b']);
    expect(fake.dialogs).toHaveLength(2);
  });

  it('denies every permission request and check, and cancels remote requests', () => {
    let requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let checkHandler: ((...args: unknown[]) => boolean) | undefined;
    let beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    let headerHooks = 0;
    let spellchecker: boolean | undefined;
    hardenSession({
      setSpellCheckerEnabled: (on: boolean) => {
        spellchecker = on;
      },
      setPermissionRequestHandler: (fn: typeof requestHandler) => {
        requestHandler = fn;
      },
      setPermissionCheckHandler: (fn: typeof checkHandler) => {
        checkHandler = fn;
      },
      webRequest: {
        onBeforeRequest: (fn: typeof beforeRequest) => {
          beforeRequest = fn;
        },
        onHeadersReceived: () => {
          headerHooks++;
        },
      },
    } as never);

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      requestHandler!({}, permission, (g) => {
        granted = g;
      });
      expect(granted).toBe(false);
    }
    expect(checkHandler!({}, 'media')).toBe(false);

    const cancelled = (url: string): boolean => {
      let result: boolean | undefined;
      beforeRequest!({ url }, (r) => {
        result = r.cancel;
      });
      return result!;
    };
    expect(cancelled('https://tracker.example/pixel.gif')).toBe(true);
    expect(cancelled('http://127.0.0.1:4317/api/stats')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('stacks-app://app/assets/index.js')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(isAllowedRequest('stacks-app://elsewhere/x')).toBe(false);

    // Chromium's Hunspell dictionaries (Windows, Linux) would come from Google's CDN: the filter cancels them.
    expect(cancelled('https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic')).toBe(true);
    expect(spellchecker).toBe(false);
    // The app CSP comes from the stacks-app:// handler (tests/electron/protocol.test.ts), not from a header hook
    // Electron would never run for a custom scheme.
    expect(headerHooks).toBe(0);
  });

  it("turns spellcheck on only when the user's setting says so", () => {
    let spellchecker: boolean | undefined;
    const session = {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      setSpellCheckerEnabled: (on: boolean) => {
        spellchecker = on;
      },
      webRequest: { onBeforeRequest: () => undefined },
    };
    hardenSession(session as never, true);
    expect(spellchecker).toBe(true);
    createMainWindow({
      preloadPath: '/p.cjs',
      state: { width: 800, height: 600, isMaximized: false },
      spellcheck: true,
    });
    expect(fake.windows.at(-1)!.options.webPreferences).toMatchObject({ spellcheck: true });
    // Even switched on, a dictionary download is a remote request and is cancelled.
    expect(isAllowedRequest('https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic')).toBe(false);
  });
});
