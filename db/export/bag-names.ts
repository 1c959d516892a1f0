// File names inside a bag: readable UTF-8 names safe on every OS, and the manifest's RFC 8493 percent-encoding.

/** Characters no common file system accepts in a name, and control characters. */
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]+/g;

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function clampUtf8(s: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** "12-Café-notes-100%-arabica" from an id and a title: the id keeps it unique, the title keeps it readable. */
export function articleFolderName(id: number, title: string): string {
  const slug = clampUtf8(
    title
      .normalize('NFC')
      .replace(UNSAFE, ' ')
      .trim()
      .replace(/\s+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, ''),
    100,
  ).replace(/[.-]+$/, '');
  return slug ? `${id}-${slug}` : String(id);
}

const EXTENSIONS: Record<string, string> = {
  'text/html': 'html',
  'application/xhtml+xml': 'xhtml',
  'text/markdown': 'md',
  'text/plain': 'txt',
  'application/warc': 'warc',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
  'image/x-icon': 'ico',
  'image/svg+xml': 'svg',
};

export function extensionFor(mediaType: string): string {
  return EXTENSIONS[mediaType.split(';')[0]!.trim().toLowerCase()] ?? 'bin';
}

/** "20240305T080000Z" from an ISO date, for capture file names that sort by time. */
export function compactDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? 'undated'
    : d
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
}

/**
 * RFC 8493 section 2.1.3: in a manifest line, CR, LF and "%" in a file path (and only those) are
 * percent-encoded; everything else, UTF-8 included, is written as it is.
 */
export function encodeManifestPath(p: string): string {
  return p.replace(/[%\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
