// `stacks search QUERY`: ranked hits with marked snippets, total and facets; --json for scripts.
import type { Command } from 'commander';
import type { SearchSort } from '../../contract/types.js';
import type { CliContext } from '../context.js';
import { fail, formatDate, printJson, renderMarks } from '../output.js';

export function registerSearch(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description(
      'Search the archive (words, "phrases", prefix*, OR, -not, title:, author:, site:, url:, before:, after:, year:, tag:, collection:, color:, is:, has:, in:annotations)',
    )
    .argument('<query...>', 'the query')
    .option('--sort <sort>', 'relevance | newest | oldest', 'relevance')
    .option('--limit <n>', 'hits per page', '20')
    .option('--offset <n>', 'hits to skip', '0')
    .option('--annotations', 'search annotations (same as in:annotations)')
    .option('--json', 'print {total, hits, facets} as JSON')
    // `-moscow` is the query language's "not moscow", not an option: words with one dash are query words.
    .allowUnknownOption()
    .action(
      async (
        words: string[],
        opts: { sort: string; limit: string; offset: string; annotations?: boolean; json?: boolean },
      ) => {
        // A mistyped long option (--jsno) is still an error, not something to search for.
        const typo = words.find((w) => /^--[a-z][a-z-]*$/i.test(w));
        if (typo) fail(`unknown option '${typo}' (to search for it, put it after --)`);
        const result = await ctx.call('search', {
          query: words.join(' '),
          sort: opts.sort as SearchSort,
          limit: Number(opts.limit),
          offset: Number(opts.offset),
          ...(opts.annotations ? { scope: 'annotations' as const } : {}),
        });
        if (opts.json) {
          printJson({
            total: result.total,
            hits: result.hits.map((h) => ({
              id: h.id,
              title: h.title,
              site: h.siteName,
              publishedAt: h.publishedAt,
              snippet: h.snippet,
              score: h.score,
              ...(h.annotationId ? { annotationId: h.annotationId } : {}),
            })),
            facets: result.facets,
            warnings: result.warnings,
          });
          return;
        }
        for (const w of result.warnings) process.stderr.write(`note: ${w}\n`);
        process.stdout.write(`${result.total} result${result.total === 1 ? '' : 's'}\n`);
        for (const h of result.hits) {
          process.stdout.write(
            `\n${String(h.id).padStart(6)}  ${formatDate(h.publishedAt ?? h.addedAt)}  ${h.title}` +
              `${h.siteName ? `  (${h.siteName})` : ''}${h.annotationId ? `  [annotation ${h.annotationId}]` : ''}\n`,
          );
          process.stdout.write(`        ${renderMarks(h.snippet).replace(/\s+/g, ' ')}\n`);
        }
        const sites = result.facets.site
          .slice(0, 5)
          .map((f) => `${f.value} ${f.count}`)
          .join(', ');
        const years = result.facets.year
          .slice(0, 5)
          .map((f) => `${f.value} ${f.count}`)
          .join(', ');
        if (sites) process.stdout.write(`\nsites: ${sites}\n`);
        if (years) process.stdout.write(`years: ${years}\n`);
      },
    );
}
