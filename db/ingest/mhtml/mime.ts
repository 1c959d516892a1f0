// Reads an MHTML file (RFC 2557 multipart/related, as Chrome's "Save as single file" writes it): headers, parts, decoded bodies.
// Written here rather than taken from an e-mail parser: those hand back an e-mail's bodies as text and drop each
// part's Content-Location, and an MHTML page is found by exactly that and must reach the extractor as raw bytes.

export interface MimePart {
  /** Header names lower-cased; a repeated header keeps its first value. */
  headers: Map<string, string>;
  /** The media type, lower-cased, without parameters. */
  type: string;
  params: Map<string, string>;
  /** The body with its Content-Transfer-Encoding undone. */
  body: Uint8Array;
}

export interface MhtmlDocument {
  headers: Map<string, string>;
  parts: MimePart[];
}

const CR = 0x0d;
const LF = 0x0a;

/** Where the header block ends (the first empty line) and the body starts. */
function splitHead(bytes: Buffer): { head: string; bodyStart: number } | null {
  // No headers at all: the body follows the empty first line.
  if (bytes[0] === LF) return { head: '', bodyStart: 1 };
  if (bytes[0] === CR && bytes[1] === LF) return { head: '', bodyStart: 2 };
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== LF) continue;
    const next = bytes[i + 1] === CR ? i + 2 : i + 1;
    if (bytes[next] === LF) return { head: bytes.subarray(0, i).toString('latin1'), bodyStart: next + 1 };
  }
  return null;
}

/** Header lines unfolded (a line starting with a space or tab continues the one before), names lower-cased. */
export function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  const lines = head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** `type/subtype; a=b; c="d e"` into the lower-cased type and its parameters (names lower-cased, quotes removed). */
export function parseContentType(value: string | undefined): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const text = value ?? '';
  const semi = text.indexOf(';');
  const type = (semi < 0 ? text : text.slice(0, semi)).trim().toLowerCase();
  const re = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[2]!.trim();
    params.set(m[1]!.toLowerCase(), raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  return { type, params };
}

/** Quoted-printable (RFC 2045): `=XX` is a byte, `=` at the end of a line is a soft line break. */
export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out = Buffer.alloc(bytes.length);
  let n = 0;
  const hex = (c: number): number =>
    c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    // A soft line break: "=" then optional trailing white space then CRLF (or a bare LF).
    let j = i + 1;
    while (bytes[j] === 0x20 || bytes[j] === 0x09) j++;
    if (bytes[j] === CR && bytes[j + 1] === LF) {
      i = j + 1;
      continue;
    }
    if (bytes[j] === LF) {
      i = j;
      continue;
    }
    if (j >= bytes.length) break; // "=" at the very end: a soft break before the end of the part.
    const hi = hex(bytes[i + 1] ?? -1);
    const lo = hex(bytes[i + 2] ?? -1);
    if (hi >= 0 && lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else {
      out[n++] = c; // Not an escape: kept as written, as RFC 2045 suggests a robust decoder does.
    }
  }
  return new Uint8Array(out.buffer, out.byteOffset, n);
}

function decodeBody(body: Buffer, encoding: string | undefined): Uint8Array {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return new Uint8Array(Buffer.from(body.toString('latin1'), 'base64'));
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  }
}

function lineEnd(bytes: Buffer, from: number): number {
  const i = bytes.indexOf(LF, from);
  return i < 0 ? bytes.length : i + 1;
}

/**
 * Splits a whole MHTML file into its parts. Throws with the reason when the file is not MHTML or is cut short (its
 * closing boundary missing): a page with half its images is not kept as if it were whole.
 */
export function parseMhtml(input: Uint8Array): MhtmlDocument {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const top = splitHead(bytes);
  if (!top) throw new Error('it has no MIME header block (it is not an MHTML file)');
  const headers = parseHeaders(top.head);
  const { type, params } = parseContentType(headers.get('content-type'));
  if (!type.startsWith('multipart/')) {
    throw new Error(
      `its Content-Type is ${type ? `"${type}"` : 'missing'}, not multipart/related (it is not an MHTML file)`,
    );
  }
  const boundary = params.get('boundary');
  if (!boundary) throw new Error('its Content-Type names no boundary between parts');
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');

  // Delimiter lines: "--boundary" at the start of a line; "--boundary--" closes the multipart.
  const starts: number[] = [];
  let closed = false;
  for (let at = top.bodyStart; at < bytes.length; at = lineEnd(bytes, at)) {
    if (bytes[at] !== 0x2d || !bytes.subarray(at, at + delimiter.length).equals(delimiter)) continue;
    const after = at + delimiter.length;
    if (bytes[after] === 0x2d && bytes[after + 1] === 0x2d) {
      starts.push(at);
      closed = true;
      break;
    }
    starts.push(at);
  }
  if (starts.length === 0) throw new Error(`none of its parts starts with the boundary "${boundary}"`);
  if (!closed) {
    throw new Error('it is cut short: its closing boundary is missing, so its last part may be incomplete');
  }
  const parts: MimePart[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = lineEnd(bytes, starts[k]!);
    // The line break before the next delimiter belongs to the delimiter, not to the body.
    let to = starts[k + 1]!;
    if (bytes[to - 1] === LF) to--;
    if (bytes[to - 1] === CR) to--;
    const part = bytes.subarray(from, Math.max(from, to));
    const split = splitHead(part);
    const partHeaders = parseHeaders(split ? split.head : part.toString('latin1'));
    const body = split ? part.subarray(split.bodyStart) : Buffer.alloc(0);
    const ct = parseContentType(partHeaders.get('content-type') ?? 'text/plain');
    parts.push({
      headers: partHeaders,
      type: ct.type,
      params: ct.params,
      body: decodeBody(body, partHeaders.get('content-transfer-encoding')),
    });
  }
  if (parts.length === 0) throw new Error('it holds no part');
  return { headers, parts };
}
