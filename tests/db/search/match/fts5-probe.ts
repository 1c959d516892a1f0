// Asks the bundled SQLite's own unicode61 tokenizer how it reads each code point: token or separator, and its fold.
import Database from 'better-sqlite3';

/** FTS5's reading of one code point: 'sep', 'drop' (inside a token, folded away) or the folded token text. */
export type Fts5Char = 'sep' | 'drop' | { fold: string };

/**
 * Indexes "q<c>q" for every code point in one document and reads the terms back in order (fts5vocab 'instance'):
 * one term "q…q" means a token character, "qq" one folded away, "q" "q" a separator.
 */
export function probeFts5(codePoints: number[]): Map<number, Fts5Char> {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(a, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
    db.prepare('INSERT INTO t (rowid, a) VALUES (1, ?)').run(
      codePoints.map((cp) => `q${String.fromCodePoint(cp)}q`).join(' '),
    );
    const terms = db.prepare('SELECT term FROM v ORDER BY offset').pluck().all() as string[];
    const out = new Map<number, Fts5Char>();
    let t = 0;
    for (const cp of codePoints) {
      const term = terms[t++]!;
      if (term === 'q') {
        t++; // the second "q"
        out.set(cp, 'sep');
      } else if (term === 'qq') out.set(cp, 'drop');
      else out.set(cp, { fold: term.slice(1, -1) });
    }
    return out;
  } finally {
    db.close();
  }
}

/** The terms the bundled FTS5 (unicode61 remove_diacritics 2) makes of `text`, in order. */
export function fts5Terms(text: string): string[] {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(a, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
    db.prepare('INSERT INTO t (rowid, a) VALUES (1, ?)').run(text);
    return db.prepare('SELECT term FROM v ORDER BY offset').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** Every code point a normalized (NFKC) text can hold, from the space on: the ones search ever tokenizes. */
export function nfkcStableCodePoints(from = 0x20, to = 0x10ffff): number[] {
  const out: number[] = [];
  for (let cp = from; cp <= to; cp++) {
    if (cp >= 0xd800 && cp < 0xe000) continue;
    const c = String.fromCodePoint(cp);
    if (c.normalize('NFKC') === c) out.push(cp);
  }
  return out;
}
