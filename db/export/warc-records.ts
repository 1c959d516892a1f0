// WARC records for a package: original records kept as they are, other captures and assets as `resource` records.
import path from 'node:path';
import { CDXIndexer, WARCParser, WARCRecord, WARCSerializer } from 'warcio';
import type { AssetBytes, CaptureBytes } from './article-data.js';

/** What Stacks writes into Bag-Software-Agent, WARC `software` and datapackage.json. */
export const SOFTWARE = 'Stacks 0.1.0';

/** The media type warcin stores for a capture whose original bytes are its complete WARC record(s). */
export const WARC_MEDIA_TYPE = 'application/warc';

/**
 * Articles without a web address (a clipping, a note) still need an http(s) URL to be replayed; `.invalid` is a
 * reserved name that can never resolve, so replay tools never fetch it.
 */
export const SYNTHETIC_ORIGIN = 'https://stacks.invalid';

export interface CdxEntry {
  /** One CDXJ line without its newline: "surt timestamp {json}". */
  line: string;
  url: string;
  timestamp: string;
  mime: string | null;
}

export interface RecordBlock {
  /** Serialized WARC record(s), uncompressed, concatenated. */
  bytes: Uint8Array;
  entries: CdxEntry[];
}

function isWebUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const EXTENSION_BY_TYPE: Record<string, string> = {
  'text/html': 'html',
  'text/markdown': 'md',
  'text/plain': 'txt',
};

/** The address a capture is replayed at: its own URL, else the article's, else one under SYNTHETIC_ORIGIN. */
export function captureUrl(
  article: { id: number; sourceUrl: string | null; canonicalUrl: string | null },
  capture: Pick<CaptureBytes, 'sourceUrl' | 'sourcePath' | 'mediaType'>,
): string {
  for (const candidate of [capture.sourceUrl, article.sourceUrl, article.canonicalUrl]) {
    if (isWebUrl(candidate)) return candidate;
  }
  const base = capture.sourcePath ? path.basename(capture.sourcePath) : '';
  const name = base || `index.${EXTENSION_BY_TYPE[capture.mediaType.split(';')[0]!.trim()] ?? 'bin'}`;
  return `${SYNTHETIC_ORIGIN}/articles/${article.id}/${encodeURIComponent(name)}`;
}

/**
 * Where an asset is replayed: its original reference resolved against the page, so the page's own <img src>
 * finds it. Inline (data:) images need no record to show; they are kept under the page's folder by hash.
 */
export function assetUrl(pageUrl: string, asset: Pick<AssetBytes, 'originalRef' | 'sha256'>): string {
  const ref = asset.originalRef.trim();
  if (!/^data:/i.test(ref)) {
    try {
      const resolved = new URL(ref, pageUrl);
      if (resolved.protocol === 'http:' || resolved.protocol === 'https:') {
        resolved.hash = '';
        return resolved.href;
      }
    } catch {
      // fall through to the hash address
    }
  }
  return new URL(`stacks-assets/${asset.sha256}`, pageUrl).href;
}

/** A WARC date as warcio and replay tools expect: ISO 8601 UTC; WARC/1.1 allows the milliseconds we keep. */
export function warcDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString();
}

function contentType(mediaType: string, charset: string | null): string {
  if (!charset || /;\s*charset=/i.test(mediaType) || !/^text\//i.test(mediaType)) return mediaType;
  return `${mediaType}; charset=${charset.toLowerCase()}`;
}

export async function resourceRecord(url: string, date: string, type: string, bytes: Uint8Array): Promise<Uint8Array> {
  const record = WARCRecord.create(
    { url, date: warcDate(date), type: 'resource', warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': type } },
    [bytes],
  );
  return WARCSerializer.serialize(record, { gzip: false });
}

export async function warcInfoRecord(filename: string, info: Record<string, string>): Promise<Uint8Array> {
  const record = WARCRecord.createWARCInfo({ filename, warcVersion: 'WARC/1.1' }, info);
  return WARCSerializer.serialize(record, { gzip: false });
}

/** CDXJ entries of serialized records, with offsets relative to the block (the caller adds the block's place). */
export async function indexBlock(bytes: Uint8Array, filename: string, baseOffset: number): Promise<CdxEntry[]> {
  const indexer = new CDXIndexer({ format: 'cdxj' });
  const parser = new WARCParser([bytes]);
  const out: CdxEntry[] = [];
  for await (const cdx of indexer.iterRecords(parser, filename)) {
    cdx.offset = Number(cdx.offset) + baseOffset;
    const url = String(cdx.url ?? '');
    const timestamp = String(cdx.timestamp ?? '');
    const mime = typeof cdx.mime === 'string' ? cdx.mime : null;
    out.push({ line: indexer.serializeCDXJ(cdx).trimEnd(), url, timestamp, mime });
  }
  return out;
}

/**
 * A capture's records. One imported from a web archive is its original WARC record(s), written byte for byte
 * when they parse as WARC; anything else (or WARC bytes that do not parse) becomes one `resource` record.
 */
export async function captureBlock(
  capture: CaptureBytes,
  url: string,
  filename: string,
  baseOffset: number,
): Promise<RecordBlock & { original: boolean }> {
  if (capture.mediaType === WARC_MEDIA_TYPE && startsWithWarc(capture.original)) {
    try {
      const entries = await indexBlock(capture.original, filename, baseOffset);
      if (entries.length > 0 && (await recordsEnd(capture.original)) === capture.original.length)
        return { bytes: capture.original, entries, original: true };
    } catch {
      // not a well-formed record: kept below as a resource so nothing is lost
    }
  }
  const bytes = await resourceRecord(
    url,
    capture.capturedAt,
    contentType(capture.mediaType, capture.charset),
    capture.original,
  );
  return { bytes, entries: await indexBlock(bytes, filename, baseOffset), original: false };
}

function startsWithWarc(bytes: Uint8Array): boolean {
  return bytes.length > 8 && Buffer.from(bytes.buffer, bytes.byteOffset, 5).toString('latin1') === 'WARC/';
}

/**
 * Where the last record ends (its block plus the blank line after it). Equal to the length only when every
 * Content-Length is right and nothing trails: a wrong one would break every record written after it.
 */
async function recordsEnd(bytes: Uint8Array): Promise<number> {
  const parser = new WARCParser([bytes], { parseHttp: false });
  let end = 0;
  for await (const record of parser) {
    await record.skipFully();
    end = parser.offset + parser.recordLength + 4;
  }
  return end;
}
