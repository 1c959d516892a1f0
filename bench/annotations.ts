// Section: annotations at scale: create across the corpus, re-capture edited texts, re-anchor, search in:annotations.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type {
  AnchorRemap,
  Annotation,
  AnnotationCreate,
  ArticleDetail,
  ArticleId,
  HighlightColor,
  SearchRequest,
  SearchResult,
} from '../db/contract/types.js';
import { mixSeed, mulberry32, type Corpus, type SyntheticArticle } from './corpus.js';
import { textFile, type TextFormat } from './formats.js';
import { isMissing, loadOpenArchive, tryImport, type OpenedArchive, type PathImporter } from './load.js';
import { now, round, summarize, timed, type LatencySummary } from './measure.js';

export interface AnnotationFigures {
  created: number;
  annotatedArticles: number;
  /** Rate through createAnnotation, one transaction per call as the app makes them. */
  createPerSecond: number;
  /** Annotations beyond the first 10,000 are loaded in outer transactions of 1000 (bulk set-up, not a user path). */
  bulkLoaded: number;
  recaptureImport: { articles: number; seconds: number };
  reanchorAll: {
    annotations: number;
    seconds: number;
    perSecond: number;
    exact: number;
    fuzzy: number;
    orphan: number;
  };
  /** reanchorArticle on articles holding 200 annotations each, right after their re-capture. */
  reanchor200: LatencySummary & { articles: number };
  /** `in:annotations WORD` through search, page of 20 + total + facets. */
  search: LatencySummary;
}

interface ApiSubset {
  getArticle(input: { id: ArticleId }): ArticleDetail;
  createAnnotation(input: AnnotationCreate): Annotation;
  reanchorArticle(input: { id: ArticleId }): AnchorRemap;
  search(input: SearchRequest): SearchResult;
  listColors(input: Record<string, never>): HighlightColor[];
}

const PER_CALL_LIMIT = 10_000;
const HEAVY = 200;

/**
 * Annotates the text-import archive, where article i (0-based) has id i+1 and its URL is its canonical URL,
 * so an edited copy of it imports as a new capture of the same article.
 */
export async function benchAnnotations(
  corpus: Corpus,
  articles: number,
  count: number,
  format: TextFormat,
  archiveFile: string,
  workDir: string,
  log: (s: string) => void,
): Promise<AnnotationFigures | { skipped: string }> {
  const open = await loadOpenArchive();
  const api = await tryImport<{ createArchiveApi(a: OpenedArchive): ApiSubset & { dispose(): Promise<void> } }>(
    '../db/api.js',
  );
  const imp = await tryImport<{ createImporter(db: Database.Database): PathImporter }>('../db/ingest/importer.js');
  if (isMissing(open)) return { skipped: open.missing };
  if (isMissing(api)) return { skipped: api.missing };
  if (isMissing(imp)) return { skipped: imp.missing };
  if (articles < 2) return { skipped: 'needs at least 2 articles' };

  const archive = open(archiveFile);
  const service = api.createArchiveApi(archive);
  const rng = mulberry32(mixSeed(corpus.options.seed, 0xa22));
  try {
    // A few articles carry 200 annotations each (the re-anchoring latency figure); the rest carry 5 each.
    const heavyCount = Math.max(1, Math.min(25, Math.floor(count / (HEAVY * 4))));
    const lightPer = 5;
    const plan: Array<{ index: number; annotations: number }> = [];
    const used = new Set<number>();
    const pickArticle = (): number => {
      for (;;) {
        const i = Math.floor(rng() * articles);
        if (!used.has(i) || used.size >= articles) {
          used.add(i);
          return i;
        }
      }
    };
    for (let h = 0; h < heavyCount && used.size < articles; h++)
      plan.push({ index: pickArticle(), annotations: HEAVY });
    let remaining = count - heavyCount * HEAVY;
    while (remaining > 0) {
      const k = Math.min(remaining, used.size < articles ? lightPer : lightPer * 4);
      plan.push({ index: used.size < articles ? pickArticle() : Math.floor(rng() * articles), annotations: k });
      remaining -= k;
    }
    const colors = service.listColors({}).map((c) => c.name);

    // ---- create ----
    let created = 0;
    let perCallMs = 0;
    let perCallCount = 0;
    const searchWords: string[] = [];
    const bulk = archive.db.transaction((inputs: AnnotationCreate[]) => {
      for (const i of inputs) service.createAnnotation(i);
    });
    let pendingBulk: AnnotationCreate[] = [];
    for (const { index, annotations } of plan) {
      const id = (index + 1) as ArticleId;
      const text = service.getArticle({ id }).text;
      for (let k = 0; k < annotations; k++) {
        const input = passageAnnotation(rng, id, text, colors, corpus);
        if (searchWords.length < 200 && rng() < 0.05) {
          const word = longestWord(text.slice(input.start ?? 0, input.end ?? 0));
          if (word) searchWords.push(word);
        }
        if (perCallCount < PER_CALL_LIMIT) {
          const t = timed(() => service.createAnnotation(input));
          perCallMs += t.ms;
          perCallCount++;
        } else {
          pendingBulk.push(input);
          if (pendingBulk.length >= 1000) {
            bulk(pendingBulk);
            pendingBulk = [];
          }
        }
        created++;
      }
      if (created % 5000 < annotations) log(`  annotations created: ${created}/${count}`);
    }
    if (pendingBulk.length) bulk(pendingBulk);

    // ---- in:annotations search (before the re-capture, at the full count) ----
    const searchMs: number[] = [];
    const distinct = [...new Set(searchWords)].slice(0, 60);
    for (const w of distinct.slice(0, 3)) service.search({ query: `in:annotations ${w}`, limit: 20 }); // warm-up
    for (const w of distinct)
      searchMs.push(timed(() => service.search({ query: `in:annotations ${w}`, limit: 20 })).ms);

    // ---- re-capture every annotated article with a slightly edited text ----
    const dir = path.join(workDir, 'recapture');
    fs.mkdirSync(dir, { recursive: true });
    const annotated = [...new Set(plan.map((p) => p.index))];
    for (const index of annotated) {
      const file = textFile(format, editArticle(corpus.article(index), rng, corpus));
      fs.writeFileSync(path.join(dir, `${String(index).padStart(7, '0')}${file.ext}`), file.content);
    }
    // The hook-less importer: the re-anchoring below is timed on its own instead of inside the import.
    const importer = imp.createImporter(archive.db);
    const t = now();
    const report = await importer.importPaths([dir]);
    const recaptureSeconds = (now() - t) / 1000;
    await importer.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (report.imported !== annotated.length) {
      const failures = report.outcomes
        .filter((o) => o.status !== 'imported')
        .slice(0, 3)
        .map((o) => `${o.status} ${o.error ?? ''}`);
      log(`  re-capture: ${report.imported}/${annotated.length} imported (${failures.join('; ')})`);
    }

    // ---- re-anchor ----
    const heavy = new Set(plan.filter((p) => p.annotations === HEAVY).map((p) => p.index));
    const heavyMs: number[] = [];
    const totals = { annotations: 0, exact: 0, fuzzy: 0, orphan: 0 };
    let allMs = 0;
    for (const index of annotated) {
      const r = timed(() => service.reanchorArticle({ id: (index + 1) as ArticleId }));
      allMs += r.ms;
      if (heavy.has(index)) heavyMs.push(r.ms);
      totals.annotations += r.value.annotations;
      totals.exact += r.value.exact;
      totals.fuzzy += r.value.fuzzy;
      totals.orphan += r.value.orphan;
    }
    await service.dispose();
    return {
      created,
      annotatedArticles: annotated.length,
      createPerSecond: perCallCount / (perCallMs / 1000),
      bulkLoaded: created - perCallCount,
      recaptureImport: { articles: report.imported, seconds: round(recaptureSeconds, 2) },
      reanchorAll: {
        ...totals,
        seconds: round(allMs / 1000, 2),
        perSecond: Math.round(totals.annotations / (allMs / 1000)),
      },
      reanchor200: { ...summarize(heavyMs), articles: heavyMs.length },
      search: summarize(searchMs),
    };
  } finally {
    archive.close();
  }
}

