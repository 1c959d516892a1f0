// Search probe: fills an archive and a raw FTS5 file with the same synthetic corpus, then compares query latency.
// Usage: npx tsx bench/search-probe.ts [--n 100000] [--annotations 100000] [--dir /tmp] ; files are reused when they already hold N rows.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openArchive } from '../db/open.js';
import { indexAnnotation } from '../db/search/index/annotation-index.js';
import { catchUpIndex } from '../db/search/index/article-index-sync.js';
import { searchArchive } from '../db/search/run.js';
import { bodyText, Corpus, mulberry32 } from './corpus.js';
import { now, summarize } from './measure.js';
import { pickQueries, QUERY_CLASSES } from './queries.js';
import { RawBaseline } from './raw-baseline.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg('n', '100000'));
const dir = arg('dir', '/tmp');
const corpus = new Corpus({ seed: 42 });

const rawFile = path.join(dir, `stacks-probe-raw-${N}.sqlite`);
const ourFile = path.join(dir, `stacks-probe-ours-${N}.sqlite`);

const raw = new RawBaseline(rawFile);
if ((raw.db.prepare('SELECT count(*) FROM meta').pluck().get() as number) < N) {
  const f = raw.importCorpus(corpus, N);
  console.log(`raw import: ${Math.round(f.articlesPerSecond)} articles/s`);
}

