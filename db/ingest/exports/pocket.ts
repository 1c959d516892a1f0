// Pocket's exports: ril_export.html (an "Unread" and a "Read Archive" list of links) and the CSV (title,url,time_added,tags,status).
import { Parser } from 'htmlparser2';
import type { SourceProblem } from '../source.js';
import type { CsvTable } from './csv.js';
import { isRecordProblem, linkItem, makeRecord, type ExportContext, type ExportItem, type Tool } from './item.js';
import { isoDate, splitTags } from './record.js';

const POCKET: Tool = { tool: 'pocket', toolLabel: 'Pocket' };

/** Pocket's "archive" is where read items go: archived and read. */
function states(archived: boolean): { isRead: boolean; isArchived: boolean } {
  return { isRead: archived, isArchived: archived };
}

export function pocketHtml(text: string, ctx: ExportContext): Array<ExportItem | SourceProblem> {
  const out: Array<ExportItem | SourceProblem> = [];
  let section = '';
  let inHeading = false;
  let link: { attrs: Record<string, string>; start: number; title: string } | null = null;
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'h1') {
          inHeading = true;
          section = '';
        } else if (name === 'a') link = { attrs, start: parser.startIndex, title: '' };
      },
      ontext(data) {
        if (inHeading) section += data;
        else if (link) link.title += data;
      },
      onclosetag(name) {
        if (name === 'h1') inHeading = false;
        if (name !== 'a' || !link) return;
        const { attrs, start, title } = link;
        link = null;
        const own = text.slice(start, parser.endIndex + 1);
        const record = makeRecord(
          ctx,
          POCKET,
          {
            itemId: null,
            url: attrs.href ?? null,
            title,
            addedAt: isoDate(attrs.time_added),
            tags: splitTags(attrs.tags ?? '', /,/),
            collections: [],
            annotations: [],
            ...states(/archive/i.test(section)),
          },
          `line ${text.slice(0, start).split('\n').length}`,
        );
        out.push(isRecordProblem(record) ? record : linkItem(ctx, record, Buffer.from(own, 'utf8'), 'text/html'));
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.end(text);
  return out;
}

export function pocketCsv(table: CsvTable, ctx: ExportContext): Array<ExportItem | SourceProblem> {
  return table.rows.map((row) => {
    const status = (row.get('status') ?? '').trim().toLowerCase();
    const record = makeRecord(
      ctx,
      POCKET,
      {
        itemId: null,
        url: row.get('url') ?? null,
        title: row.get('title') ?? '',
        addedAt: isoDate(row.get('time_added')),
        tags: splitTags(row.get('tags') ?? '', /\|/),
        collections: [],
        annotations: [],
        ...(status ? states(status === 'archive' || status === 'archived' || status === 'read') : {}),
      },
      `line ${row.line}`,
    );
    return isRecordProblem(record) ? record : linkItem(ctx, record, Buffer.from(row.raw, 'utf8'), 'text/csv');
  });
}
