// One WARC record read back from its byte range: the exact record bytes, its HTTP payload, and the payload digest checked.
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { WARCParser } from 'warcio';
import type { ByteStore } from './byte-store.js';
import type { RecordEntry } from './scan.js';

const CRLFCRLF = Buffer.from('\r\n\r\n');

export interface RecordBytes {
  /** The record as the WARC standard writes it, uncompressed: header block, CRLF, content block, CRLF CRLF. */
  bytes: Uint8Array;
  /** The content block (for a response record: the HTTP status line, headers and payload). */
  block: Uint8Array;
}

/**
 * The uncompressed bytes of one record, checked to be a whole record: a .warc.gz holds one gzip member per record,
 * which is inflated alone; a record whose Content-Length does not match its bytes is refused with the reason.
 */
export async function readRecord(store: ByteStore, entry: RecordEntry): Promise<RecordBytes> {
  const raw = await store.read(entry.offset, entry.length);
  let bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes);
    } catch (err) {
      throw new Error(`its gzip member is damaged or truncated (${(err as Error).message})`);
    }
  }
  const headerEnd = bytes.indexOf(CRLFCRLF);
  if (!bytes.subarray(0, 5).equals(Buffer.from('WARC/')) || headerEnd < 0) {
    throw new Error('its bytes do not start with a WARC record header');
  }
  const headers = bytes.subarray(0, headerEnd).toString('latin1');
  const m = /\r\ncontent-length:[ \t]*(\d+)/i.exec(headers);
  if (!m) throw new Error('its header has no Content-Length');
  const length = Number(m[1]);
  const blockStart = headerEnd + 4;
  const blockEnd = blockStart + length;
  if (blockEnd > bytes.length) {
    throw new Error(`it is cut short: its Content-Length says ${length} bytes, ${bytes.length - blockStart} follow`);
  }
  if (!bytes.subarray(blockEnd, blockEnd + 4).equals(CRLFCRLF)) {
    throw new Error(`its Content-Length (${length}) does not end where the record ends`);
  }
  const whole = bytes.subarray(0, blockEnd + 4);
  return {
    bytes: new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength),
    block: whole.subarray(blockStart, blockEnd),
  };
}

/** The HTTP payload as transferred (still chunked or compressed if it was): what WARC-Payload-Digest covers. */
export function rawPayload(record: RecordBytes, hasHttpHeaders: boolean): Uint8Array {
  if (!hasHttpHeaders) return record.block;
  const block = Buffer.from(record.block.buffer, record.block.byteOffset, record.block.byteLength);
  const end = block.indexOf(CRLFCRLF);
  return end < 0 ? new Uint8Array(0) : record.block.subarray(end + 4);
}

/** The payload decoded for reading: chunked transfer and gzip/deflate/brotli content encodings undone (warcio). */
export async function decodedPayload(record: RecordBytes): Promise<Uint8Array> {
  const parsed = await WARCParser.parse([record.bytes]);
  if (!parsed) return new Uint8Array(0);
  return parsed.readFully(true);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export interface DigestCheck {
  /** The header as written, e.g. `sha1:W5XW6IWJ...`. */
  declared: string;
  ok: boolean;
  /** The digest of the payload found, in the header's own algorithm and encoding. */
  actual: string;
}

const ALGORITHMS: Record<string, string> = { sha1: 'sha1', 'sha-1': 'sha1', sha256: 'sha256', 'sha-256': 'sha256' };

/** Checks WARC-Payload-Digest (base32 as most tools write it, or hex); null when absent or in an unknown algorithm. */
export function checkPayloadDigest(declared: string | null, payload: Uint8Array): DigestCheck | null {
  if (!declared) return null;
  const colon = declared.indexOf(':');
  const algorithm = ALGORITHMS[declared.slice(0, colon).toLowerCase()];
  if (colon < 0 || !algorithm) return null;
  const expected = declared.slice(colon + 1).trim();
  const digest = createHash(algorithm).update(payload).digest();
  const hex = /^[0-9a-f]+$/i.test(expected) && expected.length === digest.length * 2;
  const actual = hex ? digest.toString('hex') : base32(digest);
  const ok = expected.replace(/=+$/, '').toUpperCase() === actual.toUpperCase();
  return { declared, ok, actual: `${declared.slice(0, colon)}:${actual}` };
}
