// `stacks list`: articles newest first (or by published date, title, site or author), with filters.
import type { Command } from 'commander';
import type { ArticleListFilter, ArticleSort } from '../../contract/types.js';
import type { CliContext } from '../context.js';
import { formatDate, printJson } from '../output.js';

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('List articles')
    .option('--sort <sort>', 'added | published | title | site | author', 'added')
    .option('--order <order>', 'asc | desc')
    .option('--limit <n>', 'how many', '50')
    .option('--offset <n>', 'how many to skip', '0')
    .option('--tag <tag>', 'only with this tag')
    .option('--collection <name>', 'only in this collection')
    .option('--site <site>', 'only from this site')
    .option('--unread', 'only unread')
    .option('--favorites', 'only favorites')
    .option('--trash', 'list the trash')
    .option('--json', 'print {total, items} as JSON')
    .action(
      async (opts: {
        sort: string;
        order?: string;
        limit: string;
        offset: string;
        tag?: string;
        collection?: string;
        site?: string;
        unread?: boolean;
        favorites?: boolean;
        trash?: boolean;
        json?: boolean;
      }) => {
        const filter: ArticleListFilter = {
          ...(opts.tag ? { tag: opts.tag } : {}),
          ...(opts.collection ? { collection: opts.collection } : {}),
          ...(opts.site ? { site: opts.site } : {}),
          ...(opts.unread ? { state: 'unread' as const } : {}),
          ...(opts.favorites ? { favorite: true } : {}),
          ...(opts.trash ? { trashed: true } : {}),
        };
        const list = await ctx.call('listArticles', {
          sort: opts.sort as ArticleSort,
          ...(opts.order ? { order: opts.order as 'asc' | 'desc' } : {}),
          limit: Number(opts.limit),
          offset: Number(opts.offset),
          filter,
        });
        if (opts.json) {
          printJson(list);
          return;
        }
        process.stdout.write(`${list.total} article${list.total === 1 ? '' : 's'}\n`);
        for (const a of list.items) {
          const flags = `${a.isRead ? ' ' : '•'}${a.isFavorite ? '★' : ' '}`;
          process.stdout.write(
            `${String(a.id).padStart(6)} ${flags} ${formatDate(a.publishedAt ?? a.addedAt)}  ${a.title}` +
              `${a.siteName ? `  (${a.siteName})` : ''}${a.tags.length ? `  #${a.tags.join(' #')}` : ''}` +
              `${a.linkOnly ? '  [not captured yet]' : ''}\n`,
          );
        }
      },
    );
}
