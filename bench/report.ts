// Turns the collected figures into a readable table with PASS/MISS beside each target, and a Markdown table.
import type { AnnotationFigures } from './annotations.js';
import type { ColdOpenFigures } from './cold-open.js';
import { machineLine, type MachineInfo } from './machine.js';
import type { SearchRssFigures } from './search-rss.js';
import type { WarcImportFigures } from './import-warc.js';
import type { ExportFigures } from './export.js';
import type { HtmlImportFigures } from './import-html.js';
import type { TextImportFigures } from './import-text.js';
import { round } from './measure.js';
import { QUERY_CLASS_LABELS, QUERY_CLASSES } from './queries.js';
import type { RawImportFigures } from './raw-baseline.js';
import type { OpenFigures, SearchFigures } from './search.js';
import { formatAgreement } from './agreement.js';
import type { UiFigures } from './ui.js';
import type { LatencySummary } from './measure.js';
import type { BackupFigures, DiffFigures } from './versions.js';
import type { FidelitySummary } from './fidelity/report.js';

export type Section<T> = T | { skipped: string };

export interface BenchFigures {
  meta: {
    n: number;
    htmlPages: number;
    annotations: number;
    seed: number;
    node: string;
    cores: number;
    date: string;
    commit: string | null;
    /** CPU, memory and load average of the run (optional so JSON from older runs still reads). */
    machine?: MachineInfo;
    /** Seconds per phase, in the order they ran: what a larger run's duration is estimated from. */
    phases?: Array<{ name: string; seconds: number }>;
    /** Articles exported per format (a fixed-size slice of the text archive). */
    exportArticles?: number;
  };
  corpus: { articles: number; avgBodyChars: number; sites: number };
  raw: { import: RawImportFigures };
  ours: {
    textImport: Section<TextImportFigures>;
    htmlImport: Section<HtmlImportFigures>;
    warcImport: Section<WarcImportFigures>;
    archiveBytes: number | null;
    peakRssBytes: number;
  };
  search: Section<SearchFigures>;
  openFirstQuery: Section<OpenFigures>;
  /** Optional so JSON from runs before them still reads. */
  coldOpen?: Section<ColdOpenFigures>;
  searchRss?: Section<SearchRssFigures>;
  annotations: Section<AnnotationFigures>;
  export: Section<ExportFigures>;
  ui: Section<UiFigures>;
  /** Optional so JSON from runs before it still reads. */
  versions?: { backup: Section<BackupFigures>; diff: DiffFigures };
  /** Stacks beside Readability alone on the saved-page set; optional so older JSON still reads. */
  fidelity?: FidelitySummary;
  targets: TargetCheck[];
}

export interface TargetCheck {
  name: string;
  value: string;
  target: string;
  pass: boolean | null; // null: not measured (section skipped)
}

const ok = <T>(s: Section<T>): s is T => !(typeof s === 'object' && s !== null && 'skipped' in s);
const mb = (bytes: number): string => `${round(bytes / 1048576, 1)} MB`;

