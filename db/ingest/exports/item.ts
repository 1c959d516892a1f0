// One item of an export as the export source hands it to the import: its record, and its bytes (the item's own, or its content).
import type { SourceProblem } from '../source.js';
import type { ExportRecord } from './record.js';
import { urlKey } from './url-key.js';

export interface ExportItem {
  /** The item's name in progress and the report: the export file and the item's URL or title. */
  name: string;
  record: ExportRecord;
  /** A link: the item's own bytes in the export. Content: the article's bytes as the export holds them. */
  read(): Promise<Uint8Array>;
  /** What those bytes are (text/csv for a CSV row, text/html, text/markdown). */
  mediaType: string;
  /** Present when the bytes are the article's content, to extract like a file of this name. */
  content?: { fileName: string };
}

/** The export file being read: named in every item's provenance. */
export interface ExportContext {
  /** The path (or name) shown in the report. */
  name: string;
  /** The file's base name. */
  exportName: string;
  exportSha256: string;
}

export type RecordFields = Omit<ExportRecord, 'key' | 'exportName' | 'exportSha256' | 'toolLabel' | 'tool'>;

export interface Tool {
  tool: string;
  toolLabel: string;
}

/**
 * A record for an item, keyed by its normalized URL; a problem when the URL is missing or no web address (a
 * javascript: bookmarklet). `key` is given for an item that has no URL at all (a book in a highlights export).
 */
export function makeRecord(
  ctx: ExportContext,
  tool: Tool,
  fields: RecordFields,
  where: string,
  key?: string,
): ExportRecord | SourceProblem {
  const url = fields.url?.trim() || null;
  const found = key ?? (url ? urlKey(url) : null);
  if (!found) {
    return {
      name: `${ctx.name} › ${where}`,
      error: url
        ? `Skipped: "${url.slice(0, 80)}" is not a web address (only http and https links are imported).`
        : 'Skipped: the item has no URL.',
    };
  }
  const title = fields.title.trim().replace(/\s+/g, ' ') || url || 'Untitled';
  return { ...fields, url, title, key: found, ...tool, exportName: ctx.exportName, exportSha256: ctx.exportSha256 };
}

/** A link item whose bytes are already in memory. */
export function linkItem(ctx: ExportContext, record: ExportRecord, bytes: Uint8Array, mediaType: string): ExportItem {
  return {
    name: `${ctx.name} › ${record.url ?? record.title}`,
    record,
    mediaType,
    read: async () => bytes,
  };
}

export function isRecordProblem(x: ExportRecord | SourceProblem): x is SourceProblem {
  return 'error' in x;
}
