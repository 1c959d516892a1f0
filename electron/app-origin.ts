// The app's own origin in Electron: a privileged custom scheme, so the renderer never runs from file://.
export const APP_SCHEME = 'stacks-app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Where the window starts. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs of the app itself (not file:, not http:, not another host of the scheme). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Links the user may open in the system browser after confirming. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Main -> page notices (db/contract/notices.ts); the preload re-emits them as `stacks:<name>` window events. */
export const NOTIFY_CHANNEL = 'stacks:notify';
/** Asked synchronously by the preload: the key of the archive open when the page loads. */
export const ARCHIVE_KEY_CHANNEL = 'stacks-shell:archive-key';

/** The IPC channel of one contract method. */
export function methodChannel(method: string): string {
  return `stacks:${method}`;
}

/** The IPC channel of one shell command (db/contract/bridge.ts). */
export function commandChannel(name: string): string {
  return `stacks-shell:${name}`;
}
