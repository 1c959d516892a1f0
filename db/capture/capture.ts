// Capture on request: fetch each URL (and its images) as WARC records, then import them through the web archive page path.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { ImportOutcome, ImportProgress, ImportReport } from '../contract/types.js';
import { sniffImageType } from '../extract/assets.js';
import type { NormalizedCapture } from '../extract/types.js';
import type { Importer } from '../ingest/importer.js';
import { readableError } from '../ingest/reasons.js';
import { isProblem, type SourceItem } from '../ingest/source.js';
import { listArchive } from '../ingest/warc/archive-items.js';
import { bufferStore } from '../ingest/warc/byte-store.js';
import { imageUrls } from '../ingest/warc/images.js';
import { openScratchDatabase } from '../sqlite-build.js';
import { sha256Hex } from '../util.js';
import { FetchError, type Exchange } from './exchange.js';
import { fetchChain, type FetchedChain, type Gate } from './fetch-chain.js';
import { HostGate } from './host-gate.js';
import { RobotsRules } from './robots.js';
import {
  CAPTURE_IMPORTER_VERSION,
  DEFAULT_CAPTURE_SETTINGS,
  STACKS_VERSION,
  USER_AGENT,
  type CaptureSettings,
} from './settings.js';
import { concatBytes, exchangeRecords } from './warc-writer.js';
import { notReadableCapture } from './not-readable.js';

export interface CaptureRunOptions {
  onProgress?: (p: ImportProgress) => void;
  onOutcome?: (o: ImportOutcome) => void;
  signal?: AbortSignal;
  ignoreRobots?: boolean;
  /** Leave out addresses already archived with a capture (how a cancelled bulk capture resumes). */
  skipArchived?: boolean;
}

