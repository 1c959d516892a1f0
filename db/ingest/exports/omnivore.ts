// Omnivore's export ZIP: metadata_N_to_M.json (the items), content/<slug>.md (the article as Markdown), highlights/<slug>.md.
import yauzl from 'yauzl';
import type { SourceProblem } from '../source.js';
import { isRecordProblem, linkItem, makeRecord, type ExportContext, type ExportItem } from './item.js';
import { isoDate, splitTags, type ExportAnnotation } from './record.js';

type Json = Record<string, unknown>;

const METADATA = /^(?:.*\/)?metadata_\d+_to_\d+\.json$/;
/** A metadata file or a highlights file larger than this is not Omnivore's. */
const MAX_TEXT_ENTRY = 256 * 1024 * 1024;
const MAX_CONTENT_ENTRY = 50 * 1024 * 1024;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export async function openZip(filePath: string | null, bytes?: Uint8Array): Promise<yauzl.ZipFile> {
  const options = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true };
  return filePath && !bytes
    ? yauzl.openPromise(filePath, options)
    : yauzl.fromBufferPromise(Buffer.from(bytes!.buffer, bytes!.byteOffset, bytes!.byteLength), options);
}

export async function zipEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const map = new Map<string, yauzl.Entry>();
    zip.on('entry', (e: yauzl.Entry) => {
      map.set(e.fileName, e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(map));
    zip.once('error', reject);
    zip.readEntry();
  });
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<Uint8Array> {
  if (entry.uncompressedSize > limit)
    throw new Error(`${entry.fileName} is too large (${Math.round(entry.uncompressedSize / 1048576)} MB)`);
  const chunks: Buffer[] = [];
  for await (const c of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}

/** True when the ZIP's entries are an Omnivore export's. */
export function isOmnivore(entries: Map<string, yauzl.Entry>): boolean {
  return [...entries.keys()].some((n) => METADATA.test(n));
}

/** Highlights Markdown: each "> quote" block (its trailing link to Omnivore dropped), then the note under it. */
export function highlightsMarkdown(md: string): ExportAnnotation[] {
  const out: ExportAnnotation[] = [];
  let current: { quote: string[]; note: string[] } | null = null;
  const finish = () => {
    if (current) out.push({ quote: current.quote.join('\n').trim(), note: current.note.join('\n').trim() });
    current = null;
  };
  for (const line of md.replace(/\r\n?/g, '\n').split('\n')) {
    const quoted = /^>\s?(.*)$/.exec(line);
    if (quoted) {
      if (current && current.note.some((n) => n.trim())) finish();
      current ??= { quote: [], note: [] };
      current.quote.push(quoted[1]!.replace(/\s*\[[^\]]*\]\([^)]*\)\s*$/, ''));
    } else if (current) current.note.push(line);
  }
  finish();
  return out.filter((a) => a.quote);
}

function metadataHighlights(list: unknown): ExportAnnotation[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((h): h is Json => typeof h === 'object' && h !== null)
    .map((h) => ({
      quote: str(h.quote),
      note: str(h.annotation ?? h.note),
      color: str(h.color) || null,
      createdAt: isoDate(h.createdAt ?? h.updatedAt),
    }));
}

function labels(v: unknown): string[] {
  return splitTags(Array.isArray(v) ? v : []);
}

/** Lists an Omnivore ZIP's items; content and highlights are read when the import reaches each item. */
export async function omnivoreItems(
  zip: yauzl.ZipFile,
  entries: Map<string, yauzl.Entry>,
  ctx: ExportContext,
): Promise<Array<ExportItem | SourceProblem>> {
  const out: Array<ExportItem | SourceProblem> = [];
  const metas = [...entries.keys()]
    .filter((n) => METADATA.test(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const prefixOf = (n: string): string => n.slice(0, n.lastIndexOf('/') + 1);
  for (const name of metas) {
    let list: unknown;
    try {
      list = JSON.parse(Buffer.from(await readEntry(zip, entries.get(name)!, MAX_TEXT_ENTRY)).toString('utf8'));
    } catch (err) {
      out.push({ name: `${ctx.name} › ${name}`, error: `Cannot be read: ${(err as Error).message}.` });
      continue;
    }
    if (!Array.isArray(list)) {
      out.push({ name: `${ctx.name} › ${name}`, error: 'It is not a list of items.' });
      continue;
    }
    const prefix = prefixOf(name);
    for (const [i, raw] of list.entries()) {
      const where = `${name} item ${i + 1}`;
      if (typeof raw !== 'object' || raw === null) {
        out.push({ name: `${ctx.name} › ${where}`, error: 'Skipped: the item is not an object.' });
        continue;
      }
      const m = raw as Json;
      const state = str(m.state).toLowerCase();
      if (state === 'deleted') {
        out.push({ name: `${ctx.name} › ${str(m.url) || where}`, error: 'Skipped: it was deleted in Omnivore.' });
        continue;
      }
      const slug = str(m.slug);
      const progress = typeof m.readingProgress === 'number' ? m.readingProgress : Number(m.readingProgress);
      const fraction =
        Number.isFinite(progress) && progress > 0 ? Math.min(1, progress > 1 ? progress / 100 : progress) : undefined;
      const record = makeRecord(
        ctx,
        { tool: 'omnivore', toolLabel: 'Omnivore' },
        {
          itemId: str(m.id) || null,
          url: str(m.url) || str(m.originalArticleUrl) || null,
          title: str(m.title) || slug,
          byline: str(m.author) || null,
          excerpt: str(m.description) || null,
          addedAt: isoDate(m.savedAt),
          publishedAt: isoDate(m.publishedAt),
          tags: labels(m.labels),
          collections: [],
          isArchived: state === 'archived',
          ...(fraction !== undefined ? { progress: fraction, isRead: fraction >= 0.98 } : {}),
          annotations: metadataHighlights(m.highlights),
        },
        where,
      );
      if (isRecordProblem(record)) {
        out.push(record);
        continue;
      }
      const highlights = slug ? entries.get(`${prefix}highlights/${slug}.md`) : undefined;
      if (highlights) {
        try {
          const md = Buffer.from(await readEntry(zip, highlights, MAX_TEXT_ENTRY)).toString('utf8');
          record.annotations.push(...highlightsMarkdown(md));
        } catch (err) {
          out.push({
            name: `${ctx.name} › ${highlights.fileName}`,
            error: `Cannot be read: ${(err as Error).message}.`,
          });
        }
      }
      const content = slug ? entries.get(`${prefix}content/${slug}.md`) : undefined;
      if (!content) {
        const own = new Uint8Array(Buffer.from(JSON.stringify(raw), 'utf8'));
        out.push(linkItem(ctx, record, own, 'application/json'));
        continue;
      }
      out.push({
        name: `${ctx.name} › ${record.url}`,
        record,
        mediaType: 'text/markdown',
        read: () => readEntry(zip, content, MAX_CONTENT_ENTRY),
        content: { fileName: `${slug}.md` },
      });
    }
  }
  if (metas.length > 0 && out.length === 0) out.push({ name: ctx.name, error: 'The Omnivore export holds no item.' });
  return out;
}
