// Reads a binary property list (what Safari writes as a .webarchive) with bplist-parser, after checking its frame.
// The parser reads whatever the trailer says and follows references as they come: a file cut short would be read as
// nonsense, and a hostile one could make it loop or expand a few bytes into millions of objects. So the header, the
// trailer and each object's extent and references are checked first (one linear pass), with the reason in words.
import { maxObjectCount, parseBuffer } from 'bplist-parser';

const MAGIC = 'bplist00';
const TRAILER = 32;

/** The frame of a binary plist is sound: magic, trailer fields in range, offset table inside the file. */
function checkFrame(buf: Buffer): void {
  if (buf.length < MAGIC.length || buf.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) {
    const xml = /^\s*<\?xml|^\s*<!DOCTYPE plist|^\s*<plist/i.test(buf.subarray(0, 256).toString('latin1'));
    throw new Error(
      xml
        ? 'it is an XML property list, not the binary one Safari writes'
        : 'it does not start with "bplist00" (it is not a binary property list)',
    );
  }
  if (buf.length < MAGIC.length + TRAILER) throw new Error('it is cut short: it ends before its trailer');
  const trailer = buf.subarray(buf.length - TRAILER);
  const offsetSize = trailer[6]!;
  const refSize = trailer[7]!;
  const objects = Number(trailer.readBigUInt64BE(8));
  const top = Number(trailer.readBigUInt64BE(16));
  const tableAt = Number(trailer.readBigUInt64BE(24));
  const sound =
    offsetSize >= 1 &&
    offsetSize <= 8 &&
    refSize >= 1 &&
    refSize <= 8 &&
    objects >= 1 &&
    top < objects &&
    tableAt >= MAGIC.length &&
    tableAt + objects * offsetSize <= buf.length - TRAILER;
  if (!sound) throw new Error('it is cut short or damaged: its trailer does not describe the file');
  if (objects > maxObjectCount) throw new Error(`it holds ${objects} objects, more than the ${maxObjectCount} read`);
  const offsets: number[] = [];
  for (let i = 0; i < objects; i++) offsets.push(readUInt(buf, tableAt + i * offsetSize, offsetSize));
  checkObjects(buf, offsets, refSize, top, tableAt);
}

function readUInt(buf: Buffer, at: number, size: number): number {
  let n = 0;
  for (let k = 0; k < size; k++) n = n * 256 + buf[at + k]!;
  return n;
}

const ARRAY = 0xa;
const DICT = 0xd;

/**
 * Each object lies between the header and the offset table, and every list or dictionary is referred to at most
 * once and never by itself or below: Apple's writer shares only strings, numbers, dates and data, so a shared or
 * looping collection is damage (or an attack), and without one the parser's work is bounded by the file's size.
 */
function checkObjects(buf: Buffer, offsets: number[], refSize: number, top: number, end: number): void {
  const outside = (): never => {
    throw new Error('it is damaged: an object runs past the end of its data');
  };
  const referred = new Uint8Array(offsets.length);
  for (const at of offsets) {
    if (at < MAGIC.length || at >= end) outside();
    const marker = buf[at]!;
    const type = marker >> 4;
    const info = marker & 0xf;
    // The count of bytes, characters or entries, and where the body starts.
    let count = info;
    let body = at + 1;
    if (type >= 0x4 && type !== 0x8 && info === 0xf) {
      const intMarker = buf[at + 1]!;
      const width = 1 << (intMarker & 0xf);
      if (intMarker >> 4 !== 0x1 || width > 8) throw new Error('it is damaged: an object has an unreadable length');
      if (at + 2 + width > end) outside();
      count = readUInt(buf, at + 2, width);
      body = at + 2 + width;
    }
    const size =
      type === 0x0
        ? 0
        : type === 0x1 || type === 0x2
          ? 1 << info
          : type === 0x3
            ? 8
            : type === 0x4 || type === 0x5
              ? count
              : type === 0x6
                ? count * 2
                : type === 0x8
                  ? info + 1
                  : type === ARRAY || type === 0xc
                    ? count * refSize
                    : type === DICT
                      ? count * 2 * refSize
                      : -1;
    if (size < 0) throw new Error(`it is damaged: an object has the unknown type 0x${type.toString(16)}`);
    if (body + size > end) outside();
    if (type !== ARRAY && type !== DICT && type !== 0xc) continue;
    for (let r = 0; r < size / refSize; r++) {
      const ref = readUInt(buf, body + r * refSize, refSize);
      if (ref >= offsets.length) throw new Error('it is damaged: an object refers to one that does not exist');
      const refType = buf[offsets[ref]!]! >> 4;
      if (refType !== ARRAY && refType !== DICT && refType !== 0xc) continue;
      if (ref === top || referred[ref]) throw new Error('it is damaged: its lists or dictionaries refer to each other');
      referred[ref] = 1;
    }
  }
}

/** The plist's top object, or an Error whose message says in words why the bytes are not a readable binary plist. */
export function readBinaryPlist(bytes: Uint8Array): unknown {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkFrame(buf);
  try {
    return parseBuffer(buf)[0];
  } catch (err) {
    throw new Error(`it is damaged: ${(err as Error).message}`);
  }
}
