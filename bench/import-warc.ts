// Section: a generated multi-page WARC (pages, their images and scripts, request records) imported through importPaths.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { bundleProbe } from './bundle.js';
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

/** One WARC 1.1 record, uncompressed, with its digests (written by hand: warcio's serializer costs ~10x more per record). */
function warcRecord(type: string, url: string, date: string, block: Buffer, payloadStart: number): Buffer {
  const digest = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
  const headers = [
    'WARC/1.1',
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:${randomUUID()}>`,
    `WARC-Target-URI: ${url}`,
    `WARC-Date: ${date}`,
    `Content-Type: application/http; msgtype=${type}`,
    `WARC-Block-Digest: ${digest(block)}`,
    ...(type === 'response' ? [`WARC-Payload-Digest: ${digest(block.subarray(payloadStart))}`] : []),
    `Content-Length: ${block.length}`,
  ];
  return Buffer.concat([Buffer.from(headers.join('\r\n') + '\r\n\r\n'), block, Buffer.from('\r\n\r\n')]);
}

function httpResponse(contentType: string, body: Buffer): { block: Buffer; payloadStart: number } {
  const head = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`);
  return { block: Buffer.concat([head, body]), payloadStart: head.length };
}

/** One gzip member per record, as crawlers write them (and as random access needs); media hardly compresses. */
const member = (record: Buffer, level: number): Buffer => zlib.gzipSync(record, { level });

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
      const host = `https://site${i % 200}.example`;
      const url = `${host}/${i}/story.html`;
      const date = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
      // The page as the HTML section imports it, plus a photo that lives in the container.
      const html = toHtmlPage(corpus, article).replace('</p>', `</p><img src="/${i}/photo.png" alt="photo">`);
      const page = httpResponse('text/html; charset=utf-8', Buffer.from(html));
      const image = httpResponse('image/png', Buffer.concat([PNG_SIGNATURE, randomBytes(IMAGE_BYTES)]));
      const script = httpResponse('application/javascript', Buffer.from(`console.log(${i});`.repeat(40)));
      const request = Buffer.from(`GET /${i}/story.html HTTP/1.1\r\nHost: site${i % 200}.example\r\n\r\n`);
      const parts = [
        member(warcRecord('request', url, date, request, request.length), 6),
        member(warcRecord('response', url, date, page.block, page.payloadStart), 6),
        member(warcRecord('response', `${host}/${i}/photo.png`, date, image.block, image.payloadStart), 1),
        member(warcRecord('response', `${host}/app.js?v=${i}`, date, script.block, script.payloadStart), 6),
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
  const probe = await bundleProbe('warc-probe', path.join(workDir, 'warc-probe'));
  const child = spawnSync(process.execPath, [probe, warcFile, archiveFile], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.rmSync(warcFile, { force: true });
  fs.rmSync(path.dirname(probe), { recursive: true, force: true });
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
