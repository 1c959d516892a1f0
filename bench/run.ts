// `npm run bench`: generates the corpus, runs every section beside the raw FTS5 baseline, prints figures and targets.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { benchAnnotations } from './annotations.js';
import { benchColdOpen } from './cold-open.js';
import { bodyText, Corpus } from './corpus.js';
import { benchExport } from './export.js';
import { benchHtmlImport } from './import-html.js';
import { benchWarcImport } from './import-warc.js';
import { archiveBytes, benchTextImport } from './import-text.js';
import type { TextFormat } from './formats.js';
import { machineInfo, machineLine, withEndLoad } from './machine.js';
import { peakRssBytes, round } from './measure.js';
import { createProgress } from './progress.js';
import { pickQueries, QUERY_CLASSES, type BenchQuery, type QueryClass } from './queries.js';
import { formatAgreement } from './agreement.js';
import { RawBaseline } from './raw-baseline.js';
import { checkTargets, formatMarkdown, formatReport, table, uiTargets, type BenchFigures } from './report.js';
import { benchOpenFirstQuery, benchSearch } from './search.js';
import { benchSearchRss } from './search-rss.js';
import { benchUi } from './ui.js';
import { rankAheadAfterImport } from './kept.js';
import { loadOpenArchive, isMissing } from './load.js';
import { measureFidelity } from './fidelity/measure.js';
import { fidelityMisses, formatFidelity, summarizeFidelity } from './fidelity/report.js';
import { benchBackup, benchDiff } from './versions.js';

const count = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
};

const SECTIONS = ['text', 'html', 'warc', 'search', 'annotations', 'export', 'versions', 'ui'] as const;
type BenchSection = (typeof SECTIONS)[number];

const program = new Command('bench')
  .description('Stacks benchmark: import, search, annotations and UI figures beside raw better-sqlite3 FTS5')
  .option('--n <count>', 'articles in the corpus (100000 for the full run)', count, 20_000)
  .option('--html <count>', 'synthetic saved web pages for the HTML path', count)
  .option('--warc <count>', 'pages in the generated WARC (default: as many as --html)', count)
  .option('--warc-gb <size>', 'generate a WARC of this many GB instead (e.g. 1) and import it once', Number)
  .option(
    '--only <sections>',
    `run only these sections, comma-separated (${SECTIONS.join(', ')}); e.g. --only warc --warc-gb 1`,
    (v: string) => {
      const list = v.split(',').map((x) => x.trim());
      const bad = list.filter((x) => !(SECTIONS as readonly string[]).includes(x));
      if (bad.length) throw new InvalidArgumentError(`unknown section ${bad.join(', ')}`);
      return list;
    },
  )
  .option('--annotations <count>', 'annotations to create (100000 for the full target)', count)
  .option('--export-articles <count>', 'articles per export run (the first ones; fixed whatever --n is)', count)
  .option(
    '--cold <how>',
    'cold open: auto (drop_caches when writable, else posix_fadvise on the archive files), fadvise, off',
    'auto',
  )
  .option('--format <md|txt>', 'text corpus files: Markdown with front matter (full metadata) or plain clippings', 'md')
  .option('--seed <seed>', 'corpus seed', count, 20240601)
  .option('--queries <count>', 'distinct queries per class', count)
  .option('--quick', 'small sizes for a smoke run (fewer queries, pages and annotations, no UI)')
  .option('--no-ui', 'skip the Chromium section')
  .option(
    '--ui-archive <file>',
    'only the Chromium section, on an existing archive (queries from raw-fts5.sqlite beside it)',
  )
  .option(
    '--search-archive <file>',
    'only the search section (with page-1 agreement) and open + first query, on an existing archive (queries from raw-fts5.sqlite beside it)',
  )
  .option('--fidelity-only', 'only the fidelity section (Stacks beside Readability alone on the saved-page set)')
  .option('--json', 'end the output with one JSON line holding every figure')
  .option('--markdown', 'also print the targets as a Markdown table')
  .option('--out <dir>', 'where archives are written (kept); default a temp dir')
  .option('--keep', 'keep the temp dir with the archives')
  .parse();

const opts = program.opts<{
  n: number;
  format: string;
  html?: number;
  warc?: number;
  warcGb?: number;
  only?: BenchSection[];
  annotations?: number;
  exportArticles?: number;
  cold: string;
  seed: number;
  queries?: number;
  quick?: boolean;
  ui: boolean;
  json?: boolean;
  markdown?: boolean;
  out?: string;
  keep?: boolean;
  uiArchive?: string;
  searchArchive?: string;
  fidelityOnly?: boolean;
}>();
const quick = opts.quick ?? false;
if (opts.format !== 'md' && opts.format !== 'txt') program.error('--format is md or txt');
const format = opts.format as TextFormat;
const n = opts.n;
const htmlPages = opts.html ?? (quick ? 40 : 2000);
const annotationCount = opts.annotations ?? (quick ? 600 : 10_000);
const perClass = opts.queries ?? (quick ? 8 : 60);
const exportArticles = opts.exportArticles ?? (quick ? 500 : 10_000);
if (!['auto', 'fadvise', 'off'].includes(opts.cold)) program.error('--cold is auto, fadvise or off');

