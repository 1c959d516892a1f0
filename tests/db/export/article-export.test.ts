// One article exported as a self-contained HTML file and as Markdown with front matter, through the real API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseHTML } from 'linkedom';
import type { ArticleId } from '../../../db/contract/types.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';
import { importArticlePage, PAGE_TITLE, PNG_1PX } from './article-page.js';

let t: TempArchive;
let id: ArticleId;

beforeAll(async () => {
  t = tempArchive();
  id = await importArticlePage(t.api, t.dir);
});
afterAll(() => t.close());

describe('exportArticle html', () => {
  it('is one file: the image inlined as a data: URI, no script, nothing to fetch, the metadata on top', () => {
    const file = t.api.exportArticle({ id, format: 'html' });
    expect(file.mediaType).toBe('text/html; charset=utf-8');
    expect(file.fileName).toMatch(/^Tides-Currents-100-of-the-ea-level-rise-.*\.html$/);
    const { document } = parseHTML(file.content);
    expect(document.querySelector('h1')!.textContent).toBe(PAGE_TITLE);
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:');
    const images = [...document.querySelectorAll('img')];
    expect(images).toHaveLength(1);
    expect(images[0]!.getAttribute('alt')).toBe('Tide chart');
    expect(images[0]!.getAttribute('src')).toBe(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
    // The remote image was never archived: a note says so, and its address is gone.
    expect(file.content).toContain('Image not archived: Remote pixel');
    expect(file.content).not.toContain('tracker.invalid');
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(file.content).not.toMatch(/\son[a-z]+=/i);
    expect(file.content).not.toMatch(/(?:src|srcset|href)="(?!data:|https:\/\/gazette\.example)[^"]*"/);
    const meta = document.querySelector('header')!.textContent!;
    expect(meta).toContain("By José Müller-Lüdenscheidt, Renée O'Brien");
    expect(meta).toContain('The Harbour Gazette');
    expect(meta).toContain('Published 2024-05-03');
    expect(document.querySelector('header a')!.getAttribute('href')).toBe('https://gazette.example/tides?id=7#top');
    expect(document.querySelector('article')!.textContent).toContain('Paragraph 4 about the harbour at Ærøskøbing');
  });

  it('refuses an article that does not exist', () => {
    expect(() => t.api.exportArticle({ id: 999 as ArticleId, format: 'html' })).toThrow(/999/);
  });
});

describe('exportArticle markdown', () => {
  it('has YAML front matter that reads back to the metadata, then the article as Markdown', () => {
    const file = t.api.exportArticle({ id, format: 'markdown' });
    expect(file.fileName.endsWith('.md')).toBe(true);
    const m = /^---\n([\s\S]*?)\n---\n/.exec(file.content)!;
    const front = parse(m[1]!) as Record<string, unknown>;
    expect(front.title).toBe(PAGE_TITLE);
    expect(front.url).toBe('https://gazette.example/tides?id=7#top');
    expect(front.author).toBe("José Müller-Lüdenscheidt, Renée O'Brien");
    expect(front.site).toBe('The Harbour Gazette');
    expect(String(front.published)).toMatch(/^2024-05-03/);
    expect(String(front.captured)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    t.api.tagArticles({ ids: [id], tags: ['tides', 'a: b'] });
    const tagged = parse(/^---\n([\s\S]*?)\n---\n/.exec(t.api.exportArticle({ id, format: 'markdown' }).content)![1]!);
    expect(tagged.tags).toEqual(expect.arrayContaining(['tides', 'a: b']));
    const body = file.content.slice(m[0].length);
    expect(body).toContain(`# ${PAGE_TITLE}`);
    expect(body).toContain('Paragraph 2 about the harbour');
    expect(body).toContain('[image: Tide chart]');
    expect(body).not.toContain('<script');
  });
});
