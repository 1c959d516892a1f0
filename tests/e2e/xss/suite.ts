// The XSS suite's plan and runner: payloads into articles per importer and placement, then every view opened on them.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../../db/contract/types.js';
import type { Harness } from '../harness.js';
import { PROBE_IMPORTERS, prose, type ProbeArticle, type ProbeFile, type ProbeImporter } from './importers.js';
import { buildPayloads, markdownPayloads, type Payload } from './payloads.js';
import type { Watch } from './watch.js';

export const PLACEMENTS = ['body', 'title', 'metadata', 'markdown'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export interface Planted {
  importer: string;
  placement: Placement;
  marker: string;
  n: number;
  id: ArticleId;
  payloads: number[];
  /** Annotations made on it (their notes and tags carry Markdown payloads). */
  annotations: number;
  /** Whether its stored text kept the marker (hostile markup may swallow the prose; search cannot find it then). */
  searchable: boolean;
}

export interface Corpus {
  payloads: Payload[];
  markdown: Payload[];
  byId: Map<number, Payload>;
}

export function corpus(): Corpus {
  const payloads = buildPayloads();
  const markdown = markdownPayloads(payloads.length + 1);
  return { payloads, markdown, byId: new Map([...payloads, ...markdown].map((p) => [p.id, p])) };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Groups payloads so each group's joined text stays under `chars` (titles and tags have length limits). */
function chunkByLength(items: Payload[], chars: number, max: number): Payload[][] {
  const out: Payload[][] = [];
  let current: Payload[] = [];
  let length = 0;
  for (const p of items) {
    if (current.length && (length + p.text.length + 1 > chars || current.length >= max)) {
      out.push(current);
      current = [];
      length = 0;
    }
    current.push(p);
    length += p.text.length + 1;
  }
  if (current.length) out.push(current);
  return out;
}

/** Ways a hostile page names where it came from: script schemes, data: pages, and raw payload text. */
function hostileUrl(p: Payload, i: number): string {
  const call = `__xss(${p.id})`;
  return [`javascript:${call}`, `data:text/html,<script>${call}</script>`, ` JaVaScRiPt:${call}`, p.text][i % 4]!;
}

export interface PlannedArticle {
  placement: Placement;
  payloads: Payload[];
  /** The article holding these payloads (called again with one payload when the group as a whole is refused). */
  make(payloads: Payload[]): ProbeArticle;
}

/** The probe articles one importer gets: every payload in the body, in titles and in metadata (Markdown: also in Markdown syntax). */
export function plan(c: Corpus, importer: ProbeImporter): PlannedArticle[] {
  const marker = (placement: Placement) => `probe${importer.name}${placement}`;
  const text = (ps: Payload[]) => ps.map((p) => p.text).join(' ');
  const out: PlannedArticle[] = [];
  for (const group of chunk(c.payloads, 60)) {
    out.push({
      placement: 'body',
      payloads: group,
      make: (ps) => ({ marker: marker('body'), title: `Probe body ${ps[0]!.id}`, body: ps.map((p) => p.text) }),
    });
  }
  for (const group of chunkByLength(c.payloads, 950, 24)) {
    out.push({
      placement: 'title',
      payloads: group,
      make: (ps) => ({ marker: marker('title'), title: text(ps), body: [] }),
    });
  }
  for (const group of chunk(c.payloads, 40)) {
    out.push({
      placement: 'metadata',
      payloads: group,
      make: (ps) => {
        const part = (k: number) => ps.filter((_, j) => j % 4 === k);
        return {
          marker: marker('metadata'),
          title: `Probe metadata ${ps[0]!.id}`,
          byline: text(part(0)),
          siteName: text(part(1)),
          description: text(part(2)),
          tags: part(3)
            .map((p) => p.text.trim())
            .filter((t) => t.length > 0 && t.length <= 200),
          sourceUrl: hostileUrl(ps[0]!, ps[0]!.id),
          body: [],
        };
      },
    });
  }
  if (importer.name === 'markdown') {
    out.push({
      placement: 'markdown',
      payloads: c.markdown,
      make: (ps) => ({ marker: marker('markdown'), title: 'Probe markdown', body: ps.map((p) => p.text) }),
    });
  }
  return out;
}

/**
 * Imports every planned article: files on disk through the bulk import (the path `stacks import` takes), and
 * files that carry a source URL of their own through importFile (the route the clipper posts to). A file the
 * importer refuses is retried one payload at a time, so one refused payload (say, `<plaintext>` in a title
 * swallowing the page) does not hide the others; what is still refused is returned with its reason: refusing
 * hostile input with a reason is a pass.
 */
export async function importAll(
  h: Harness,
  c: Corpus,
  importers: ProbeImporter[] = PROBE_IMPORTERS,
): Promise<{ planted: Planted[]; refused: string[] }> {
  const planted: Planted[] = [];
  const refused: string[] = [];
  const importOne = async (f: ProbeFile): Promise<ArticleId | string> => {
    const input = { fileName: f.fileName, dataBase64: f.bytes.toString('base64') };
    let out = await h.api.importFile(f.sourceUrl !== undefined ? { ...input, sourceUrl: f.sourceUrl } : input);
    if (!out.id && f.sourceUrl !== undefined) {
      refused.push(`${f.fileName} with its source URL: ${out.error ?? out.status}`);
      out = await h.api.importFile(input);
    }
    return out.id ? out.id : (out.error ?? out.status);
  };
  interface Job {
    importer: ProbeImporter;
    p: PlannedArticle;
    n: number;
    file: ProbeFile;
    path?: string;
  }
  const jobs: Job[] = [];
  const dir = path.join(h.dir, 'probe-files');
  fs.mkdirSync(dir, { recursive: true });
  for (const importer of importers) {
    let n = 0;
    for (const p of plan(c, importer)) {
      const at = (n += p.payloads.length + 1) - p.payloads.length;
      const file = importer.file(p.make(p.payloads), at);
      const job: Job = { importer, p, n: at, file };
      if (file.sourceUrl === undefined || importer.name !== 'text') {
        job.path = path.join(dir, file.fileName);
        fs.writeFileSync(job.path, file.bytes);
      }
      jobs.push(job);
    }
  }
  const report = await h.api.importPathsWithProgress(
    jobs.flatMap((j) => (j.path ? [j.path] : [])),
    {},
  );
  const byPath = new Map(report.outcomes.map((o) => [o.file, o]));
  const plant = (job: Job, ps: Payload[], n: number, id: ArticleId) =>
    planted.push({
      importer: job.importer.name,
      placement: job.p.placement,
      marker: job.p.make(ps).marker,
      n,
      id,
      payloads: ps.map((x) => x.id),
      annotations: 0,
      searchable: h.api.getArticle({ id }).text.includes(job.p.make(ps).marker),
    });
  for (const job of jobs) {
    let whole: ArticleId | string;
    if (job.path) {
      const o = byPath.get(job.path);
      // a file of a failed bulk batch is tried again alone before it counts as refused
      whole = o?.id ?? (await importOne(job.file));
    } else whole = await importOne(job.file);
    if (typeof whole === 'number') {
      plant(job, job.p.payloads, job.n, whole);
      continue;
    }
    for (const [k, one] of job.p.payloads.entries()) {
      const single = job.importer.file(job.p.make([one]), job.n + k + 1);
      const out = await importOne(single);
      if (typeof out === 'number') plant(job, [one], job.n + k + 1, out);
      else refused.push(`${job.importer.name}/${job.p.placement} payload ${one.id}: ${out}`);
    }
  }
  planted.sort((a, b) => a.id - b.id);
  return { planted, refused };
}

/**
 * The display sanitizer alone: articles whose stored reader HTML is replaced by the raw payloads, as in an
 * archive written by a buggy or older version, or edited by hand. The import sanitizer never sees these, so
 * only the renderer's DOMPurify pass stands between them and the page.
 */
export async function plantStoredHtml(h: Harness, c: Corpus): Promise<Planted[]> {
  const out: Planted[] = [];
  const marker = 'probestoredbody';
  for (const [i, group] of chunk(c.payloads, 60).entries()) {
    const n = i + 1;
    const page = `<!doctype html><html><head><title>Stored HTML ${n}</title></head><body><article>
<h1>Stored HTML ${n}</h1><p>${prose(marker, n)}</p><p>${prose(marker, n)} The end.</p></article></body></html>`;
    const res = await h.api.importFile({
      fileName: `${marker}-${n}.html`,
      dataBase64: Buffer.from(page).toString('base64'),
    });
    if (!res.id) throw new Error(`could not import ${marker}-${n}.html: ${res.error ?? res.status}`);
    const raw = `<p>${prose(marker, n)}</p>\n${group.map((p) => `<div>${p.text}</div>`).join('\n')}`;
    const changed = h.archive.db
      .prepare(
        // Stored raw (codec 0): a compressed copy left in html_packed would be what the reader shows instead.
        `UPDATE content SET html = ?, html_codec = 0, html_packed = NULL
         WHERE capture_id = (SELECT id FROM capture WHERE article_id = ? ORDER BY id DESC LIMIT 1)`,
      )
      .run(raw, res.id).changes;
    if (changed !== 1) throw new Error(`article ${res.id} has no stored content to replace`);
    out.push({
      importer: 'stored-html',
      placement: 'body',
      marker,
      n,
      id: res.id,
      payloads: group.map((p) => p.id),
      annotations: 0,
      searchable: true,
    });
  }
  return out;
}

/** Markdown notes: Markdown-syntax payloads and every HTML payload, a chunk per note, marked to be found by search. */
export function noteChunks(c: Corpus, marker: string): { note: string; tags: string[]; payloads: number[] }[] {
  return chunk([...c.markdown, ...c.payloads], 40).map((group) => ({
    note: [`Note ${marker}note with hostile Markdown:`, ...group.map((p) => p.text)].join('\n\n'),
    tags: group
      .slice(0, 3)
      .map((p) => p.text.trim())
      .filter((t) => t.length > 0 && t.length <= 200),
    payloads: group.map((p) => p.id),
  }));
}

/** Highlights with hostile notes on each importer's body articles (the Markdown placement for every importer). */
export function annotateAll(h: Harness, c: Corpus, planted: Planted[]): number {
  let made = 0;
  for (const importer of new Set(planted.map((p) => p.importer))) {
    const bodies = planted.filter((p) => p.importer === importer && p.placement === 'body');
    for (const [i, n] of noteChunks(c, `probe${importer}`).entries()) {
      const target = bodies[i % bodies.length]!;
      const text = h.api.getArticle({ id: target.id }).text;
      const quote = prose(target.marker, target.n);
      const start = text.indexOf(quote.slice(0, 40));
      if (start < 0) throw new Error(`article ${target.id} lost its prose`);
      h.api.createAnnotation({
        articleId: target.id,
        kind: 'highlight',
        start: start + (i % 3),
        end: start + 30,
        color: 'yellow',
        note: n.note,
        tags: n.tags,
      });
      target.annotations++;
      made++;
    }
  }
  return made;
}

/** Lets queued events (image errors, focus, animations, timers) fire before the next view. */
export async function settle(page: Page, ms = 20): Promise<void> {
  await page.evaluate(
    (wait) => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, wait)))),
    ms,
  );
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h2) => {
    location.hash = h2;
  }, hash);
}

