// A WACZ (a ZIP of WARCs, page list and package manifest), read in place with yauzl: never unpacked to disk.
import { createHash } from 'node:crypto';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { ListOptions, Source, SourceItem, SourceProblem } from '../source.js';
import { listArchive, type ArchivePart } from './archive-items.js';
import type { ByteStore } from './byte-store.js';
import type { PageList } from './pages.js';
import { openScratch, scratchTracker, type ScratchOpener } from './record-index.js';

async function entries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      list.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(list));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** An entry's bytes with random access: a stored entry (as WACZ writers store WARCs) is read at the offset asked. */
function entryStore(zip: yauzl.ZipFile, entry: yauzl.Entry): ByteStore {
  const stored = entry.compressionMethod === 0;
  const collect = async (stream: Readable, skip: number, length: number): Promise<Uint8Array> => {
    const chunks: Buffer[] = [];
    let got = 0;
    let skipped = 0;
    for await (const c of stream as AsyncIterable<Buffer>) {
      let chunk = c;
      if (skipped < skip) {
        const drop = Math.min(chunk.length, skip - skipped);
        skipped += drop;
        chunk = chunk.subarray(drop);
      }
      if (chunk.length === 0) continue;
      chunks.push(chunk.subarray(0, length - got));
      got += Math.min(chunk.length, length - got);
      if (got >= length) break;
    }
    stream.destroy();
    return new Uint8Array(Buffer.concat(chunks));
  };
  return {
    size: entry.uncompressedSize,
    async read(offset, length) {
      const end = Math.min(entry.uncompressedSize, offset + length);
      if (end <= offset) return new Uint8Array(0);
      // A deflated entry has no random access: it is inflated from its start each time (slow, but bounded in memory).
      if (stored) return collect(await zip.openReadStreamPromise(entry, { start: offset, end }), 0, end - offset);
      return collect(await zip.openReadStreamPromise(entry), offset, end - offset);
    },
    async *stream() {
      yield* (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>;
    },
    async close() {},
  };
}

async function sha256Of(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
}

async function readText(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<string> {
  if (entry.uncompressedSize > limit)
    throw new Error(`${entry.fileName} is too large (${entry.uncompressedSize} bytes)`);
  const chunks: Buffer[] = [];
  for await (const c of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

/** pages/pages.jsonl: a header line, then one JSON object per page ({url, ts, title}). */
async function readPageList(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<PageList[]> {
  const pages: PageList[] = [];
  const lines = readline.createInterface({ input: await zip.openReadStreamPromise(entry), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let row: { url?: unknown; ts?: unknown; title?: unknown; format?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      continue;
    }
    if (typeof row.url !== 'string') continue;
    pages.push({
      url: row.url,
      ts: typeof row.ts === 'string' ? row.ts : null,
      title: typeof row.title === 'string' && row.title.trim() ? row.title.trim() : null,
    });
  }
  return pages;
}

interface DataPackage {
  resources?: Array<{ path?: unknown; hash?: unknown }>;
}

export async function openWaczSource(opts: {
  name: string;
  filePath: string | null;
  bytes?: Uint8Array;
  scratch?: ScratchOpener;
}): Promise<Source> {
  const scratch = scratchTracker(opts.scratch ?? openScratch);
  const zip = opts.bytes
    ? await yauzl.fromBufferPromise(Buffer.from(opts.bytes.buffer, opts.bytes.byteOffset, opts.bytes.byteLength), {
        lazyEntries: true,
        autoClose: false,
      })
    : await yauzl.openPromise(opts.filePath!, { lazyEntries: true, autoClose: false });
  const all = await entries(zip);
  const byName = new Map(all.map((e) => [e.fileName, e]));
  return {
    name: opts.name,
    byteSize: zip.fileSize,
    async *list(options: ListOptions): AsyncGenerator<SourceItem | SourceProblem> {
      const problems: SourceProblem[] = [];
      const where = (p: string): string => `${opts.name} › ${p}`;
      // datapackage.json: the hash of every file of the package, checked here (WARCs while their records are read).
      const declared = new Map<string, string>();
      const manifest = byName.get('datapackage.json');
      if (!manifest)
        problems.push({ name: opts.name, error: 'It has no datapackage.json: its files cannot be checked.' });
      else {
        try {
          const pkg = JSON.parse(await readText(zip, manifest, 64 * 1024 * 1024)) as DataPackage;
          for (const r of pkg.resources ?? []) {
            if (typeof r.path === 'string' && typeof r.hash === 'string')
              declared.set(r.path, r.hash.replace(/^sha256:/i, ''));
          }
        } catch (err) {
          problems.push({ name: where('datapackage.json'), error: `It cannot be read: ${(err as Error).message}.` });
        }
      }
      const warcs = all.filter((e) => /^archive\/.+\.warc(\.gz)?$/i.test(e.fileName));
      for (const [file, hash] of declared) {
        const entry = byName.get(file);
        if (!entry)
          problems.push({ name: where(file), error: 'Listed in datapackage.json but missing from the package.' });
        else if (!warcs.includes(entry)) {
          try {
            const found = await sha256Of((await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>);
            if (found !== hash.toLowerCase())
              problems.push({
                name: where(file),
                error: `Its SHA-256 does not match datapackage.json (declared ${hash}, found ${found}).`,
              });
          } catch (err) {
            problems.push({ name: where(file), error: `It cannot be read: ${(err as Error).message}.` });
          }
        }
      }
      let pageList: PageList[] | null = null;
      const pagesEntry = byName.get('pages/pages.jsonl');
      if (pagesEntry) {
        try {
          pageList = await readPageList(zip, pagesEntry);
        } catch (err) {
          problems.push({
            name: where('pages/pages.jsonl'),
            error: `It cannot be read: ${(err as Error).message}; every HTML page is imported instead.`,
          });
        }
      }
      if (warcs.length === 0) problems.push({ name: opts.name, error: 'It holds no WARC file under archive/.' });
      const parts: ArchivePart[] = warcs.map((e) => ({
        store: entryStore(zip, e),
        label: e.fileName,
        expectedSha256: declared.get(e.fileName) ?? null,
      }));
      yield* listArchive(
        parts,
        {
          name: opts.name,
          filePath: opts.filePath,
          importer: 'wacz',
          pageList,
          problems,
          containerSha256: async () => {
            if (opts.bytes) return createHash('sha256').update(opts.bytes).digest('hex');
            const fs = await import('node:fs');
            return sha256Of(fs.createReadStream(opts.filePath!));
          },
          scratch: scratch.open,
        },
        options,
      );
    },
    async close() {
      scratch.closeAll();
      zip.close();
    },
  };
}
