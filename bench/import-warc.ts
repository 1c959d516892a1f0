// Section: a generated multi-page WARC (pages, their images and scripts, request records) imported through importPaths.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { Corpus } from './corpus.js';
import { toHtmlPage } from './formats.js';
import { archiveBytes } from './import-text.js';

export interface WarcImportFigures {
  pages: number;
  imported: number;
  failed: number;
  seconds: number;
  /** The first pass, which reads the whole container to list its pages. */
  listSeconds: number;
  pagesPerSecond: number;
  warcBytes: number;
  peakRssBytes: number;
  fileBytes: number;
  firstFailures: string[];
}

/** One image per page, incompressible like real photos: most of a real crawl's bytes are media, not HTML. */
const IMAGE_BYTES = 40 * 1024;
const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

async function member(opts: Parameters<typeof WARCRecord.create>[0], body: Uint8Array): Promise<Buffer> {
  const record = WARCRecord.create(
    opts,
    (function* () {
      yield body;
    })(),
  );
  // One gzip member per record, as crawlers write them (and as random access needs).
  return zlib.gzipSync(await WARCSerializer.serialize(record), { level: 6 });
}

/**
 * Writes a .warc.gz record by record (never held whole): for each page a request, the HTML response, an image
 * and a script. Stops after `pages` pages, or once the file reaches `targetBytes` when that is given.
 */
export async function writeBenchWarc(
  corpus: Corpus,
  file: string,
  offset: number,
  pages: number,
  targetBytes = 0,
): Promise<{ pages: number; bytes: number }> {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let i = 0;
  try {
    for (; targetBytes > 0 ? bytes < targetBytes : i < pages; i++) {
      const article = corpus.article(offset + (i % 100_000));
      const url = `https://site${i % 200}.example/${i}/story.html`;
      const date = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
      // The page as the HTML section imports it, plus a photo that lives in the container.
      const html = toHtmlPage(corpus, article).replace('</p>', `</p><img src="/${i}/photo.png" alt="photo">`);
      const image = Buffer.concat([PNG_SIGNATURE, randomBytes(IMAGE_BYTES)]);
      const parts = [
        await member({ url, date, type: 'request', statusline: `GET /${i}/story.html HTTP/1.1` }, new Uint8Array(0)),
        await member(
          { url, date, type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
          Buffer.from(html),
        ),
        await member(
          {
            url: `https://site${i % 200}.example/${i}/photo.png`,
            date,
            type: 'response',
            httpHeaders: { 'Content-Type': 'image/png' },
          },
          image,
        ),
        await member(
          {
            url: `https://site${i % 200}.example/app.js?v=${i}`,
            date,
            type: 'response',
            httpHeaders: { 'Content-Type': 'application/javascript' },
          },
          Buffer.from(`console.log(${i});`.repeat(40)),
        ),
      ];
      for (const p of parts) {
        fs.writeSync(fd, p);
        bytes += p.length;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return { pages: i, bytes };
}

export async function benchWarcImport(
  corpus: Corpus,
  pages: number,
  offset: number,
  archiveFile: string,
  workDir: string,
  targetBytes = 0,
  log: (line: string) => void = () => {},
): Promise<WarcImportFigures | { skipped: string }> {
  const warcFile = path.join(workDir, 'bench.warc.gz');
  const written = await writeBenchWarc(corpus, warcFile, offset, pages, targetBytes);
  log(`  wrote ${written.pages} pages, ${Math.round(written.bytes / 1048576)} MB of WARC`);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const tsx = path.join(here, '..', 'node_modules', '.bin', 'tsx');
  const child = spawnSync(tsx, [path.join(here, 'warc-probe.ts'), warcFile, archiveFile], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.rmSync(warcFile, { force: true });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  let r: Omit<WarcImportFigures, 'pages' | 'pagesPerSecond' | 'warcBytes' | 'fileBytes'>;
  try {
    r = JSON.parse(line) as typeof r;
  } catch {
    return { skipped: `WARC probe failed: ${child.stderr.trim().split('\n').slice(-3).join(' ') || line}` };
  }
  if (r.imported === 0) return { skipped: `no page imported: ${r.firstFailures[0] ?? 'unknown'}` };
  return {
    ...r,
    pages: written.pages,
    pagesPerSecond: r.imported / r.seconds,
    warcBytes: written.bytes,
    fileBytes: archiveBytes(archiveFile),
  };
}
