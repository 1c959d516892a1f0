// Compression of a row's large forms (original bytes, reader HTML) against the row's own plain text as deflate dictionary.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

// Why chunks: deflate's window is 32 KiB, dictionary included. Each chunk of at most CHUNK bytes is compressed on
// its own with a dictionary of at most DICT bytes, so the whole dictionary stays in the window for the whole chunk
// (DICT + CHUNK <= 32 KiB). The dictionary is the stretch of the text where the chunk's words are (found by
// probing a few of the chunk's byte runs in the text), so an article of any length, or a page whose article starts
// after 100 KB of scripts, still finds its words in the dictionary.
const CHUNK = 8 * 1024;
const DICT = 24 * 1024;
const PROBE = 24;
const PROBES = 8;
/** How far past the previous chunk's place a chunk's words are looked for (the text runs in the same order). */
const SEARCH_AHEAD = 64 * 1024;
/** Dictionary start meaning "the original's own preceding bytes": a chunk with no words of the text in it. */
const SELF = 0xffffffff;
/** Format byte, so the layout can change later without a new column. */
const FORMAT = 1;
// Level 1: the words are found in the dictionary whatever the level (30x at level 1, 31x at level 6 on the bench's
// Markdown notes), so the cheapest level costs the import least.
const LEVEL = 1;

/**
 * Layout: FORMAT (1 byte), chunk count (u32), then per chunk: raw length (u32), compressed length (u32),
 * dictionary start in the text's UTF-8 bytes (u32, or SELF), then the chunks' raw-deflate streams in order.
 */
export function deflateAgainstText(bytes: Uint8Array, textBytes: Buffer): Buffer {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.max(1, Math.ceil(data.length / CHUNK));
  const header = Buffer.alloc(5 + count * 12);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt32LE(count, 1);
  const parts: Buffer[] = [header];
  let hint = 0;
  for (let i = 0; i < count; i++) {
    const chunk = data.subarray(i * CHUNK, Math.min(data.length, (i + 1) * CHUNK));
    const at = placeInText(chunk, textBytes, hint);
    let start = SELF;
    let dictionary: Buffer | undefined;
    if (at !== null) {
      start = at;
      dictionary = textBytes.subarray(start, start + DICT);
      hint = start;
    } else if (i > 0) {
      dictionary = data.subarray(Math.max(0, i * CHUNK - DICT), i * CHUNK);
    }
    const packed = deflateRawSync(chunk, dictionary ? { level: LEVEL, dictionary } : { level: LEVEL });
    header.writeUInt32LE(chunk.length, 5 + i * 12);
    header.writeUInt32LE(packed.length, 9 + i * 12);
    header.writeUInt32LE(start, 13 + i * 12);
    parts.push(packed);
  }
  return Buffer.concat(parts);
}

/** The inverse of deflateAgainstText, given the same text; throws on bytes that are not in this layout. */
export function inflateAgainstText(packed: Uint8Array, textBytes: Buffer): Buffer {
  const buf = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  if (buf.length < 5 || buf.readUInt8(0) !== FORMAT) throw new Error('compressed bytes in an unknown layout');
  const count = buf.readUInt32LE(1);
  let offset = 5 + count * 12;
  if (offset > buf.length) throw new Error('compressed bytes cut short');
  let total = 0;
  for (let i = 0; i < count; i++) total += buf.readUInt32LE(5 + i * 12);
  const out = Buffer.allocUnsafe(total);
  let written = 0;
  for (let i = 0; i < count; i++) {
    const rawLength = buf.readUInt32LE(5 + i * 12);
    const length = buf.readUInt32LE(9 + i * 12);
    const start = buf.readUInt32LE(13 + i * 12);
    const stream = buf.subarray(offset, offset + length);
    offset += length;
    let dictionary: Buffer | undefined;
    if (start !== SELF) dictionary = textBytes.subarray(start, start + DICT);
    else if (i > 0) dictionary = out.subarray(Math.max(0, written - DICT), written);
    const chunk = inflateRawSync(stream, dictionary ? { dictionary } : {});
    if (chunk.length !== rawLength) throw new Error('compressed chunk inflated to the wrong length');
    chunk.copy(out, written);
    written += rawLength;
  }
  return out;
}

/**
 * Where in the text the chunk's words are: a few runs of the chunk looked up in the text from the previous chunk's
 * place on, the dictionary then starting a little before the first run found. Null when none is found.
 */
function placeInText(chunk: Buffer, textBytes: Buffer, hint: number): number | null {
  if (textBytes.length < PROBE || chunk.length < PROBE) return null;
  const from = Math.max(0, hint - CHUNK);
  const window = textBytes.subarray(from, hint + SEARCH_AHEAD);
  const step = Math.max(1, Math.floor((chunk.length - PROBE) / PROBES));
  for (let p = 0; p + PROBE <= chunk.length; p += step) {
    const probe = chunk.subarray(p, p + PROBE);
    const found = window.indexOf(probe);
    if (found >= 0) return Math.max(0, Math.min(from + found - p, textBytes.length - 1));
  }
  // The chunk's words may be before the hint (text reordered) or far after it: one probe over the whole text.
  const whole = textBytes.indexOf(chunk.subarray(0, PROBE));
  return whole >= 0 ? Math.max(0, whole) : null;
}
