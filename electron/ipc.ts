// One IPC handler per contract method, generated from ARCHIVE_METHODS: sender checked, input validated, errors as data.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ApiResult, ArchiveApi, ArchiveMethod } from '../db/contract/api.js';
import { ARCHIVE_METHODS } from '../db/contract/api.js';
import { callApi } from '../db/transport/dispatch.js';
import { isAppUrl } from './app-origin.js';

export const CHANNEL_PREFIX = 'stacks:';

export function channelFor(method: ArchiveMethod): string {
  return `${CHANNEL_PREFIX}${method}`;
}

/** Registers every handler; returns a function that removes them again (used on shutdown and in tests). */
export function registerIpcHandlers(
  api: ArchiveApi,
  isTrustedSender: (url: string | null) => boolean = isAppUrl,
): () => void {
  for (const method of ARCHIVE_METHODS) {
    ipcMain.handle(channelFor(method), (event: IpcMainInvokeEvent, input: unknown) =>
      handleInvoke(api, method, event.senderFrame?.url ?? null, input, isTrustedSender),
    );
  }
  return () => {
    for (const method of ARCHIVE_METHODS) ipcMain.removeHandler(channelFor(method));
  };
}

/** Never throws: a thrown error would reach the renderer as an opaque string, so failures travel as data. */
export async function handleInvoke(
  api: ArchiveApi,
  method: ArchiveMethod,
  senderUrl: string | null,
  input: unknown,
  isTrustedSender: (url: string | null) => boolean = isAppUrl,
): Promise<ApiResult<unknown>> {
  // Only the app's own page may call the archive: not a navigated-away frame, an iframe elsewhere, or file://.
  if (!isTrustedSender(senderUrl)) {
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message: `Refused ${method}: the call did not come from the Stacks app` },
    };
  }
  return callApi(api, method, input);
}
