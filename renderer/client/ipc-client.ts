// Client for the Electron app: every call goes through the preload's one validated `window.stacks.invoke`.
import type { StacksBridge } from '../../db/contract/bridge.js';
import { buildClient } from './build-client.js';
import { ClientError } from './client-error.js';
import type { RendererClient } from './types.js';

declare global {
  interface Window {
    /** Present only in the desktop app, put there by the preload. */
    stacks?: StacksBridge;
  }
}

export function createIpcClient(bridge: StacksBridge): RendererClient {
  return buildClient(
    async (method, input, options) => {
      // IPC cannot be cancelled mid-flight; the stale answer is dropped by buildClient's signal check instead.
      try {
        return await bridge.invoke(method, input);
      } catch (err) {
        if (options?.signal?.aborted) throw new ClientError('ABORTED', 'Cancelled');
        throw new ClientError('INTERNAL', err instanceof Error ? err.message : String(err));
      }
    },
    (sha) => `/asset/${encodeURIComponent(sha)}`,
    'ipc',
  ); // served by the shell on its own origin (stacks-app://app)
}
