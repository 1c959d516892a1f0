// The pages of a web archive as import items. CONVENTION (relied on by the WACZ exporter), for every page:
//   capture.original   = the page's own WARC record(s) exactly as in the container, uncompressed, concatenated:
//                        the response (or revisit, or resource) record first, then its request record if present;
//                        each is a complete WARC record (header block, CRLF, content block, CRLF CRLF).
//   capture.media_type = 'application/warc'; capture.importer = 'warc' or 'wacz'; capture.captured_at = WARC-Date;
//   capture.source_url = WARC-Target-URI; capture.source_path = the container file.
//   provenance         = the 'imported'/'re-captured' event names the container file and its SHA-256, each record's
//                        WARC-Record-ID and byte offset, and the payload digest with the result of checking it; a
//                        mismatch is also a 'failed-verify' event and a warning in the import report.
// A revisit's capture is its own revisit record; the payload it stands for is read from the record it refers to.
import path from 'node:path';
import { ArchiveError } from '../../contract/errors.js';
import type { CaptureStamp, ItemBytes, SourceItem, SourceProblem, ListOptions } from '../source.js';
import type { ByteStore } from './byte-store.js';
import { readPageImages } from './images.js';
import { planPages, type PageList } from './pages.js';
import { checkPayloadDigest, decodedPayload, rawPayload, readRecord, type RecordBytes } from './record.js';
import { openScratch, RecordIndex, type PageRow, type PartRecord, type ScratchOpener } from './record-index.js';
import { scanRecords } from './scan.js';

export const WEB_ARCHIVE_IMPORTER_VERSION = '1.0.0';

export interface ArchivePart {
  store: ByteStore;
  /** The part's name inside the container (a WACZ's archive/data.warc.gz); empty for a plain WARC. */
  label: string;
  /** SHA-256 a WACZ's datapackage.json declares for this part (hex), checked while it is read. */
  expectedSha256?: string | null;
}

export interface ArchiveContext {
  name: string;
  /** The container's path on disk (null when it came as bytes). */
  filePath: string | null;
  importer: 'warc' | 'wacz' | 'capture';
  pageList: PageList[] | null;
  /** Problems found before the records were read (a WACZ's package checks). */
  problems: SourceProblem[];
  /** The container's SHA-256; for a plain WARC it comes from reading its records. */
  containerSha256: (scanned: string[]) => Promise<string>;
  /** Opens the temporary database the record index lives in (default: one with Node's better-sqlite3 build). */
  scratch?: ScratchOpener;
}

function fileNameOf(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : 'index.html';
  } catch {
    return 'page.html';
  }
}

function iso(date: string | null): string | null {
  const t = date ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function concat(records: RecordBytes[]): Uint8Array {
  if (records.length === 1) return records[0]!.bytes;
  return new Uint8Array(Buffer.concat(records.map((r) => r.bytes)));
}

/**
 * The record index stays open while the listing runs and while any page it handed out is being imported (a page
 * reads its records, its revisit's payload and its images through it), and closes after the last.
 */
function leaseOf(index: RecordIndex): { take(): () => void; listed(): void } {
  let inUse = 0;
  let listed = false;
  const check = (): void => {
    if (listed && inUse === 0) index.close();
  };
  return {
    take() {
      inUse++;
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        inUse--;
        check();
      };
    },
    listed() {
      listed = true;
      check();
    },
  };
}

export async function* listArchive(
  parts: ArchivePart[],
  ctx: ArchiveContext,
  options: ListOptions,
): AsyncGenerator<SourceItem | SourceProblem> {
  const index = new RecordIndex(ctx.scratch ?? openScratch);
  const lease = leaseOf(index);
  try {
    const problems: SourceProblem[] = [...ctx.problems];
    const hashes: string[] = [];
    for (const [part, p] of parts.entries()) {
      const where = p.label ? `${ctx.name} › ${p.label}` : ctx.name;
      let reported = 0;
      const scan = await scanRecords(p.store, (r) => index.add({ ...r, part }), {
        signal: options.signal,
        onBytes: (done) => {
          options.onBytes?.(done - reported);
          reported = done;
        },
      });
      if (options.signal?.aborted) return;
      hashes.push(scan.sha256);
      if (scan.problem) problems.push({ name: where, error: scan.problem });
      const end = scan.last ? scan.last.offset + scan.last.length : 0;
      if (!scan.problem && p.store.size - end > 4) {
        problems.push({
          name: where,
          error: `The container ends in the middle of a record: the ${p.store.size - end} bytes after byte ${end} cannot be read (a truncated file or gzip member).`,
        });
      }
      if (p.expectedSha256 && scan.sha256 && scan.sha256 !== p.expectedSha256.toLowerCase()) {
        problems.push({
          name: where,
          error: `Its SHA-256 does not match datapackage.json (declared ${p.expectedSha256}, found ${scan.sha256}): the file was changed or damaged.`,
        });
      }
    }
    index.seal();
    for (const pr of planPages(index, ctx.pageList))
      problems.push({ name: `${ctx.name} › ${pr.name}`, error: pr.error });
    const pages = index.pageCount();
    if (pages === 0 && problems.length === 0) {
      problems.push({ name: ctx.name, error: 'The web archive holds no HTML page.' });
    }
    options.onMoreItems?.(pages + problems.length - 1);
    yield* problems;
    const containerSha = await ctx.containerSha256(hashes);
    const pc: PageContext = { ctx, containerSha, index, stores: parts.map((p) => p.store), parts };
    // Read back a chunk at a time: the plan of a large container stays on disk, not in the heap.
    for (let chunk = index.pagesAfter(0); chunk.length; chunk = index.pagesAfter(chunk[chunk.length - 1]!.n)) {
      for (const row of chunk) {
        const release = lease.take();
        yield { name: `${ctx.name} › ${row.url}`, read: () => readPage(row, pc, release) };
      }
    }
  } finally {
    lease.listed();
  }
}

