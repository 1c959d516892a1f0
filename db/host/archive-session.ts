// Which archive the desktop app has open: opening and switching (never mixing two), recent archives, stale calls refused.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../contract/api.js';
import { ArchiveError } from '../contract/errors.js';
import type { ImportReport } from '../contract/types.js';
import {
  archiveDisplayName,
  type ArchiveInfo,
  type NoticeName,
  type RecentArchive,
  type ShellNotices,
} from '../contract/notices.js';
import { resolveArchivePath } from '../paths.js';
import type { ExportDownload } from '../export/jobs.js';
import type { StoredAsset } from '../transport/assets.js';
import { startArchiveHost, type ArchiveHost, type ArchiveHostOptions, type ImportOptions } from './archive-host.js';
import { RecentArchives } from './recent-archives.js';

export type Notify = <N extends NoticeName>(name: N, payload: ShellNotices[N]) => void;

export interface ArchiveSessionOptions {
  /** Where the recent-archives list is kept (the app's per-user data folder). */
  recentFile: string;
  notify: Notify;
  nativeBinding?: string;
  readers?: number;
}

/**
 * `open` never creates a file (a recent archive on an unplugged drive must not come back empty); `create` makes a
 * new one and refuses a path already taken; `open-or-create` is the default archive and `--archive`.
 */
export type OpenMode = 'open' | 'create' | 'open-or-create';

export class ArchiveSession {
  readonly recent: RecentArchives;
  private current: { info: ArchiveInfo; host: ArchiveHost } | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  private imports = 0;

  constructor(private readonly options: ArchiveSessionOptions) {
    this.recent = new RecentArchives(options.recentFile);
  }

  /** The open archive, or null before the first open. */
  get info(): ArchiveInfo | null {
    return this.current?.info ?? null;
  }

  /**
   * Opens `file` and, once it is open, makes it the current archive: the previous one is closed after (its calls
   * finish first), and the page is told with an `archive-switched` notice carrying a new key. When the new file
   * cannot be opened the current archive stays open and the error says why.
   */
  open(file: string, mode: OpenMode = 'open'): Promise<ArchiveInfo> {
    // One switch at a time, in the order asked.
    const run = this.busy.then(() => this.switchTo(path.resolve(file), mode));
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async switchTo(full: string, mode: OpenMode): Promise<ArchiveInfo> {
    if (this.current?.info.path === full) return this.current.info;
    if (this.imports > 0) {
      throw new ArchiveError(
        'INVALID_INPUT',
        'An import is running in this archive. Cancel it (File › Cancel Import) or let it finish before switching.',
      );
    }
    if (mode === 'create' && fs.existsSync(full)) {
      throw new ArchiveError('INVALID_INPUT', `${full} already exists. Use Open Archive… to open it.`);
    }
    const name = archiveDisplayName(full);
    const hostOptions: ArchiveHostOptions = {
      create: mode !== 'open',
      onUnavailable: (message) => {
        if (this.current?.host === host) this.options.notify('archive-unavailable', { path: full, name, message });
      },
    };
    if (this.options.nativeBinding) hostOptions.nativeBinding = this.options.nativeBinding;
    if (this.options.readers !== undefined) hostOptions.readers = this.options.readers;
    const host: ArchiveHost = await startArchiveHost(full, hostOptions);
    const previous = this.current;
    const info: ArchiveInfo = { key: randomBytes(12).toString('hex'), path: full, name };
    this.current = { info, host };
    this.recent.add(full);
    this.options.notify('archive-switched', info);
    await previous?.host.close();
    return info;
  }

  /** A contract call from the page, refused when it was meant for an archive that is no longer the open one. */
  async call(method: string, input: unknown, key: unknown): Promise<ApiResult<unknown>> {
    const current = this.current;
    if (!current) return { ok: false, error: { code: 'UNAVAILABLE', message: 'No archive is open.' } };
    if (key !== current.info.key) {
      return {
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: `This call was meant for an archive that is no longer open (now open: ${current.info.name}). Nothing was changed.`,
        },
      };
    }
    return current.host.call(method, input);
  }

  /** A finished export of the open archive, for the app's protocol to hand over as a download. */
  exportDownload(id: string): Promise<ExportDownload | null> {
    return this.current ? this.current.host.exportDownload(id) : Promise.resolve(null);
  }

  getAsset(sha256: string): Promise<StoredAsset | null> {
    return this.current ? this.current.host.getAsset(sha256) : Promise.resolve(null);
  }

  /** Imports into the open archive; the archive cannot be switched while this runs. */
  async importPaths(paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
    if (!this.current) throw new ArchiveError('UNAVAILABLE', 'No archive is open.');
    this.imports++;
    try {
      return await this.current.host.importPaths(paths, options);
    } finally {
      this.imports--;
    }
  }

  get importing(): boolean {
    return this.imports > 0;
  }

  /** Closes the open archive (on quit). */
  async close(): Promise<void> {
    await this.busy;
    const current = this.current;
    this.current = null;
    await current?.host.close();
  }
}

/**
 * The archive to open at launch: `--archive`/STACKS_ARCHIVE when given, else the last one used when it is there,
 * else the default file. `skipped` is a last-used archive that is not reachable now (to say so, not to create it).
 */
export function startupArchive(
  explicit: string | undefined,
  recent: RecentArchive[],
  env: NodeJS.ProcessEnv = process.env,
): { path: string; mode: OpenMode; skipped: RecentArchive | null } {
  if (explicit || env.STACKS_ARCHIVE)
    return { path: resolveArchivePath(explicit, env), mode: 'open-or-create', skipped: null };
  const last = recent[0];
  if (last?.available) return { path: last.path, mode: 'open', skipped: null };
  return { path: resolveArchivePath(undefined, env), mode: 'open-or-create', skipped: last ?? null };
}
