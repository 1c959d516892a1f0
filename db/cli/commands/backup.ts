// `stacks backup [FILE]`, `stacks backups`, and the backup half of `stacks restore FILE`: copies that can be trusted.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { backupDatabase, type BackupProgress } from '../../backup/backup.js';
import { restoreArchive } from '../../backup/restore.js';
import { backupNow, backupStatus, setBackupSettings } from '../../backup/rotation.js';
import type { CliContext } from '../context.js';
import { fail, printJson } from '../output.js';

/** Words a user may type after `stacks backup` meaning a subcommand that lives elsewhere. */
const LOOKS_LIKE_A_COMMAND = new Set(['list', 'ls', 'show', 'status', 'restore', 'now', 'help']);

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

/**
 * Progress on stderr: a rewritten line on a terminal, otherwise a line per tenth (scripts and tests read those).
 * Pages, not bytes: SQLite reports the backup's progress in pages.
 */
function progressPrinter(what: string): ((p: BackupProgress) => void) & { end(): void } {
  const tty = process.stderr.isTTY === true;
  let lastTenth = -1;
  const print = (p: BackupProgress): void => {
    if (p.totalPages === 0) return;
    const share = (p.totalPages - p.remainingPages) / p.totalPages;
    if (tty) process.stderr.write(`\r${what} ${Math.floor(share * 100)}%`);
    else {
      const tenth = Math.floor(share * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      process.stderr.write(`${what} ${p.totalPages - p.remainingPages}/${p.totalPages} pages\n`);
    }
  };
  return Object.assign(print, { end: () => tty && process.stderr.write('\n') });
}

export function registerBackup(program: Command, ctx: CliContext): void {
  program
    .command('backup')
    .description(
      'Copy the archive safely while it is in use (to FILE, or into its backups folder when no FILE is given)',
    )
    .argument('[file]', 'the backup file to write')
    .option('--json', 'print {file, bytes, pages, ms}')
    .action(async (file: string | undefined, opts: { json?: boolean }) => {
      const { db, path: archivePath, readOnly } = ctx.api().archive;
      if (!file && readOnly)
        fail(
          `The archive is read-only, so its backups folder beside it cannot be written: name a file elsewhere (stacks backup FILE).`,
        );
      const progress = progressPrinter('Backing up');
      const pagesPerStep = Number(process.env.STACKS_BACKUP_STEP_PAGES) || undefined;
      const pauseMs = Number(process.env.STACKS_BACKUP_PAUSE_MS) || undefined;
      const options = {
        onProgress: progress,
        ...(pagesPerStep ? { pagesPerStep } : {}),
        ...(pauseMs ? { pauseMs } : {}),
      };
      if (file && path.resolve(file) === archivePath) fail('The backup file cannot be the archive itself.');
      // `stacks backup list` reads like a subcommand; writing a backup file called "list" would surprise.
      if (file && LOOKS_LIKE_A_COMMAND.has(file) && !fs.existsSync(file))
        fail(
          `"${file}" looks like a command, not a backup file: \`stacks backups\` lists the backups and ` +
            `\`stacks restore FILE\` puts one back. To write a backup file of that name, give a path such as ./${file}.`,
        );
      const result = file ? await backupDatabase(db, file, options) : await backupNow(db, archivePath, options);
      progress.end();
      if (opts.json) printJson(result);
      else process.stdout.write(`Backed up to ${result.file} (${mb(result.bytes)}, ${Math.round(result.ms)} ms)\n`);
    });

  program
    .command('backups')
    .description('List the automatic backups and change how many are kept')
    .option('--keep <n>', 'keep the newest N automatic backups (1-100)')
    .option('--automatic <on|off>', 'make a backup once a day when the archive is opened for writing')
    .option('--json', 'print as JSON')
    .action((opts: { keep?: string; automatic?: string; json?: boolean }) => {
      const { db, path: archivePath } = ctx.api().archive;
      if (opts.keep !== undefined) {
        const keep = Number(opts.keep);
        if (!Number.isInteger(keep) || keep < 1 || keep > 100)
          fail(`--keep takes a number from 1 to 100, not "${opts.keep}".`);
        setBackupSettings(db, { keep });
      }
      if (opts.automatic !== undefined) {
        if (opts.automatic !== 'on' && opts.automatic !== 'off') fail('--automatic takes "on" or "off".');
        setBackupSettings(db, { automatic: opts.automatic === 'on' });
      }
      const status = backupStatus(db, archivePath);
      if (opts.json) return printJson(status);
      process.stdout.write(
        `Automatic backups: ${status.automatic ? 'on' : 'off'}, newest ${status.keep} kept, in ${status.folder}\n`,
      );
      for (const b of status.backups)
        process.stdout.write(
          `${b.createdAt}  ${mb(b.bytes).padStart(10)}  ${b.name}${b.kind === 'before-restore' ? '  (before a restore)' : ''}\n`,
        );
      if (status.backups.length === 0) process.stdout.write('No backups yet.\n');
    });
}

/** `stacks restore FILE [--verify]`: the archive named by --archive becomes the backup's content, checked first. */
export async function restoreFromBackup(
  ctx: CliContext,
  file: string,
  opts: { verify?: boolean; json?: boolean },
): Promise<void> {
  // The archive must not be open in this process: the restore writes it through its own connection.
  await ctx.close();
  const progress = progressPrinter('Restoring');
  const tty = process.stderr.isTTY === true;
  const pauseMs = Number(process.env.STACKS_BACKUP_PAUSE_MS) || undefined;
  const result = await restoreArchive(ctx.archivePath(), file, {
    verify: opts.verify ?? false,
    ...(pauseMs ? { pauseMs } : {}),
    onProgress: progress,
    onPhase: (phase) => {
      if (phase !== 'restoring')
        process.stderr.write(`${tty ? '\n' : ''}${phase[0]!.toUpperCase()}${phase.slice(1)}…\n`);
    },
  });
  progress.end();
  if (opts.json) return printJson(result);
  const c = result.check;
  process.stdout.write(
    `Restored ${c.file}: ${c.articles} articles, ${c.captures} captures, ${c.annotations} annotations ` +
      `(fixity checked for ${c.fixityChecked} of ${c.fixityTotal} stored items).\n`,
  );
  if (result.previous) process.stdout.write(`The archive as it was before is saved as ${result.previous}\n`);
}