/** What a sanitizer must never leave in any view: handlers, active elements, script URLs, remote or followable links. */
export async function audit(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const ACTIVE = new Set([
      'SCRIPT',
      'IFRAME',
      'FRAME',
      'OBJECT',
      'EMBED',
      'FORM',
      'BASE',
      'META',
      'LINK',
      'SVG',
      'MATH',
      'TEMPLATE',
      'PORTAL',
      'FENCEDFRAME',
      'NOSCRIPT',
      'INPUT',
    ]);
    const visit = (root: Document | ShadowRoot, where: string) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) visit(el.shadowRoot, el.tagName.toLowerCase());
        const inContent = el.closest('.content, .md, st-metadata-panel, .hit, .card') !== null;
        if (!inContent) continue;
        if (ACTIVE.has(el.tagName.toUpperCase())) bad.push(`${where}: <${el.tagName.toLowerCase()}>`);
        for (const a of el.attributes) {
          const v = a.value.trim().toLowerCase();
          if (a.name.startsWith('on')) bad.push(`${where}: ${a.name} on <${el.tagName.toLowerCase()}>`);
          if (/^(javascript|vbscript|data|file|blob):/.test(v.replace(/[\s\u0000-\u001f]/g, '')) && a.name !== 'alt')
            bad.push(`${where}: ${a.name}="${a.value.slice(0, 60)}"`);
          if (a.name === 'style' && /url\(|expression|@import/i.test(a.value)) bad.push(`${where}: style ${a.value}`);
        }
        if (el instanceof HTMLImageElement && !el.src.startsWith(`${location.origin}/asset/`))
          bad.push(`${where}: img ${el.src}`);
      }
    };
    visit(document, 'document');
    return bad;
  });
}

