// `stacks tag|untag|collection|mark|trash|restore|saved-search`: organizing articles from the command line.
import type { Command } from 'commander';
import type { ArticleId } from '../../contract/types.js';
import type { CliContext } from '../context.js';
import { restoreFromBackup } from './backup.js';
import { emptyTrash } from './edit-delete.js';
import { fail, parseId, printJson } from '../output.js';

const ids = (values: string[]): ArticleId[] => values.map((v) => parseId(v) as ArticleId);

function done(json: boolean | undefined, value: { changed: number }, text: string): void {
  if (json) printJson(value);
  else process.stdout.write(`${text} (${value.changed} changed)\n`);
}

export function registerOrganize(program: Command, ctx: CliContext): void {
  program
    .command('tag')
    .description('Add tags to an article')
    .argument('<id>')
    .argument('<tags...>')
    .option('--json')
    .action(async (id: string, tags: string[], o: { json?: boolean }) =>
      done(o.json, await ctx.call('tagArticles', { ids: ids([id]), tags }), `Tagged ${id}: ${tags.join(', ')}`),
    );

  program
    .command('untag')
    .description('Remove tags from an article')
    .argument('<id>')
    .argument('<tags...>')
    .option('--json')
    .action(async (id: string, tags: string[], o: { json?: boolean }) =>
      done(o.json, await ctx.call('untagArticles', { ids: ids([id]), tags }), `Untagged ${id}: ${tags.join(', ')}`),
    );

  const collection = program.command('collection').description('Collections: list, add, remove');
  collection
    .command('list')
    .option('--json')
    .action(async (o: { json?: boolean }) => {
      const list = await ctx.call('listCollections', {});
      if (o.json) printJson(list);
      else for (const c of list) process.stdout.write(`${c.name} (${c.count})\n`);
    });
  collection
    .command('add')
    .argument('<name>')
    .argument('<ids...>')
    .option('--json')
    .action(async (name: string, values: string[], o: { json?: boolean }) =>
      done(o.json, await ctx.call('addToCollection', { ids: ids(values), collection: name }), `Added to "${name}"`),
    );
  collection
    .command('remove')
    .argument('<name>')
    .argument('<ids...>')
    .option('--json')
    .action(async (name: string, values: string[], o: { json?: boolean }) =>
      done(
        o.json,
        await ctx.call('removeFromCollection', { ids: ids(values), collection: name }),
        `Removed from "${name}"`,
      ),
    );

  program
    .command('mark')
    .description('Mark articles: read | unread | favorite | unfavorite | archived | unarchived')
    .argument('<state>')
    .argument('<ids...>')
    .option('--json')
    .action(async (state: string, values: string[], o: { json?: boolean }) => {
      const patches: Record<string, { isRead?: boolean; isFavorite?: boolean; isArchived?: boolean }> = {
        read: { isRead: true },
        unread: { isRead: false },
        favorite: { isFavorite: true },
        unfavorite: { isFavorite: false },
        archived: { isArchived: true },
        unarchived: { isArchived: false },
      };
      const patch = patches[state] ?? fail(`Unknown state "${state}": use ${Object.keys(patches).join(', ')}.`);
      done(o.json, await ctx.call('markArticles', { ids: ids(values), ...patch }), `Marked ${state}`);
    });

  program
    .command('trash')
    .description('Move articles to the trash; `stacks trash empty` deletes everything in it permanently')
    .argument('<ids...>', 'article ids, or "empty"')
    .option('-y, --yes', 'with empty: do not ask for confirmation')
    .option('--json')
    .action(async (values: string[], o: { json?: boolean; yes?: boolean }) => {
      if (values.length === 1 && values[0] === 'empty') return emptyTrash(ctx, o);
      done(o.json, await ctx.call('trashArticles', { ids: ids(values) }), 'Moved to trash');
    });
  program
    .command('restore')
    .description('Restore articles from the trash (IDs), or the whole archive from a backup file (FILE)')
    .argument('<ids-or-file...>')
    .option('--verify', 'with a backup FILE: recompute every SHA-256 in it first, not a sample')
    .option('--json')
    .action(async (values: string[], o: { json?: boolean; verify?: boolean }) => {
      // Article ids are numbers; anything else names a backup file (`./12` for a file called 12).
      if (values.some((v) => !/^\d+$/.test(v))) {
        if (values.length !== 1) fail('Restore one backup file at a time.');
        return restoreFromBackup(ctx, values[0]!, o);
      }
      done(o.json, await ctx.call('restoreArticles', { ids: ids(values) }), 'Restored');
    });

  const saved = program.command('saved-search').description('Saved searches: list, save, delete');
  saved
    .command('list')
    .option('--json')
    .action(async (o: { json?: boolean }) => {
      const list = await ctx.call('listSavedSearches', {});
      if (o.json) printJson(list);
      else for (const s of list) process.stdout.write(`${s.name}: ${s.query}\n`);
    });
  saved
    .command('save')
    .argument('<name>')
    .argument('<query...>')
    .option('--json')
    .action(async (name: string, query: string[], o: { json?: boolean }) => {
      const s = await ctx.call('saveSearch', { name, query: query.join(' ') });
      if (o.json) printJson(s);
      else process.stdout.write(`Saved "${s.name}": ${s.query}\n`);
    });
  saved
    .command('delete')
    .argument('<name>')
    .option('--json')
    .action(async (name: string, o: { json?: boolean }) =>
      done(o.json, await ctx.call('deleteSavedSearch', { name }), `Deleted "${name}"`),
    );
}
