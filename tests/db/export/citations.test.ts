// Citations: BibTeX escaping of specials and accents, RIS and CSL-JSON fields, the plain reference, via the real API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../../db/contract/types.js';
import { escapeBibtex, toBibtex } from '../../../db/export/article/bibtex.js';
import type { CitationSource } from '../../../db/export/article/citation-data.js';
import { parseByline } from '../../../db/export/article/names.js';
import { plainCitation } from '../../../db/export/article/plain-citation.js';
import { toRis } from '../../../db/export/article/ris.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';
import { importArticlePage } from './article-page.js';

/** Braces balance in a BibTeX value, counting escaped ones as text (what BibTeX itself requires). */
function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === '{') depth++;
    if (s[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

const source = (over: Partial<CitationSource>): CitationSource => ({
  id: 1,
  title: 'A title',
  authors: [],
  site: null,
  url: null,
  published: null,
  accessed: [2025, 1, 9],
  language: null,
  tags: [],
  ...over,
});

describe('BibTeX escaping', () => {
  it('escapes the LaTeX specials, writes Latin accents as accent commands and keeps other scripts', () => {
    expect(escapeBibtex('100% of {the} $ea_level #rise & more ~ ^ \\')).toBe(
      '100\\% of \\{the\\} \\$ea\\_level \\#rise \\& more \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
    expect(escapeBibtex('José Müller Ærø ß Łódź Çà ï')).toBe(
      "Jos{\\'e} M{\\\"u}ller {\\AE}r{\\o} {\\ss} {\\L}{\\'o}d{\\'z} {\\c{C}}{\\`a} {\\\"{\\i}}",
    );
    expect(escapeBibtex('Москва 東京 — “quoted”')).toBe("Москва 東京 --- ``quoted''");
    // Decomposed input (NFD) comes out the same as composed.
    expect(escapeBibtex('Jose\u0301')).toBe("Jos{\\'e}");
  });

  it('writes a @misc entry whose braces balance for awkward titles and authors', () => {
    const titles = ['}{ unbalanced {', 'Back\\slash } and { braces', 'Ünïcödé — “all” the way', '% # & _ $ ^ ~'];
    for (const title of titles) {
      const out = toBibtex([source({ title, authors: parseByline('Renée {O}Brien, ACME News Staff') })]);
      expect(out.startsWith('@misc{')).toBe(true);
      expect(balanced(out), out).toBe(true);
      expect(out).toMatch(/^[\x00-\x7f]*$/);
    }
  });

  it('names people family-first, keeps organisations whole and gives unique keys', () => {
    const out = toBibtex([
      source({
        title: 'Tides today',
        authors: parseByline('Jane van der Berg and ACME News Staff'),
        published: [2024, 5, 3],
      }),
      source({ id: 2, title: 'Tides today', authors: parseByline('Jane van der Berg'), published: [2024, 5, 3] }),
    ]);
    expect(out).toContain('author = {van der Berg, Jane and {ACME News Staff}}');
    expect(out).toContain('@misc{berg2024tides,');
    expect(out).toContain('@misc{berg2024tidesb,');
    expect(out).toContain('month = may');
    expect(out).toContain('urldate = {2025-01-09}');
  });
});

describe('citations of an imported article', () => {
  let t: TempArchive;
  let id: ArticleId;
  beforeAll(async () => {
    t = tempArchive();
    id = await importArticlePage(t.api, t.dir);
  });
  afterAll(() => t.close());

  it('BibTeX: title, people, site, dates, URL with % and # escaped, access date = capture date', () => {
    const a = t.api.getArticle({ id });
    const captured = a.captures[0]!.capturedAt.slice(0, 10);
    const { content, fileName, mediaType } = t.api.citeArticles({ ids: [id], format: 'bibtex' });
    expect(fileName.endsWith('.bib')).toBe(true);
    expect(mediaType).toContain('bibtex');
    expect(content).toContain("author = {M{\\\"u}ller-L{\\\"u}denscheidt, Jos{\\'e} and O'Brien, Ren{\\'e}e}");
    expect(content).toContain(
      "title = {{Tides \\& Currents: 100\\% of \\{the\\} \\$ea\\_level \\#rise --- {\\AE}r{\\o}'s ``fjord''}}",
    );
    expect(content).toContain('howpublished = {The Harbour Gazette}');
    expect(content).toContain('year = {2024}');
    expect(content).toContain('date = {2024-05-03}');
    expect(content).toContain('url = {https://gazette.example/tides?id=7\\#top}');
    expect(content).toContain(`urldate = {${captured}}`);
    expect(balanced(content)).toBe(true);
    expect(content).toMatch(/^[\x00-\x7f]*$/);
  });

  it('RIS: ELEC with AU, TI, T2, PY, DA, UR and Y2 (accessed), CR LF lines, ER last', () => {
    const { content } = t.api.citeArticles({ ids: [id], format: 'ris' });
    const lines = content.split('\r\n');
    expect(lines[0]).toBe('TY  - ELEC');
    expect(lines).toContain('AU  - Müller-Lüdenscheidt, José');
    expect(lines).toContain("AU  - O'Brien, Renée");
    expect(lines).toContain('TI  - Tides & Currents: 100% of {the} $ea_level #rise — Ærø’s “fjord”');
    expect(lines).toContain('T2  - The Harbour Gazette');
    expect(lines).toContain('PY  - 2024');
    expect(lines).toContain('DA  - 2024/05/03/');
    expect(lines).toContain('UR  - https://gazette.example/tides?id=7#top');
    expect(lines.some((l) => /^Y2 {2}- \d{4}\/\d{2}\/\d{2}\/$/.test(l))).toBe(true);
    expect(lines.at(-2)).toBe('ER  - ');
  });

  it('CSL-JSON: a webpage item with people, container, URL, issued and accessed', () => {
    const items = JSON.parse(t.api.citeArticles({ ids: [id], format: 'csl-json' }).content);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: `stacks-${id}`,
      type: 'webpage',
      author: [
        { family: 'Müller-Lüdenscheidt', given: 'José' },
        { family: "O'Brien", given: 'Renée' },
      ],
      'container-title': 'The Harbour Gazette',
      URL: 'https://gazette.example/tides?id=7#top',
      issued: { 'date-parts': [[2024, 5, 3]] },
    });
    expect(items[0].accessed['date-parts'][0]).toHaveLength(3);
  });

  it('plain text: an APA-like reference', () => {
    const { content } = t.api.citeArticles({ ids: [id], format: 'text' });
    expect(content.trim()).toBe(
      "Müller-Lüdenscheidt, J., & O'Brien, R. (2024, May 3). Tides & Currents: 100% of {the} $ea_level #rise — Ærø’s “fjord”. The Harbour Gazette. https://gazette.example/tides?id=7#top",
    );
  });

  it('cites a search and refuses an unknown id with its number', () => {
    const bib = t.api.citeArticles({ query: 'harbour', format: 'bibtex' });
    expect(bib.content).toContain('@misc{');
    expect(() => t.api.citeArticles({ ids: [4242 as ArticleId], format: 'ris' })).toThrow(/4242/);
  });
});

describe('plain reference without people or date', () => {
  it('starts with the title and says n.d.', () => {
    expect(plainCitation(source({ title: 'Harbour notes', site: 'example.org', url: 'https://example.org/n' }))).toBe(
      'Harbour notes. (n.d.). example.org. https://example.org/n',
    );
    expect(toRis([source({})]).endsWith('ER  - \r\n')).toBe(true);
  });
});
