import Database from 'better-sqlite3';
import { Corpus, bodyText } from '/work/main/bench/corpus.js';
const corpus = new Corpus({ seed: 42 });
const arts = Array.from({ length: 4000 }, (_, i) => corpus.article(i));
for (const prefix of ["", ", prefix='3 5'", ", prefix='3 5', detail=column", ", prefix='2 3 4 5'"]) {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE f USING fts5(title, byline, site, body, tokenize='unicode61 remove_diacritics 2'${prefix})`);
  const ins = db.prepare('INSERT INTO f (rowid, title, byline, site, body) VALUES (?,?,?,?,?)');
  const t = performance.now();
  db.transaction(() => { for (const a of arts) ins.run(a.index + 1, a.title, a.byline, a.site.name, bodyText(a)); })();
  console.log(prefix || 'none', Math.round(arts.length / ((performance.now() - t) / 1000)), '/s');
}
