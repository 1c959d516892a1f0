// Exports the app starts: each runs in the background into a private folder, reports progress, and is fetched when done.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toApiError } from '../contract/errors.js';
import { createJobTable } from '../jobs.js';
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

/** A finished package waits this long for its download, then its file is removed. */
const KEEP_MS = 60 * 60 * 1000;

export function createExportJobs(archive: Archive, baseDir = os.tmpdir()): ExportJobs {
  let dir: string | null = null;
  const workDir = (): string => (dir ??= fs.mkdtempSync(path.join(baseDir, 'stacks-exports-')));
  /** Each job's package file, removed when the job is forgotten. */
  const files = new Map<string, string>();
  const table = createJobTable<ExportJob>({
    noun: 'export',
    keepMs: KEEP_MS,
    keptFor: 'an hour',
    onForget: (job) => {
      const file = files.get(job.id);
      if (file) fs.rmSync(file, { recursive: true, force: true });
      files.delete(job.id);
    },
  });

  return {
    start(req) {
      // Problems with the request (unknown collection, a bad bag-info label) are answered now, not as a failed job.
      const scope = resolveExportScope(archive, req);
      checkBagInfo(req.bagInfo);
      const { fileName, mediaType } = packageDownload(req.format, scope.label);
      const scopeInput =
        req.ids !== undefined
          ? { ids: req.ids }
          : req.collection !== undefined
            ? { collection: req.collection }
            : req.query !== undefined
              ? { query: req.query }
              : {};
      const progress: ExportProgress = {
        phase: 'articles',
        done: 0,
        total: scope.ids.length,
        bytes: 0,
        currentTitle: null,
        elapsedMs: 0,
      };
      return table.start(
        (id) => ({
          id,
          format: req.format,
          state: 'running',
          progress,
          fileName: null,
          mediaType: null,
          byteSize: null,
          articles: scope.ids.length,
          error: null,
        }),
        async (job, signal) => {
          const file = path.join(workDir(), `${job.id}-${fileName}`);
          files.set(job.id, file);
          try {
            const result = await exportPackage(archive, {
              format: req.format,
              target: file,
              scope: scopeInput,
              zip: true,
              ...(req.bagInfo ? { bagInfo: req.bagInfo } : {}),
              signal,
              onProgress: (p) => (job.progress = p),
            });
            job.state = 'done';
            job.fileName = fileName;
            job.mediaType = mediaType;
            job.byteSize = fs.statSync(result.path).size;
          } catch (err) {
            job.state = err instanceof ExportCancelled ? 'cancelled' : 'failed';
            job.error = err instanceof ExportCancelled ? null : toApiError(err).message;
          }
        },
      );
    },
    status: (id) => table.status(id),
    cancel: (id) => table.cancel(id),
    download(id) {
      const job = table.peek(id);
      const file = files.get(id);
      if (!job || !file || job.state !== 'done' || !job.fileName || !job.mediaType) return null;
      return { path: file, fileName: job.fileName, mediaType: job.mediaType, byteSize: job.byteSize ?? 0 };
    },
    async dispose() {
      await table.dispose();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}