export function checkTargets(f: Omit<BenchFigures, 'targets'>): TargetCheck[] {
  const out: TargetCheck[] = [];
  const add = (name: string, value: string, target: string, pass: boolean | null) =>
    out.push({ name, value, target, pass });
  const text = f.ours.textImport;
  if (ok(text)) {
    const ratio = text.articlesPerSecond / f.raw.import.articlesPerSecond;
    add(
      'text import rate vs raw insert',
      `${Math.round(text.articlesPerSecond)}/s = ${round(ratio)}x raw (${Math.round(f.raw.import.articlesPerSecond)}/s)`,
      '>= 0.45x raw',
      ratio >= 0.45,
    );
  } else add('text import rate vs raw insert', 'skipped', '>= 0.45x raw', null);
  const rawBytes = f.raw.import.fileBytes;
  add(
    'disk: archive + index vs raw FTS5 file',
    f.ours.archiveBytes !== null && rawBytes > 0
      ? `${mb(f.ours.archiveBytes)} = ${round(f.ours.archiveBytes / rawBytes)}x raw (${mb(rawBytes)})`
      : 'skipped',
    '<= 2x raw (at 100k)',
    f.ours.archiveBytes !== null && rawBytes > 0 ? f.ours.archiveBytes <= 2 * rawBytes : null,
  );
  const html = f.ours.htmlImport;
  add(
    'HTML pages end to end',
    ok(html) ? `${round(html.pagesPerSecond, 1)} pages/s` : 'skipped',
    '>= 50 pages/s',
    ok(html) ? html.pagesPerSecond >= 50 : null,
  );
  const warcFig = f.ours.warcImport;
  add(
    'WARC import vs HTML pages',
    ok(warcFig) ? `${round(warcFig.pagesPerSecond, 1)} pages/s` : 'skipped',
    ok(html) ? `>= ${round(html.pagesPerSecond, 1)} pages/s (HTML files)` : '>= HTML file rate',
    ok(warcFig) && ok(html) ? warcFig.pagesPerSecond >= html.pagesPerSecond : null,
  );
  add(
    'WARC import peak RSS',
    ok(warcFig) ? `${mb(warcFig.peakRssBytes)} for a ${mb(warcFig.warcBytes)} WARC` : 'skipped',
    '< 300 MB (for a 1 GB WARC: --warc-gb 1)',
    ok(warcFig) ? warcFig.peakRssBytes < 300 * 1024 * 1024 : null,
  );
  if (ok(f.search)) {
    for (const cls of QUERY_CLASSES) {
      const c = f.search.classes[cls];
      add(
        `search p95: ${QUERY_CLASS_LABELS[cls]}`,
        `${c.ours.p95} ms = ${c.ratioP95}x raw (${c.raw.p95} ms)`,
        '<= 1.2x raw and <= 50 ms',
        c.ours.p95 <= 50 && c.ours.p95 <= 1.2 * c.raw.p95,
      );
    }
  } else add('search p95 per query class', 'skipped', '<= 1.2x raw and <= 50 ms', null);
  const o = f.openFirstQuery;
  add(
    'open archive + first query (fresh process)',
    ok(o) ? `${o.childOpenAndQueryMs} ms` : 'skipped',
    '<= 300 ms',
    ok(o) ? o.childOpenAndQueryMs <= 300 : null,
  );
  const cold = f.coldOpen;
  if (cold)
    add(
      'open + first query, cold page cache (fresh process)',
      ok(cold)
        ? `${cold.childOpenAndQueryMs} ms (cache dropped by ${cold.method === 'drop_caches' ? '/proc/sys/vm/drop_caches' : 'posix_fadvise DONTNEED on the files'})`
        : cold.skipped,
      'reported (the 300 ms target is warm)',
      null,
    );
  const rss = f.searchRss;
  if (rss)
    add(
      'RSS while searching (process: open + every query class)',
      ok(rss) ? `peak ${mb(rss.peakRssBytes)} over ${rss.searches} searches` : rss.skipped,
      '<= 300 MB (at 1M)',
      ok(rss) ? rss.peakRssBytes <= 300 * 1024 * 1024 : null,
    );
  const a = f.annotations;
  add(
    're-anchor an article with 200 annotations (p95)',
    ok(a) ? `${a.reanchor200.p95} ms` : 'skipped',
    '< 50 ms',
    ok(a) ? a.reanchor200.p95 < 50 : null,
  );
  add(
    `in:annotations search p95`,
    ok(a) ? `${a.search.p95} ms at ${a.created} annotations` : 'skipped',
    '< 20 ms',
    ok(a) ? a.search.p95 < 20 : null,
  );
  out.push(...uiTargets(f.ui));
  if (f.versions) {
    const { backup, diff } = f.versions;
    add(
      `diff of a ${diff.words.toLocaleString('en')}-word article, ${diff.annotations} annotations (p95)`,
      `${diff.p95Ms} ms (p50 ${diff.p50Ms} ms)`,
      '< 200 ms',
      diff.p95Ms < 200,
    );
    add(
      'backup of the bench archive',
      ok(backup)
        ? `${backup.seconds} s for ${mb(backup.backupBytes)} (${backup.mbPerSecond} MB/s); restore check ${backup.checkSeconds} s`
        : 'skipped',
      'reported',
      null,
    );
  }
  if (f.fidelity) {
    add(
      'extraction fidelity vs Readability alone',
      f.fidelity.behind.length ? `behind on ${f.fidelity.behind.join(', ')}` : 'at least as good on every measure',
      '>= Readability alone on every measure',
      f.fidelity.behind.length === 0,
    );
  }
  return out;
}

