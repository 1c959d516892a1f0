// Exporting annotations as Markdown, W3C Web Annotation JSON-LD and CSV, by article, collection, query or archive.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../../db/open.js';
import type { ArticleId } from '../../../db/contract/types.js';
import { ArchiveError } from '../../../db/contract/errors.js';
import { createAnnotation, exportAnnotations, reanchorArticle } from '../../../db/annotations/index.js';
import { addArticle, addToCollection, recapture, SAMPLE_TEXT, tempArchive } from './fixture.js';
import { tagArticles } from '../../../db/repos/tags.js';

let archive: Archive;
let first: ArticleId;
let second: ArticleId;

function span(text: string, words: string) {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`missing ${words}`);
  return { start, end: start + words.length };
}

const SECOND_TEXT =
  'Spreadsheets are "helpful", until a cell begins with =HYPERLINK and runs.\nA second line, with a comma.';

beforeEach(() => {
  archive = tempArchive();
  const { db } = archive;
  first = addArticle(archive, {
    title: 'On archives',
    text: SAMPLE_TEXT,
    sourceUrl: 'https://example.org/a?utm=x',
    canonicalUrl: 'https://example.org/a',
  });
  second = addArticle(archive, { title: 'Formula [injection]', text: SECOND_TEXT });
  addToCollection(archive, second, 'Security');
  createAnnotation(db, {
    articleId: first,
    kind: 'highlight',
    ...span(SAMPLE_TEXT, 'Archives are how a society remembers'),
    color: 'yellow',
    note: 'The **thesis**.',
    tags: ['memory', 'big idea'],
  });
  createAnnotation(db, {
    articleId: first,
    kind: 'note',
    ...span(SAMPLE_TEXT, 'keep their own copies'),
    note: 'Compare Zotero.',
  });
  createAnnotation(db, { articleId: first, kind: 'article-note', note: 'Read for the seminar.' });
  createAnnotation(db, {
    articleId: first,
    kind: 'highlight',
    ...span(SAMPLE_TEXT, 'Those marks must survive new versions of the page'),
    color: 'pink',
  });
  createAnnotation(db, {
    articleId: second,
    kind: 'highlight',
    ...span(SECOND_TEXT, '=HYPERLINK and runs.\nA second line, with a comma'),
    color: 'green',
    note: 'He said "no", twice',
  });
});
afterEach(() => archive.close());

describe('Markdown export', () => {
  it('writes title, source link, capture date, quotes with notes, color name and label, #tags, notes and orphans', () => {
    const { db } = archive;
    recapture(
      archive,
      first,
      SAMPLE_TEXT.replace(/Those marks must survive[^\n]*/, 'The ending changed.'),
      '2024-06-02T08:00:00.000Z',
    );
    reanchorArticle(db, { id: first });
    tagArticles(db, { ids: [first], tags: ['Seminar reading'] });
    const file = exportAnnotations(db, { format: 'markdown', articleId: first });
    expect(file.mediaType).toMatch(/^text\/markdown/);
    expect(file.fileName).toMatch(/^stacks-annotations-article-\d+-\d{4}-\d{2}-\d{2}\.md$/);
    const md = file.content;
    // Obsidian properties first: YAML front matter for a one-article export. `tags` are the article's own; the
    // annotations' tags are listed apart, never mixed into the article's.
    expect(md.slice(0, md.indexOf('\n---\n') + 5)).toBe(
      '---\ntitle: On archives\nsource: https://example.org/a\ncaptured: 2024-06-02\ntags:\n  - Seminar-reading\nannotation-tags:\n  - big-idea\n  - memory\nannotations: 4\n---\n',
    );
    expect(md).toContain('# On archives\n');
    expect(md).toContain('Source: <https://example.org/a>');
    expect(md).toContain('Captured: 2024-06-02');
    expect(md).toContain(
      '> Archives are how a society remembers\n\nThe **thesis**.\n\nyellow (Key claim) · #big-idea #memory · ',
    );
    expect(md).toContain('> keep their own copies\n\nCompare Zotero.');
    expect(md).toContain('## Notes\n\nRead for the seminar.');
    const orphanSection = md.slice(md.indexOf('## Orphaned annotations'));
    expect(orphanSection).toContain('**Those marks must survive new versions of the page**');
    expect(orphanSection).toContain('> …lights and notes of their own. **Those marks');
    expect(orphanSection).toContain('pink (Question)');
    expect(md.indexOf('Those marks must survive')).toBeGreaterThan(md.indexOf('## Orphaned annotations'));
    expect(md).not.toContain('Formula');
    // The whole-archive export has both articles and no front matter.
    const all = exportAnnotations(db, { format: 'markdown' }).content;
    expect(all.startsWith('<!--')).toBe(true);
    expect(all).toContain('# Formula \\[injection\\]');
    expect(all).toContain('# On archives');
  });

  it('escapes Markdown in archived quotes so a page cannot inject links or HTML', () => {
    const { db } = archive;
    const text = 'Click [here](javascript:alert(1)) or <img src=x onerror=alert(1)> now.\n# Not a heading';
    const id = addArticle(archive, { title: 'Hostile <b>page</b>', text });
    createAnnotation(db, { articleId: id, kind: 'highlight', start: 0, end: text.length });
    const md = exportAnnotations(db, { format: 'markdown', articleId: id }).content;
    expect(md).toContain('> Click \\[here\\](javascript:alert(1)) or \\<img src\\=x onerror\\=alert(1)\\> now.');
    expect(md).toContain('> \\# Not a heading');
    expect(md).toContain('# Hostile \\<b\\>page\\</b\\>');
  });
});

