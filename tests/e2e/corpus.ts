// Small generated articles for the e2e files: varied sites and years (for facets), and one long article.
import fs from 'node:fs';
import path from 'node:path';
import type { ArticleId } from '../../db/contract/types.js';
import type { Harness } from './harness.js';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
export const TIDES = path.join(FIXTURES, 'tidal-archives.html');

export interface ArticleSpec {
  title: string;
  site: string;
  published: string; // ISO date
  paragraphs: string[];
}

export function articleHtml(a: ArticleSpec): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${a.title}</title>
<meta property="og:site_name" content="${a.site}"><meta property="article:published_time" content="${a.published}T08:00:00Z">
</head><body><article><h1>${a.title}</h1>${a.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
}

const FILLER = [
  'The ledgers were bound in calfskin and kept in a dry room above the harbour office, where the light was poor but the air was still.',
  'Each clerk had a hand of his own, and the readings can often be dated by the shape of a seven or the slant of the capital letters.',
  'Storm surges appear as sudden jumps in the columns, and the notes beside them name the wind, the ships in port and the damage done.',
  'Later volumes switch from feet to metres, a change that researchers must undo before any trend across the century can be trusted.',
  'The archive now lends scanned pages to universities, but the originals never leave the building, and every scan is fingerprinted.',
];

/** A long article: `count` paragraphs of filler with `needle` alone in paragraph `at`. */
export function longArticle(title: string, needle: string, count: number, at: number): ArticleSpec {
  const paragraphs = Array.from(
    { length: count },
    (_, i) => `${i + 1}. ${FILLER[i % FILLER.length]} ${FILLER[(i + 2) % FILLER.length]}`,
  );
  paragraphs[at] = needle;
  return { title, site: 'Harbour Quarterly', published: '2021-03-02', paragraphs };
}

export async function importHtml(h: Harness, fileName: string, htmlText: string): Promise<ArticleId> {
  const out = await h.api.importFile({ fileName, dataBase64: Buffer.from(htmlText).toString('base64') });
  if (!out.id) throw new Error(`import of ${fileName} failed: ${out.error ?? out.status}`);
  return out.id;
}

export async function importFixture(h: Harness, file: string): Promise<ArticleId> {
  return importHtml(h, path.basename(file), fs.readFileSync(file, 'utf8'));
}

/** Offsets of `quote` in the article's plain text, for creating annotations through the API. */
export function offsetsOf(h: Harness, id: ArticleId, quote: string): { start: number; end: number } {
  const text = h.api.getArticle({ id }).text;
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in article ${id}`);
  return { start, end: start + quote.length };
}