const machine = machineInfo();
const progress = createProgress();
const log = progress.log;
log(`machine: ${machineLine(machine)}`);
const want = (section: BenchSection): boolean => !opts.only || opts.only.includes(section);
const notWanted = { skipped: 'not in --only' };
/** Words searched before the timed search queries, on both sides (not among the timed ones). */
const SEARCH_WARMUP = ['zebra', 'hello', 'window'];

/** The query timed for open + first query: a common word, the search-as-you-type worst case. */
const firstQueryOf = (queries: Record<QueryClass, BenchQuery[]>): string =>
  queries.common[0]?.text ?? queries.twoWords[0]?.text ?? 'time';

if (opts.uiArchive) {
  await uiOnly(path.resolve(opts.uiArchive));
  process.exit(0);
}
if (opts.searchArchive) {
  await searchOnly(path.resolve(opts.searchArchive));
  process.exit(0);
}
if (opts.fidelityOnly) {
  const run = await measureFidelity();
  console.log(formatFidelity(summarizeFidelity(run), fidelityMisses(run)));
  process.exit(0);
}
const outDir = opts.out ? path.resolve(opts.out) : fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-bench-'));
fs.mkdirSync(outDir, { recursive: true });
const rawFile = path.join(outDir, 'raw-fts5.sqlite');
const archiveFile = path.join(outDir, 'bench.stacks.sqlite');
const htmlArchiveFile = path.join(outDir, 'bench-html.stacks.sqlite');
const warcArchiveFile = path.join(outDir, 'bench-warc.stacks.sqlite');
const warcPages = opts.warc ?? htmlPages;
// A reused --out folder: earlier runs' files go, the search index files too (an old index beside a new archive would
// be foreign and rebuilt, but it would first be counted in the new archive's size).
for (const f of [rawFile, archiveFile, htmlArchiveFile, warcArchiveFile])
  for (const s of ['', '-wal', '-shm', '-journal', '-search', '-search-wal', '-search-shm'])
    fs.rmSync(f + s, { force: true });