/** The UI's targets: also printed alone by `--ui-archive`. */
export function uiTargets(u: Section<UiFigures>): TargetCheck[] {
  const out: TargetCheck[] = [];
  const add = (name: string, value: string, target: string, pass: boolean | null) =>
    out.push({ name, value, target, pass });
  add(
    'UI: keystroke -> results painted (p95)',
    ok(u) ? `${u.keystrokeToPaint.p95} ms` : 'skipped',
    '<= 100 ms',
    ok(u) ? u.keystrokeToPaint.p95 <= 100 : null,
  );
  add(
    'UI: click hit -> article painted (p95)',
    ok(u)
      ? u.openArticle.count
        ? `${u.openArticle.p95} ms`
        : `failed: ${u.openArticleProblem ?? 'no hit opened'}`
      : 'skipped',
    '<= 150 ms',
    ok(u) ? u.openArticle.count > 0 && u.openArticle.p95 <= 150 : null,
  );
  // Figures runs before them did not have read as "not measured".
  const uiExtra = (name: string, pick: (x: UiFigures) => LatencySummary | undefined, limit: number) => {
    const s = ok(u) ? pick(u) : undefined;
    add(
      name,
      !ok(u)
        ? 'skipped'
        : !s
          ? 'not measured'
          : s.count
            ? `${s.p95} ms (p50 ${s.p50}, ${s.count} runs)`
            : 'failed: never painted',
      `<= ${limit} ms`,
      s ? s.count > 0 && s.p95 <= limit : null,
    );
  };
  uiExtra('UI: click a site facet -> results painted (p95)', (x) => x.facetClick, 100);
  uiExtra('UI: open the timeline -> chart painted (p95)', (x) => x.timelineOpen, 150);
  uiExtra('UI: timeline by published date -> repainted (p95)', (x) => x.timelineToggle, 150);
  uiExtra('UI: click a timeline column -> library painted (p95)', (x) => x.timelineToLibrary, 150);
  add(
    ok(u) ? `UI: library scroll, ${round(u.scroll.ms / 1000, 0)} s fling` : 'UI: library scroll',
    ok(u)
      ? `${u.scroll.droppedFrames} dropped frames; ${u.scroll.longFrames} of ${u.scroll.frames} frames over 16.7 ms (${Math.round(u.scroll.pixels / 1000)}k px)`
      : 'skipped',
    'no dropped frames',
    ok(u) ? u.scroll.droppedFrames === 0 : null,
  );
  return out;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
}

