// Opens the archive named by --archive / STACKS_ARCHIVE / the per-user default, once per command run.
import type { Command } from 'commander';
import { createArchiveApi, type ArchiveService } from '../api.js';
import type { ApiInput, ApiOutput, ArchiveMethod } from '../contract/api.js';
import { autoBackup } from '../backup/rotation.js';
import { ArchiveError } from '../contract/errors.js';
import { BACKGROUND_INDEX_FROM, openArchive, type MigrationStep } from '../open.js';
import type { CatchUpProgress } from '../search/index/article-index-file.js';
import { resolveArchivePath } from '../paths.js';
import { invokeApi } from '../transport/dispatch.js';

export interface ApiOpenOptions {
  /**
   * A missing, old or foreign search index is rebuilt on a helper thread while the archive is already in use, as
   * the app does (search answers say they are catching up), instead of before the command runs. Only the first
   * open of a run decides.
   */
  indexInBackground?: boolean;
}

export interface CliContext {
  /**
   * Calls one contract method through the validating dispatcher, as IPC and HTTP do: same limits, same error
   * codes. Failures are thrown as ArchiveError, which main() prints as `stacks: message [CODE]`.
   */
  call<M extends ArchiveMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  /**
   * The archive itself, for what only a local user may do and the contract therefore lacks: importing paths named
   * on the command line (with progress and Ctrl-C), verify with a progress line, serving it over HTTP.
   */
  api(options?: ApiOpenOptions): ArchiveService;
  archivePath(): string;
  /** The daily automatic backup (db/backup/rotation.ts), before a command that changes the archive. */
  dailyBackup(command: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Commands that change the archive, by their path (`annotations import`), and so get the daily backup first.
 * `restore` is not one: restoring a backup saves the archive as it was anyway, and must not hold it open.
 */
const WRITE_COMMANDS = new Set([
  'import',
  'annotate',
  'annotations import',
  'annotations edit',
  'annotations delete',
  'annotations restore',
  'annotations colors',
  'tag',
  'untag',
  'collection add',
  'collection remove',
  'mark',
  'trash',
  'saved-search save',
  'saved-search delete',
  'serve',
  'capture',
  'clipper pair',
  'edit',
  'delete',
  'later add',
  'later remove',
  'later move',
]);

/**
 * Says on stderr which migration an archive made by an older Stacks is being upgraded by: at a million articles one
 * that builds an index takes seconds, which would otherwise pass in silence before the command starts.
 */
function printUpgradeStep({ done, total, name }: MigrationStep): void {
  process.stderr.write(`Upgrading the archive for this version of Stacks (${done + 1} of ${total}): ${name}\n`);
}

/**
 * Prints the progress of a long search index catch-up (a rebuild of a missing, old or foreign index) on stderr:
 * a line updated in place on a terminal, a line per tenth otherwise. Short catch-ups print nothing.
 */
function indexProgressPrinter(): (p: CatchUpProgress) => void {
  let shown = -1;
  const tty = process.stderr.isTTY === true;
  return ({ done, total }) => {
    if (total < BACKGROUND_INDEX_FROM) return;
    const percent = Math.floor((100 * done) / total);
    if (tty ? percent === shown : Math.floor(percent / 10) === Math.floor(shown / 10)) return;
    shown = percent;
    const line = `Building the search index: ${percent}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`;
    process.stderr.write(tty ? `\r${line}${done >= total ? '\n' : ''}` : `${line}\n`);
  };
}

export function createContext(program: Command): CliContext {
  let service: ArchiveService | null = null;
  const archivePath = (): string => resolveArchivePath(program.opts<{ archive?: string }>().archive);
  const api = (options: ApiOpenOptions = {}): ArchiveService => {
    // Opened on first use: commands that never touch the archive (help) never create a file.
    service ??= createArchiveApi(
      openArchive(archivePath(), {
        onIndexProgress: indexProgressPrinter(),
        onUpgrade: printUpgradeStep,
        ...(options.indexInBackground ? { indexInBackground: true } : {}),
      }),
    );
    return service;
  };
  return {
    archivePath,
    api,
    call: (method, input) => invokeApi(api(), method, input),
    async dailyBackup(command) {
      if (!WRITE_COMMANDS.has(command)) return;
      // The server listens at once, as the app opens at once: its index (if it needs a rebuild) catches up behind it.
      const { db, path: file, readOnly } = this.api({ indexInBackground: command === 'serve' }).archive;
      if (readOnly) {
        // Said before the command starts, so it neither half-runs nor leaves anything beside the archive. The
        // server still serves a read-only archive: reading and searching work, its writes answer READ_ONLY.
        if (command === 'serve') return;
        throw new ArchiveError(
          'READ_ONLY',
          `The archive is read-only (${file} is on read-only media, or its folder or file cannot be written): ` +
            `\`${command}\` would change it. Reading, searching and exporting work; copy it to a folder you can write to to change it.`,
        );
      }
      const tty = process.stderr.isTTY === true;
      const running = autoBackup(db, file).then(
        (made) => {
          if (made && tty) process.stderr.write(`Daily backup: ${made.file}\n`);
        },
        (err: unknown) => process.stderr.write(`stacks: the daily backup failed: ${(err as Error).message}\n`),
      );
      // The server starts at once and backs up in the background; other commands wait (a few seconds a day).
      if (command !== 'serve') await running;
    },
    async close() {
      if (!service) return;
      await service.dispose();
      service.archive.close();
      service = null;
    },
  };
}
