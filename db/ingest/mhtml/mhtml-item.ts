// An MHTML file as one import item: the page's HTML part extracted, its image parts as the article's images, the file kept whole.
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../../contract/errors.js';
import { MAX_ASSET_BYTES } from '../../extract/assets.js';
import type { PageResource } from '../../extract/types.js';
import type { CaptureStamp, ItemBytes, SourceItem } from '../source.js';
import { parseContentType, parseMhtml, type MimePart } from './mime.js';

export const MHTML_IMPORTER_VERSION = '1.0.0';
/** Larger than a single page's limit: an MHTML file carries the page's images too. */
export const MAX_MHTML_BYTES = 200 * 1024 * 1024;

export function isMhtmlName(name: string): boolean {
  return /\.(mhtml|mht)$/i.test(name);
}

function absolute(url: string | undefined, base?: string): string | null {
  if (!url) return null;
  try {
    return new URL(url.trim().replace(/^<|>$/g, ''), base).href;
  } catch {
    return null;
  }
}

function iso(date: string | undefined): string | null {
  const t = date ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The page: the part the root's `start` names, else the first HTML part (Chrome writes the main frame first). */
function pagePart(parts: MimePart[], start: string | undefined): MimePart | null {
  const startId = start?.replace(/^<|>$/g, '');
  const byId = startId ? parts.find((p) => p.headers.get('content-id')?.replace(/^<|>$/g, '') === startId) : undefined;
  return byId ?? parts.find((p) => p.type === 'text/html' || p.type === 'application/xhtml+xml') ?? null;
}

/**
 * The item's bytes are the MHTML file exactly as given; `prepare` splits it. Chrome's page refers to its images by
 * their original addresses (each image part's Content-Location) or by `cid:` (its Content-ID): both are offered to the
 * extractor, which keeps the images the page shows, as for a WARC page.
 */
export function mhtmlItemBytes(name: string, bytes: Uint8Array, sourcePath: string | null): ItemBytes {
  return {
    bytes,
    sourcePath,
    prepare: async () => {
      let doc;
      try {
        doc = parseMhtml(bytes);
      } catch (err) {
        throw new ArchiveError('CORRUPT', `${path.basename(name)} cannot be read as MHTML: ${(err as Error).message}.`);
      }
      const { params } = parseContentType(doc.headers.get('content-type'));
      const page = pagePart(doc.parts, params.get('start'));
      if (!page) throw new ArchiveError('CORRUPT', `${path.basename(name)} holds no HTML page among its parts.`);
      // Only a web address is a source URL: a hostile file may name javascript: or data: there.
      const web = (url: string | null): string | null => (url && /^https?:\/\//i.test(url) ? url : null);
      const snapshotUrl =
        web(absolute(doc.headers.get('snapshot-content-location'))) ??
        web(absolute(page.headers.get('content-location')));
      const pageUrl = web(absolute(page.headers.get('content-location'))) ?? snapshotUrl;
      const resources: PageResource[] = [];
      for (const part of doc.parts) {
        if (part === page || !part.type.startsWith('image/')) continue;
        if (part.body.byteLength === 0 || part.body.byteLength > MAX_ASSET_BYTES) continue;
        const location = absolute(part.headers.get('content-location'), pageUrl ?? undefined);
        if (location) resources.push({ url: location, bytes: part.body });
        const id = part.headers.get('content-id')?.replace(/^<|>$/g, '');
        if (id) resources.push({ url: `cid:${id}`, bytes: part.body });
      }
      const charset = page.params.get('charset');
      const images = doc.parts.filter((p) => p !== page && p.type.startsWith('image/')).length;
      const capturedAt = iso(doc.headers.get('date'));
      const provenance = [
        `from ${path.basename(name)}`,
        doc.headers.get('from') ? `saved by ${doc.headers.get('from')}` : null,
        snapshotUrl ? `snapshot of ${snapshotUrl}` : null,
        capturedAt ? `dated ${capturedAt}` : 'undated',
        `${doc.parts.length} part(s), ${images} image(s)`,
      ]
        .filter(Boolean)
        .join('; ');
      const stamp: CaptureStamp = {
        importer: 'mhtml',
        importerVersion: MHTML_IMPORTER_VERSION,
        mediaType: 'multipart/related',
        capturedAt,
        sourceUrl: snapshotUrl,
        title: null,
        provenance,
        warnings: [],
      };
      return {
        input: {
          bytes: page.body,
          fileName: `${path.basename(name).replace(/\.(mhtml|mht)$/i, '')}.html`,
          mediaType: charset ? `text/html; charset=${charset}` : 'text/html',
          ...(pageUrl ? { sourceUrl: pageUrl } : {}),
          resources,
        },
        stamp,
      };
    },
  };
}

/** An MHTML file on disk as one item, read when the import gets to it. */
export function mhtmlItem(file: string, onDisk: string | Buffer = file): SourceItem {
  return {
    name: file,
    async read() {
      const size = fs.statSync(onDisk).size;
      if (size > MAX_MHTML_BYTES) {
        throw new ArchiveError(
          'INVALID_INPUT',
          `File is too large (${Math.round(size / 1048576)} MB; the limit for MHTML is ${MAX_MHTML_BYTES / 1048576} MB).`,
        );
      }
      return mhtmlItemBytes(file, new Uint8Array(fs.readFileSync(onDisk)), file);
    },
  };
}
