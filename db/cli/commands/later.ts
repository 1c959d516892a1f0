// `stacks later add|remove|list|move` (the reading queue in its own order) and `stacks continue` (unfinished reading).
import type { Command } from 'commander';
import type { ArticleId, ArticleList, ArticleSummary } from '../../contract/types.js';
import type { CliContext } from '../context.js';
import { fail, parseId, printJson } from '../output.js';

const ids = (values: string[]): ArticleId[] => values.map((v) => parseId(v) as ArticleId);

/** Every page of a queue listing (the queue is read whole to number it and to move within it). */
async function all(fetch: (offset: number) => Promise<ArticleList>): Promise<ArticleList> {
  const items: ArticleSummary[] = [];
  for (;;) {
    const page = await fetch(items.length);
    items.push(...page.items);
    if (!page.items.length || items.length >= page.total) return { total: page.total, items };
  }
}

function printQueue(list: ArticleList, extra: (a: ArticleSummary) => string): void {
  process.stdout.write(`${list.total} article${list.total === 1 ? '' : 's'}\n`);
  list.items.forEach((a, i) => {
    process.stdout.write(
      `${String(i + 1).padStart(4)}. ${String(a.id).padStart(6)}  ${a.title}${a.siteName ? `  (${a.siteName})` : ''}${extra(a)}\n`,
    );
  });
}

/** Where `move` puts the article: a place counted from 1, or top, bottom, up, down (from where it is now). */
function targetIndex(to: string, current: number, count: number): number {
  if (to === 'top') return 0;
  if (to === 'bottom') return count;
  if (to === 'up') return Math.max(0, current - 1);
  if (to === 'down') return current + 1;
  const n = Number(to);
  if (!Number.isInteger(n) || n < 1) fail(`"${to}" is not a place: use a number from 1, or top, bottom, up, down.`);
  return n - 1;
}

export function registerLater(program: Command, ctx: CliContext): void {
  const later = program.command('later').description('The reading queue: add, remove, list, move');
  later
    .command('list')
    .description('The queue in its order')
    .option('--json', 'print {total, items} as JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await all((offset) => ctx.call('listLater', { offset, limit: 200 }));
      if (o.json) printJson(list);
      else printQueue(list, () => '');
    });
  later
    .command('add')
    .description('Put articles at the end of the queue')
    .argument('<ids...>')
    .option('--json')
    .action(async (values: string[], o: { json?: boolean }) => {
      const r = await ctx.call('addToLater', { ids: ids(values) });
      if (o.json) printJson(r);
      else process.stdout.write(`Added to Later (${r.changed} changed)\n`);
    });
  later
    .command('remove')
    .description('Take articles out of the queue')
    .argument('<ids...>')
    .option('--json')
    .action(async (values: string[], o: { json?: boolean }) => {
      const r = await ctx.call('removeFromLater', { ids: ids(values) });
      if (o.json) printJson(r);
      else process.stdout.write(`Removed from Later (${r.changed} changed)\n`);
    });
  later
    .command('move')
    .description('Move an article within the queue: to a place counted from 1, or top, bottom, up, down')
    .argument('<id>')
    .argument('<to>')
    .option('--json', 'print the queue after the move as JSON')
    .action(async (value: string, to: string, o: { json?: boolean }) => {
      const id = parseId(value) as ArticleId;
      const before = await all((offset) => ctx.call('listLater', { offset, limit: 200 }));
      const current = before.items.findIndex((a) => a.id === id);
      if (current < 0) fail(`Article ${id} is not in Later: \`stacks later add ${id}\` puts it there.`);
      await ctx.call('moveInLater', { id, to: targetIndex(to, current, before.items.length) });
      const after = await all((offset) => ctx.call('listLater', { offset, limit: 200 }));
      if (o.json) printJson(after);
      else printQueue(after, (a) => (a.id === id ? '  ←' : ''));
    });

  program
    .command('continue')
    .description('Continue reading: unfinished articles with a saved position, the most recently read first')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print {total, items} as JSON')
    .action(async (o: { limit: string; json?: boolean }) => {
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) fail(`--limit must be a positive whole number, not "${o.limit}".`);
      const list = await ctx.call('listContinueReading', { limit: Math.min(limit, 200) });
      if (o.json) printJson(list);
      else printQueue(list, (a) => `  ${Math.round(a.progress * 100)}% read, ${a.lastReadAt?.slice(0, 10) ?? ''}`);
    });
}
