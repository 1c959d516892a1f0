// A Safari .webarchive as one import item: its main resource extracted as the page, its images as the article's images, the file kept whole.
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../../contract/errors.js';
import { MAX_ASSET_BYTES } from '../../extract/assets.js';
import type { PageResource } from '../../extract/types.js';
import type { CaptureStamp, ItemBytes, SourceItem } from '../source.js';
import { readBinaryPlist } from './plist.js';

export const WEBARCHIVE_IMPORTER_VERSION = '1.0.0';
/** As for MHTML: the file carries the page's images too. */
export const MAX_WEBARCHIVE_BYTES = 200 * 1024 * 1024;

export function isWebarchiveName(name: string): boolean {
  return /\.webarchive$/i.test(name);
}

/** One WebResource dictionary as Safari writes it (only the keys read here). */
interface WebResource {
  data: Uint8Array;
  url: string | null;
  mimeType: string;
  encoding: string | null;
}

function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function resource(value: unknown): WebResource | null {
  if (!isDict(value)) return null;
  const data = value.WebResourceData;
  if (!Buffer.isBuffer(data)) return null;
  const text = (key: string): string | null => (typeof value[key] === 'string' ? (value[key] as string) : null);
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    url: text('WebResourceURL'),
    mimeType: (text('WebResourceMIMEType') ?? '').trim().toLowerCase(),
    encoding: text('WebResourceTextEncodingName'),
  };
}

/** The resources of an archive and of its frames' archives (Safari nests one archive per iframe). */
function archivesOf(archive: Record<string, unknown>, depth = 0): { page: WebResource | null; subs: WebResource[] }[] {
  const subs = Array.isArray(archive.WebSubresources) ? archive.WebSubresources.map(resource) : [];
  const own = { page: resource(archive.WebMainResource), subs: subs.filter((r): r is WebResource => r !== null) };
  const frames = depth < 8 && Array.isArray(archive.WebSubframeArchives) ? archive.WebSubframeArchives : [];
  return [own, ...frames.filter(isDict).flatMap((f) => archivesOf(f, depth + 1))];
}

/** Only a web address is a source URL: a hostile file may name javascript:, data: or file: there. */
function web(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * The item's bytes are the .webarchive file exactly as given; `prepare` reads the plist. Safari's page refers to its
 * images by their original addresses, each image resource's WebResourceURL: those are offered to the extractor, which
 * keeps the images the page shows, as for an MHTML or WARC page.
 */
export function webarchiveItemBytes(name: string, bytes: Uint8Array, sourcePath: string | null): ItemBytes {
  const base = path.basename(name);
  return {
    bytes,
    sourcePath,
    prepare: async () => {
      let top: unknown;
      try {
        top = readBinaryPlist(bytes);
      } catch (err) {
        throw new ArchiveError('CORRUPT', `${base} cannot be read as a Safari web archive: ${(err as Error).message}.`);
      }
      if (!isDict(top) || !isDict(top.WebMainResource)) {
        throw new ArchiveError(
          'CORRUPT',
          `${base} is a property list but not a Safari web archive: it has no WebMainResource.`,
        );
      }
      const main = resource(top.WebMainResource);
      if (!main) throw new ArchiveError('CORRUPT', `${base} has a WebMainResource without its WebResourceData.`);
      // Safari saves a plain-text page as a web archive too: it is read as a text clipping.
      const plain = main.mimeType === 'text/plain';
      if (main.mimeType && !plain && main.mimeType !== 'text/html' && main.mimeType !== 'application/xhtml+xml') {
        throw new ArchiveError(
          'UNSUPPORTED_FORMAT',
          `${base} holds a resource of type ${main.mimeType}, not a web page; save a page that shows it instead.`,
        );
      }
      const pageUrl = web(main.url);
      const archives = archivesOf(top);
      const all = archives.flatMap((a) => a.subs);
      const frames = archives.length - 1;
      const resources: PageResource[] = [];
      for (const sub of all) {
        if (!sub.mimeType.startsWith('image/')) continue;
        if (sub.data.byteLength === 0 || sub.data.byteLength > MAX_ASSET_BYTES) continue;
        let url: string | null = null;
        try {
          url = sub.url ? new URL(sub.url, pageUrl ?? undefined).href : null;
        } catch {
          url = null;
        }
        if (url) resources.push({ url, bytes: sub.data });
      }
      const images = all.filter((r) => r.mimeType.startsWith('image/')).length;
      const provenance = [
        `from ${base} (Safari web archive)`,
        pageUrl ? `page ${pageUrl}` : null,
        main.encoding ? `text encoding ${main.encoding}` : null,
        `${all.length} subresource(s), ${images} image(s)${frames > 0 ? `, ${frames} frame(s)` : ''}`,
      ]
        .filter(Boolean)
        .join('; ');
      // A .webarchive carries no date of its own: the capture is dated by the import.
      const stamp: CaptureStamp = {
        importer: 'webarchive',
        importerVersion: WEBARCHIVE_IMPORTER_VERSION,
        mediaType: 'application/x-webarchive',
        capturedAt: null,
        sourceUrl: pageUrl,
        title: null,
        provenance,
        warnings: [],
      };
      return {
        input: {
          bytes: main.data,
          fileName: `${base.replace(/\.webarchive$/i, '')}.${plain ? 'txt' : 'html'}`,
          mediaType: `${plain ? 'text/plain' : 'text/html'}${main.encoding ? `; charset=${main.encoding}` : ''}`,
          ...(pageUrl ? { sourceUrl: pageUrl } : {}),
          resources,
        },
        stamp,
      };
    },
  };
}

/** A .webarchive file on disk as one item, read when the import gets to it. */
export function webarchiveItem(file: string, onDisk: string | Buffer = file): SourceItem {
  return {
    name: file,
    async read() {
      const size = fs.statSync(onDisk).size;
      if (size > MAX_WEBARCHIVE_BYTES) {
        throw new ArchiveError(
          'INVALID_INPUT',
          `File is too large (${Math.round(size / 1048576)} MB; the limit for a web archive is ${MAX_WEBARCHIVE_BYTES / 1048576} MB).`,
        );
      }
      return webarchiveItemBytes(file, new Uint8Array(fs.readFileSync(onDisk)), file);
    },
  };
}
