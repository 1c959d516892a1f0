// Runs one archive in worker threads (a writer and a few readers) so the caller's thread never waits on SQLite.
import path from 'node:path';
import type { ApiInput, ApiOutput, ApiResult, ArchiveClient, ArchiveMethod } from '../contract/api.js';
import { ARCHIVE_METHODS } from '../contract/api.js';
import { ArchiveError } from '../contract/errors.js';
import type { ImportProgress, ImportReport } from '../contract/types.js';
import type { ExportDownload } from '../export/jobs.js';
import type { StoredAsset } from '../transport/assets.js';
import { ArchiveThread } from './archive-thread.js';
import { READ_METHODS } from './read-methods.js';

export interface ArchiveHostOptions {
  /** Create the file when missing (a new archive). Default false: a missing file is NOT_FOUND, never made anew. */
  create?: boolean;
  /**
   * Reader threads beside the writer (default 2). SQLite's WAL lets them read while the writer writes, so a long
   * write (or a wait for another process's lock) does not hold up the library, search or images.
   */
  readers?: number;
  /** better-sqlite3's .node file, for the desktop app's Electron build of it. */
  nativeBinding?: string;
  /** The search index is merged after this long without a call following a write (ms; default 30 s). */
  idleMergeMs?: number;
  /** Called once when the file stops being reachable (its drive was disconnected, say). */
  onUnavailable?: (message: string) => void;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ArchiveHost {
  readonly path: string;
  /** One contract call by name, input validated in the thread; always resolves, with data or an error as data. */
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  /** The same calls, typed: resolves with the value or rejects with an ArchiveError. */
  readonly client: ArchiveClient;
  /** An archived image by SHA-256, read on a reader thread. */
  getAsset(sha256: string): Promise<StoredAsset | null>;
  /** A finished export's file: exports run on the writer, which alone knows them. */
  exportDownload(id: string): Promise<ExportDownload | null>;
  /** Imports files and folders on the writer thread with progress; aborting stops after the files in flight. */
  importPaths(paths: string[], options?: ImportOptions): Promise<ImportReport>;
  /** Waits for the threads to finish, closes the connections (the WAL is checkpointed) and stops the threads. */
  close(): Promise<void>;
}

export async function startArchiveHost(file: string, options: ArchiveHostOptions = {}): Promise<ArchiveHost> {
  const full = path.resolve(file);
  let unavailableSaid = false;
  const onUnavailable = (message: string): void => {
    if (unavailableSaid) return;
    unavailableSaid = true;
    options.onUnavailable?.(message);
  };
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  // The writer first: it creates or migrates the file that the readers then open read-only.
  const writer = await ArchiveThread.start(
    {
      path: full,
      role: 'writer',
      create: options.create ?? false,
      ...binding,
      ...(options.idleMergeMs !== undefined ? { idleMergeMs: options.idleMergeMs } : {}),
    },
    onUnavailable,
  );
  const readers: ArchiveThread[] = [];
  try {
    const count = Math.max(0, options.readers ?? 2);
    readers.push(
      ...(await Promise.all(
        Array.from({ length: count }, () =>
          ArchiveThread.start({ path: full, role: 'reader', create: false, ...binding }, onUnavailable),
        ),
      )),
    );
  } catch (err) {
    await Promise.all([writer.close(), ...readers.map((r) => r.close())]);
    throw err;
  }

  /** The least busy live reader, or the writer when there is none. */
  const reader = (): ArchiveThread => {
    let best: ArchiveThread | null = null;
    for (const r of readers) if (r.alive && (!best || r.load < best.load)) best = r;
    return best ?? writer;
  };

  const call = async (method: string, input: unknown): Promise<ApiResult<unknown>> => {
    const isRead = READ_METHODS.has(method as ArchiveMethod);
    const reply = await (isRead ? reader() : writer).call(method, input);
    // A read that turned out to write (a read-only connection refused it) runs again where writes may happen.
    if (reply.readonly) return (await writer.call(method, input)).result;
    return reply.result;
  };

  const client = {} as Record<string, unknown>;
  for (const method of ARCHIVE_METHODS) {
    client[method] = async (input: ApiInput<typeof method>, opts?: { signal?: AbortSignal }) => {
      if (opts?.signal?.aborted) throw new ArchiveError('INVALID_INPUT', 'Cancelled');
      const result = await call(method, input ?? {});
      if (!result.ok) throw new ArchiveError(result.error.code, result.error.message);
      return result.value as ApiOutput<typeof method>;
    };
  }

  let closing: Promise<void> | null = null;
  return {
    path: full,
    call,
    client: client as ArchiveClient,
    exportDownload: (id) => writer.exportDownload(id),
    async getAsset(sha256) {
      const asset = await reader().asset(sha256);
      return asset ? { mediaType: asset.mediaType, bytes: Buffer.from(asset.bytes) } : null;
    },
    async importPaths(paths, opts = {}) {
      const result = await writer.importPaths(paths, opts.onProgress, opts.signal);
      if (!result.ok) throw new ArchiveError(result.error.code, result.error.message);
      return result.value as ImportReport;
    },
    close() {
      closing ??= Promise.all([...readers.map((r) => r.close()), writer.close()]).then(() => undefined);
      return closing;
    },
  };
}
