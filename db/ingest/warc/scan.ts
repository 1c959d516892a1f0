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
  /** Records read. */
  count: number;
  /** The last record (its length reaching to where the parser stopped). */
  last: RecordEntry | null;
  /** SHA-256 of every byte of the container (hex). */
  sha256: string;
  /** Why the pass stopped early (a damaged record); the records before it are usable. */
  problem: string | null;
}

/** WARC-Target-URI as wget 1.x writes it (WARC 1.0 drafts): inside angle brackets. */
export function cleanUri(uri: string | null | undefined): string | null {
  if (!uri) return null;
  const t = uri.trim();
  return t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1) : t;
}

function header(value: string | null | undefined): string | null {
  return value == null || value === '' ? null : value;
}

/**
 * Reads the store once, from the start: warcio parses the headers of each record and skips its content, so
 * memory stays at one chunk plus one record. Each record goes to `onRecord` once its length is known (when the next
 * one starts: a record spans from its offset to the next record's, trailing newlines and a whole gzip member
 * included; warcio's own recordLength is known only once the content was read, and this pass never reads it).
 * `onBytes` reports how far the pass has read.
 */
export async function scanRecords(
  store: ByteStore,
  onRecord: (entry: RecordEntry) => void,
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
  let count = 0;
  let last: RecordEntry | null = null;
  let problem: string | null = null;
  const parser = new WARCParser(hashed());
  try {
    for await (const r of parser) {
      const http = r.httpHeaders;
      const status = http ? Number(http.statusCode) : NaN;
      const entry: RecordEntry = {
        // Null for a record without WARC-Type (it matches no kind of record the import looks for).
        type: r.warcType as string,
        offset: parser.offset,
        length: parser.recordLength,
        id: header(r.warcHeader('WARC-Record-ID')),
        uri: cleanUri(r.warcTargetURI),
        date: header(r.warcDate),
        concurrentTo: r.warcConcurrentTo ?? [],
        payloadDigest: header(r.warcPayloadDigest),
        warcContentType: header(r.warcContentType),
        status: Number.isFinite(status) && status > 0 ? status : null,
        contentType: header(http?.headers.get('content-type')),
        location: header(http?.headers.get('location')),
        refersTo: header(r.warcHeader('WARC-Refers-To')),
        refersToUri: cleanUri(r.warcRefersToTargetURI),
        refersToDate: header(r.warcRefersToDate),
      };
      if (last) {
        last.length = entry.offset - last.offset;
        onRecord(last);
      }
      last = entry;
      count++;
    }
  } catch (err) {
    const at = last ? ` after the record at byte ${last.offset}` : '';
    problem = `The container could not be read further${at}: ${(err as Error).message}`;
  }
  // After the last record the parser stands at the end of what it could read: a truncated gzip member after it
  // was not a record, and the bytes left over show it.
  if (last) {
    last.length = Math.max(parser.offset - last.offset, last.length);
    onRecord(last);
  }
  if (problem !== null && !options.signal?.aborted) {
    // The parser stopped part way: the container's hash comes from a second pass over all of it.
    const again = createHash('sha256');
    try {
      for await (const chunk of store.stream()) again.update(chunk);
    } catch (err) {
      return { count, last, sha256: '', problem: `${problem} (${(err as Error).message})` };
    }
    options.onBytes?.(store.size);
    return { count, last, sha256: again.digest('hex'), problem };
  }
  options.onBytes?.(read);
  return { count, last, sha256: hash.digest('hex'), problem };
}
