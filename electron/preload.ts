// Preload (sandboxed): exposes one validated `invoke` to the page via contextBridge, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResult } from '../db/contract/api.js';
import { ARCHIVE_METHODS } from '../db/contract/api.js';
import { NOTIFY_CHANNEL } from './app-origin.js';

export interface StacksBridge {
  invoke(method: string, input?: unknown): Promise<ApiResult<unknown>>;
}

export function createBridge(send: (channel: string, input: unknown) => Promise<unknown>): StacksBridge {
  return Object.freeze({
    invoke(method: string, input?: unknown): Promise<ApiResult<unknown>> {
      // A page script can pass anything: only contract method names ever become an IPC channel.
      if (typeof method !== 'string' || !(ARCHIVE_METHODS as readonly string[]).includes(method)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'NOT_FOUND', message: `Unknown method "${String(method)}"` },
        });
      }
      return send(`stacks:${method}`, input) as Promise<ApiResult<unknown>>;
    },
  });
}

contextBridge.exposeInMainWorld(
  'stacks',
  createBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);

// Forwarded as a DOM event whose detail is a JSON string: primitives cross the isolated-world boundary intact.
ipcRenderer.on(NOTIFY_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !/^[a-z-]+$/.test(name)) return;
  (globalThis as unknown as EventTarget).dispatchEvent(
    new CustomEvent(`stacks:${name}`, { detail: JSON.stringify(payload ?? null) }),
  );
});