const archive = openArchive(ourFile);
const db = archive.db;
const existing = db.prepare('SELECT count(*) FROM article').pluck().get() as number;
if (existing < N) {
  const insArticle =
    db.prepare(`INSERT INTO article (id, title, byline, site_name, source_url, published_at, word_count, added_at, excerpt)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insCapture =
    db.prepare(`INSERT INTO capture (id, article_id, sha256, original, media_type, byte_size, captured_at, importer, importer_version)
    VALUES (?, ?, ?, ?, 'text/plain', ?, ?, 'probe', '1')`);
  const insContent = db.prepare("INSERT INTO content (capture_id, html, text, text_sha256) VALUES (?, '', ?, ?)");
  const setCurrent = db.prepare('UPDATE article SET current_capture_id = ? WHERE id = ?');
  let ms = 0;
  for (let start = existing; start < N; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, N - start) }, (_, k) => corpus.article(start + k));
    const t = now();
    db.transaction(() => {
      for (const a of batch) {
        const id = a.index + 1;
        const body = bodyText(a);
        const bytes = Buffer.from(body);
        // The id is mixed in: the corpus can repeat a body, and capture.sha256 is unique.
        const sha = crypto.createHash('sha256').update(bytes).update(String(id)).digest('hex');
        insArticle.run(
          id,
          a.title,
          a.byline,
          a.site.name,
          a.url,
          a.publishedAt,
          body.split(' ').length,
          new Date().toISOString(),
          body.slice(0, 200),
        );
        insCapture.run(id, id, sha, bytes, bytes.length, new Date().toISOString());
        insContent.run(id, body, sha);
        setCurrent.run(id, id);
      }
    })();
    catchUpIndex(db);
    ms += now() - t;
  }
  console.log(`our import (rows + capture + content + index): ${Math.round((N - existing) / (ms / 1000))} articles/s`);
}

const queries = pickQueries({
  articles: N,
  documentCounts: raw.termDocumentCounts(),
  collocations: corpus.collocations,
  phraseCount: (p) => raw.db.prepare('SELECT count(*) FROM fts WHERE fts MATCH ?').pluck().get(p) as number,
  perClass: 10,
  seed: 7,
});

const ROUNDS = 5;
const samples = new Map<string, { raw: number[]; cold: number[]; page2: number[]; mismatch: string }>();
for (const cls of QUERY_CLASSES) samples.set(cls, { raw: [], cold: [], page2: [], mismatch: '' });
for (let r = 0; r < ROUNDS; r++) {
  // A write starts a new data version (drops cached totals); two throwaway searches rebuild the facet columns,
  // as any search-as-you-type burst would. Every query below is then new at this version: its totals are not cached.
  db.prepare('UPDATE article SET is_read = is_read WHERE id = 1').run();
  let t = now();
  searchArchive(db, { query: 'probewarmup' });
  const firstAfterWrite = now() - t;
  t = now();
  searchArchive(db, { query: 'probewarmuptwo' });
  if (r === 0)
    console.log(
      `after a write: first search ${firstAfterWrite.toFixed(1)} ms, column rebuild ${(now() - t).toFixed(1)} ms`,
    );
  // Classes run in a different order each round, so no class always follows the column rebuild (and its GC).
  const order = [...QUERY_CLASSES].sort(
    (a, b) => ((QUERY_CLASSES.indexOf(a) + r * 2) % 6) - ((QUERY_CLASSES.indexOf(b) + r * 2) % 6),
  );
  for (const cls of order) {
    const s = samples.get(cls)!;
    for (const q of queries[cls]) {
      t = now();
      const rr = raw.search(q.text);
      s.raw.push(now() - t);
      t = now();
      const ours = searchArchive(db, { query: q.text });
      s.cold.push(now() - t);
      t = now();
      searchArchive(db, { query: q.text, offset: 20 });
      s.page2.push(now() - t);
      if (r === 0 && ours.total !== rr.total) s.mismatch += ` MISMATCH ${q.text}: ${ours.total} vs ${rr.total}`;
    }
  }
}
for (const cls of QUERY_CLASSES) {
  const s = samples.get(cls)!;
  const a = summarize(s.raw);
  const b = summarize(s.cold);
  const c = summarize(s.page2);
  console.log(
    `${cls.padEnd(9)} raw p50 ${a.p50} p95 ${a.p95} | ours p50 ${b.p50} p95 ${b.p95} (${(b.p95 / a.p95).toFixed(2)}x) | page 2 p50 ${c.p50} p95 ${c.p95}${s.mismatch}`,
  );
}
console.log(
  `sizes: raw ${(fs.statSync(rawFile).size / 1e6).toFixed(0)} MB, ours ${(fs.statSync(ourFile).size / 1e6).toFixed(0)} MB`,
);

// ---- in:annotations at ANNOTATIONS annotations (rows inserted directly, indexed through indexAnnotation) ----
const ANNOTATIONS = Number(arg('annotations', '100000'));
const haveAnnotations = db.prepare('SELECT count(*) FROM annotation').pluck().get() as number;
const colors = ['yellow', 'green', 'blue', 'pink', 'purple'];
const annRng = mulberry32(99);
if (haveAnnotations < ANNOTATIONS) {
  const insAnn =
    db.prepare(`INSERT INTO annotation (article_id, kind, capture_sha256, color, note, pos_start, pos_end, quote_exact,
    quote_prefix, quote_suffix, anchor_state, anchor_start, anchor_end, created_at, updated_at)
    VALUES (?, ?, 'probe', ?, ?, ?, ?, ?, '', '', 'exact', ?, ?, ?, ?)`);
  const perArticle = 5;
  const t = now();
  for (let done = haveAnnotations; done < ANNOTATIONS;) {
    db.transaction(() => {
      for (let k = 0; k < 200 && done < ANNOTATIONS; k++) {
        const a = corpus.article(Math.floor(done / perArticle) % N);
        const body = bodyText(a);
        for (let j = 0; j < perArticle && done < ANNOTATIONS; j++, done++) {
          let start = Math.floor(annRng() * Math.max(1, body.length - 300));
          while (start > 0 && body[start - 1] !== ' ') start--;
          let end = start;
          for (let w = 3 + Math.floor(annRng() * 38); w > 0 && end < body.length; w--)
            end = body.indexOf(' ', end + 1) < 0 ? body.length : body.indexOf(' ', end + 1);
          const quote = body.slice(start, end);
          const note = annRng() < 0.25 ? bodyText(corpus.article(Math.floor(annRng() * N))).slice(0, 160) : '';
          const at = new Date(Date.UTC(2024, 0, 1) + done * 60_000).toISOString();
          const id = Number(
            insAnn.run(
              a.index + 1,
              note ? 'note' : 'highlight',
              colors[done % colors.length],
              note,
              start,
              end,
              quote,
              start,
              end,
              at,
              at,
            ).lastInsertRowid,
          );
          indexAnnotation(db, { id, quote, note, tags: [] });
        }
      }
    })();
  }
  console.log(`annotations: ${ANNOTATIONS - haveAnnotations} created in ${((now() - t) / 1000).toFixed(1)} s`);
}
// Query words: the longest word of random quotes, as the bench does (mostly rare words, some common ones).
const annWords = [
  ...new Set(
    (db.prepare('SELECT quote_exact FROM annotation WHERE id % 997 = 0 LIMIT 120').pluck().all() as string[])
      .map((q) => (q.toLowerCase().match(/[a-z]{5,}/g) ?? []).sort((x, y) => y.length - x.length)[0])
      .filter((w): w is string => !!w),
  ),
].slice(0, 60);
const annMs: number[] = [];
for (let r = 0; r < 3; r++) {
  db.prepare('UPDATE article SET is_read = is_read WHERE id = 1').run();
  for (const w of annWords) {
    const t = now();
    searchArchive(db, { query: `in:annotations ${w}` });
    annMs.push(now() - t);
  }
}
const annSummary = summarize(annMs);
console.log(
  `in:annotations (${annWords.length} words x 3, ${ANNOTATIONS} annotations): p50 ${annSummary.p50} p95 ${annSummary.p95} ms`,
);
archive.close();
raw.close();
