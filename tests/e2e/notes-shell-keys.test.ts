// Markdown notes rendered safely, the Electron menu notices, keyboard navigation in every list, and axe-core
// audits of the open popovers; one archive and one browser for the whole file.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId, ImportReport } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, focused, go, selectInReader } from './helpers.js';
import { TIDES, articleHtml, importFixture, importHtml, offsetsOf } from './corpus.js';

const NOTE = '**bold** and a [link](https://example.org) <img src=x onerror=alert(1)>';
const QUOTE = 'Those notes are now the most valuable part of the record';

let h: Harness;
let page: Page;
let tides: ArticleId;
const pageErrors: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  tides = await importFixture(h, TIDES);
  for (const [i, site, year] of [
    [1, 'Harbour Quarterly', '2019'],
    [2, 'Sea Level Notes', '2021'],
    [3, 'Harbour Quarterly', '2022'],
  ] as const) {
    await importHtml(
      h,
      `tide-${i}.html`,
      articleHtml({
        title: `Tide gauge report ${i}: harbour readings from ${year}`,
        site,
        published: `${year}-0${i}-10`,
        paragraphs: [
          `The harbour gauge recorded a spring tide in ${year}, and the clerk wrote the reading in the margin.`,
          'Archivists compared the readings with the storm log and found the harbour gauge had been moved twice.',
        ],
      }),
    );
  }
  h.api.tagArticles({ ids: [tides], tags: ['field-notes'] });
  h.api.createAnnotation({
    articleId: tides,
    kind: 'highlight',
    ...offsetsOf(h, tides, QUOTE),
    color: 'yellow',
    note: NOTE,
    tags: ['margins'],
  });
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view .row .title').first().waitFor();
});

afterAll(async () => {
  await h?.close();
});

