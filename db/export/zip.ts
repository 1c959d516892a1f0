// Streams files from disk into a ZIP with yazl: stored (no compression) where readers need random access.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { ExportCancelled } from './run.js';

export interface ZipEntry {
  /** The name inside the ZIP, with forward slashes. */
  name: string;
  /** A file on disk (streamed) or a small in-memory buffer. */
  file?: string;
  buffer?: Buffer;
  /** false: stored as is, so a reader can seek into it by offset (the WACZ spec asks this of WARC files). */
  compress: boolean;
}

export async function writeZip(entries: ZipEntry[], out: string, mtime: Date, signal?: AbortSignal): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    const options = { compress: e.compress, mtime, mode: 0o100644 };
    if (e.file !== undefined) zip.addFile(e.file, e.name, options);
    else if (e.buffer !== undefined) zip.addBuffer(e.buffer, e.name, options);
  }
  zip.end();
  const output = fs.createWriteStream(out, { flags: 'wx' });
  const abort = (): void => {
    output.destroy(new ExportCancelled());
  };
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await pipeline(zip.outputStream, output);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  if (signal?.aborted) throw new ExportCancelled();
  const fd = fs.openSync(out, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