export interface ViewCounts {
  reader: number;
  details: number;
  annotationsPanel: number;
  searches: number;
  searchHits: number;
  highlightsViews: number;
  highlightCards: number;
  library: number;
  /** Milliseconds spent opening articles, letting their events fire, and auditing their DOM. */
  timing?: { open: number; settle: number; audit: number };
  /** Articles whose reader text came out empty (the hostile markup swallowed the prose). */
  empty: number;
  audits: string[];
}

/**
 * Opens `inReader` in the reader (annotations panel and details tab), every group of `planted` in search, and
 * Highlights. Search, Highlights and the library show every article's title, site and snippet at once.
 */
export async function visitAll(
  page: Page,
  watch: Watch,
  planted: Planted[],
  annotations: number,
  inReader: Planted[] = planted,
): Promise<ViewCounts> {
  const counts: ViewCounts = {
    reader: 0,
    details: 0,
    annotationsPanel: 0,
    searches: 0,
    searchHits: 0,
    highlightsViews: 0,
    highlightCards: 0,
    library: 0,
    empty: 0,
    audits: [],
  };
  const timing = { open: 0, settle: 0, audit: 0 };
  let t1 = 0;
  let t2 = 0;
  for (const p of inReader) {
    const t0 = performance.now();
    watch.during(`reader ${p.importer}/${p.placement} #${p.id}`);
    // One round trip per article: open it, show the annotations panel (and a note's tooltip), then the details tab.
    const shown = await page
      .evaluate(
        async ({ id, annotations }) => {
          type Lit = HTMLElement & { updateComplete: Promise<unknown>; detail?: { id: number } | null };
          const app = document.querySelector('st-app')!.shadowRoot!;
          const until = async (ok: () => unknown, what: string) => {
            const end = performance.now() + 10_000;
            while (!ok()) {
              if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
              await new Promise(requestAnimationFrame);
            }
          };
          location.hash = `#/article/${id}`;
          const reader = () => app.querySelector('st-reader') as Lit | null;
          await until(
            () => reader()?.detail?.id === id && reader()!.shadowRoot!.querySelector('article.page'),
            'the article',
          );
          const r = reader()!;
          await r.updateComplete;
          const root = r.shadowRoot!;
          const tab = (name: string) =>
            [...root.querySelectorAll<HTMLElement>('[role=tab]')].find((t) => t.textContent!.includes(name))!;
          tab('Annotations').click();
          await r.updateComplete;
          if (annotations) {
            const panel = () => root.querySelector('st-annotation-panel') as (Lit & { annotations?: unknown[] }) | null;
            await until(() => panel()?.annotations?.length === annotations, 'the annotations');
            await panel()!.updateComplete;
            const mark = root.querySelector('.content mark.hl.has-note');
            mark?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
            await r.updateComplete;
          }
          tab('Details').click();
          await r.updateComplete;
          await until(() => root.querySelector('st-metadata-panel')?.shadowRoot?.querySelector('dl'), 'the details');
          return root.querySelector('.content')!.textContent!.length;
        },
        { id: p.id, annotations: p.annotations },
      )
      .catch((e: Error) => {
        throw new Error(`${p.importer}/${p.placement} #${p.id} (payloads ${p.payloads.join(',')}): ${e.message}`);
      });
    t1 = performance.now();
    counts.reader++;
    counts.details++;
    if (p.annotations) counts.annotationsPanel++;
    if (shown === 0) counts.empty++;
    await settle(page, 0);
    t2 = performance.now();
    counts.audits.push(...(await audit(page)).map((a) => `reader #${p.id}: ${a}`));
    timing.open += t1 - t0;
    timing.settle += t2 - t1;
    timing.audit += performance.now() - t2;
  }
  counts.timing = timing;

  for (const marker of new Set(planted.filter((p) => p.searchable).map((p) => p.marker))) {
    const expected = planted.filter((p) => p.marker === marker && p.searchable).length;
    watch.during(`search ${marker}`);
    // In the page: wait for this query's results (not the previous one's), press "Show more" until all are there.
    const shown = await page
      .evaluate(
        async ({ q, n }) => {
          location.hash = `#/search?q=${encodeURIComponent(q)}`;
          const end = performance.now() + 15_000;
          for (;;) {
            const v = document.querySelector('st-app')?.shadowRoot?.querySelector('st-search-view')?.shadowRoot;
            const input = v?.querySelector<HTMLInputElement>('input#q');
            const layout = v?.querySelector('.layout');
            const hits = v?.querySelectorAll('a.hit').length ?? 0;
            const current = input?.value === q && layout?.getAttribute('aria-busy') === 'false';
            if (current && hits >= n) return hits;
            if (current) v?.querySelector<HTMLButtonElement>('button.more')?.click();
            if (performance.now() > end) {
              const status = v?.querySelector('.status')?.textContent ?? '?';
              throw new Error(`search ${q}: expected ${n} hits, shows "${status}" and ${hits} hits`);
            }
            await new Promise(requestAnimationFrame);
          }
        },
        { q: marker, n: Math.min(expected, 200) },
      )
      .catch((e: Error) => {
        throw new Error(e.message);
      });
    counts.searches++;
    counts.searchHits += shown;
    await settle(page);
    counts.audits.push(...(await audit(page)).map((a) => `search ${marker}: ${a}`));
  }
  watch.during('search in:annotations');
  await go(page, `#/search?q=${encodeURIComponent('in:annotations probe*')}`);
  await page.locator('st-search-view a.hit').first().waitFor();
  counts.searches++;
  counts.searchHits += await page.locator('st-search-view a.hit').count();

  watch.during('highlights');
  await go(page, '#/highlights');
  await page.locator('st-highlights-view ol li').first().waitFor();
  await page.evaluate(async (n) => {
    const end = performance.now() + 15_000;
    for (;;) {
      const v = document.querySelector('st-app')?.shadowRoot?.querySelector('st-highlights-view')?.shadowRoot;
      const cards = v?.querySelectorAll('ol[aria-label="Annotations"] > li').length ?? 0;
      if (cards >= n) return;
      [...(v?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
        .find((b) => b.textContent?.trim() === 'Show more')
        ?.click();
      if (performance.now() > end) throw new Error(`Highlights shows ${cards} of ${n} annotations`);
      await new Promise(requestAnimationFrame);
    }
  }, annotations);
  counts.highlightsViews++;
  counts.highlightCards = await page.locator('st-highlights-view ol[aria-label="Annotations"] > li').count();
  await settle(page);
  counts.audits.push(...(await audit(page)).map((a) => `highlights: ${a}`));

  watch.during('library');
  await go(page, '#/library');
  await page.locator('st-library-view .row .title').first().waitFor();
  counts.library++;
  await settle(page, 500);
  return counts;
}
