// One IPC handler per contract method, generated from ARCHIVE_METHODS: sender checked, then handed to the archive host.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ApiResult, ArchiveMethod } from '../db/contract/api.js';
import { ARCHIVE_METHODS } from '../db/contract/api.js';
import { isAppUrl, methodChannel } from './app-origin.js';

export const CHANNEL_PREFIX = 'stacks:';

export function channelFor(method: ArchiveMethod): string {
  return methodChannel(method);
}

/**
 * Runs one call for the page, off this thread (the archive session's worker threads validate and run it).
 * `archiveKey` is the key of the archive the page believes is open.
 */
export type ArchiveCall = (method: ArchiveMethod, input: unknown, archiveKey: unknown) => Promise<ApiResult<unknown>>;

/** Registers every handler; returns a function that removes them again (used on shutdown and in tests). */
export function registerIpcHandlers(
  call: ArchiveCall,
  isTrustedSender: (url: string | null) => boolean = isAppUrl,
): () => void {
  for (const method of ARCHIVE_METHODS) {
    ipcMain.handle(channelFor(method), (event: IpcMainInvokeEvent, input: unknown, archiveKey: unknown) =>
      handleInvoke(call, method, event.senderFrame?.url ?? null, input, archiveKey, isTrustedSender),
    );
  }
  return () => {
    for (const method of ARCHIVE_METHODS) ipcMain.removeHandler(channelFor(method));
  };
}

/** Never throws: a thrown error would reach the renderer as an opaque string, so failures travel as data. */
export async function handleInvoke(
  call: ArchiveCall,
  method: ArchiveMethod,
  senderUrl: string | null,
  input: unknown,
  archiveKey: unknown,
  isTrustedSender: (url: string | null) => boolean = isAppUrl,
): Promise<ApiResult<unknown>> {
  // Only the app's own page may call the archive: not a navigated-away frame, an iframe elsewhere, or file://.
  if (!isTrustedSender(senderUrl)) {
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message: `Refused ${method}: the call did not come from the Stacks app` },
    };
  }
  try {
    return await call(method, input, archiveKey);
  } catch (err) {
    return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
  }
}
