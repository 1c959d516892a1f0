// Fuzzing the export readers (CSV, bookmark and Pocket HTML, Wallabag JSON, Omnivore highlights): items or readable problems, never a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookmarksHtml } from '../../db/ingest/exports/bookmarks.js';
import { readCsv } from '../../db/ingest/exports/csv.js';
import { instapaperCsv } from '../../db/ingest/exports/instapaper.js';
import type { ExportContext } from '../../db/ingest/exports/item.js';
import { highlightsMarkdown } from '../../db/ingest/exports/omnivore.js';
import { pocketCsv, pocketHtml } from '../../db/ingest/exports/pocket.js';
import { highlightsCsv, readerCsv } from '../../db/ingest/exports/readwise.js';
import { wallabagJson } from '../../db/ingest/exports/wallabag.js';
import type { SourceProblem } from '../../db/ingest/source.js';
import { FUZZ_RUNS, FUZZ_SEED, INTERNAL_TEXT } from './fuzz-config.js';

const ctx: ExportContext = { name: 'export', exportName: 'export', exportSha256: '0'.repeat(64) };
const CSV_PIECES = [
  ',',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  'https://a.example/x',
  'javascript:x',
  'title',
  '[',
  ']',
  "'",
  '|',
  '1600000000',
  'archive',
  'Starred',
  'é',
  '\ufeff',
  '\u0000',
  ' ',
];
const HTML_PIECES = [
  '<DL><p>',
  '</DL>',
  '<DT>',
  '<H3>',
  '</H3>',
  '<A HREF="https://a.example/">',
  '<a href=javascript:1>',
  '</A>',
  '</a>',
  '<DD>',
  '<h1>Unread</h1>',
  '<h1>Read Archive</h1>',
  '<ul>',
  '<li>',
  ' TAGS="a,b"',
  ' time_added="x"',
  '&amp;',
  '<!--',
  'text',
  '"',
  '>',
  '<',
];
const JSON_PIECES = [
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '"url"',
  '"https://a.example/"',
  '"content"',
  '"<p>x</p>"',
  '"tags"',
  '"annotations"',
  '"quote"',
  'null',
  '1',
  'true',
  '"is_archived"',
];

const pieces = (list: string[]) => fc.array(fc.constantFrom(...list), { maxLength: 60 }).map((a) => a.join(''));

function readable(out: Array<{ record?: unknown } | SourceProblem>): void {
  for (const item of out) if ('error' in item) expect(item.error).not.toMatch(INTERNAL_TEXT);
}

describe('export readers under random input', () => {
  it('CSV exports: every row an item or a readable problem', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'title,url,time_added,tags,status',
          'URL,Title,Selection,Folder,Timestamp',
          'Title,URL,ID,Document tags,Saved date',
          'Highlight,Book Title,Book Author,Note',
        ),
        pieces(CSV_PIECES),
        (header, body) => {
          const table = readCsv(`${header}\n${body}`);
          for (const read of [pocketCsv, instapaperCsv, readerCsv, highlightsCsv]) readable(read(table, ctx));
        },
      ),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
  });

  it('bookmark and Pocket HTML: items or readable problems', () => {
    fc.assert(
      fc.property(pieces(HTML_PIECES), (text) => {
        readable(bookmarksHtml(text, ctx));
        readable(pocketHtml(text, ctx));
        expect(Array.isArray(highlightsMarkdown(text))).toBe(true);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
  });

  it('Wallabag JSON: items or readable problems', () => {
    fc.assert(
      fc.property(pieces(JSON_PIECES), (text) => readable(wallabagJson(text, ctx))),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
  });
});
