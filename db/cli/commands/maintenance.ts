// `stacks verify`, `stacks stats`: fixity and counts.
import type { Command } from 'commander';
import { verifyArchive } from '../../verify.js';
import type { CliContext } from '../context.js';
import { fail, printJson } from '../output.js';

export function registerMaintenance(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description('Recompute the SHA-256 of every stored capture and asset and report mismatches')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const tty = process.stderr.isTTY === true && !opts.json;
      const { db, readOnly } = ctx.api().archive;
      const report = verifyArchive(db, {
        record: !readOnly,
        onProgress: tty ? (n, total) => process.stderr.write(`\rVerifying ${n}/${total}`) : undefined,
      });
      if (tty) process.stderr.write('\n');
      if (opts.json) printJson(report);
      else {
        process.stdout.write(`Checked ${report.checked}: ${report.ok} ok, ${report.mismatches.length} mismatched.\n`);
        for (const m of report.mismatches) {
          process.stdout.write(
            `MISMATCH ${m.kind} ${m.sha256}${m.articleId ? ` (article ${m.articleId})` : ''}: now ${m.actual}\n`,
          );
        }
      }
      if (report.mismatches.length > 0)
        fail(`${report.mismatches.length} stored item(s) no longer match their SHA-256.`, 3);
    });

  program
    .command('stats')
    .description('Counts and sizes')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const s = await ctx.call('stats', {});
      if (opts.json) {
        printJson(s);
        return;
      }
      const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;
      process.stdout.write(
        [
          `Archive:     ${s.path} (schema ${s.schemaVersion})`,
          `Articles:    ${s.articles}`,
          `Captures:    ${s.captures}`,
          `Assets:      ${s.assets}`,
          `Annotations: ${s.annotations} (${s.orphans} orphaned)`,
          `Tags:        ${s.tags}`,
          `Collections: ${s.collections}`,
          `Originals:   ${mb(s.bytesOriginal)}`,
          `File size:   ${mb(s.fileBytes)}`,
        ].join('\n') + '\n',
      );
    });
}
