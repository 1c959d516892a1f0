// Chooses the transport: the Electron preload's bridge when present, else HTTP to the serving origin.
import { createHttpClient, takeToken } from './http-client.js';
import { createIpcClient } from './ipc-client.js';
import type { RendererClient } from './types.js';

export function createClient(): RendererClient {
  if (window.stacks && typeof window.stacks.invoke === 'function') return createIpcClient(window.stacks);
  return createHttpClient(takeToken());
}

export type { RendererClient, CallOptions } from './types.js';
export { ClientError, isAbort } from './client-error.js';
