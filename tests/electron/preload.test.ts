// The preload with electron mocked: one frozen bridge (invoke, command), unknown names refused, typed notices forwarded.
import { describe, expect, it, vi } from 'vitest';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<[string, unknown, unknown]>,
  listeners: new Map<string, (...args: unknown[]) => void>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.set(key, value) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown, key: unknown) => {
      bridge.invoked.push([channel, input, key]);
      return { ok: true, value: 'from main' };
    },
    sendSync: (channel: string) => (channel === 'stacks-shell:archive-key' ? 'key-1' : undefined),
    on: (channel: string, fn: (...args: unknown[]) => void) => bridge.listeners.set(channel, fn),
  },
}));

await import('../../electron/preload.js');

describe('electron preload', () => {
  it('exposes one object, window.stacks, holding only invoke and command (no ipcRenderer)', () => {
    expect([...bridge.exposed.keys()]).toEqual(['stacks']);
    const api = bridge.exposed.get('stacks') as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke', 'command']);
    expect(typeof api.invoke).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards contract methods to their stacks:<method> channel', async () => {
    const { invoke } = bridge.exposed.get('stacks') as { invoke: (m: unknown, i?: unknown) => Promise<unknown> };
    await expect(invoke('search', { query: 'whales' })).resolves.toEqual({ ok: true, value: 'from main' });
    expect(bridge.invoked).toEqual([['stacks:search', { query: 'whales' }, 'key-1']]);
  });

  it('sends shell commands on their own channels and refuses unknown ones', async () => {
    const { command } = bridge.exposed.get('stacks') as { command: (c: unknown, i?: unknown) => Promise<unknown> };
    bridge.invoked.length = 0;
    await expect(command('recentArchives')).resolves.toEqual({ ok: true, value: 'from main' });
    await expect(command('search', {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(command('openArchive ', {})).resolves.toMatchObject({ ok: false });
    expect(bridge.invoked).toEqual([['stacks-shell:recentArchives', undefined, 'key-1']]);
  });

  it('refuses unknown method names as data without touching IPC', async () => {
    const { invoke } = bridge.exposed.get('stacks') as { invoke: (m: unknown, i?: unknown) => Promise<unknown> };
    bridge.invoked.length = 0;
    for (const name of ['notify', 'constructor', '__proto__', 'search ', 42, 'stacks:search']) {
      await expect(invoke(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(bridge.invoked).toEqual([]);
  });

  it('re-emits main-process notifications as stacks:<name> window events with a JSON detail', () => {
    // In the renderer globalThis is the window; Node's globalThis is no EventTarget, so lend it one.
    const window = new EventTarget();
    vi.stubGlobal('dispatchEvent', window.dispatchEvent.bind(window));
    const seen: Array<[string, unknown]> = [];
    window.addEventListener('stacks:archive-changed', (e) => void seen.push([e.type, (e as CustomEvent).detail]));
    bridge.listeners.get('stacks:notify')!({}, 'archive-changed', { imported: 2 });
    bridge.listeners.get('stacks:notify')!({}, 'Bad Name!', { imported: 3 });
    bridge.listeners.get('stacks:notify')!({}, 'made-up', { imported: 4 });
    vi.unstubAllGlobals();
    expect(seen).toEqual([['stacks:archive-changed', '{"imported":2}']]);
  });

  it('takes the new archive key from an archive-switched notice, so later calls name the new archive', async () => {
    vi.stubGlobal('dispatchEvent', () => true);
    const info = { key: 'key-2', path: '/home/me/B.stacks.sqlite', name: 'B' };
    bridge.listeners.get('stacks:notify')!({}, 'archive-switched', info);
    vi.unstubAllGlobals();
    const { invoke } = bridge.exposed.get('stacks') as { invoke: (m: unknown, i?: unknown) => Promise<unknown> };
    bridge.invoked.length = 0;
    await invoke('stats', {});
    expect(bridge.invoked).toEqual([['stacks:stats', {}, 'key-2']]);
  });
});
