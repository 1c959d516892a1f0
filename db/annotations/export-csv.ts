// CSV export: one row per annotation, a header row, RFC 4180 quoting, and spreadsheet-formula guarding.
import type { ExportData } from './export-data.js';

export const CSV_COLUMNS = [
  'annotation_id',
  'article_id',
  'article_title',
  'source_url',
  'kind',
  'color',
  'color_label',
  'quote',
  'prefix',
  'suffix',
  'note',
  'tags',
  'anchor_state',
  'start',
  'end',
  'capture_sha256',
  'created_at',
  'updated_at',
] as const;

export function renderCsv(data: ExportData): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const article of data.articles) {
    for (const a of article.annotations) {
      const color = a.color ? data.colors.get(a.color) : undefined;
      const record: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
        annotation_id: a.id,
        article_id: article.id,
        article_title: article.title,
        source_url: article.canonicalUrl ?? article.sourceUrl,
        kind: a.kind,
        color: a.color,
        color_label: color?.label ?? null,
        quote: a.quote?.exact ?? null,
        prefix: a.quote?.prefix ?? null,
        suffix: a.quote?.suffix ?? null,
        note: a.note,
        tags: a.tags.join('; '),
        anchor_state: a.anchor.state,
        start: a.anchor.start ?? null,
        end: a.anchor.end ?? null,
        capture_sha256: a.captureSha256,
        created_at: a.createdAt,
        updated_at: a.updatedAt,
      };
      rows.push(CSV_COLUMNS.map((c) => csvField(record[c])).join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

/**
 * RFC 4180: a field with a comma, quote, CR or LF is wrapped in quotes, and its quotes are doubled.
 * Text starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet; archived pages are
 * hostile, so such text gets a leading apostrophe (OWASP's CSV-injection advice). Numbers are left alone.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