/** The human-readable report printed at the end of a run. */
export function formatReport(f: BenchFigures): string {
  const lines: string[] = [];
  const m = f.meta;
  lines.push(
    `Stacks bench: ${m.n} articles (avg ${m.n ? f.corpus.avgBodyChars : 0} chars of body), seed ${m.seed}, ${m.cores} cores, Node ${m.node}${m.commit ? `, commit ${m.commit}` : ''}`,
  );
  if (m.machine) lines.push(`Measured ${machineLine(m.machine)}`);
  if (m.phases?.length) lines.push(`Phases (s): ${m.phases.map((p) => `${p.name} ${p.seconds}`).join(', ')}`);
  lines.push('');
  lines.push('Import');
  const imp: string[][] = [['', 'rate', 'seconds', 'archive size']];
  imp.push([
    'raw FTS5 insert (baseline)',
    `${Math.round(f.raw.import.articlesPerSecond)} articles/s`,
    `${round(f.raw.import.seconds, 1)}`,
    mb(f.raw.import.fileBytes),
  ]);
  const t = f.ours.textImport;
  imp.push(
    ok(t)
      ? [
          `ours: ${t.format === 'md' ? 'Markdown articles' : 'text clippings'} via importPaths` +
            (t.mergeSeconds !== null && t.mergeSeconds !== undefined
              ? ` (index merged in ${round(t.mergeSeconds, 1)} s after)`
              : ''),
          `${Math.round(t.articlesPerSecond)} articles/s`,
          `${round(t.seconds, 1)}`,
          mb(t.fileBytes),
        ]
      : ['ours: text clippings', 'skipped (see below)', '', ''],
  );
  const h = f.ours.htmlImport;
  imp.push(
    ok(h)
      ? [
          `ours: saved web pages (${h.pages}, avg ${Math.round(h.avgPageBytes / 1024)} KB)`,
          `${round(h.pagesPerSecond, 1)} pages/s`,
          `${round(h.seconds, 1)}`,
          mb(h.fileBytes),
        ]
      : ['ours: saved web pages', 'skipped (see below)', '', ''],
  );
  const w = f.ours.warcImport;
  imp.push(
    ok(w)
      ? [
          `ours: WARC pages (${w.pages}, ${mb(w.warcBytes)} .warc.gz; listing ${round(w.listSeconds, 1)} s)`,
          `${round(w.pagesPerSecond, 1)} pages/s`,
          `${round(w.seconds, 1)}`,
          mb(w.fileBytes),
        ]
      : ['ours: WARC pages', 'skipped (see below)', '', ''],
  );
  lines.push(table(imp));
  if (!ok(w)) lines.push(`  WARC import skipped: ${w.skipped}`);
  else lines.push(`  WARC import: peak RSS of its own process ${mb(w.peakRssBytes)}, ${w.failed} failed`);
  if (!ok(t)) lines.push(`  text import skipped: ${t.skipped}`);
  if (!ok(h)) lines.push(`  HTML import skipped: ${h.skipped}`);
  if (ok(t) && t.failed) lines.push(`  text import failures: ${t.failed} (${t.firstFailures.join('; ')})`);
  if (ok(h) && h.failed) lines.push(`  HTML import failures: ${h.failed} (${h.firstFailures.join('; ')})`);
  lines.push(`Peak RSS of the bench process: ${mb(f.ours.peakRssBytes)}`);
  lines.push('');
  lines.push('Search: page of 20 with snippets + total + facets (ms)');
  if (ok(f.search)) {
    const rows: string[][] = [
      ['query class', 'n', 'matches', 'ours p50', 'ours p95', 'raw p50', 'raw p95', 'p95 ours/raw'],
    ];
    for (const cls of QUERY_CLASSES) {
      const c = f.search.classes[cls];
      rows.push([
        QUERY_CLASS_LABELS[cls],
        String(c.queries),
        `${round(c.matchShare[0] * 100, 2)}-${round(c.matchShare[1] * 100, 2)}%`,
        String(c.ours.p50),
        String(c.ours.p95),
        String(c.raw.p50),
        String(c.raw.p95),
        `${c.ratioP95}x`,
      ]);
    }
    lines.push(table(rows));
    if (f.search.mismatchExamples.length)
      lines.push(`  totals differing from raw: ${f.search.mismatchExamples.join('; ')}`);
    if (f.search.agreement)
      lines.push('Relevance page 1 against plain bm25 over every hit', formatAgreement(f.search.agreement, false));
  } else lines.push(`  skipped: ${f.search.skipped}`);
  const o = f.openFirstQuery;
  lines.push(
    ok(o)
      ? `Open + first query "${o.query}": ${o.inProcessMs} ms in process; fresh process ${o.childOpenAndQueryMs} ms (${o.childWithModuleLoadMs} ms with module loading, ${o.childWallMs} ms spawn to exit)`
      : `Open + first query: skipped: ${o.skipped}`,
  );
  const cold = f.coldOpen;
  if (cold)
    lines.push(
      ok(cold)
        ? `Open + first query, cold: ${cold.childOpenAndQueryMs} ms in a fresh process (${cold.childWithModuleLoadMs} ms with module loading); page cache dropped by ${cold.method}${cold.residentBytes !== null ? `, ${mb(cold.residentBytes)} of the files still cached` : ''}`
        : `Open + first query, cold: ${cold.skipped}`,
    );
  const rss = f.searchRss;
  if (rss)
    lines.push(
      ok(rss)
        ? `RSS while searching: peak ${mb(rss.peakRssBytes)} (${mb(rss.rssAfterLoadBytes)} after loading the modules, ${mb(rss.rssAfterOpenBytes)} after opening) over ${rss.searches} searches in ${rss.seconds} s`
        : `RSS while searching: ${rss.skipped}`,
    );
  lines.push('');
  const a = f.annotations;
  lines.push('Annotations');
  lines.push(
    ok(a)
      ? table([
          [
            'created',
            'create rate',
            're-anchor all after re-capture',
            're-anchor 200 on one article p50/p95',
            'in:annotations p50/p95',
          ],
          [
            String(a.created),
            `${Math.round(a.createPerSecond)}/s`,
            `${round(a.reanchorAll.seconds, 1)} s (${a.reanchorAll.exact} exact, ${a.reanchorAll.fuzzy} fuzzy, ${a.reanchorAll.orphan} orphan)`,
            `${a.reanchor200.p50} / ${a.reanchor200.p95} ms`,
            `${a.search.p50} / ${a.search.p95} ms`,
          ],
        ])
      : `  skipped: ${a.skipped}`,
  );
  lines.push('');
  lines.push(...formatExport(f.export, f.meta.exportArticles));
  lines.push('');
  const u = f.ui;
  lines.push('Desktop UI in Chromium (through stacks serve)');
  lines.push(
    ok(u)
      ? table([
          ['p50 / p95 (ms)', 'keystroke', 'open hit', 'site facet', 'timeline', 'by published', 'column -> library'],
          [
            `${u.queries} queries${u.debounceMs !== null ? ` (incl. ${u.debounceMs} ms debounce)` : ''}`,
            ...[
              u.keystrokeToPaint,
              u.openArticle,
              u.facetClick,
              u.timelineOpen,
              u.timelineToggle,
              u.timelineToLibrary,
            ].map((x) => (x ? `${x.p50} / ${x.p95}` : '-')),
          ],
        ]) +
          `\n  library scroll: ${u.scroll.frames} frames in ${round(u.scroll.ms / 1000, 1)} s (${Math.round(u.scroll.pixels / 1000)}k px), ${u.scroll.longFrames} over 16.7 ms, ${u.scroll.droppedFrames} dropped (worst ${u.scroll.worstFrameMs} ms)`
      : `  skipped: ${u.skipped}`,
  );
  if (ok(u) && u.openArticleProblem) lines.push(`  opening a hit failed: ${u.openArticleProblem}`);
  lines.push('');
  lines.push('Targets');
  lines.push(
    table([
      ['', 'figure', 'target', ''],
      ...f.targets.map((c) => [c.name, c.value, c.target, c.pass === null ? '-' : c.pass ? 'PASS' : 'MISS']),
    ]),
  );
  return lines.join('\n');
}

