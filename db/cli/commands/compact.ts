// `stacks compact`: stores every original and reader HTML still raw compressed, then gives the freed space back.
import type { Command } from 'commander';
import { compactArchive } from '../../codec/compact.js';
import type { CliContext } from '../context.js';
import { fail, printJson } from '../output.js';
import { progressBar } from '../progress.js';

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

export function registerCompact(program: Command, ctx: CliContext): void {
  program
    .command('compact')
    .description(
      'Compress the original bytes and reader HTML of older captures (fixity unchanged: verify hashes the ' +
        'decompressed bytes) and give the freed space back to the disk; safe to stop and run again',
    )
    .option('--no-vacuum', 'compress only: leave the freed space inside the file for later imports')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { vacuum: boolean; json?: boolean }) => {
      const { db, path, readOnly } = ctx.api().archive;
      if (readOnly) fail('This archive is open read-only: it cannot be compacted.', 2);
      const controller = new AbortController();
      // Ctrl-C stops after the batch in progress: every finished batch is committed, a re-run goes on from there.
      const onSigint = (): void => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
        process.stderr.write('\nStopping after the batch in progress… (Ctrl-C again to quit at once)\n');
      };
      process.on('SIGINT', onSigint);
      const bar = progressBar<{ phase: string }>(!opts.json, 'Compacting', ' {phase}');
      const report = await compactArchive(db, path, {
        vacuum: opts.vacuum,
        signal: controller.signal,
        onProgress: (p) =>
          bar.update(p.done, p.total, { phase: p.phase === 'vacuum' ? 'giving space back (VACUUM)' : 'compressing' }),
      }).finally(() => {
        bar.stop();
        process.off('SIGINT', onSigint);
      });
      if (opts.json) printJson(report);
      else {
        const saved = report.bytesBefore - report.bytesAfter;
        process.stdout.write(
          `Compacted: ${report.compressed} of ${report.checked} stored form(s) compressed` +
            `${report.vacuumed ? '' : ' (no VACUUM)'}. Archive ${mb(report.bytesBefore)} -> ${mb(report.bytesAfter)}, ` +
            `${mb(Math.max(0, saved))} reclaimed.\n`,
        );
        if (report.skippedDamaged > 0)
          process.stderr.write(
            `${report.skippedDamaged} original(s) no longer match their SHA-256 and were left as they are: run stacks verify.\n`,
          );
      }
      if (report.cancelled) fail('Compaction stopped: run stacks compact again to finish.', 130);
    });
}