function gitCommit(): string | null {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The raw baseline beside a kept archive, and the bench's queries chosen from it as in a full run. */
function keptRunQueries(
  file: string,
  flag: string,
): { raw: RawBaseline; articles: number; queries: Record<QueryClass, BenchQuery[]> } {
  const rawFile = path.join(path.dirname(file), 'raw-fts5.sqlite');
  if (!fs.existsSync(file) || !fs.existsSync(rawFile))
    program.error(`${flag} needs ${file} and ${rawFile} (from a run with --out)`);
  const corpus = new Corpus({ seed: opts.seed });
  const raw = new RawBaseline(rawFile);
  const articles = raw.articleCount();
  const queries = pickQueries({
    articles,
    documentCounts: raw.termDocumentCounts(),
    collocations: corpus.collocations,
    phraseCount: (p) => raw.countMatches(p),
    perClass,
    seed: opts.seed,
  });
  return { raw, articles, queries };
}

/** `--ui-archive FILE`: the UI section alone on an archive from an earlier run, with queries chosen as in a full run. */
async function uiOnly(file: string): Promise<void> {
  const { raw, articles, queries } = keptRunQueries(file, '--ui-archive');
  raw.close();
  const uiQueries = QUERY_CLASSES.flatMap((cls) => queries[cls].slice(0, 5).map((q) => q.text));
  log(`UI only: ${articles} articles, ${uiQueries.length} queries, archive ${file}`);
  const ui = await benchUi(file, uiQueries, articles, log);
  console.log(`Stacks bench, UI only: ${articles} articles, ${file}\nMeasured ${machineLine(withEndLoad(machine))}`);
  console.log(
    table([
      ['', 'figure', 'target', ''],
      ...uiTargets(ui).map((c) => [c.name, c.value, c.target, c.pass === null ? '-' : c.pass ? 'PASS' : 'MISS']),
    ]),
  );
  console.log(JSON.stringify(ui, null, opts.json ? undefined : 2));
}

/**
 * `--search-archive FILE`: the search section on a kept archive (after a change to search, without importing
 * again): latencies, page-1 agreement, open + first query warm and cold, RSS while searching.
 */
async function searchOnly(file: string): Promise<void> {
  const { raw, articles, queries } = keptRunQueries(file, '--search-archive');
  log(`search only: ${articles} articles, archive ${file}`);
  const kept = await rankAheadOn(file);
  if (kept) log(`kept pages: ${kept.searches} searches current after ${round(kept.seconds, 1)} s of ranking ahead`);
  const search = await benchSearch(file, raw, queries, SEARCH_WARMUP, log);
  raw.close();
  const first = await benchOpenFirstQuery(file, firstQueryOf(queries));
  const coldOpen =
    opts.cold === 'off' ? { skipped: '--cold off' } : benchColdOpen(file, firstQueryOf(queries), opts.cold === 'auto');
  const searchRss = await benchSearchRss(
    file,
    QUERY_CLASSES.flatMap((cls) => queries[cls].map((q) => q.text)),
    path.dirname(file),
  );
  console.log(
    `Stacks bench, search only: ${articles} articles, ${file}\nMeasured ${machineLine(withEndLoad(machine))}`,
  );
  console.log(
    JSON.stringify({ kept, search, openFirstQuery: first, coldOpen, searchRss }, null, opts.json ? undefined : 2),
  );
  if (!('skipped' in search) && search.agreement) console.log(formatAgreement(search.agreement, false));
}

/** Opens a kept archive and waits for its heaviest searches to be ranked ahead (current ones cost a look each). */
async function rankAheadOn(file: string): Promise<{ searches: number; seconds: number } | null> {
  const open = await loadOpenArchive();
  if (isMissing(open)) return null;
  const archive = open(file);
  try {
    return await rankAheadAfterImport(archive, log);
  } finally {
    archive.close();
  }
}

async function main(): Promise<void> {
  const corpus = new Corpus({ seed: opts.seed });
  let sampleChars = 0;
  const sample = Math.min(n, 200);
  for (let i = 0; i < sample; i++) sampleChars += bodyText(corpus.article(i)).length;

  log(`corpus: ${n} articles, seed ${opts.seed}; archives in ${outDir}`);
  progress.phase('raw FTS5 insert');
  const raw = new RawBaseline(rawFile);
  // The baseline (and the archive the text import builds) only when a section compares with it or reads it.
  const needArchive = (['text', 'search', 'annotations', 'export', 'versions', 'ui'] as const).some(want);
  const rawImport = needArchive
    ? raw.importCorpus(corpus, n, progress.counter('raw FTS5 insert', n))
    : { articles: 0, seconds: 0, articlesPerSecond: 0, fileBytes: 0 };
  log(`raw: ${Math.round(rawImport.articlesPerSecond)} articles/s`);

  progress.phase('choosing queries');
  const queries = pickQueries({
    articles: needArchive ? n : 0,
    documentCounts: needArchive ? raw.termDocumentCounts() : new Map(),
    collocations: corpus.collocations,
    phraseCount: (p) => raw.countMatches(p),
    perClass,
    seed: opts.seed,
  });
  for (const cls of QUERY_CLASSES)
    log(
      `  ${cls}: ${queries[cls].length} queries, e.g. ${queries[cls]
        .slice(0, 3)
        .map((q) => q.text)
        .join(', ')}`,
    );

  progress.phase('ours: text import');
  const textImport = !needArchive
    ? notWanted
    : await benchTextImport(corpus, n, format, archiveFile, outDir, progress.counter('text import', n), (f) =>
        log(
          `ours: text import ${f.imported} articles in ${round(f.seconds)} s = ${Math.round(f.imported / f.seconds)}/s ` +
            `(raw ${Math.round(rawImport.articlesPerSecond)}/s); merging the index and ranking ahead next`,
        ),
      );
  // The import's rate was logged as soon as it ended (above); this line adds the merge, the ranking ahead and the
  // size, before the next sections, so a long run stopped after its import (to measure search on the kept archive) keeps them.
  if (!('skipped' in textImport)) {
    log(
      `ours: text import ${textImport.imported} articles in ${round(textImport.seconds)} s = ` +
        `${Math.round(textImport.articlesPerSecond)}/s (raw ${Math.round(rawImport.articlesPerSecond)}/s), ` +
        `index merged in ${textImport.mergeSeconds === null ? '-' : round(textImport.mergeSeconds, 1)} s after, ` +
        `${textImport.kept ? `${textImport.kept.searches} heavy searches ranked ahead in ${round(textImport.kept.seconds, 1)} s, ` : ''}` +
        `${round(textImport.fileBytes / 1e6)} MB`,
    );
  }
  progress.phase('ours: HTML import');
  const htmlImport = !want('html')
    ? notWanted
    : htmlPages > 0
      ? await benchHtmlImport(corpus, htmlPages, n, htmlArchiveFile, outDir)
      : { skipped: '--html 0' };

  progress.phase(`ours: WARC import${opts.warcGb ? ` (${opts.warcGb} GB)` : ''}`);
  const warcImport = !want('warc')
    ? notWanted
    : warcPages > 0 || opts.warcGb
      ? await benchWarcImport(
          corpus,
          warcPages,
          n,
          warcArchiveFile,
          outDir,
          Math.round((opts.warcGb ?? 0) * 1024 ** 3),
          log,
        )
      : { skipped: '--warc 0' };

  const haveArchive = !('skipped' in textImport);
  const skippedBecause = { skipped: `no archive: text import skipped` };
  progress.phase('search');
  const search = !want('search')
    ? notWanted
    : haveArchive
      ? await benchSearch(archiveFile, raw, queries, SEARCH_WARMUP, log)
      : skippedBecause;
  const firstQuery = firstQueryOf(queries);
  const openFirstQuery = !want('search')
    ? notWanted
    : haveArchive
      ? await benchOpenFirstQuery(archiveFile, firstQuery)
      : skippedBecause;
  raw.close();
  progress.phase('cold open');
  const coldOpen = !want('search')
    ? notWanted
    : !haveArchive
      ? skippedBecause
      : opts.cold === 'off'
        ? { skipped: '--cold off' }
        : benchColdOpen(archiveFile, firstQuery, opts.cold === 'auto');
  progress.phase('RSS while searching');
  const searchRss = !want('search')
    ? notWanted
    : haveArchive
      ? await benchSearchRss(
          archiveFile,
          QUERY_CLASSES.flatMap((cls) => queries[cls].map((q) => q.text)),
          outDir,
        )
      : skippedBecause;

  progress.phase('annotations');
  const annotations = !want('annotations')
    ? notWanted
    : haveArchive
      ? await benchAnnotations(corpus, n, annotationCount, format, archiveFile, outDir, log)
      : skippedBecause;

  progress.phase('export');
  const exportFigures = !want('export')
    ? notWanted
    : haveArchive
      ? await benchExport(archiveFile, htmlPages > 0 ? htmlArchiveFile : null, outDir, log, exportArticles)
      : skippedBecause;
  progress.phase('versions: backup and diff');
  const versions = {
    backup: !want('versions') ? notWanted : haveArchive ? await benchBackup(archiveFile, outDir) : skippedBecause,
    diff: benchDiff(20_000, quick ? 10 : 30),
  };

  progress.phase('fidelity');
  const fidelityRun = await measureFidelity();
  const fidelity = summarizeFidelity(fidelityRun);

  progress.phase('UI');
  // A mix of every class (5 each), typed char by char; the first one only warms the page up.
  const uiQueries = QUERY_CLASSES.flatMap((cls) => queries[cls].slice(0, 5).map((q) => q.text));
  const ui =
    !opts.ui || quick || !want('ui')
      ? { skipped: quick ? '--quick' : !want('ui') ? 'not in --only' : '--no-ui' }
      : haveArchive
        ? await benchUi(archiveFile, uiQueries, n, log)
        : skippedBecause;
  progress.end();

  const figures: Omit<BenchFigures, 'targets'> = {
    meta: {
      n,
      htmlPages,
      annotations: annotationCount,
      seed: opts.seed,
      node: process.versions.node,
      cores: os.availableParallelism(),
      date: machine.date,
      commit: gitCommit(),
      machine: withEndLoad(machine),
      phases: progress.phases(),
      exportArticles,
    },
    corpus: { articles: n, avgBodyChars: Math.round(sampleChars / Math.max(1, sample)), sites: corpus.sites.length },
    raw: {
      import: {
        ...rawImport,
        articlesPerSecond: round(rawImport.articlesPerSecond, 1),
        seconds: round(rawImport.seconds, 2),
      },
    },
    ours: {
      textImport,
      htmlImport,
      warcImport,
      archiveBytes: haveArchive ? archiveBytes(archiveFile) : null,
      peakRssBytes: peakRssBytes(),
    },
    search,
    openFirstQuery,
    coldOpen,
    searchRss,
    annotations,
    export: exportFigures,
    ui,
    versions,
    fidelity,
  };
  const all: BenchFigures = { ...figures, targets: checkTargets(figures) };
  console.log(formatReport(all));
  console.log(`\n${formatFidelity(fidelity, fidelityMisses(fidelityRun))}`);
  if (opts.markdown) console.log(`\n${formatMarkdown(all)}`);
  if (opts.json) console.log(JSON.stringify(all));
}

try {
  await main();
} finally {
  if (!opts.out && !opts.keep) fs.rmSync(outDir, { recursive: true, force: true });
  else log(`archives kept in ${outDir}`);
}
