// The one way the archive writes and reads a capture's original bytes and its reader HTML, stored raw or compressed.
import { deflateAgainstText, inflateAgainstText } from './text-deflate.js';

/**
 * Per-row codec marker (capture.original_codec, content.html_codec). Rows written before compression existed read
 * as RAW, so an archive upgrades row by row (`stacks compact`) and stays readable throughout.
 */
export const CODEC_RAW = 0;
/** Chunked raw deflate with the row's plain text (content.text, UTF-8) as dictionary (text-deflate.ts). */
export const CODEC_TEXT_DEFLATE = 1;

/** Smaller than this is stored as it is: the compressed layout's own header would eat the gain. */
const MIN_BYTES = 256;
/** Kept raw unless compression saves at least this fraction (already-compressed media: PDFs, images). */
const MIN_SAVING = 0.1;

export interface Packed {
  codec: number;
  data: Buffer;
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** Compresses `bytes` against `text` when that pays; otherwise hands them back raw. */
export function packBytes(bytes: Uint8Array, text: string, textBytes: Buffer = utf8(text)): Packed {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (raw.length < MIN_BYTES) return { codec: CODEC_RAW, data: raw };
  const data = deflateAgainstText(raw, textBytes);
  if (data.length > raw.length * (1 - MIN_SAVING)) return { codec: CODEC_RAW, data: raw };
  return { codec: CODEC_TEXT_DEFLATE, data };
}

/** The stored bytes back as they were given to packBytes; `text` must be the row's text it was packed against. */
export function unpackBytes(codec: number, data: Buffer, text: string | null): Buffer {
  if (codec === CODEC_RAW) return data;
  if (codec === CODEC_TEXT_DEFLATE) {
    if (text === null) throw new Error('a compressed original without the text it was compressed against');
    return inflateAgainstText(data, utf8(text));
  }
  throw new Error(`stored bytes in codec ${codec}, which this version of Stacks does not know`);
}

/** Reader HTML as stored: raw in content.html (html_packed NULL), or compressed in content.html_packed (html ''). */
export interface StoredHtml {
  html: string;
  packed: Buffer | null;
}

export function packHtml(html: string, text: string, textBytes: Buffer = utf8(text)): StoredHtml & { codec: number } {
  const p = packBytes(utf8(html), text, textBytes);
  return p.codec === CODEC_RAW
    ? { codec: CODEC_RAW, html, packed: null }
    : { codec: p.codec, html: '', packed: p.data };
}

export function unpackHtml(codec: number, html: string, packed: Buffer | null, text: string | null): string {
  if (codec === CODEC_RAW || packed === null) return html;
  return unpackBytes(codec, packed, text).toString('utf8');
}

/**
 * The forms a new capture is stored in: its original and reader HTML packed against its text. One UTF-8 copy of
 * the text serves both.
 */
export function packCapture(
  original: Uint8Array,
  html: string,
  text: string,
): { original: Packed; html: StoredHtml & { codec: number } } {
  const textBytes = utf8(text);
  return { original: packBytes(original, text, textBytes), html: packHtml(html, text, textBytes) };
}
