// `stacks reextract [--all | ID...]`: today's extractors run again on the stored originals of existing articles.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { fail, parseId, printJson } from '../output.js';

export function registerReextract(program: Command, ctx: CliContext): void {
  program
    .command('reextract')
    .description(
      'Extract articles again from their stored originals with the current extractors (title, authors, date, text); ' +
        'annotations are placed again and the old values stay in the history',
    )
    .argument('[ids...]', 'article ids')
    .option('--all', 'every article in the archive')
    .option('--json', 'one JSON line per article: {id, status, error?, titleKept?}')
    .action(async (args: string[], opts: { all?: boolean; json?: boolean }) => {
      if (!opts.all && args.length === 0) fail('Name the articles to re-extract, or use --all.', 2);
      if (opts.all && args.length > 0) fail('Use either --all or article ids, not both.', 2);
      const ids = opts.all ? undefined : args.map((a) => parseId(a));
      const api = ctx.api();
      // Loaded here: the extractors cost other commands start-up time they do not need.
      const { reextractArticles } = await import('../../ingest/reextract.js');
      const controller = new AbortController();
      // Ctrl-C stops after the article in progress; what is done stays done, and a re-run finds it unchanged.
      const onSigint = (): void => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
        process.stderr.write('\nStopping after the article in progress… (Ctrl-C again to quit at once)\n');
      };
      process.on('SIGINT', onSigint);
      const tty = process.stderr.isTTY === true && !opts.json;
      const report = await reextractArticles(api.archive.db, {
        ...(ids ? { ids } : {}),
        signal: controller.signal,
        onProgress: tty ? (p) => process.stderr.write(`\rRe-extracting ${p.done}/${p.total}`) : undefined,
        onOutcome: opts.json ? (o) => printJson(o) : undefined,
      }).finally(() => {
        if (tty) process.stderr.write('\n');
        process.off('SIGINT', onSigint);
      });
      if (!opts.json) {
        for (const o of report.outcomes) {
          if (o.status === 'failed') process.stderr.write(`failed     ${o.id}: ${o.error}\n`);
          if (o.status === 'skipped') process.stderr.write(`skipped    ${o.id}: ${o.error}\n`);
          if (o.titleKept)
            process.stderr.write(`kept title ${o.id}: you renamed it, the new title is in its history\n`);
        }
        const a = report.annotations;
        process.stdout.write(
          `Re-extracted ${report.total}: ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped, ${report.failed} failed. ` +
            `Annotations on updated articles: ${a.exact} in place, ${a.fuzzy} moved, ${a.orphan} orphaned.\n`,
        );
      }
      if (report.cancelled) fail('Re-extraction cancelled: run it again to finish.', 130);
      if (report.failed > 0) fail(`${report.failed} article(s) could not be re-extracted.`, 2);
    });
}
