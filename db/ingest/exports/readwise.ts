// Readwise: the Reader CSV (Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen) and the highlights CSV (a row per highlight, grouped by book).
import type { SourceProblem } from '../source.js';
import type { CsvRow, CsvTable } from './csv.js';
import { isRecordProblem, linkItem, makeRecord, type ExportContext, type ExportItem, type Tool } from './item.js';
import type { ExportAnnotation } from './record.js';
import { isoDate, splitTags } from './record.js';
import { urlKey } from './url-key.js';

const READER: Tool = { tool: 'readwise-reader', toolLabel: 'Readwise Reader' };
const HIGHLIGHTS: Tool = { tool: 'readwise', toolLabel: 'Readwise' };

/** "0.5", "50%" or "50" as 0..1. */
function fraction(value: string | undefined): number | undefined {
  if (!value?.trim()) return undefined;
  const n = Number(value.replace('%', '').trim());
  if (!Number.isFinite(n) || n < 0) return undefined;
  return value.includes('%') || n > 1 ? Math.min(1, n / 100) : n;
}

export function readerCsv(table: CsvTable, ctx: ExportContext): Array<ExportItem | SourceProblem> {
  return table.rows.map((row) => {
    const location = (row.get('location') ?? '').trim().toLowerCase();
    const progress = fraction(row.get('reading progress'));
    const record = makeRecord(
      ctx,
      READER,
      {
        itemId: row.get('id')?.trim() || null,
        url: row.get('url') ?? null,
        title: row.get('title') ?? '',
        addedAt: isoDate(row.get('saved date')),
        tags: splitTags(row.get('document tags') ?? '', /,/),
        collections: [],
        annotations: [],
        ...(location ? { isArchived: location === 'archive' } : {}),
        ...(location === 'shortlist' ? { isFavorite: true } : {}),
        ...(progress !== undefined ? { progress, isRead: progress >= 0.99 } : {}),
      },
      `line ${row.line}`,
    );
    return isRecordProblem(record) ? record : linkItem(ctx, record, Buffer.from(row.raw, 'utf8'), 'text/csv');
  });
}

/**
 * The highlights CSV has a row per highlight and no URL: its rows are grouped into one item per book or article
 * (title and author), which is identified by them and becomes a link-only article holding the highlights as orphans.
 */
export function highlightsCsv(table: CsvTable, ctx: ExportContext): Array<ExportItem | SourceProblem> {
  const out: Array<ExportItem | SourceProblem> = [];
  const groups = new Map<string, CsvRow[]>();
  for (const row of table.rows) {
    const title = (row.get('book title') ?? '').trim();
    const highlight = (row.get('highlight') ?? '').trim();
    if (!title || !highlight) {
      out.push({
        name: `${ctx.name} › line ${row.line}`,
        error: `Skipped: the row has no ${title ? 'highlight' : 'book title'}.`,
      });
      continue;
    }
    const key = `${title.toLowerCase()}\u0000${(row.get('book author') ?? '').trim().toLowerCase()}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  for (const rows of groups.values()) {
    const first = rows[0]!;
    const title = first.get('book title')!.trim();
    const author = (first.get('book author') ?? '').trim();
    // A highlight's own "URL" column (some exports add one) lets the book meet the article saved from it.
    const url = rows.map((r) => r.get('url')?.trim()).find((u) => u && urlKey(u)) ?? null;
    const key = url
      ? undefined
      : `readwise-book:${encodeURIComponent(title.toLowerCase())}/${encodeURIComponent(author.toLowerCase())}`;
    const annotations: ExportAnnotation[] = rows.map((r) => ({
      quote: (r.get('highlight') ?? '').trim(),
      note: (r.get('note') ?? '').trim(),
      color: (r.get('color') ?? '').trim().toLowerCase() || null,
      tags: splitTags(r.get('tags') ?? '', /,/),
      createdAt: isoDate(r.get('highlighted at')),
    }));
    const record = makeRecord(
      ctx,
      HIGHLIGHTS,
      {
        itemId: first.get('amazon book id')?.trim() || null,
        url,
        title,
        byline: author || null,
        addedAt:
          annotations
            .map((a) => a.createdAt)
            .filter((d): d is string => Boolean(d))
            .sort()[0] ?? null,
        tags: splitTags(first.get('document tags') ?? '', /,/),
        collections: [],
        annotations,
      },
      `line ${first.line}`,
      key,
    );
    if (isRecordProblem(record)) out.push(record);
    else {
      const own = Buffer.from(rows.map((r) => r.raw).join('\n'), 'utf8');
      out.push({ ...linkItem(ctx, record, own, 'text/csv'), name: `${ctx.name} › ${title}` });
    }
  }
  return out;
}