describe('JSON-LD export', () => {
  it('is a W3C AnnotationCollection whose annotations carry context, ids, motivation, dates, target, selectors and bodies', () => {
    const file = exportAnnotations(archive.db, { format: 'jsonld' });
    expect(file.mediaType).toMatch(/^application\/ld\+json/);
    const doc = JSON.parse(file.content);
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(5);
    // Parsed JSON, checked field by field below.
    const items = doc.first.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.first.type).toBe('AnnotationPage');
    expect(items).toHaveLength(5);
    for (const a of items) {
      expect(a.id).toMatch(/^urn:stacks:annotation:\d+$/);
      expect(a.type).toBe('Annotation');
      expect(['highlighting', 'commenting']).toContain(a.motivation);
      expect(Date.parse(a.created)).not.toBeNaN();
      expect(Date.parse(a.modified)).not.toBeNaN();
      expect(typeof a.target.source).toBe('string');
      expect(a['stacks:captureSha256']).toMatch(/^[0-9a-f]{64}$/);
    }
    const thesis = items.find((a) => a.target.selector?.[1]?.exact === 'Archives are how a society remembers')!;
    expect(thesis.motivation).toBe('highlighting');
    expect(thesis.target.source).toBe('https://example.org/a');
    const [pos, quote] = thesis.target.selector;
    expect(pos).toEqual({ type: 'TextPositionSelector', start: 0, end: 36 });
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'Archives are how a society remembers',
      prefix: '',
      suffix: SAMPLE_TEXT.slice(36, 68),
    });
    expect(thesis.body).toEqual([
      { type: 'TextualBody', value: 'The **thesis**.', format: 'text/markdown', purpose: 'commenting' },
      { type: 'TextualBody', value: 'big idea', purpose: 'tagging' },
      { type: 'TextualBody', value: 'memory', purpose: 'tagging' },
      { type: 'TextualBody', value: 'Key claim', purpose: 'classifying' },
    ]);
    expect(thesis['stacks:color']).toEqual({ name: 'yellow', label: 'Key claim', hex: '#f5d34f' });

    const articleNote = items.find((a) => a['stacks:kind'] === 'article-note')!;
    expect(articleNote.motivation).toBe('commenting');
    expect(articleNote.target.selector).toBeUndefined();
    // An article without a URL is named by a Stacks URN, with title and text hash to find it elsewhere.
    const clipping = items.find((a) => a.target['stacks:articleTitle'] === 'Formula [injection]')!;
    expect(clipping.target.source).toBe(`urn:stacks:article:${second}`);
    expect(clipping.target['stacks:textSha256']).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('CSV export', () => {
  it('has a header row, one row per annotation, RFC 4180 quoting and guarded formulas', () => {
    const file = exportAnnotations(archive.db, { format: 'csv', collection: 'security' });
    expect(file.mediaType).toMatch(/^text\/csv/);
    const lines = file.content.split('\r\n');
    expect(lines[0]).toBe(
      'annotation_id,article_id,article_title,source_url,kind,color,color_label,quote,prefix,suffix,note,tags,anchor_state,start,end,capture_sha256,created_at,updated_at',
    );
    const rows = parseCsv(file.content);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(row.article_title).toBe('Formula [injection]');
    expect(row.quote).toBe("'=HYPERLINK and runs.\nA second line, with a comma");
    expect(row.note).toBe('He said "no", twice');
    expect(row.color).toBe('green');
    expect(row.color_label).toBe('Evidence');
    expect(row.anchor_state).toBe('exact');
    expect(file.content).toContain('"He said ""no"", twice"');
  });

  it('exports the annotations of a query through the injected resolver, and refuses unknown scopes', () => {
    const file = exportAnnotations(archive.db, { format: 'csv', query: 'seminar' }, (q) =>
      q === 'seminar' ? [first] : [],
    );
    expect(parseCsv(file.content)).toHaveLength(5);
    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'none';
      } catch (e) {
        return (e as ArchiveError).code;
      }
    };
    expect(code(() => exportAnnotations(archive.db, { format: 'csv', query: 'x' }))).toBe('INVALID_INPUT');
    expect(code(() => exportAnnotations(archive.db, { format: 'csv', collection: 'nope' }))).toBe('NOT_FOUND');
    expect(code(() => exportAnnotations(archive.db, { format: 'pdf' as 'csv' }))).toBe('INVALID_INPUT');
  });
});

/** A small RFC 4180 reader, so the test checks what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}
