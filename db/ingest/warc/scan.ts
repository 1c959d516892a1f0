// One streaming pass over a WARC: every record's headers and byte range (never its content), the container's SHA-256.
import { createHash } from 'node:crypto';
import { WARCParser } from 'warcio';
import type { ByteStore } from './byte-store.js';

/** What the import needs to know of a record to decide pages, resolve revisits and redirects, and find images. */
export interface RecordEntry {
  type: string;
  /** Byte range of the record in the container: a whole gzip member for a .warc.gz. */
  offset: number;
  length: number;
  id: string | null;
  uri: string | null;
  date: string | null;
  concurrentTo: string[];
  payloadDigest: string | null;
  /** WARC Content-Type (application/http;msgtype=response, text/html for a resource record ...). */
  warcContentType: string | null;
  /** HTTP status and headers of response and revisit records. */
  status: number | null;
  contentType: string | null;
  location: string | null;
  refersTo: string | null;
  refersToUri: string | null;
  refersToDate: string | null;
}

export interface ScanResult {
  records: RecordEntry[];
  /** SHA-256 of every byte of the container (hex). */
  sha256: string;
  /** Why the pass stopped early (a damaged record); the records before it are usable. */
  problem: string | null;
}

/** WARC-Target-URI as wget 1.x writes it (WARC 1.0 drafts): inside angle brackets. */
export function cleanUri(uri: string | null | undefined): string | null {
  if (!uri) return null;
  const t = uri.trim();
  return own(t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1) : t);
}

/**
 * A copy of a header value that holds nothing else alive: warcio's values are slices of the whole header block, and
 * one kept slice keeps the block (a few hundred bytes) in memory; over the ~100,000 records of a 1 GB WARC that
 * was most of the import's heap. Media types and record types repeat: one string each.
 */
const interned = new Map<string, string>();
const NONE: string[] = [];
function own(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}
function shared(value: string | null): string | null {
  if (value === null) return null;
  let s = interned.get(value);
  if (s === undefined) {
    s = own(value);
    if (interned.size < 1000) interned.set(s, s);
  }
  return s;
}

function header(value: string | null | undefined): string | null {
  return value == null || value === '' ? null : own(value);
}

/**
 * Reads the store once, from the start: warcio parses the headers of each record and skips its content, so
 * memory stays at one chunk plus one index entry per record. `onBytes` reports how far the pass has read.
 */
export async function scanRecords(
  store: ByteStore,
  options: { onBytes?: (done: number) => void; signal?: AbortSignal } = {},
): Promise<ScanResult> {
  const hash = createHash('sha256');
  let read = 0;
  let lastReport = 0;
  async function* hashed(): AsyncGenerator<Uint8Array> {
    for await (const chunk of store.stream()) {
      if (options.signal?.aborted) return;
      hash.update(chunk);
      read += chunk.byteLength;
      if (read - lastReport >= 4 * 1024 * 1024) {
        lastReport = read;
        options.onBytes?.(read);
      }
      yield chunk;
    }
  }
  const records: RecordEntry[] = [];
  let problem: string | null = null;
  const parser = new WARCParser(hashed());
  try {
    for await (const r of parser) {
      const http = r.httpHeaders;
      const status = http ? Number(http.statusCode) : NaN;
      records.push({
        type: shared(r.warcType)!,
        offset: parser.offset,
        length: parser.recordLength,
        id: header(r.warcHeader('WARC-Record-ID')),
        uri: cleanUri(r.warcTargetURI),
        date: header(r.warcDate),
        concurrentTo: r.warcConcurrentTo?.length ? r.warcConcurrentTo.map(own) : NONE,
        payloadDigest: header(r.warcPayloadDigest),
        warcContentType: shared(header(r.warcContentType)),
        status: Number.isFinite(status) && status > 0 ? status : null,
        contentType: shared(header(http?.headers.get('content-type'))),
        location: header(http?.headers.get('location')),
        refersTo: header(r.warcHeader('WARC-Refers-To')),
        refersToUri: cleanUri(r.warcRefersToTargetURI),
        refersToDate: header(r.warcRefersToDate),
      });
    }
    // A record spans from its offset to the next record's (trailing newlines and a whole gzip member included).
    // warcio's own recordLength is known only once the content was read, and this pass never reads it.
    for (let i = 0; i + 1 < records.length; i++) records[i]!.length = records[i + 1]!.offset - records[i]!.offset;
    // After the last record the parser stands at the end of what it could read: a truncated gzip member after it
    // was not a record, and the bytes left over show it.
    const last = records[records.length - 1];
    if (last) last.length = Math.max(parser.offset - last.offset, last.length);
  } catch (err) {
    const at = records.length ? ` after the record at byte ${records[records.length - 1]!.offset}` : '';
    problem = `The container could not be read further${at}: ${(err as Error).message}`;
  }
  if (problem !== null && !options.signal?.aborted) {
    // The parser stopped part way: the container's hash comes from a second pass over all of it.
    const again = createHash('sha256');
    try {
      for await (const chunk of store.stream()) again.update(chunk);
      // A record spans from its offset to the next record's (trailing newlines and a whole gzip member included).
      // warcio's own recordLength is known only once the content was read, and this pass never reads it.
      for (let i = 0; i + 1 < records.length; i++) records[i]!.length = records[i + 1]!.offset - records[i]!.offset;
      // After the last record the parser stands at the end of what it could read: a truncated gzip member after it
      // was not a record, and the bytes left over show it.
      const last = records[records.length - 1];
      if (last) last.length = Math.max(parser.offset - last.offset, last.length);
    } catch (err) {
      return { records, sha256: '', problem: `${problem} (${(err as Error).message})` };
    }
    options.onBytes?.(store.size);
    return { records, sha256: again.digest('hex'), problem };
  }
  options.onBytes?.(read);
  return { records, sha256: hash.digest('hex'), problem };
}