/** The article already holding a real capture of this address, if any (a link-only article's link record is none). */
function archivedWithCapture(db: Database.Database, url: string): number | null {
  const row = db
    .prepare(
      `SELECT id FROM article WHERE (canonical_url = ? OR source_url = ?) AND current_capture_id IS NOT NULL AND link_only = 0 LIMIT 1`,
    )
    .get(url, url) as { id: number } | undefined;
  return row?.id ?? null;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const TEXT_TYPES = new Set(['text/plain', 'text/markdown', 'text/x-markdown']);

function mediaTypeOf(ex: Exchange): string {
  const value = ex.headers['content-type'];
  return (value ?? '').split(';')[0]!.trim().toLowerCase();
}

/** An article already filed under one of these addresses (a link imported earlier, an earlier capture). */
function existingCanonical(db: Database.Database, urls: string[]): string | null {
  const find = db.prepare(
    'SELECT canonical_url FROM article WHERE (canonical_url = ? OR source_url = ?) AND canonical_url IS NOT NULL LIMIT 1',
  );
  for (const url of urls) {
    const row = find.get(url, url) as { canonical_url: string } | undefined;
    if (row) return row.canonical_url;
  }
  return null;
}

/** The capture's own provenance: when, where it ended up, what answered, who asked. */
function provenanceOf(requested: string, chain: FetchedChain, images: number): string {
  const { final } = chain;
  const hops = chain.exchanges.length - 1;
  return [
    `fetched by Stacks ${STACKS_VERSION} on request at ${final.date}`,
    `GET ${requested}${hops ? ` → ${final.url} (${hops} redirect${hops > 1 ? 's' : ''})` : ''}`,
    `final URL ${final.url}, HTTP ${final.status}${final.statusText ? ` ${final.statusText}` : ''}`,
    `user agent "${USER_AGENT}"`,
    `${images} image${images === 1 ? '' : 's'} fetched`,
  ].join('; ');
}

export interface Capturer {
  captureUrls(urls: string[], options?: CaptureRunOptions): Promise<ImportReport>;
}

/**
 * One capturer per open archive: its host gate outlives a call, so the pause between two requests to a host holds
 * across the app's calls (one URL each) as it does within a bulk run.
 */
export function createCapturer(
  db: Database.Database,
  importer: Importer,
  overrides: Partial<CaptureSettings> = {},
): Capturer {
  const base: CaptureSettings = { ...DEFAULT_CAPTURE_SETTINGS, ...overrides };
  const hostGate = new HostGate(base.concurrency, base.hostDelayMs);

  async function fetchImages(
    html: string,
    pageUrl: string,
    settings: CaptureSettings,
    gate: Gate,
    robots: RobotsRules,
    signal?: AbortSignal,
  ): Promise<{ records: Uint8Array[]; count: number }> {
    const urls = imageUrls(html, pageUrl)
      .filter((u) => /^https?:/i.test(u))
      .slice(0, settings.maxImages);
    const records: Uint8Array[] = [];
    let total = 0;
    let count = 0;
    const limits = { ...settings, maxBytes: Math.min(settings.maxBytes, settings.maxImageBytes), retries: 0 };
    const queue = [...urls];
    // Two at a time: a page's images are one visit, fetched as a browser would, without the bulk pause between them.
    const worker = async (): Promise<void> => {
      for (let url = queue.shift(); url !== undefined && !signal?.aborted; url = queue.shift()) {
        try {
          const chain = await fetchChain(url, limits, gate, robots, {
            accept: 'image/avif,image/webp,image/png,image/*;q=0.8,*/*;q=0.5',
            delay: false,
            ...(signal ? { signal } : {}),
          });
          const { final } = chain;
          const type = mediaTypeOf(final);
          const isImage = type.startsWith('image/') || sniffImageType(final.body) !== null;
          if (final.status < 200 || final.status >= 300 || !isImage) continue;
          if (total + final.response.byteLength > settings.maxImageBytes) continue;
          total += final.response.byteLength;
          count++;
          for (const ex of [final, ...chain.exchanges.slice(0, -1)]) records.push(...(await exchangeRecords(ex)));
        } catch (err) {
          // An image that cannot be fetched costs the page that image only (the reader shows its alt text); no
          // network at all fails the page's own fetch, not this one.
          if (err instanceof FetchError && err.kind === 'cancelled') return;
        }
      }
    };
    await Promise.all([worker(), worker()]);
    return { records, count };
  }

  async function captureOne(
    url: string,
    settings: CaptureSettings,
    gate: Gate,
    robots: RobotsRules,
    signal?: AbortSignal,
  ): Promise<ImportOutcome> {
    const chain = await fetchChain(url, settings, gate, robots, signal ? { signal } : {});
    const { final } = chain;
    const requested = chain.exchanges[0]!.url;
    if (final.status < 200 || final.status >= 300) {
      throw new FetchError(
        `The server answered HTTP ${final.status}${final.statusText ? ` ${final.statusText}` : ''}${
          final.url !== requested ? ` at ${final.url}` : ''
        }: nothing was stored.`,
        'network',
      );
    }
    // The page's own records first (response, request), then the redirects that led to it.
    const pageRecords: Uint8Array[] = [];
    for (const ex of [final, ...chain.exchanges.slice(0, -1)]) pageRecords.push(...(await exchangeRecords(ex)));
    const joinUrl = existingCanonical(db, [requested, final.url]);
    const type = mediaTypeOf(final);
    const looksHtml =
      HTML_TYPES.has(type) ||
      (type === '' && /^\s*(<!doctype html|<html)/i.test(Buffer.from(final.body.subarray(0, 512)).toString('latin1')));

    if (looksHtml) {
      const html = Buffer.from(final.body).toString('latin1');
      const images = await fetchImages(html, final.url, settings, gate, robots, signal);
      if (signal?.aborted) throw new FetchError('Cancelled.', 'cancelled');
      const warc = concatBytes([...pageRecords, ...images.records]);
      const provenance = provenanceOf(requested, chain, images.count);
      // The exchange goes in as a one-page web archive: the page path decodes it, finds its images among the
      // records, checks its payload digest and writes its provenance, as for any WARC.
      const listed: (SourceItem | { name: string; error: string })[] = [];
      const store = bufferStore(warc);
      for await (const item of listArchive(
        [{ store, label: '' }],
        {
          name: `capture of ${requested}`,
          filePath: null,
          importer: 'capture',
          pageList: [{ url: requested, ts: final.date, title: null }],
          problems: [],
          containerSha256: async () => sha256Hex(warc),
          scratch: () => openScratchDatabase(db),
        },
        {},
      )) {
        listed.push(item);
      }
      const page = listed.find((i): i is SourceItem => !isProblem(i));
      if (!page) {
        const problem = listed.find(isProblem);
        throw new ArchiveError('UNSUPPORTED_FORMAT', problem?.error ?? 'The page could not be read.');
      }
      const item: SourceItem = {
        name: url,
        read: async () => {
          const got = await page.read();
          return {
            ...got,
            // Every record of the capture is its original: the page, the redirects before it, its images.
            bytes: warc,
            prepare: async () => {
              const prepared = await got.prepare();
              if (prepared.stamp) {
                prepared.stamp.provenance = `${provenance}; ${prepared.stamp.provenance}`;
                if (joinUrl) prepared.stamp.canonicalUrl = joinUrl;
              }
              return prepared;
            },
          };
        },
      };
      const report = await importer.importItems([item], signal ? { signal } : {});
      return report.outcomes[0] ?? { file: url, status: 'failed', error: 'Cancelled.' };
    }

    const warc = concatBytes(pageRecords);
    let capture: NormalizedCapture;
    let notes: string[] | undefined;
    if (TEXT_TYPES.has(type)) {
      const contentType = final.headers['content-type'];
      const extracted = await importer.extractOne({
        bytes: final.body,
        fileName: new URL(final.url).pathname.split('/').pop() || 'index.txt',
        sourceUrl: final.url,
        ...(contentType ? { mediaType: contentType } : {}),
      });
      capture = { ...extracted, importer: 'capture', importerVersion: CAPTURE_IMPORTER_VERSION };
    } else {
      capture = notReadableCapture(final, type);
      notes = [`Stored, not readable yet: ${capture.excerpt}`];
    }
    capture = {
      ...capture,
      mediaType: 'application/warc',
      sourceUrl: final.url,
      canonicalUrl: joinUrl ?? capture.canonicalUrl,
    };
    const outcome = importer.storePrepared({
      file: url,
      bytes: warc,
      sha256: sha256Hex(warc),
      sourcePath: null,
      capture,
      capturedAt: final.date,
      provenance: provenanceOf(requested, chain, 0),
    });
    return notes && outcome.status === 'imported'
      ? { ...outcome, notes: [...(outcome.notes ?? []), ...notes] }
      : outcome;
  }

  return {
    async captureUrls(urls, options = {}) {
      const settings: CaptureSettings = { ...base, ...(options.ignoreRobots ? { ignoreRobots: true } : {}) };
      const gate: Gate = (host, fn, delay = true) => hostGate.run(host, fn, options.signal, delay);
      const robots = new RobotsRules(settings, (host, fn) => hostGate.run(host, fn, options.signal, false));
      const started = Date.now();
      const report: ImportReport = { imported: 0, duplicates: 0, failed: 0, outcomes: [] };
      const unique = [...new Set(urls.map((u) => u.trim()).filter(Boolean))];
      const slots = new Array<ImportOutcome | null>(unique.length).fill(null);
      let current: string | null = null;
      const progress = (): void =>
        options.onProgress?.({
          total: unique.length,
          done: report.outcomes.length,
          imported: report.imported,
          duplicates: report.duplicates,
          failed: report.failed,
          currentFile: current,
          elapsedMs: Date.now() - started,
          etaMs: null,
        });
      const record = (i: number, o: ImportOutcome): void => {
        slots[i] = o;
        report.outcomes.push(o);
        if (o.status === 'imported') report.imported++;
        else if (o.status === 'duplicate') report.duplicates++;
        else report.failed++;
        options.onOutcome?.(o);
        progress();
      };
      progress();
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let i = next++; i < unique.length; i = next++) {
          const url = unique[i]!;
          if (options.signal?.aborted || report.stopped) return;
          current = url;
          progress();
          const archived = options.skipArchived ? archivedWithCapture(db, url) : null;
          if (archived !== null) {
            record(i, { file: url, status: 'duplicate', id: archived as NonNullable<ImportOutcome['id']> });
            continue;
          }
          try {
            const outcome = await captureOne(url, settings, gate, robots, options.signal);
            if (outcome.status === 'failed' && options.signal?.aborted) return;
            record(i, { ...outcome, file: url });
          } catch (err) {
            if (err instanceof FetchError && err.kind === 'cancelled') return;
            // No network: every further URL would fail the same way, so the run stops here, having changed nothing.
            if (err instanceof FetchError && err.kind === 'offline') report.stopped ??= err.message;
            record(i, {
              file: url,
              status: 'failed',
              error: err instanceof FetchError ? err.message : readableError(err),
            });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(settings.concurrency, unique.length) }, worker));
      if (report.stopped) {
        unique.forEach((url, i) => {
          if (!slots[i]) record(i, { file: url, status: 'failed', error: `Not tried: ${report.stopped}` });
        });
      }
      if (options.signal?.aborted) report.cancelled = true;
      current = null;
      // The report lists the URLs in the order they were given, whatever order the fetches finished in.
      report.outcomes = slots.filter((o): o is ImportOutcome => o !== null);
      progress();
      return report;
    },
  };
}
