// Runs the fidelity set through Stacks' whole import (a real archive, searched by phrase) and through Mozilla
// Readability alone (its own title, byline, date and text, indexed the same way), and scores both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { createArchiveApi } from '../../db/api.js';
import type { ArticleId } from '../../db/contract/types.js';
import { openArchive } from '../../db/open.js';
import { normalizeForIndex } from '../../db/search/normalize.js';
import { loadFidelityPages, type FidelityPage } from './pages.js';
import { scorePage, summarize, type Extracted, type FidelityFigures, type PageScore } from './score.js';

export interface FidelityRun {
  stacks: FidelityFigures;
  readability: FidelityFigures;
  pages: {
    name: string;
    stacks: PageScore;
    readability: PageScore;
    got: { stacks: Extracted; readability: Extracted };
  }[];
}

const SEARCH_DEPTH = 50;

/** The phrase as a quoted search (quotes inside dropped). */
const phraseQuery = (phrase: string): string => `"${phrase.replace(/"/g, ' ')}"`;

async function runStacks(pages: FidelityPage[]): Promise<Map<string, Extracted>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-fidelity-'));
  const pagesDir = path.join(dir, 'pages');
  fs.mkdirSync(pagesDir);
  for (const p of pages) fs.copyFileSync(p.file, path.join(pagesDir, `${p.name}.html`));
  const archive = openArchive(path.join(dir, 'fidelity.stacks.sqlite'));
  const api = createArchiveApi(archive);
  const out = new Map<string, Extracted>();
  try {
    const report = await api.importPaths({ paths: [pagesDir] });
    const ids = new Map<string, ArticleId>();
    for (const o of report.outcomes) if (o.id) ids.set(path.basename(o.file, '.html'), o.id);
    for (const p of pages) {
      const id = ids.get(p.name);
      if (id === undefined) {
        out.set(p.name, { title: null, byline: null, date: null, text: '', phraseRank: null });
        continue;
      }
      const a = api.getArticle({ id });
      const hits = api.search({ query: phraseQuery(p.expected.phrase), limit: SEARCH_DEPTH }).hits;
      const at = hits.findIndex((h) => h.id === id);
      out.set(p.name, {
        title: a.title,
        byline: a.byline,
        date: a.publishedAt,
        text: a.text,
        phraseRank: at < 0 ? null : at + 1,
      });
    }
  } finally {
    await api.dispose();
    archive.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** Readability alone, as its README shows it used; its text indexed with Stacks' normalizer in a plain FTS5 table. */
function runReadability(pages: FidelityPage[]): Map<string, Extracted> {
  const out = new Map<string, Extracted>();
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`);
  db.exec(`INSERT INTO t (t, rank) VALUES ('rank', 'bm25(10.0, 1.0)')`);
  const insert = db.prepare('INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)');
  pages.forEach((p, i) => {
    const { document } = parseHTML(fs.readFileSync(p.file, 'utf8'));
    let article: ReturnType<Readability['parse']> = null;
    try {
      article = new Readability(document as unknown as Document).parse();
    } catch {
      article = null;
    }
    const text = (article?.textContent ?? '').trim();
    insert.run(i + 1, normalizeForIndex(article?.title ?? ''), normalizeForIndex(text));
    out.set(p.name, {
      title: article?.title ?? null,
      byline: article?.byline ?? null,
      date: article?.publishedTime ?? null,
      text,
      phraseRank: null,
    });
  });
  const search = db.prepare(`SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT ${SEARCH_DEPTH}`);
  pages.forEach((p, i) => {
    const words = normalizeForIndex(p.expected.phrase.normalize('NFKC')).replace(/"/g, ' ').trim();
    const rows = words ? (search.all(`"${words}"`) as { rowid: number }[]) : [];
    const at = rows.findIndex((r) => r.rowid === i + 1);
    out.get(p.name)!.phraseRank = at < 0 ? null : at + 1;
  });
  db.close();
  return out;
}

/** Both extractors over the whole set, page by page and summed up. */
export async function measureFidelity(pages = loadFidelityPages()): Promise<FidelityRun> {
  const stacks = await runStacks(pages);
  const readability = runReadability(pages);
  const rows = pages.map((p) => {
    const s = stacks.get(p.name)!;
    const r = readability.get(p.name)!;
    return {
      name: p.name,
      stacks: scorePage(p.name, p.expected, s),
      readability: scorePage(p.name, p.expected, r),
      got: { stacks: s, readability: r },
    };
  });
  return {
    stacks: summarize(rows.map((r) => r.stacks)),
    readability: summarize(rows.map((r) => r.readability)),
    pages: rows,
  };
}