/** A highlight (or a note on a passage) of 3-40 words starting at a word boundary. */
function passageAnnotation(
  rng: () => number,
  articleId: ArticleId,
  text: string,
  colors: string[],
  corpus: Corpus,
): AnnotationCreate {
  let start = Math.floor(rng() * Math.max(1, text.length - 300));
  while (start > 0 && text[start - 1] !== ' ' && text[start - 1] !== '\n') start--;
  let end = start;
  const words = 3 + Math.floor(rng() * 38);
  for (let w = 0; w < words && end < text.length; w++) {
    end = text.indexOf(' ', end + 1);
    if (end < 0) end = text.length;
  }
  const isNote = rng() < 0.25;
  const note = isNote
    ? corpus.article(Math.floor(rng() * 1e6) + 20_000_000).paragraphs[0]!.slice(0, 160)
    : rng() < 0.2
      ? 'check this'
      : '';
  return {
    articleId,
    kind: isNote ? 'note' : 'highlight',
    start,
    end: Math.min(end, text.length),
    color: colors.length ? colors[Math.floor(rng() * colors.length)]! : null,
    note,
    tags: rng() < 0.3 ? [['evidence', 'method', 'quote', 'todo'][Math.floor(rng() * 4)]!] : [],
  };
}

function longestWord(passage: string): string | null {
  const words = passage.toLowerCase().match(/[a-z]{5,}/g);
  if (!words) return null;
  return words.sort((a, b) => b.length - a.length)[0] ?? null;
}

/**
 * A re-capture's typical drift: a new paragraph at the top (every offset moves), a few words changed
 * here and there (some passages need the fuzzy match), and one paragraph removed (its annotations orphan).
 */
export function editArticle(a: SyntheticArticle, rng: () => number, corpus: Corpus): SyntheticArticle {
  const extra = corpus.article(Math.floor(rng() * 1e6) + 30_000_000).paragraphs[0]!;
  const paragraphs = a.paragraphs.map((p) => {
    if (rng() >= 0.2) return p;
    const words = p.split(' ');
    const k = Math.floor(rng() * words.length);
    words[k] = rng() < 0.5 ? 'updated' : `${words[k]}ly`;
    return words.join(' ');
  });
  if (paragraphs.length > 4) paragraphs.splice(2 + Math.floor(rng() * (paragraphs.length - 3)), 1);
  return { ...a, paragraphs: [`Editor's note: ${extra}`, ...paragraphs] };
}
