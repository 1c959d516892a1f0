// Worker thread that owns one SQLite connection to an archive and runs contract calls on it, off the caller's thread.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createArchiveApi, type ArchiveService } from '../api.js';
import { autoBackup } from '../backup/rotation.js';
import { ArchiveError, toApiError } from '../contract/errors.js';
import type { ImportProgress } from '../contract/types.js';
import { openArchive, type Archive } from '../open.js';
import { mergeIndexInBackground } from '../search/index/article-index-sync.js';
import { getAsset } from '../transport/assets.js';
import { READ_METHODS } from './read-methods.js';
import { callApi } from '../transport/dispatch.js';
import type { ArchiveThreadData, FromThread, ToThread } from './messages.js';

const data = workerData as ArchiveThreadData;
const port = parentPort!;
const post = (message: FromThread): void => port.postMessage(message);

let archive: Archive | null = null;
let api: ArchiveService | null = null;
/** The file's identity when it was opened: a different file (or none) at the path later means the drive went. */
let identity: { dev: number; ino: number } | null = null;
let unavailable: string | null = null;
const imports = new Map<number, AbortController>();

/** Idle-time index merging, on the writer only: armed by writes (and the open), cancelled by the next call. */
const IDLE_MERGE_MS = data.idleMergeMs ?? 30_000;
let idleTimer: NodeJS.Timeout | null = null;
let wroteSinceMerge = data.role === 'writer';

function armIdleMerge(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (!wroteSinceMerge || !archive || imports.size > 0) return;
  const db = archive.db;
  idleTimer = setTimeout(() => {
    idleTimer = null;
    wroteSinceMerge = false;
    // On the index's own helper thread, step by step: calls arriving meanwhile are served as usual.
    mergeIndexInBackground(db).catch((err: unknown) =>
      console.error(`Stacks: tidying the search index failed: ${(err as Error).message}`),
    );
  }, IDLE_MERGE_MS);
  idleTimer.unref();
}

function goneMessage(): string {
  return (
    `The archive ${data.path} cannot be reached any more (was its drive disconnected?). Nothing was changed. ` +
    'Reconnect it and open it again from File › Open Recent.'
  );
}

/**
 * Checked before every call (a stat costs microseconds, and on a dead drive it blocks this thread, not the
 * window). Without it a write could land in a file that is no longer the one at the path, and be lost.
 */
function checkReachable(): string | null {
  if (unavailable) return unavailable;
  try {
    const st = fs.statSync(data.path);
    if (!identity || (st.dev === identity.dev && st.ino === identity.ino)) return null;
  } catch {
    // missing or unreadable: both mean the archive is not there for us
  }
  return markUnavailable();
}

function markUnavailable(): string {
  if (!unavailable) {
    unavailable = goneMessage();
    post({ type: 'unavailable', message: unavailable });
  }
  return unavailable;
}

/** SQLite's own words for a file whose storage went away under it. */
function isStorageError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(IOERR|CANTOPEN|NOTADB)/.test(code);
}

function start(): void {
  try {
    if (!data.create && !fs.existsSync(data.path)) {
      throw new ArchiveError(
        'NOT_FOUND',
        `There is no archive at ${data.path}. If it is on a removable drive, connect the drive and try again.`,
      );
    }
    archive = openArchive(data.path, {
      readonly: data.role === 'reader',
      // A missing, old or foreign index is rebuilt on a helper thread while the library and reader already work.
      indexInBackground: data.role === 'writer',
      ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    });
    api = createArchiveApi(archive);
    const st = fs.statSync(archive.path);
    identity = { dev: st.dev, ino: st.ino };
    post({ type: 'ready' });
    armIdleMerge();
    // The daily rotating backup of the archive that is open (so it follows a switch), on the writer only, in
    // steps between the calls this thread serves.
    // Not on a read-only archive: it cannot change, and nothing may be written beside it.
    if (data.role === 'writer' && !archive.readOnly) {
      autoBackup(archive.db, archive.path, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}).catch(
        (err: unknown) => console.error(`Stacks: the daily backup failed: ${(err as Error).message}`),
      );
    }
  } catch (err) {
    post({ type: 'failed', error: toApiError(err) });
    port.close();
  }
}

async function onMessage(message: ToThread): Promise<void> {
  if (message.type === 'close') return close();
  if (message.type === 'call' || message.type === 'import') {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (data.role === 'writer' && !(message.type === 'call' && READ_METHODS.has(message.method as never)))
      wroteSinceMerge = true;
  }
  await handle(message);
  armIdleMerge();
}

async function handle(message: Exclude<ToThread, { type: 'close' }>): Promise<void> {
  if (message.type === 'cancel') return void imports.get(message.id)?.abort();
  const gone = checkReachable();
  if (message.type === 'export') {
    return post({
      type: 'export',
      id: message.id,
      download: gone || !api ? null : api.exports.download(message.exportId),
    });
  }
  if (message.type === 'asset') {
    // An image that cannot be read is just missing; the call that fails next says why.
    const asset = gone || !archive ? null : getAsset(archive.db, message.sha256);
    return post({
      type: 'asset',
      id: message.id,
      asset: asset ? { mediaType: asset.mediaType, bytes: new Uint8Array(asset.bytes) } : null,
    });
  }
  if (gone || !api) {
    const error = { code: 'UNAVAILABLE' as const, message: gone ?? 'The archive is not open' };
    return post({ type: 'result', id: message.id, result: { ok: false, error } });
  }
  if (message.type === 'import') return runImport(api, message.id, message.paths);
  let readonly = false;
  const result = await callApi(api, message.method, message.input).then((r) => {
    if (r.ok) return r;
    if (/readonly database/i.test(r.error.message)) readonly = true;
    else if (/disk I\/O error|unable to open database|not a database/i.test(r.error.message) && checkReachable())
      return { ok: false as const, error: { code: 'UNAVAILABLE' as const, message: markUnavailable() } };
    return r;
  });
  post({ type: 'result', id: message.id, result, ...(readonly ? { readonly } : {}) });
}

async function runImport(service: ArchiveService, id: number, paths: string[]): Promise<void> {
  const controller = new AbortController();
  imports.set(id, controller);
  let last = 0;
  try {
    const report = await service.importPathsWithProgress(paths, {
      signal: controller.signal,
      // A few notices a second are all a progress bar needs; the last one always goes.
      onProgress: (progress: ImportProgress) => {
        const now = Date.now();
        if (now - last < 100 && progress.done < progress.total) return;
        last = now;
        post({ type: 'progress', id, progress });
      },
    });
    post({ type: 'result', id, result: { ok: true, value: report } });
  } catch (err) {
    const error = isStorageError(err) ? { code: 'UNAVAILABLE' as const, message: markUnavailable() } : toApiError(err);
    post({ type: 'result', id, result: { ok: false, error } });
  } finally {
    imports.delete(id);
  }
}

async function close(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  for (const controller of imports.values()) controller.abort();
  try {
    await api?.dispose();
    // Closing checkpoints the WAL into the one file; on a drive that went away it fails, and SQLite's journal
    // keeps the file consistent for the next open.
    archive?.close();
  } catch {
    // nothing more can be done for a file that is gone
  }
  api = null;
  archive = null;
  post({ type: 'closed' });
  port.close();
}

port.on('message', (message: ToThread) => {
  onMessage(message).catch((err: unknown) => {
    if ('id' in message) post({ type: 'result', id: message.id, result: { ok: false, error: toApiError(err) } });
  });
});
start();
