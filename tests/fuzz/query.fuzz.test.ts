// Fuzzing the query parser and search on a real archive: never a crash, never an SQL or engine message, always an answer.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../db/contract/errors.js';
import { compileQuery } from '../../db/search/query/compile.js';
import { parseQuery } from '../../db/search/query/parse.js';
import { tempArchive, writeFile, type TempArchive } from '../helpers/archive.js';
import { FUZZ_RUNS, FUZZ_SEED, INTERNAL_TEXT } from './fuzz-config.js';

// Pieces of the query language and of FTS5's, mixed with arbitrary text.
const PIECES = [
  '"',
  '*',
  '-',
  '(',
  ')',
  ':',
  'OR',
  'AND',
  'NOT',
  'NEAR(',
  '^',
  '+',
  '{',
  '}',
  '[',
  ']',
  ' ',
  '  ',
  "'",
  '\\',
  'title:',
  'author:',
  'site:',
  'url:',
  'tag:',
  'collection:',
  'color:',
  'is:unread',
  'is:',
  'has:notes',
  'has:',
  'before:',
  'after:2024-01-01',
  'year:',
  'year:99999',
  'in:annotations',
  'heron',
  'tide',
  '日本語',
  'ไทย',
  'é',
  '\u0000',
  '\ufffd',
  'ab*',
  '"a b',
  '-"',
  '*"',
  'col:',
  'rowid',
  'bm25(',
  ';',
  '--',
  '/*',
];
const query = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((p) => p.join('')),
);

describe('fuzzing the query parser and search', () => {
  let t: TempArchive;
  beforeAll(async () => {
    t = tempArchive();
    writeFile(t.dir, 'in/a.md', '---\ntitle: Herons\ntags: [birds]\n---\nThe heron waited for the tide.\n');
    writeFile(t.dir, 'in/b.txt', 'Tide tables\n\nThe tide turned at noon over the estuary.\n');
    await t.api.importPaths({ paths: [`${t.dir}/in`] });
  });
  afterAll(async () => {
    await t.close();
  });

  it(`parses, compiles and runs ${FUZZ_RUNS} generated queries without a crash or an internal message (seed ${FUZZ_SEED})`, () => {
    fc.assert(
      fc.property(
        query,
        fc.constantFrom('articles', 'annotations') as fc.Arbitrary<'articles' | 'annotations'>,
        (q, scope) => {
          const parsed = parseQuery(q);
          compileQuery(parsed, scope);
          for (const w of parsed.warnings)
            expect(String((w as { message?: string }).message ?? w)).not.toMatch(INTERNAL_TEXT);
          try {
            const result = t.api.search({ query: q.slice(0, 2000), scope });
            expect(result.total).toBeGreaterThanOrEqual(0);
            expect(result.hits.length).toBeLessThanOrEqual(result.total);
          } catch (err) {
            // A refusal is allowed, as a readable ArchiveError; anything else is a failure.
            expect(err).toBeInstanceOf(ArchiveError);
            expect((err as ArchiveError).code).not.toBe('INTERNAL');
            expect((err as Error).message).not.toMatch(INTERNAL_TEXT);
          }
        },
      ),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
  });
});
