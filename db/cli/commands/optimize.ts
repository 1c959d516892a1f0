// `stacks optimize`: merges the search index and ranks the heaviest searches ahead now, what the app does when idle.
import type { Command } from 'commander';
import { keepPagesInBackground, mergeIndexInBackground } from '../../search/index/article-index-sync.js';
import type { CliContext } from '../context.js';
import { fail, printJson } from '../output.js';
import { progressBar } from '../progress.js';

export function registerOptimize(program: Command, ctx: CliContext): void {
  program
    .command('optimize')
    .description(
      'Merge the search index and rank the heaviest words and prefixes ahead (the app does this by itself when ' +
        'idle); safe to stop and run again',
    )
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { db, readOnly } = ctx.api().archive;
      if (readOnly) fail('This archive is open read-only: its search index cannot be optimized.', 2);
      const started = Date.now();
      // Ctrl-C ends the process: every merge step and every ranked search is its own committed transaction.
      const bar = progressBar<{ phase: string }>(!opts.json, 'Optimizing', ' {phase}');
      bar.update(0, 1, { phase: 'merging the index' });
      const steps = (await mergeIndexInBackground(db)) ?? 0;
      const kept =
        (await keepPagesInBackground(db, (done, total) =>
          bar.update(done, total, { phase: 'ranking the heaviest searches ahead' }),
        )) ?? 0;
      bar.stop();
      const report = { mergeSteps: steps, keptSearches: kept, seconds: Math.round((Date.now() - started) / 100) / 10 };
      if (opts.json) printJson(report);
      else
        process.stdout.write(
          `Merged the search index in ${steps} step(s); ${kept} heavy search(es) ranked ahead (${report.seconds} s).\n`,
        );
    });
}
