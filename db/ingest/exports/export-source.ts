// An export file (Pocket, Instapaper, Omnivore, Wallabag, Readwise, browser bookmarks) as a source of many items, like a web archive.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type yauzl from 'yauzl';
import { ArchiveError } from '../../contract/errors.js';
import type { ItemBytes, ListOptions, Source, SourceItem, SourceProblem } from '../source.js';
import { bookmarkItems, bookmarksHtml, countBookmarks } from './bookmarks.js';
import { readCsv } from './csv.js';
import { instapaperCsv } from './instapaper.js';
import type { ExportContext, ExportItem } from './item.js';
import type { ExportKind } from './kind.js';
import { isOmnivore, omnivoreItems, openZip, zipEntries } from './omnivore.js';
import { pocketCsv, pocketHtml } from './pocket.js';
import { highlightsCsv, readerCsv } from './readwise.js';
import { EXPORT_IMPORTER_VERSION, provenanceOf } from './store-export.js';
import { wallabagJson } from './wallabag.js';

/** The largest export file read whole (a CSV, JSON or bookmark file; an Omnivore ZIP is read entry by entry). */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

const LABELS: Record<Exclude<ExportKind, 'zip'>, string> = {
  'pocket-html': 'Pocket',
  'pocket-csv': 'Pocket',
  'instapaper-csv': 'Instapaper',
  'readwise-reader-csv': 'Readwise Reader',
  'readwise-highlights-csv': 'Readwise highlights',
  'wallabag-json': 'Wallabag',
  'bookmarks-html': 'bookmark',
};

function parseText(
  kind: Exclude<ExportKind, 'zip'>,
  text: string,
  ctx: ExportContext,
): Array<ExportItem | SourceProblem> {
  switch (kind) {
    case 'pocket-html':
      return pocketHtml(text, ctx);
    case 'bookmarks-html':
      return bookmarksHtml(text, ctx);
    case 'wallabag-json':
      return wallabagJson(text, ctx);
    default: {
      const table = readCsv(text);
      const problems = table.problems.map((p) => ({ name: `${ctx.name} › line ${p.line}`, error: p.error }));
      const items =
        kind === 'pocket-csv'
          ? pocketCsv(table, ctx)
          : kind === 'instapaper-csv'
            ? instapaperCsv(table, ctx)
            : kind === 'readwise-reader-csv'
              ? readerCsv(table, ctx)
              : highlightsCsv(table, ctx);
      return [...items, ...problems];
    }
  }
}

function toSourceItem(item: ExportItem | SourceProblem, sourcePath: string | null): SourceItem | SourceProblem {
  if ('error' in item) return item;
  return {
    name: item.name,
    async read(): Promise<ItemBytes> {
      const bytes = await item.read();
      const content = item.content;
      return {
        bytes,
        sourcePath,
        record: item.record,
        linkOnly: !content,
        prepare: async () => ({
          input: {
            bytes,
            fileName: content?.fileName ?? 'link',
            mediaType: item.mediaType,
            ...(item.record.url ? { sourceUrl: item.record.url } : {}),
          },
          stamp: content
            ? {
                importer: item.record.tool,
                importerVersion: EXPORT_IMPORTER_VERSION,
                mediaType: item.mediaType,
                capturedAt: item.record.addedAt,
                sourceUrl: item.record.url,
                title: item.record.title,
                provenance: provenanceOf(item.record),
                warnings: [],
              }
            : null,
        }),
      };
    },
  };
}

/** Items yielded as a reader finds them, the count announced up front and corrected at the end. */
function* streamed(
  items: Iterable<ExportItem | SourceProblem>,
  expected: number,
  options: ListOptions,
  name: string,
  filePath: string | null,
): Generator<SourceItem | SourceProblem> {
  options.onMoreItems?.(Math.max(1, expected) - 1);
  let n = 0;
  for (const item of items) {
    if (options.signal?.aborted) return;
    n++;
    yield toSourceItem(item, filePath);
  }
  if (n === 0) {
    n = 1;
    yield { name, error: 'The bookmark export holds no item.' };
  }
  options.onMoreItems?.(n - Math.max(1, expected));
}

/** An export read whole from disk or from the bytes an API call carried. */
function readWhole(filePath: string | null, bytes?: Uint8Array): Uint8Array {
  if (bytes) return bytes;
  const size = fs.statSync(filePath!).size;
  if (size > MAX_EXPORT_BYTES)
    throw new ArchiveError(
      'INVALID_INPUT',
      `The export is too large (${Math.round(size / 1048576)} MB; the limit is ${MAX_EXPORT_BYTES / 1048576} MB).`,
    );
  return new Uint8Array(fs.readFileSync(filePath!));
}

async function sha256OfFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Opens an export as a source; null when a ZIP turns out not to be an Omnivore export (it is then imported as a file,
 * which says plainly that ZIPs are not read).
 */
export async function openExportSource(opts: {
  kind: ExportKind;
  name: string;
  filePath: string | null;
  bytes?: Uint8Array;
}): Promise<Source | null> {
  const { kind, name, filePath } = opts;
  const byteSize = opts.bytes ? opts.bytes.byteLength : fs.statSync(filePath!).size;
  let zip: yauzl.ZipFile | null = null;
  let entries: Map<string, yauzl.Entry> | null = null;
  if (kind === 'zip') {
    zip = await openZip(filePath, opts.bytes);
    entries = await zipEntries(zip);
    if (!isOmnivore(entries)) {
      zip.close();
      return null;
    }
  }
  const label = kind === 'zip' ? 'Omnivore' : LABELS[kind];
  return {
    name,
    byteSize,
    async *list(options: ListOptions) {
      let listed: Iterable<ExportItem | SourceProblem>;
      try {
        const sha =
          opts.bytes || !filePath
            ? createHash('sha256').update(opts.bytes!).digest('hex')
            : await sha256OfFile(filePath);
        const ctx: ExportContext = { name, exportName: path.basename(name), exportSha256: sha };
        if (zip && entries) listed = await omnivoreItems(zip, entries, ctx);
        else {
          const text = new TextDecoder('utf-8').decode(readWhole(filePath, opts.bytes));
          if (kind === 'bookmarks-html') {
            // Counted first, listed while parsed: the items are never all held at once.
            options.onBytes?.(byteSize);
            yield* streamed(bookmarkItems(text, ctx), countBookmarks(text), options, name, filePath);
            return;
          }
          listed = parseText(kind as Exclude<ExportKind, 'zip'>, text, ctx);
        }
      } catch (err) {
        listed = [{ name, error: `The ${label} export cannot be read: ${(err as Error).message}` }];
      }
      options.onBytes?.(byteSize);
      const all = [...listed];
      if (all.length === 0) all.push({ name, error: `The ${label} export holds no item.` });
      options.onMoreItems?.(all.length - 1);
      for (const item of all) {
        if (options.signal?.aborted) return;
        yield toSourceItem(item, filePath);
      }
    },
    async close() {
      zip?.close();
    },
  };
}
