// Recognises web archive containers by name and first bytes: WARC (plain or gzip per record), WACZ, and the older ARC.
import zlib from 'node:zlib';

export type ContainerKind = 'warc' | 'wacz' | 'arc';

/** The start of the content, inflated when it is gzip (a partial member is enough). */
function headText(head: Uint8Array): string {
  let bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch {
      return '';
    }
  }
  return bytes.subarray(0, 64).toString('latin1');
}

/** What kind of web archive a file is, from its name and its first few KB; null when it is none. */
export function containerKind(name: string, head: Uint8Array): ContainerKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.wacz')) return 'wacz';
  if (/\.arc(\.gz)?$/.test(lower)) return 'arc';
  const text =
    /\.(warc|warc\.gz|gz)$/.test(lower) || head[0] === 0x1f || head[0] === 0x57 || head[0] === 0x66
      ? headText(head)
      : '';
  if (text.startsWith('WARC/')) return 'warc';
  if (text.startsWith('filedesc://')) return 'arc';
  if (/\.warc(\.gz)?$/.test(lower)) return 'warc';
  return null;
}

export const ARC_UNSUPPORTED =
  'is an ARC file (the web archive format before WARC): Stacks reads WARC 1.0/1.1 and WACZ. Convert it to WARC first (for example with the arc2warc tool of warctools).';
