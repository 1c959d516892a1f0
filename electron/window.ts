// The main window and its locks: isolated sandboxed renderer, no navigation, no popups, no permissions, no remote loads.
import { BrowserWindow, dialog, shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { APP_START_URL, isAppUrl, isExternalWebUrl } from './app-origin.js';
import type { WindowState } from './window-state.js';

/**
 * `spellcheck` is off unless the user turned it on (settings.json in the user data folder): on Windows and Linux
 * Chromium would fetch Hunspell dictionaries from Google's CDN, and nothing may leave this machine on its own.
 */
export function secureWebPreferences(preloadPath: string, spellcheck = false): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    experimentalFeatures: false,
    spellcheck,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  state: WindowState;
  startUrl?: string;
  /** The user's spellcheck setting (default off). */
  spellcheck?: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { state } = options;
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 480,
    minHeight: 360,
    show: false,
    title: 'Stacks',
    backgroundColor: '#faf8f5',
    webPreferences: secureWebPreferences(options.preloadPath, options.spellcheck ?? false),
  });
  if (state.isMaximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  hardenWebContents(win.webContents, (url) => confirmAndOpenExternal(win, url));
  void win.loadURL(options.startUrl ?? APP_START_URL);
  return win;
}

/**
 * The page may never leave the app: in-app navigation is refused, web links go to the system browser
 * (after the user confirms), every window.open is denied, and <webview> cannot be attached.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url) && isAppUrl(contents.getURL())) return; // a reload of the app itself
    event.preventDefault();
    if (isExternalWebUrl(url)) openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * Every permission (camera, notifications, geolocation...) is denied; only app-scheme requests load, which also
 * cancels any spellcheck dictionary download. The app's CSP comes with each page from the stacks-app:// handler
 * (protocol.ts): Electron runs no header hooks (onHeadersReceived) for a custom scheme, and every other request is
 * cancelled before it could have headers, so a header rewrite here would never apply to anything.
 */
export function hardenSession(session: Session, spellcheck = false): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
  session.setSpellCheckerEnabled(spellcheck);
}

/** No remote content: only the app's own scheme, inline data/blob URLs and devtools internals may load. */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  return /^(data|blob|devtools|chrome-extension):/i.test(url);
}

export async function confirmAndOpenExternal(win: BrowserWindow, url: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox(win, {
    type: 'question',
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: url,
    noLink: true,
  });
  if (response !== 0) return false;
  await shell.openExternal(url);
  return true;
}
