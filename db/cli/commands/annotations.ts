// `stacks annotate` and `stacks annotations`: highlight passages, add notes, list, filter, export, trash/restore.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Annotation, AnnotationExportFormat, AnnotationId, ArticleId } from '../../contract/types.js';
import type { CliContext } from '../context.js';
import { fail, formatDate, parseId, printJson } from '../output.js';

function describe(a: Annotation & { articleTitle?: string }): string {
  const where = a.anchor.state === 'orphan' ? 'ORPHAN' : a.anchor.state;
  const quote = a.quote ? `"${a.quote.exact.replace(/\s+/g, ' ').slice(0, 120)}"` : '(article note)';
  return (
    `${String(a.id).padStart(6)}  ${formatDate(a.createdAt)}  ${(a.color ?? '-').padEnd(7)} ${where.padEnd(6)} ` +
    `${a.articleTitle ? `[${a.articleTitle.slice(0, 40)}] ` : ''}${quote}${a.note ? `\n        note: ${a.note}` : ''}` +
    `${a.tags.length ? `\n        #${a.tags.join(' #')}` : ''}`
  );
}

export function registerAnnotations(program: Command, ctx: CliContext): void {
  program
    .command('annotate')
    .description('Highlight a passage (--quote TEXT or --start/--end offsets) or add an article note (--note only)')
    .argument('<articleId>')
    .option('--quote <text>', 'the exact passage to highlight (first occurrence, or --occurrence N)')
    .option('--occurrence <n>', 'which occurrence of --quote (1-based)', '1')
    .option('--start <n>', 'start offset in the article text')
    .option('--end <n>', 'end offset in the article text')
    .option('--color <name>', 'highlight color name (see `stacks annotations colors`)', 'yellow')
    .option('--note <markdown>', 'a note')
    .option('--tag <tag...>', 'tags')
    .option('--json', 'print the annotation as JSON')
    .action(
      async (
        idArg: string,
        o: {
          quote?: string;
          occurrence: string;
          start?: string;
          end?: string;
          color: string;
          note?: string;
          tag?: string[];
          json?: boolean;
        },
      ) => {
        const articleId = parseId(idArg) as ArticleId;
        let start = o.start === undefined ? undefined : Number(o.start);
        let end = o.end === undefined ? undefined : Number(o.end);
        if (o.quote !== undefined) {
          const text = (await ctx.call('getArticle', { id: articleId })).text;
          let at = -1;
          for (let i = 0; i < Number(o.occurrence); i++) at = text.indexOf(o.quote, at + 1);
          if (at < 0) fail(`The passage "${o.quote}" is not in article ${articleId}.`);
          start = at;
          end = at + o.quote.length;
        }
        const passage = start !== undefined && end !== undefined;
        const a = await ctx.call('createAnnotation', {
          articleId,
          kind: passage ? (o.note && o.color === 'none' ? 'note' : 'highlight') : 'article-note',
          ...(passage ? { start, end } : {}),
          color: passage && o.color !== 'none' ? o.color : null,
          note: o.note ?? '',
          tags: o.tag ?? [],
        });
        if (o.json) printJson(a);
        else process.stdout.write(`${describe(a)}\n`);
      },
    );

  const cmd = program.command('annotations').description('List, filter, export, delete and restore annotations');
  cmd
    .command('list', { isDefault: true })
    .option('--article <id>', 'of one article')
    .option('--color <name>', 'with this color')
    .option('--tag <tag>', 'with this tag')
    .option('--collection <name>', 'on articles of this collection')
    .option('--since <date>', 'created on or after (YYYY-MM-DD)')
    .option('--until <date>', 'created on or before (YYYY-MM-DD)')
    .option('--orphans', 'only those that could not be placed on the current text')
    .option('--trash', 'list deleted annotations')
    .option('--limit <n>', 'how many', '100')
    .option('--json', 'print {total, items} as JSON')
    .action(
      async (o: {
        article?: string;
        color?: string;
        tag?: string;
        collection?: string;
        since?: string;
        until?: string;
        orphans?: boolean;
        trash?: boolean;
        limit: string;
        json?: boolean;
      }) => {
        const list = await ctx.call('listAnnotations', {
          ...(o.article ? { articleId: parseId(o.article) as ArticleId } : {}),
          ...(o.color ? { color: o.color } : {}),
          ...(o.tag ? { tag: o.tag } : {}),
          ...(o.collection ? { collection: o.collection } : {}),
          ...(o.since ? { since: o.since } : {}),
          ...(o.until ? { until: o.until } : {}),
          ...(o.orphans ? { orphansOnly: true } : {}),
          ...(o.trash ? { deleted: true } : {}),
          limit: Number(o.limit),
        });
        if (o.json) {
          printJson(list);
          return;
        }
        process.stdout.write(`${list.total} annotation${list.total === 1 ? '' : 's'}\n`);
        for (const a of list.items) process.stdout.write(`${describe(a)}\n`);
      },
    );
  cmd
    .command('export')
    .description('Export annotations as Markdown, W3C Web Annotation JSON-LD, or CSV')
    .option('--format <format>', 'markdown | jsonld | csv', 'markdown')
    .option('--article <id>', 'of one article')
    .option('--collection <name>', 'of one collection')
    .option('--query <query>', 'of the articles matching a search')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (o: { format: string; article?: string; collection?: string; query?: string; output?: string }) => {
      if (!['markdown', 'jsonld', 'csv'].includes(o.format))
        fail(`Unknown format "${o.format}": use markdown, jsonld or csv.`);
      const file = await ctx.call('exportAnnotations', {
        format: o.format as AnnotationExportFormat,
        ...(o.article ? { articleId: parseId(o.article) as ArticleId } : {}),
        ...(o.collection ? { collection: o.collection } : {}),
        ...(o.query ? { query: o.query } : {}),
      });
      if (o.output) fs.writeFileSync(o.output, file.content);
      else process.stdout.write(file.content);
    });
  cmd
    .command('import')
    .description('Import annotations from a Web Annotation JSON-LD export (matched to articles by URL)')
    .argument('<file>')
    .option('--json')
    .action(async (file: string, o: { json?: boolean }) => {
      const report = await ctx.call('importAnnotations', { content: fs.readFileSync(file, 'utf8'), format: 'jsonld' });
      if (o.json) printJson(report);
      else
        process.stdout.write(
          `Imported ${report.imported}, skipped ${report.skipped}.\n${report.problems.join('\n')}\n`,
        );
    });
  cmd
    .command('edit')
    .argument('<id>')
    .option('--color <name>')
    .option('--note <markdown>')
    .option('--tag <tag...>')
    .option('--json')
    .action(async (id: string, o: { color?: string; note?: string; tag?: string[]; json?: boolean }) => {
      const a = await ctx.call('updateAnnotation', {
        id: parseId(id, 'annotation') as AnnotationId,
        patch: {
          ...(o.color ? { color: o.color } : {}),
          ...(o.note !== undefined ? { note: o.note } : {}),
          ...(o.tag ? { tags: o.tag } : {}),
        },
      });
      if (o.json) printJson(a);
      else process.stdout.write(`${describe(a)}\n`);
    });
  cmd
    .command('delete')
    .description('Move an annotation to the trash')
    .argument('<id>')
    .option('--json')
    .action(async (id: string, o: { json?: boolean }) => {
      const a = await ctx.call('deleteAnnotation', { id: parseId(id, 'annotation') as AnnotationId });
      if (o.json) printJson(a);
      else process.stdout.write(`Deleted annotation ${a.id} (restore with: stacks annotations restore ${a.id})\n`);
    });
  cmd
    .command('restore')
    .description('Restore a deleted annotation')
    .argument('<id>')
    .option('--json')
    .action(async (id: string, o: { json?: boolean }) => {
      const a = await ctx.call('restoreAnnotation', { id: parseId(id, 'annotation') as AnnotationId });
      if (o.json) printJson(a);
      else process.stdout.write(`${describe(a)}\n`);
    });
  cmd
    .command('history')
    .argument('<id>')
    .option('--json')
    .action(async (id: string, o: { json?: boolean }) => {
      const revs = await ctx.call('annotationHistory', { id: parseId(id, 'annotation') as AnnotationId });
      if (o.json) printJson(revs);
      else for (const r of revs) process.stdout.write(`${r.at}  ${r.action}\n`);
    });
  cmd
    .command('colors')
    .description('List highlight colors, or set one: colors NAME LABEL [HEX]')
    .argument('[name]')
    .argument('[label]')
    .argument('[hex]')
    .option('--json')
    .action(
      async (name: string | undefined, label: string | undefined, hex: string | undefined, o: { json?: boolean }) => {
        let colors = await ctx.call('listColors', {});
        if (name) {
          if (!label) fail('Give a label for the color, e.g. `stacks annotations colors yellow "Key claim"`.');
          const existing = colors.find((c) => c.name === name);
          colors = await ctx.call('setColor', { name, label, hex: hex ?? existing?.hex ?? '#cccccc' });
        }
        if (o.json) printJson(colors);
        else for (const c of colors) process.stdout.write(`${c.name.padEnd(8)} ${c.hex}  ${c.label}\n`);
      },
    );
}
