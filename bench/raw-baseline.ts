// The baseline: the same corpus in raw better-sqlite3 FTS5, written the straightforward way a developer would.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { bodyText, type Corpus, type SyntheticArticle } from './corpus.js';
import { now } from './measure.js';

export interface RawImportFigures {
  articles: number;
  /** Seconds spent inside the insert transactions (article generation excluded). */
  seconds: number;
  articlesPerSecond: number;
  fileBytes: number;
}

export interface RawResult {
  total: number;
  hits: Array<{ rowid: number; title: string; snippet: string; score: number }>;
  facets: { site: Array<{ value: string; count: number }>; year: Array<{ value: string; count: number }> };
}

const BATCH = 1000;

export class RawBaseline {
  readonly db: Database.Database;
  private readonly page: Database.Statement;
  private readonly count: Database.Statement;
  private readonly siteFacet: Database.Statement;
  private readonly yearFacet: Database.Statement;

  constructor(readonly file: string) {
    // A plain file with better-sqlite3's defaults (rollback journal, synchronous FULL): nothing tuned.
    this.db = new Database(file);
    this.db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, byline, site, body, tokenize = 'unicode61 remove_diacritics 2');
      CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY, site TEXT NOT NULL, year TEXT NOT NULL);
    `);
    this.page = this.db.prepare(`
      SELECT rowid, title, snippet(fts, -1, '\u27E6', '\u27E7', '…', 16) AS snippet, bm25(fts) AS score
      FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20`);
    this.count = this.db.prepare('SELECT count(*) AS n FROM fts WHERE fts MATCH ?').pluck();
    this.siteFacet = this.db.prepare(`
      SELECT m.site AS value, count(*) AS count FROM fts JOIN meta m ON m.id = fts.rowid
      WHERE fts MATCH ? GROUP BY m.site ORDER BY count DESC LIMIT 10`);
    this.yearFacet = this.db.prepare(`
      SELECT m.year AS value, count(*) AS count FROM fts JOIN meta m ON m.id = fts.rowid
      WHERE fts MATCH ? GROUP BY m.year ORDER BY value DESC`);
  }

  /** Inserts articles 0..n-1 in transactions of 1000; only the time inside the transactions is counted. */
  importCorpus(corpus: Corpus, n: number, onProgress?: (done: number) => void): RawImportFigures {
    const insertText = this.db.prepare('INSERT INTO fts (rowid, title, byline, site, body) VALUES (?, ?, ?, ?, ?)');
    const insertMeta = this.db.prepare('INSERT INTO meta (id, site, year) VALUES (?, ?, ?)');
    const insertBatch = this.db.transaction((batch: SyntheticArticle[]) => {
      for (const a of batch) {
        const id = a.index + 1;
        insertText.run(id, a.title, a.byline, a.site.name, bodyText(a));
        insertMeta.run(id, a.site.name, a.publishedAt.slice(0, 4));
      }
    });
    let ms = 0;
    for (let start = 0; start < n; start += BATCH) {
      const batch: SyntheticArticle[] = [];
      for (let i = start; i < Math.min(n, start + BATCH); i++) batch.push(corpus.article(i));
      const t = now();
      insertBatch(batch);
      ms += now() - t;
      onProgress?.(Math.min(n, start + BATCH));
    }
    return { articles: n, seconds: ms / 1000, articlesPerSecond: n / (ms / 1000), fileBytes: this.fileBytes() };
  }

  /** One results page: 20 ranked hits with snippets, the total, and site and year facets. */
  search(match: string): RawResult {
    return {
      hits: this.page.all(match) as RawResult['hits'],
      total: this.count.get(match) as number,
      facets: {
        site: this.siteFacet.all(match) as RawResult['facets']['site'],
        year: this.yearFacet.all(match) as RawResult['facets']['year'],
      },
    };
  }

  /** How many articles match (no page, no facets): choosing phrase queries at 1M must not rank each one. */
  countMatches(match: string): number {
    return this.count.get(match) as number;
  }

  /** Document frequency of every indexed term (fts5vocab), for choosing the query words. */
  termDocumentCounts(): Map<string, number> {
    this.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, 'fts', 'row')");
    const rows = this.db.prepare('SELECT term, doc FROM temp.fts_vocab').all() as Array<{ term: string; doc: number }>;
    return new Map(rows.map((r) => [r.term, r.doc]));
  }

  articleCount(): number {
    return this.db.prepare('SELECT count(*) FROM meta').pluck().get() as number;
  }

  fileBytes(): number {
    let total = 0;
    for (const suffix of ['', '-wal', '-journal']) {
      try {
        total += fs.statSync(this.file + suffix).size;
      } catch {
        // absent sidecar file
      }
    }
    return total;
  }

  close(): void {
    this.db.close();
  }
}
