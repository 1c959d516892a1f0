// Bytes -> string with the right charset: BOM, declared charset (HTTP header or <meta>), UTF-8 validity, then chardet.
import chardet from 'chardet';
import { looksLikeUtf16 } from './limits.js';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name actually used, e.g. 'utf-8', 'windows-1251', 'shift_jis'. */
  charset: string;
  /** How the charset was chosen: useful when a page decodes badly. */
  source: 'bom' | 'declared' | 'utf8-valid' | 'detected' | 'fallback';
}

/** The WHATWG name for a label, or null when TextDecoder does not know it. */
export function normalizeCharsetLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  const cleaned = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!cleaned) return null;
  try {
    return new TextDecoder(cleaned).encoding;
  } catch {
    return null;
  }
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** The charset parameter of a Content-Type value such as "text/html; charset=Shift_JIS". */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType ? /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType) : null;
  return normalizeCharsetLabel(m?.[2]);
}

/**
 * The charset an HTML (or XML) document declares in its first bytes: <meta charset>, <meta http-equiv
 * content-type>, or an XML declaration. The HTML spec's prescan looks at 1024 bytes; saved pages often
 * carry long comments first, so 4096 are read.
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return normalizeCharsetLabel(xml[1]);
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(tag);
    if (direct && !/http-equiv/i.test(tag)) return normalizeCharsetLabel(direct[1]);
    if (/http-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(tag);
      const cs = charsetFromContentType(content?.[2]);
      if (cs) return cs;
    }
  }
  return null;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8, or null when they are not valid UTF-8 (one decode serves as check and result). */
function decodeValidUtf8(bytes: Uint8Array): string | null {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function isValidUtf8(bytes: Uint8Array): boolean {
  return decodeValidUtf8(bytes) !== null;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** chardet guesses from statistics; only its confident answers in encodings TextDecoder knows are used. */
function detectCharset(bytes: Uint8Array): string | null {
  const sample = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  for (const match of chardet.analyse(sample)) {
    const name = normalizeCharsetLabel(match.name);
    if (name && match.confidence >= 10) return name;
  }
  return null;
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  // ignoreBOM: false strips a BOM that matches the charset, so the text never starts with U+FEFF.
  return new TextDecoder(charset).decode(bytes);
}

export interface DecodeOptions {
  /** Content-Type as received (HTTP header or the caller's media type). */
  contentType?: string | null;
  /** Look for <meta charset> / XML declarations. */
  html?: boolean;
}

/** Decodes bytes to a string, choosing the charset in the order browsers do, with chardet as last resort. */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) return { text: decodeWith(bytes, bom.charset), charset: bom.charset, source: 'bom' };

  const declared = charsetFromContentType(options.contentType) ?? (options.html ? declaredHtmlCharset(bytes) : null);
  if (declared) {
    // A page re-saved as UTF-8 often keeps its old <meta charset>; valid multi-byte UTF-8 is almost never
    // an accident in a legacy encoding, so it wins. UTF-16 declarations inside ASCII-compatible bytes are lies.
    const utf8Instead = declared !== 'utf-8' && hasNonAscii(bytes) && isValidUtf8(bytes);
    const bogusUtf16 = declared.startsWith('utf-16');
    if (!utf8Instead && !bogusUtf16)
      return { text: decodeWith(bytes, declared), charset: declared, source: 'declared' };
  }

  const utf16 = looksLikeUtf16(bytes.subarray(0, 8192));
  if (utf16) return { text: decodeWith(bytes, utf16), charset: utf16, source: 'detected' };

  // No BOM here (bomCharset returned above), so the fatal decoder's text is what decodeWith would give.
  const utf8 = decodeValidUtf8(bytes);
  if (utf8 !== null) return { text: utf8, charset: 'utf-8', source: 'utf8-valid' };

  const detected = detectCharset(bytes);
  if (detected) return { text: decodeWith(bytes, detected), charset: detected, source: 'detected' };
  return { text: decodeWith(bytes, 'windows-1252'), charset: 'windows-1252', source: 'fallback' };
}
