// Exports the app starts: each runs in the background into a private folder, reports progress, and is fetched when done.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArchiveError, toApiError } from '../contract/errors.js';
import type { ExportJob, ExportJobRequest, ExportProgress } from '../contract/types.js';
import type { Archive } from '../open.js';
import { checkBagInfo } from './bagit.js';
import { exportPackage, packageDownload, resolveExportScope } from './index.js';
import { ExportCancelled } from './run.js';

/** A finished job's file, for the transport that hands it over (an HTTP download, a copy to a picked path). */
export interface ExportDownload {
  path: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
}

export interface ExportJobs {
  start(req: ExportJobRequest): ExportJob;
  status(id: string): ExportJob;
  cancel(id: string): ExportJob;
  download(id: string): ExportDownload | null;
  /** Cancels what runs and removes every file. */
  dispose(): Promise<void>;
}

interface Entry {
  job: ExportJob;
  controller: AbortController;
  file: string;
  done: Promise<void>;
  finishedAt: number | null;
}

/** A finished package waits this long for its download, then its file is removed. */
const KEEP_MS = 60 * 60 * 1000;

export function createExportJobs(archive: Archive, baseDir = os.tmpdir()): ExportJobs {
  const entries = new Map<string, Entry>();
  let dir: string | null = null;
  const workDir = (): string => (dir ??= fs.mkdtempSync(path.join(baseDir, 'stacks-exports-')));

  const expire = (): void => {
    const now = Date.now();
    for (const [id, e] of entries) {
      if (e.finishedAt !== null && now - e.finishedAt > KEEP_MS) {
        fs.rmSync(e.file, { recursive: true, force: true });
        entries.delete(id);
      }
    }
  };

  const get = (id: string): Entry => {
    expire();
    const e = entries.get(id);
    if (!e) throw new ArchiveError('NOT_FOUND', `There is no export ${id} (finished exports are kept for an hour).`);
    return e;
  };

  const snapshot = (e: Entry): ExportJob => ({ ...e.job, progress: { ...e.job.progress } });

  return {
    start(req) {
      expire();
      // Problems with the request (unknown collection, a bad bag-info label) are answered now, not as a failed job.
      const scope = resolveExportScope(archive, req);
      checkBagInfo(req.bagInfo);
      const id = randomBytes(12).toString('hex');
      const { fileName, mediaType } = packageDownload(req.format, scope.label);
      const file = path.join(workDir(), `${id}-${fileName}`);
      const progress: ExportProgress = {
        phase: 'articles',
        done: 0,
        total: scope.ids.length,
        bytes: 0,
        currentTitle: null,
        elapsedMs: 0,
      };
      const job: ExportJob = {
        id,
        format: req.format,
        state: 'running',
        progress,
        fileName: null,
        mediaType: null,
        byteSize: null,
        articles: scope.ids.length,
        error: null,
      };
      const controller = new AbortController();
      const entry: Entry = { job, controller, file, done: Promise.resolve(), finishedAt: null };
      const scopeInput =
        req.ids !== undefined
          ? { ids: req.ids }
          : req.collection !== undefined
            ? { collection: req.collection }
            : req.query !== undefined
              ? { query: req.query }
              : {};
      entry.done = exportPackage(archive, {
        format: req.format,
        target: file,
        scope: scopeInput,
        zip: true,
        ...(req.bagInfo ? { bagInfo: req.bagInfo } : {}),
        signal: controller.signal,
        onProgress: (p) => {
          job.progress = p;
        },
      }).then(
        (result) => {
          job.state = 'done';
          job.fileName = fileName;
          job.mediaType = mediaType;
          job.byteSize = fs.statSync(result.path).size;
          entry.finishedAt = Date.now();
        },
        (err: unknown) => {
          job.state = err instanceof ExportCancelled ? 'cancelled' : 'failed';
          job.error = err instanceof ExportCancelled ? null : toApiError(err).message;
          entry.finishedAt = Date.now();
        },
      );
      entries.set(id, entry);
      return snapshot(entry);
    },
    status: (id) => snapshot(get(id)),
    cancel(id) {
      const e = get(id);
      if (e.job.state === 'running') e.controller.abort();
      return snapshot(e);
    },
    download(id) {
      const e = entries.get(id);
      if (!e || e.job.state !== 'done' || !e.job.fileName || !e.job.mediaType) return null;
      return { path: e.file, fileName: e.job.fileName, mediaType: e.job.mediaType, byteSize: e.job.byteSize ?? 0 };
    },
    async dispose() {
      for (const e of entries.values()) e.controller.abort();
      await Promise.all([...entries.values()].map((e) => e.done));
      entries.clear();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}
