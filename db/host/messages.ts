// What the archive host and its worker threads say to each other (structured-cloned over postMessage).
import type { ApiResult } from '../contract/api.js';
import type { ApiError } from '../contract/errors.js';
import type { ImportProgress } from '../contract/types.js';
import type { ExportDownload } from '../export/jobs.js';

export type ThreadRole = 'writer' | 'reader';

export interface ArchiveThreadData {
  path: string;
  role: ThreadRole;
  /** Create the file when it is missing (a new archive); otherwise a missing file is NOT_FOUND, never made anew. */
  create: boolean;
  nativeBinding?: string;
  /** The writer merges the search index's segments after this long without a call following a write (ms). */
  idleMergeMs?: number;
}

export type ToThread =
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'asset'; id: number; sha256: string }
  | { type: 'import'; id: number; paths: string[] }
  /** The file of a finished export (the app's protocol streams it as a download). */
  | { type: 'export'; id: number; exportId: string }
  | { type: 'cancel'; id: number }
  | { type: 'close' };

export interface ThreadAsset {
  mediaType: string;
  bytes: Uint8Array;
}

export type FromThread =
  | { type: 'ready' }
  | { type: 'failed'; error: ApiError }
  /** `readonly`: a reader met a write (SQLITE_READONLY); the host runs the call again on the writer. */
  | { type: 'result'; id: number; result: ApiResult<unknown>; readonly?: boolean }
  | { type: 'asset'; id: number; asset: ThreadAsset | null }
  | { type: 'export'; id: number; download: ExportDownload | null }
  | { type: 'progress'; id: number; progress: ImportProgress }
  | { type: 'unavailable'; message: string }
  | { type: 'closed' };