interface PageContext {
  ctx: ArchiveContext;
  containerSha: string;
  index: RecordIndex;
  stores: ByteStore[];
  parts: ArchivePart[];
}

function describe(r: PartRecord, parts: ArchivePart[]): string {
  const where = parts[r.part]!.label ? ` of ${parts[r.part]!.label}` : '';
  return `${r.type} record ${r.id ?? '(no id)'} at byte ${r.offset}${where}`;
}

/** A planned page with its records, looked up when the import reaches it. */
interface PlannedPage {
  url: string;
  /** The page's own records, kept as the capture's original bytes: the response (or revisit, or resource) first, then its request. */
  own: PartRecord[];
  /** The record that holds the payload: the page's own response, or the one a revisit points at. */
  payload: PartRecord;
  /** Title given by a WACZ page list. */
  title: string | null;
  /** URLs redirected from on the way here (a listed page that answered 3xx). */
  redirectedFrom: string[];
}

function plannedPage(row: PageRow, index: RecordIndex): PlannedPage {
  const main = index.record(row.main)!;
  const request = index.record(row.request);
  return {
    url: row.url,
    own: request ? [main, request] : [main],
    payload: row.payload === row.main ? main : index.record(row.payload)!,
    title: row.title,
    redirectedFrom: JSON.parse(row.redirected_from) as string[],
  };
}

async function readPage(row: PageRow, pc: PageContext, release: () => void): Promise<ItemBytes> {
  try {
    const page = plannedPage(row, pc.index);
    const own: RecordBytes[] = [];
    for (const r of page.own) {
      try {
        own.push(await readRecord(pc.stores[r.part]!, r));
      } catch (err) {
        throw new ArchiveError('CORRUPT', `Its ${describe(r, pc.parts)} cannot be read: ${(err as Error).message}.`);
      }
    }
    return { ...pageBytes(page, own, pc), done: release };
  } catch (err) {
    release();
    throw err;
  }
}

function pageBytes(page: PlannedPage, own: RecordBytes[], pc: PageContext): Omit<ItemBytes, 'done'> {
  const main = page.own[0]!;
  return {
    bytes: concat(own),
    sourcePath: pc.ctx.filePath,
    prepare: async () => {
      let payloadRecord: RecordBytes;
      try {
        payloadRecord = page.payload === main ? own[0]! : await readRecord(pc.stores[page.payload.part]!, page.payload);
      } catch (err) {
        throw new ArchiveError(
          'CORRUPT',
          `The ${describe(page.payload, pc.parts)} its revisit points at cannot be read: ${(err as Error).message}.`,
        );
      }
      const hasHttp = page.payload.type !== 'resource';
      const check = checkPayloadDigest(
        main.payloadDigest ?? page.payload.payloadDigest,
        rawPayload(payloadRecord, hasHttp),
      );
      const html = hasHttp ? await decodedPayload(payloadRecord) : payloadRecord.block;
      const resources = await readPageImages(
        Buffer.from(html.buffer, html.byteOffset, html.byteLength).toString('utf8'),
        { url: page.url, date: main.date },
        pc.index,
        pc.stores,
      );
      const warnings: string[] = [];
      let digestNote = 'no payload digest declared';
      if (check) {
        digestNote = check.ok
          ? `payload digest ${check.declared} verified`
          : `payload digest MISMATCH: declared ${check.declared}, found ${check.actual}`;
        if (!check.ok)
          warnings.push(
            `Payload digest mismatch: WARC-Payload-Digest says ${check.declared}, the payload hashes to ${check.actual}.`,
          );
      }
      const provenance = [
        `from ${path.basename(pc.ctx.name)} (sha256 ${pc.containerSha || 'unreadable'})`,
        page.own.map((r) => describe(r, pc.parts)).join(', '),
        page.payload !== main ? `payload from ${describe(page.payload, pc.parts)}` : null,
        page.redirectedFrom.length ? `reached by redirect from ${page.redirectedFrom.join(' → ')}` : null,
        digestNote,
      ]
        .filter(Boolean)
        .join('; ');
      const stamp: CaptureStamp = {
        importer: pc.ctx.importer,
        importerVersion: WEB_ARCHIVE_IMPORTER_VERSION,
        mediaType: 'application/warc',
        capturedAt: iso(main.date),
        sourceUrl: page.url,
        title: page.title,
        provenance,
        warnings,
      };
      const contentType =
        page.payload.type === 'resource'
          ? page.payload.warcContentType
          : (main.contentType ?? page.payload.contentType);
      return {
        input: {
          bytes: html,
          fileName: fileNameOf(page.url),
          sourceUrl: page.url,
          mediaType: contentType ?? 'text/html',
          resources,
        },
        stamp,
      };
    },
  };
}