describe('Markdown notes', () => {
  test('the side panel shows bold and the link, never an image, and the link asks before opening', async () => {
    await go(page, `#/article/${tides}`);
    const note = page.locator('st-annotation-panel .note').first();
    await note.waitFor();
    expect(await note.locator('strong').innerText()).toBe('bold');
    // the address is kept for the app's confirmation only: the browser itself has no link to follow
    expect(await note.locator('a').getAttribute('data-href')).toBe('https://example.org');
    expect(await note.locator('a').getAttribute('href')).toBeNull();
    expect(await note.locator('a').innerText()).toBe('link');
    expect(await note.locator('img').count()).toBe(0);
    expect(
      await page.evaluate(() => {
        const all: Element[] = [];
        const walk = (root: Document | ShadowRoot) =>
          root.querySelectorAll('*').forEach((el) => {
            all.push(el);
            if (el.shadowRoot) walk(el.shadowRoot);
          });
        walk(document);
        return all.filter(
          (el) => (el.tagName === 'IMG' && el.getAttribute('src') === 'x') || el.hasAttribute('onerror'),
        ).length;
      }),
    ).toBe(0);
    // the typed HTML is shown as text, not run
    expect(await note.innerText()).toContain('<img src=x onerror=alert(1)>');
    await note.locator('a').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('https://example.org');
    await expect.poll(() => focused(page)).toContain('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toContain(`#/article/${tides}`);
  });

  test('hovering the highlight shows the rendered note as a tooltip', async () => {
    await page.locator('st-reader .content mark.hl').first().hover();
    const tip = page.locator('st-reader .note-tip');
    await tip.waitFor();
    expect(await tip.locator('strong').innerText()).toBe('bold');
    expect(await tip.locator('img').count()).toBe(0);
    await page.mouse.move(5, 5);
    await tip.waitFor({ state: 'detached' });
  });

  test('the highlights view renders the note too, and its link does not open the highlight', async () => {
    await go(page, '#/highlights');
    const note = page.locator('st-highlights-view .note').first();
    await note.waitFor();
    expect(await note.locator('strong').innerText()).toBe('bold');
    expect(await note.locator('img').count()).toBe(0);
    await note.locator('a').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    expect(page.url()).toContain('#/highlights');
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('Electron menu notices', () => {
  test('import-started shows progress; archive-changed refreshes the view and reports; focus-search focuses search', async () => {
    await go(page, '#/library');
    await expect.poll(() => page.locator('st-library-view .count').innerText()).toBe('4 articles');
    await page.evaluate(() =>
      window.dispatchEvent(
        new CustomEvent('stacks:import-started', {
          detail: JSON.stringify({ paths: ['/tmp/a.html', '/tmp/empty.txt'] }),
        }),
      ),
    );
    const busy = page.locator('st-app .toast.importing');
    await busy.waitFor();
    expect(await busy.innerText()).toContain('Importing 2 items');
    // progress notices from the shell's bulk import show counts, failures and time left
    await page.evaluate(() =>
      window.dispatchEvent(
        new CustomEvent('stacks:import-progress', {
          detail: JSON.stringify({
            total: 5000,
            done: 1204,
            imported: 1200,
            duplicates: 3,
            failed: 1,
            currentFile: null,
            elapsedMs: 9000,
            etaMs: 125000,
          }),
        }),
      ),
    );
    await expect.poll(() => busy.innerText()).toContain('1,204 of 5,000 · 1 failed · about 2 min left');
    // the main process imports (here: straight into the archive) and then tells the window
    const added = await importHtml(
      h,
      'a.html',
      articleHtml({
        title: 'Menu import: a harbour at night',
        site: 'Night Watch',
        published: '2020-11-02',
        paragraphs: ['Lanterns on the quay.'],
      }),
    );
    const report: ImportReport = {
      imported: 1,
      duplicates: 0,
      failed: 1,
      outcomes: [
        { file: '/tmp/a.html', status: 'imported', id: added, title: 'Menu import: a harbour at night' },
        { file: '/tmp/empty.txt', status: 'failed', error: 'empty.txt is empty (0 bytes).' },
      ],
    };
    await page.evaluate(
      (r) => window.dispatchEvent(new CustomEvent('stacks:archive-changed', { detail: r })),
      JSON.stringify(report),
    );
    await busy.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('st-library-view .count').innerText()).toBe('5 articles');
    await expect
      .poll(() => page.locator('st-library-view .row .title').allInnerTexts())
      .toContain('Menu import: a harbour at night');
    const toast = page.locator('st-app .toast').filter({ hasText: 'Imported 1 article' });
    expect(await toast.innerText()).toContain('1 failed');
    await toast.getByRole('button', { name: 'Show report' }).click();
    const failed = page.locator('st-import-view ul[aria-label="Imported files"] li').first();
    await failed.waitFor();
    expect(await failed.innerText()).toContain('empty.txt is empty (0 bytes).');
    // a malformed notice is ignored rather than crashing the app
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('stacks:archive-changed', { detail: '{not json' })));
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('stacks:focus-search', { detail: 'null' })));
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/search/);
    await expect.poll(() => focused(page)).toContain('input#q');
    expect(pageErrors).toEqual([]);
  });
});

