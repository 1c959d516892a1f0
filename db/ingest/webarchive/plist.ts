// Reads a binary property list (what Safari writes as a .webarchive) with bplist-parser, after checking its frame.
// The parser reads whatever the trailer says; a file cut short or damaged there would be read as nonsense (or as
// nothing), so the header and the 32-byte trailer are checked first and the reason is given in words.
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
  // Every object must start between the header and the offset table.
  for (let i = 0; i < objects; i++) {
    let at = 0;
    for (let k = 0; k < offsetSize; k++) at = at * 256 + buf[tableAt + i * offsetSize + k]!;
    if (at < MAGIC.length || at >= tableAt) throw new Error('it is damaged: an object lies outside the file');
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
