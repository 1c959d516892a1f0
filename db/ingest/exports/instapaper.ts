// Instapaper's CSV export: URL,Title,Selection,Folder,Timestamp[,Tags]; the folder says unread, archived or starred, or is the user's own.
import type { SourceProblem } from '../source.js';
import type { CsvTable } from './csv.js';
import { isRecordProblem, linkItem, makeRecord, type ExportContext, type ExportItem } from './item.js';
import { isoDate, splitTags } from './record.js';

export function instapaperCsv(table: CsvTable, ctx: ExportContext): Array<ExportItem | SourceProblem> {
  return table.rows.map((row) => {
    const folder = (row.get('folder') ?? '').trim();
    const lower = folder.toLowerCase();
    const selection = (row.get('selection') ?? '').trim();
    const own = !['', 'unread', 'archive', 'starred'].includes(lower);
    const record = makeRecord(
      ctx,
      { tool: 'instapaper', toolLabel: 'Instapaper' },
      {
        itemId: null,
        url: row.get('url') ?? null,
        title: row.get('title') ?? '',
        addedAt: isoDate(row.get('timestamp')),
        tags: splitTags(row.get('tags') ?? ''),
        // The user's own folders become collections; the three built-in ones are states.
        collections: own ? [folder] : [],
        ...(lower === 'archive' ? { isArchived: true, isRead: true } : {}),
        ...(lower === 'starred' ? { isFavorite: true } : {}),
        // The selection is the passage the user selected when saving: a highlight, placed once the page is captured.
        annotations: selection ? [{ quote: selection, note: '' }] : [],
      },
      `line ${row.line}`,
    );
    return isRecordProblem(record) ? record : linkItem(ctx, record, Buffer.from(row.raw, 'utf8'), 'text/csv');
  });
}
