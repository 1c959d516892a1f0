// Each extraction rule behind the fidelity figures, with what it must keep as well as what it must remove.
import { describe, expect, it } from 'vitest';
import { extractCapture } from '../../../db/extract/index.js';
import { toPublishedDate } from '../../../db/extract/dates.js';
import { chooseAuthors, splitAuthors } from '../../../db/extract/html-authors.js';
import { chooseTitle, stripSiteName } from '../../../db/extract/html-title.js';

const PROSE =
  'The council met on Tuesday evening to decide the future of the old harbour crane, which has stood idle since the shipyard closed. ' +
  'Residents filled the hall, and the debate went on past midnight before a vote to restore it as a landmark.';

function page(head: string, body: string): Promise<Awaited<ReturnType<typeof extractCapture>>> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
  return extractCapture({ bytes: new TextEncoder().encode(html), fileName: 'page.html' });
}
const story = (extra = ''): string => `<article>${extra}<p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></article>`;

describe('titles by agreement', () => {
  it('takes the headline the page shows over a different social headline', async () => {
    const c = await page(
      '<title>Will the crane stay? | Harbour News</title><meta property="og:title" content="Will the crane stay?"><meta name="parsely-title" content="Council votes to restore the harbour crane">',
      `<h1>Council votes to restore the harbour crane</h1>${story()}`,
    );
    expect(c.title).toBe('Council votes to restore the harbour crane');
  });

  it('never takes a JSON-LD description-like headline or the site name', async () => {
    const c = await page(
      '<title>Harbour crane - Wikipedia</title><script type="application/ld+json">{"@type":"Article","name":"Harbour crane","headline":"type of crane used in ports"}</script>',
      `<h1>Harbour crane</h1>${story()}`,
    );
    expect(c.title).toBe('Harbour crane');
  });

  it('reads a property holding several names, and cuts a site suffix with no og:site_name', async () => {
    const c = await page(
      '<title>Jeřáb zůstane | Aktuálně.cz</title><meta property="og:title dc:title" content="Jeřáb zůstane">',
      story(),
    );
    expect(c.title).toBe('Jeřáb zůstane');
    expect(stripSiteName('How to Repot an Orchid | eHow', [], true)).toBe('How to Repot an Orchid');
    expect(stripSiteName('Why do switches drop packets? - Spiceworks', ['Spiceworks Community'], false)).toBe(
      'Why do switches drop packets?',
    );
  });

  it('does not take the site heading for the title of "Post · Site"', async () => {
    const c = await page(
      '<title>Faster async functions · V8</title>',
      `<header><h1><a href="/">V8</a></h1></header><article><h2>Faster async functions</h2><p>${PROSE}</p><p>${PROSE}</p></article>`,
    );
    expect(c.title).toBe('Faster async functions');
  });

  it('keeps a title whose own words hold a separator when the page agrees', () => {
    expect(
      chooseTitle({
        candidates: ['Rhine barges: will it work? - Harbour Times'],
        headings: ['Rhine barges: will it work?'],
        siteNames: ['Harbour Times'],
        descriptions: [],
      }),
    ).toBe('Rhine barges: will it work?');
    expect(
      chooseTitle({ candidates: ['A short summary'], headings: [], siteNames: [], descriptions: ['A short summary'] }),
    ).toBeNull();
  });
});

describe('bylines', () => {
  it('keeps every author in order: two DC.Creator tags, a meta list, JSON-LD people', async () => {
    const dc = await page(
      '<title>Peat</title><meta name="DC.Creator" content="Ingrid Holm"><meta name="DC.Creator" content="Pieter van Dam">',
      story(),
    );
    expect(dc.byline).toBe('Ingrid Holm, Pieter van Dam');
    const ld = await page(
      '<title>Barges</title><meta name="parsely-author" content="Anna Jansen"><script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Anna Jansen"},{"@type":"Person","name":"Tom Okafor"}]}</script>',
      story(),
    );
    expect(ld.byline).toBe('Anna Jansen, Tom Okafor');
    expect(splitAuthors('By Hannah Cole and Marco Ricci')).toEqual(['Hannah Cole', 'Marco Ricci']);
    expect(splitAuthors('김민준 기자, 이서연 기자')).toEqual(['김민준', '이서연']);
  });

  it('reads authors from an <address> in the article header, but not a postal address', async () => {
    const names = await page(
      '<title>Async</title>',
      `<article><header><h1>Async</h1><address>Maya Armyanova and Benedikt Meurer</address></header><p>${PROSE}</p><p>${PROSE}</p></article>`,
    );
    expect(names.byline).toBe('Maya Armyanova, Benedikt Meurer');
    const postal = await page(
      '<title>Async</title>',
      `<article><header><h1>Async</h1><address>12 Harbour Road, Leith, EH6 6JJ</address></header><p>${PROSE}</p><p>${PROSE}</p></article>`,
    );
    expect(postal.byline).toBeNull();
  });

  it('reads citation authors written "Last, First"', async () => {
    const c = await page(
      '<title>Soil</title><meta name="citation_author" content="Weber, Klara"><meta name="citation_author" content="Svoboda, Jan">',
      story(),
    );
    expect(c.byline).toBe('Klara Weber, Jan Svoboda');
  });

  it('does not take a date or a sidebar blurb for a byline', () => {
    expect(chooseAuthors([], '6 October 2023, 18:45')).toEqual([]);
    expect(chooseAuthors([], 'Editor this month: Emma Visser')).toEqual([]);
    expect(chooseAuthors([], 'By Owen Hughes')).toEqual(['Owen Hughes']);
  });
});

