// `stacks edit` (correct an article's metadata), `stacks delete --permanent` and `stacks trash empty` (delete for good).
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { describeEdit } from '../../contract/metadata-edit.js';
import type { ArticleId, ArticleMetadataEdit, PurgeSummary } from '../../contract/types.js';
import type { CliContext } from '../context.js';
import { fail, parseId, printJson } from '../output.js';
import { progressBar } from '../progress.js';

/** Articles deleted per call: each batch is its own transaction, so Ctrl-C between batches leaves a sound archive. */
const BATCH = 100;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The consequences in words: what goes, how much, and that it cannot be undone. */
export function describePurge(s: PurgeSummary): string {
  return (
    `This deletes ${plural(s.articles, 'article')} permanently, with ${plural(s.captures, 'captured version')} ` +
    `(original files), ${plural(s.assets, 'image or file', 'images and files')} no other article uses, ` +
    `${plural(s.annotations, 'highlight or note', 'highlights and notes')} and ${plural(s.notes, 'article note')} ` +
    `(${megabytes(s.bytes)}). It cannot be undone; backups made before keep them.`
  );
}

/** Asks on a terminal; elsewhere (a script, a pipe) only --yes deletes. */
async function confirmed(summary: PurgeSummary, yes: boolean | undefined, json: boolean | undefined): Promise<boolean> {
  if (!json) process.stderr.write(`${describePurge(summary)}\n`);
  if (yes) return true;
  if (process.stdin.isTTY !== true || process.stderr.isTTY !== true)
    fail('Nothing deleted: add --yes to delete permanently without a question.', 2);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question('Type "delete" to delete permanently: ')).trim().toLowerCase() === 'delete';
  } finally {
    rl.close();
  }
}

/** Deletes in batches with a progress bar; Ctrl-C stops after the batch in flight (what is done stays done). */
async function purgeInBatches(ctx: CliContext, ids: ArticleId[], json: boolean | undefined): Promise<PurgeSummary> {
  const total: PurgeSummary = { articles: 0, captures: 0, assets: 0, annotations: 0, notes: 0, bytes: 0 };
  const bar = progressBar<object>(!json && ids.length > BATCH, 'Deleting', ' articles');
  let stop = false;
  const onInt = () => {
    stop = true;
  };
  process.on('SIGINT', onInt);
  try {
    for (let i = 0; i < ids.length && !stop; i += BATCH) {
      const done = await ctx.call('purgeArticles', { ids: ids.slice(i, i + BATCH) });
      for (const k of Object.keys(total) as Array<keyof PurgeSummary>) total[k] += done[k];
      bar.update(Math.min(i + BATCH, ids.length), ids.length, {});
    }
  } finally {
    bar.stop();
    process.off('SIGINT', onInt);
  }
  if (stop)
    fail(`Stopped: ${plural(total.articles, 'article')} of ${ids.length} deleted; the rest are untouched.`, 130);
  return total;
}

async function purge(ctx: CliContext, ids: ArticleId[], o: { yes?: boolean; json?: boolean }): Promise<void> {
  const preview = await ctx.call('previewPurge', { ids });
  if (preview.articles === 0) fail('No such article: nothing deleted.');
  if (!(await confirmed(preview, o.yes, o.json))) fail('Nothing deleted.', 2);
  const done = await purgeInBatches(ctx, ids, o.json);
  if (o.json) printJson(done);
  else process.stdout.write(`Deleted permanently: ${plural(done.articles, 'article')}\n`);
}

/** `stacks trash empty`: everything in the trash, deleted for good. */
export async function emptyTrash(ctx: CliContext, o: { yes?: boolean; json?: boolean }): Promise<void> {
  const ids: ArticleId[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await ctx.call('listArticles', { filter: { trashed: true }, sort: 'added', offset, limit: 200 });
    ids.push(...page.items.map((a) => a.id));
    if (page.items.length < 200) break;
  }
  if (!ids.length) {
    if (o.json) printJson({ articles: 0, captures: 0, assets: 0, annotations: 0, notes: 0, bytes: 0 });
    else process.stdout.write('The trash is empty.\n');
    return;
  }
  return purge(ctx, ids, o);
}

export function registerEditDelete(program: Command, ctx: CliContext): void {
  program
    .command('edit')
    .description(
      "Correct an article's title, author, published date, URL or site (an empty value clears one; the old values are kept in its provenance)",
    )
    .argument('<id>', 'article id')
    .option('--title <title>')
    .option('--author <name>')
    .option('--published <date>', 'YYYY-MM-DD (or YYYY-MM, YYYY, an ISO date-time)')
    .option('--url <url>', 'http:// or https:// address')
    .option('--site <name>')
    .option('--json')
    .action(
      async (
        id: string,
        o: { title?: string; author?: string; published?: string; url?: string; site?: string; json?: boolean },
      ) => {
        const fields: ArticleMetadataEdit = {};
        if (o.title !== undefined) fields.title = o.title;
        if (o.author !== undefined) fields.byline = o.author;
        if (o.published !== undefined) fields.publishedAt = o.published;
        if (o.url !== undefined) fields.sourceUrl = o.url;
        if (o.site !== undefined) fields.siteName = o.site;
        if (!Object.keys(fields).length)
          fail('Nothing to change: give --title, --author, --published, --url or --site.');
        const articleId = parseId(id) as ArticleId;
        const before = (await ctx.call('getArticle', { id: articleId })).events[0]?.id ?? 0;
        const a = await ctx.call('editArticle', { id: articleId, fields });
        const edit = a.events.find((e) => e.kind === 'edited' && e.id > before);
        if (o.json) {
          printJson({
            id: a.id,
            title: a.title,
            byline: a.byline,
            publishedAt: a.publishedAt,
            sourceUrl: a.sourceUrl,
            siteName: a.siteName,
            asExtracted: a.asExtracted ?? {},
          });
        } else {
          process.stdout.write(
            edit ? `Edited ${a.id}: ${describeEdit(edit.detail)}\n` : `Nothing changed: ${a.id} already says so.\n`,
          );
        }
      },
    );

  program
    .command('delete')
    .description('Delete articles permanently (with --permanent): versions, files, highlights and notes go, for good')
    .argument('<ids...>')
    .option('--permanent', 'required: says you mean it (to move articles to the trash, use `stacks trash`)')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json')
    .action(async (values: string[], o: { permanent?: boolean; yes?: boolean; json?: boolean }) => {
      if (!o.permanent)
        fail(
          '`stacks delete` needs --permanent: it cannot be undone. To move articles to the trash, use `stacks trash ID`.',
        );
      await purge(
        ctx,
        values.map((v) => parseId(v) as ArticleId),
        o,
      );
    });
}