describe('keyboard', () => {
  test('j and k move through the library; Enter opens the active article', async () => {
    await go(page, '#/library?sort=title');
    await page.locator('st-library-view .row .title').first().waitFor();
    await page.locator('st-library-view h1').click();
    const active = () => page.locator('st-library-view .row.active .title').innerText();
    const titles = await page.locator('st-library-view .row .title').allInnerTexts();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(active).toBe(titles[2]);
    await page.keyboard.press('k');
    await expect.poll(active).toBe(titles[1]);
    await expect.poll(() => focused(page)).toContain('div#.scroller');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('st-reader h1.title').innerText()).toBe(titles[1]);
  });

  test('j and k move through search results', async () => {
    await go(page, '#/search?q=harbour%20gauge');
    await page.locator('st-search-view a.hit').nth(2).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('st-search-view .status').click();
    const hits = await page.locator('st-search-view a.hit .hit-title').allInnerTexts();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => focused(page)).toContain(hits[1]!.slice(0, 30));
    await page.keyboard.press('k');
    await expect.poll(() => focused(page)).toContain(hits[0]!.slice(0, 30));
  });

  test('j and k move through the highlights', async () => {
    h.api.createAnnotation({
      articleId: tides,
      kind: 'highlight',
      ...offsetsOf(h, tides, 'Every harbour keeps two calendars'),
      color: 'green',
    });
    await go(page, '#/highlights');
    await page.locator('st-highlights-view ol a.open').nth(1).waitFor();
    await page.locator('st-highlights-view h1').click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const second = await page.locator('st-highlights-view ol a.open').nth(1).getAttribute('aria-label');
    await expect.poll(() => focused(page)).toContain(second!.slice(0, 30));
    await page.keyboard.press('k');
    const first = await page.locator('st-highlights-view ol a.open').nth(0).getAttribute('aria-label');
    await expect.poll(() => focused(page)).toContain(first!.slice(0, 30));
  });

  test('the syntax help opens, passes axe, and Esc closes it with the focus back on its button', async () => {
    await go(page, '#/search?q=harbour');
    await page.locator('st-search-view a.hit').first().waitFor();
    const button = page.locator('st-search-view').getByRole('button', { name: 'Search syntax' });
    await button.click();
    await page.locator('st-search-view #syntax').waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const v = await axeViolations(page);
    expect(v, v.join('\n')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('st-search-view #syntax').waitFor({ state: 'detached' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => focused(page)).toContain('Search syntax');
  });

  test('Tab from the top of the page reaches the reader toolbar, in order', async () => {
    await go(page, `#/article/${tides}`);
    await page.locator('st-reader .content p').first().waitFor();
    await page.locator('st-sidebar .brand').click(); // a click on plain text moves the Tab starting point to the top
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      seen.push(f);
      if (f.includes('[Back]')) break;
    }
    expect(seen.at(-1), seen.join('\n')).toContain('[Back]');
    // the sidebar comes first, then the reader's toolbar from left to right
    expect(seen[0]).toContain('Library');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('Mark read');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('Favorite');
  });

  test('the selection toolbar passes axe and Esc dismisses it', async () => {
    const passage = 'The marginal notes, read alongside the numbers';
    await page
      .locator('st-reader .content p')
      .filter({ hasText: passage })
      .evaluate((p) => p.scrollIntoView({ block: 'center' }));
    await selectInReader(page, passage);
    const toolbar = page.locator('st-selection-toolbar');
    await toolbar.waitFor();
    await dismissToasts(page);
    await shot(page, 'reader-selection');
    const v = await axeViolations(page);
    expect(v, v.join('\n')).toEqual([]);
    await page.keyboard.press('Escape');
    await toolbar.waitFor({ state: 'detached' });
  });
});

test('search facets list site, year, tag and color, and clicking one narrows the query', async () => {
  await go(page, '#/search?q=harbour');
  const facets = page.locator('st-search-view aside');
  await facets.locator('h2').first().waitFor();
  await expect
    .poll(() => facets.locator('h2').allInnerTexts())
    .toEqual(expect.arrayContaining(['SITE', 'YEAR', 'TAG', 'HIGHLIGHT COLOR']));
  const text = await facets.innerText();
  expect(text).toContain('Harbour Quarterly');
  expect(text).toContain('field-notes');
  expect(text).toContain('2019');
  expect(text).toContain('Key claim'); // the color facet uses the color's meaning, not its name
  await dismissToasts(page);
  await shot(page, 'search-facets');
  await facets.getByRole('button', { name: /Harbour Quarterly/ }).click();
  await expect.poll(() => page.locator('st-search-view input#q').inputValue()).toBe('harbour from:"Harbour Quarterly"');
  await expect.poll(() => page.locator('st-search-view .status').innerText()).toMatch(/^2 results/);
});