describe('dates as written', () => {
  it('keeps a day, a zone-less date-time and an instant for what they are, on every machine', () => {
    expect(toPublishedDate('2021-06-15')).toBe('2021-06-15');
    expect(toPublishedDate('2022/05/18')).toBe('2022-05-18');
    expect(toPublishedDate('2022-10-13T14:30')).toBe('2022-10-13T14:30:00');
    expect(toPublishedDate('2024-08-15 21:30:00')).toBe('2024-08-15T21:30:00');
    expect(toPublishedDate('2024-02-11T13:00:00+03:00')).toBe('2024-02-11T10:00:00.000Z');
    expect(toPublishedDate('Tue, 07 Nov 2023 02:10:00 GMT')).toBe('2023-11-07T02:10:00.000Z');
    expect(toPublishedDate('March 11, 2024')).toBe('2024-03-11');
    expect(toPublishedDate('2023-02-30')).toBeNull();
    expect(toPublishedDate('soon')).toBeNull();
  });

  it('prefers JSON-LD datePublished over a meta tag that disagrees', async () => {
    const c = await page(
      '<title>Library</title><meta property="article:published_time" content="2023-08-21T09:00:00+00:00"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-05-30T16:20:00+02:00"}</script>',
      story(),
    );
    expect(c.publishedAt).toBe('2023-05-30T14:20:00.000Z');
  });
});

describe('remote images', () => {
  it('become "not archived" placeholders: alt kept as their caption, not as text, words never glued', async () => {
    const c = await page(
      '<title>Fair</title>',
      `<article><div><span>Photo</span><img src="https://cdn.example/1.jpg" alt="Xi Jinping at the fair"></div><p>${PROSE}</p><figure><img src="https://cdn.example/2.jpg" alt="The crane"><figcaption>The crane in 1936.</figcaption></figure><p>${PROSE}</p><img src="https://t.example/p.gif" width="1" height="1"></article>`,
    );
    expect(c.html).toContain('<img alt="The crane" src="asset:not-archived" />');
    expect(c.html).toContain('<figcaption class="caption">The crane in 1936.</figcaption>');
    expect(c.text).toContain('The crane in 1936.');
    expect(c.text).not.toContain('Xi Jinping at the fair');
    expect(c.text).not.toMatch(/PhotoXi/);
    expect(c.html).not.toContain('t.example');
    expect(c.html.match(/asset:not-archived/g)).toHaveLength(2); // the tracking pixel is gone
  });
});

describe('Readability threshold and retry', () => {
  it('does not store a print footer when the story sat in a container judged unlikely at first', async () => {
    const paras = Array.from({ length: 6 }, (_, i) => `<div class="para">${i}: ${PROSE}</div>`).join('');
    const c = await page(
      '<title>Kidney trial</title>',
      `<h1>Kidney trial</h1><div class="story-copy extra-spacing">${paras}</div><div class="print-only"><p>This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research, no part may be reproduced without the written permission. The content is provided for information purposes only.</p></div>`,
    );
    expect(c.text).toContain('5: The council met');
    expect(c.text).toContain('0: The council met');
  });
});

describe('cleanup rules: removed and kept', () => {
  it('removes [edit] links and heading permalinks, keeps the heading and a heading link with words', async () => {
    const c = await page(
      '<title>Crane</title>',
      `<article><p>${PROSE}</p><h2><span>History</span><span><span>[</span><a href="/w/index.php?action=edit">edit</a><span>]</span></span></h2><p>${PROSE}</p><h2 id="use"><a href="#use">#</a> Use today</h2><p>${PROSE}</p><h3>See <a href="https://example.org/x">the harbour plan</a><a class="headerlink" href="#see">¶</a></h3><p>${PROSE}</p></article>`,
    );
    expect(c.text).toContain('History');
    expect(c.text).not.toMatch(/\[\s*edit\s*\]/);
    expect(c.text).toMatch(/(^|\n)Use today(\n|$)/);
    expect(c.text).toMatch(/(^|\n)See the harbour plan(\n|$)/);
    expect(c.text).not.toMatch(/[#¶]/);
  });

  it("keeps a blog's lists of single links after the opening text, drops a kicker link before it", async () => {
    const c = await page(
      '<title>The apps on my phone</title>',
      `<article><div><a href="/tech">Tech</a></div><h1>The apps on my phone</h1><p>Which apps I used this year.</p><h2>Writing</h2><p><a href="https://a.example/obsidian">Obsidian</a></p><p><a href="https://a.example/drafts">Drafts</a></p><p>${PROSE}</p><p>${PROSE}</p></article>`,
    );
    expect(c.text).toContain('Obsidian');
    expect(c.text).toContain('Drafts');
    expect(c.text.split('\n\n')).not.toContain('Tech');
  });
});
