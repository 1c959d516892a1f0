// `stacks import PATH...`: bulk import with a progress bar, a final report, JSON lines, Ctrl-C to stop safely.
import type { Command } from 'commander';
import type { ImportProgress } from '../../contract/types.js';
import type { CliContext } from '../context.js';
import { fail, printJson } from '../output.js';
import { progressBar } from '../progress.js';

function formatMegabytes(bytes: number): string {
  return (bytes / 1048576).toFixed(bytes < 10485760 ? 1 : 0);
}

function formatEta(ms: number | null): string {
  if (ms === null) return '--:--';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(
      'Import files and folders (recursively): text clippings, HTML pages, Markdown, MHTML (.mhtml, .mht), Safari web archives (.webarchive), web archives (.warc, .warc.gz, .wacz), ' +
        'and exports of Pocket, Instapaper, Omnivore, Wallabag, Readwise and browser bookmarks',
    )
    .argument('<paths...>', 'files or folders')
    .option('--json', 'one JSON line per file: {file, status, id?, error?}')
    .option('--no-progress', 'no progress bar')
    .action(async (paths: string[], opts: { json?: boolean; progress: boolean }) => {
      const api = ctx.api();
      const controller = new AbortController();
      // First Ctrl-C stops after the files in flight are committed; what is done stays, a re-run resumes.
      const onSigint = (): void => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
        process.stderr.write('\nStopping after the files in progress… (Ctrl-C again to quit at once)\n');
      };
      process.on('SIGINT', onSigint);
      const bar = progressBar(
        opts.progress,
        'Importing',
        ' | {read} | {imported} new, {duplicates} dup, {failed} failed | ETA {eta_text}',
      );
      const onProgress = (p: ImportProgress): void =>
        // A web archive's pages join the total once it has been listed.
        bar.update(p.done, p.total, {
          imported: p.imported,
          duplicates: p.duplicates,
          failed: p.failed,
          eta_text: formatEta(p.etaMs),
          // Bytes read: a web archive is read through once to list its pages before the first is imported.
          read: `${formatMegabytes(p.bytesDone ?? 0)}/${formatMegabytes(p.bytesTotal ?? 0)} MB`,
        });
      const report = await api
        .importPathsWithProgress(paths, {
          onProgress,
          onOutcome: opts.json ? (o) => printJson(o) : undefined,
          signal: controller.signal,
        })
        .finally(() => {
          bar.stop();
          process.off('SIGINT', onSigint);
        });
      if (!opts.json) {
        for (const o of report.outcomes) {
          if (o.status === 'failed') process.stderr.write(`failed     ${o.file}: ${o.error}\n`);
          for (const note of o.notes ?? []) process.stderr.write(`note       ${o.file}: ${note}\n`);
          for (const w of o.warnings ?? []) process.stderr.write(`warning    ${o.file}: ${w}\n`);
        }
        const versions = report.outcomes.filter((o) => o.newVersion).length;
        process.stdout.write(
          `Imported ${report.imported} (${versions} as new versions of existing articles), ` +
            `${report.duplicates} already in the archive, ${report.failed} failed.\n`,
        );
        if (report.cancelled) process.stdout.write('Cancelled: run the same command again to import the rest.\n');
      }
      // A storage failure (the disk is full) stops the run: every further file would fail the same way.
      if (report.stopped) fail(`Import stopped: ${report.stopped} Run the same command again to import the rest.`, 1);
      if (report.cancelled) fail('Import cancelled.', 130);
      if (report.failed > 0) fail(`${report.failed} file(s) could not be imported.`, 2);
    });
}
