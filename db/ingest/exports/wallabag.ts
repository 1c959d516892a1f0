// Wallabag's JSON export: an array of entries with their HTML content, tags, archived and starred flags, and annotations.
import type { SourceProblem } from '../source.js';
import { isRecordProblem, linkItem, makeRecord, type ExportContext, type ExportItem } from './item.js';
import { flag, isoDate, splitTags, type ExportAnnotation } from './record.js';

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function annotationsOf(list: unknown): ExportAnnotation[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((a): a is Json => typeof a === 'object' && a !== null)
    .map((a) => ({ quote: str(a.quote), note: str(a.text), createdAt: isoDate(a.created_at) }));
}

export function wallabagJson(text: string, ctx: ExportContext): Array<ExportItem | SourceProblem> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return [{ name: ctx.name, error: `The Wallabag export is not valid JSON: ${(err as Error).message}.` }];
  }
  if (!Array.isArray(parsed)) return [{ name: ctx.name, error: 'The Wallabag export is not a list of entries.' }];
  return parsed.map((entry, i): ExportItem | SourceProblem => {
    if (typeof entry !== 'object' || entry === null)
      return { name: `${ctx.name} › entry ${i + 1}`, error: 'Skipped: the entry is not an object.' };
    const e = entry as Json;
    const authors = Array.isArray(e.published_by) ? e.published_by.filter((a) => typeof a === 'string') : [];
    const record = makeRecord(
      ctx,
      { tool: 'wallabag', toolLabel: 'Wallabag' },
      {
        itemId: str(e.id) || null,
        url: str(e.url) || str(e.given_url) || null,
        title: str(e.title),
        byline: authors.length ? authors.join(', ') : null,
        addedAt: isoDate(e.created_at),
        publishedAt: isoDate(e.published_at),
        tags: splitTags(e.tags),
        collections: [],
        isArchived: flag(e.is_archived),
        isRead: flag(e.is_archived),
        isFavorite: flag(e.is_starred),
        annotations: annotationsOf(e.annotations),
      },
      `entry ${i + 1}`,
    );
    if (isRecordProblem(record)) return record;
    const content = str(e.content);
    // An entry Wallabag could not fetch has no content: it is a link like any other.
    if (!content.trim()) return linkItem(ctx, record, Buffer.from(JSON.stringify(entry), 'utf8'), 'application/json');
    const bytes = new Uint8Array(Buffer.from(content, 'utf8'));
    return {
      name: `${ctx.name} › ${record.url}`,
      record,
      mediaType: 'text/html',
      read: async () => bytes,
      content: { fileName: `wallabag-${record.itemId ?? i + 1}.html` },
    };
  });
}
