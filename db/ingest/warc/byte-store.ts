// Random access to a container's bytes (a file on disk, bytes in memory, a stored entry of a ZIP): read a range, or stream it all.
import fs from 'node:fs';

export interface ByteStore {
  readonly size: number;
  /** Exactly `length` bytes from `offset`, or fewer at the end of the store. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** The whole store from the start, in chunks: the container is never held in memory whole. */
  stream(): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

const STREAM_CHUNK = 64 * 1024;

export function fileStore(file: string): ByteStore {
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  let closed = false;
  return {
    size,
    async read(offset, length) {
      const end = Math.min(size, offset + length);
      const buf = Buffer.alloc(Math.max(0, end - offset));
      let got = 0;
      // Synchronous reads: a page's records are a few KB, and the main thread would wait for them anyway.
      while (got < buf.length) {
        const n = fs.readSync(fd, buf, got, buf.length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, got);
    },
    stream: () => fs.createReadStream(file, { highWaterMark: STREAM_CHUNK }),
    async close() {
      if (closed) return;
      closed = true;
      fs.closeSync(fd);
    },
  };
}

export function bufferStore(bytes: Uint8Array): ByteStore {
  return {
    size: bytes.byteLength,
    async read(offset, length) {
      return bytes.subarray(offset, Math.min(bytes.byteLength, offset + length));
    },
    async *stream() {
      for (let at = 0; at < bytes.byteLength; at += STREAM_CHUNK) yield bytes.subarray(at, at + STREAM_CHUNK);
    },
    async close() {},
  };
}
