// What an export knows about one item (a link, its dates, tags, folders, states and highlights), and how it is identified.
/** A highlight or note the tool kept on the item; placed on the article's text by quote, an orphan when it cannot be. */
export interface ExportAnnotation {
  /** The highlighted passage; empty for a note on the whole item. */
  quote: string;
  note: string;
  /** The tool's color name (yellow, blue...): used when Stacks has a color by that name. */
  color?: string | null;
  tags?: string[];
  /** ISO 8601. */
  createdAt?: string | null;
}

export interface ExportRecord {
  /** The importer's name (pocket, instapaper, omnivore, wallabag, readwise, bookmarks): capture.importer. */
  tool: string;
  /** The tool as people call it, for reports and provenance. */
  toolLabel: string;
  /** The tool's own id of the item, when it has one (written into provenance). */
  itemId: string | null;
  /** The URL exactly as the export gives it (null for a book in a highlights export). */
  url: string | null;
  /** What identifies the item: the normalized URL, or the tool's own key for an item without a URL. */
  key: string;
  title: string;
  byline?: string | null;
  excerpt?: string | null;
  /** When it was saved in the tool (ISO 8601): the article's added date. */
  addedAt: string | null;
  publishedAt?: string | null;
  tags: string[];
  /** Folders as collection names (a nested folder as its path, "Bookmarks bar / Tech"). */
  collections: string[];
  /** Undefined when the export does not say. */
  isRead?: boolean;
  isArchived?: boolean;
  isFavorite?: boolean;
  /** Reading progress, 0..1. */
  progress?: number;
  annotations: ExportAnnotation[];
  /** The export file's name and SHA-256, written into provenance. */
  exportName: string;
  exportSha256: string;
}

/** ISO 8601 from what exports write: Unix seconds (Pocket, Instapaper, bookmarks), or a date string. */
export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value).trim();
  if (/^\d{9,11}$/.test(text)) return new Date(Number(text) * 1000).toISOString();
  if (/^\d{12,14}$/.test(text)) return new Date(Number(text)).toISOString(); // milliseconds
  // Python's str(datetime) ("2024-01-02 03:04:05.123456+00:00"): ISO with a space.
  const t = Date.parse(/^\d{4}-\d\d-\d\d \d/.test(text) ? text.replace(' ', 'T') : text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Tags as exports write them: a list, "a,b", "a|b", a JSON array or a Python list ("['a', 'b']"). */
export function splitTags(value: unknown, separator: RegExp = /[,|]/): string[] {
  if (Array.isArray(value)) return cleanTags(value.map((v) => (typeof v === 'string' ? v : tagLabel(v))));
  if (typeof value !== 'string') return [];
  let text = value.trim();
  if (!text) return [];
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return splitTags(parsed);
    } catch {
      // A Python list: split below.
    }
    text = text.slice(1, -1);
  }
  return cleanTags(text.split(separator).map((t) => t.trim().replace(/^['"]|['"]$/g, '')));
}

function tagLabel(v: unknown): string {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of ['label', 'name', 'slug']) if (typeof o[k] === 'string') return o[k];
  }
  return '';
}

function cleanTags(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const t = raw.trim().replace(/\s+/g, ' ');
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}

/** True/false from 1/0, "true"/"false", "yes"/"no"; undefined when absent or unreadable. */
export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return undefined;
  const t = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'y'].includes(t)) return true;
  if (['0', 'false', 'no', 'n'].includes(t)) return false;
  return undefined;
}