/** WACZ and BagIt export rates of the text and HTML archives. */
function formatExport(e: Section<ExportFigures>, n?: number): string[] {
  const out = [
    `Export (stacks export --wacz / --bagit, ${n ? `at most the first ${n} articles of each archive` : 'every article'})`,
  ];
  if (!ok(e)) return [...out, `  skipped: ${e.skipped}`];
  const rows = [['archive', 'format', 'articles/s', 'articles', 'captures', 'assets', 'seconds', 'size', 'RSS growth']];
  const sections: Array<[string, ExportFigures['text'] | { skipped: string }]> = [
    ['text', e.text],
    ['HTML', e.html],
  ];
  for (const [label, s] of sections) {
    if (!ok(s)) {
      out.push(`  ${label}: skipped: ${s.skipped}`);
      continue;
    }
    for (const [format, r] of [
      ['WACZ', s.wacz],
      ['BagIt', s.bagit],
    ] as const)
      rows.push([
        label,
        format,
        String(r.articlesPerSecond),
        String(r.articles),
        String(r.captures),
        String(r.assets),
        String(r.seconds),
        mb(r.bytes),
        mb(r.rssGrowthBytes),
      ]);
  }
  return [...out, table(rows)];
}

/** The same figures as a Markdown table, ready to paste into the README. */
export function formatMarkdown(f: BenchFigures): string {
  const rows = ['| Figure | Result | Target | |', '| --- | --- | --- | --- |'];
  for (const c of f.targets)
    rows.push(`| ${c.name} | ${c.value} | ${c.target} | ${c.pass === null ? '-' : c.pass ? 'PASS' : 'MISS'} |`);
  return rows.join('\n');
}
