// Preload (sandboxed): exposes the one StacksBridge (contract calls, shell commands) to the page, never ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResult } from '../db/contract/api.js';
import { ARCHIVE_METHODS } from '../db/contract/api.js';
import { isShellCommand, type StacksBridge } from '../db/contract/bridge.js';
import { isNoticeName } from '../db/contract/notices.js';
import { ARCHIVE_KEY_CHANNEL, commandChannel, methodChannel, NOTIFY_CHANNEL } from './app-origin.js';

type Send = (channel: string, input: unknown, archiveKey: string | null) => Promise<unknown>;

const refuse = (what: string): Promise<ApiResult<unknown>> =>
  Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `Unknown ${what}` } });

/**
 * `archiveKey` names the archive this page believes is open: every call carries it, so a call sent just before
 * a switch is refused by the main process instead of landing in the archive opened after it.
 */
export function createBridge(send: Send, archiveKey: () => string | null): StacksBridge {
  return Object.freeze({
    invoke(method: string, input?: unknown): Promise<ApiResult<unknown>> {
      // A page script can pass anything: only contract method names ever become an IPC channel.
      if (typeof method !== 'string' || !(ARCHIVE_METHODS as readonly string[]).includes(method))
        return refuse(`method "${String(method)}"`);
      return send(methodChannel(method), input, archiveKey()) as Promise<ApiResult<unknown>>;
    },
    command(name: string, input?: unknown): Promise<ApiResult<unknown>> {
      if (!isShellCommand(name)) return refuse(`command "${String(name)}"`);
      return send(commandChannel(name), input, archiveKey()) as Promise<ApiResult<unknown>>;
    },
  });
}

// Asked once, before any page script runs; kept current by the archive-switched notices below.
let archiveKey: string | null = (() => {
  const key: unknown = ipcRenderer.sendSync(ARCHIVE_KEY_CHANNEL);
  return typeof key === 'string' ? key : null;
})();

contextBridge.exposeInMainWorld(
  'stacks',
  createBridge(
    (channel, input, key) => ipcRenderer.invoke(channel, input, key),
    () => archiveKey,
  ),
);

// Forwarded as a DOM event whose detail is a JSON string: primitives cross the isolated-world boundary intact.
ipcRenderer.on(NOTIFY_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (!isNoticeName(name)) return;
  if (name === 'archive-switched') {
    const key = (payload as { key?: unknown } | null)?.key;
    if (typeof key === 'string') archiveKey = key;
  }
  (globalThis as unknown as EventTarget).dispatchEvent(
    new CustomEvent(`stacks:${name}`, { detail: JSON.stringify(payload ?? null) }),
  );
});
