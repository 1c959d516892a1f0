// The reader and the search box without a mouse: the query box hands off to the hits (ArrowDown, Enter, j/k), a
// phrase hit opens with the focus on the article and its passage selected (so `h` highlights it), every match is
// marked with next/previous, Ctrl+F finds in the article, and `v` plus arrows select text from the keyboard.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, focused, go } from './helpers.js';
import { articleHtml, importHtml } from './corpus.js';

let h: Harness;
let page: Page;
let mill: ArticleId;

/** The reader's current selection as text ('' when none). */
function selectedText(): Promise<string> {
  return page.evaluate(() => {
    const reader = document.querySelector('st-app')!.shadowRoot!.querySelector('st-reader')!
      .shadowRoot! as ShadowRoot & {
      getSelection?(): Selection | null;
    };
    return (reader.getSelection?.() ?? document.getSelection())?.toString() ?? '';
  });
}

/** How many ranges the find highlight marks in the page. */
function markedMatches(name: string): Promise<number> {
  return page.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, name);
}

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  mill = await importHtml(
    h,
    'mill.html',
    articleHtml({
      title: 'The tide mill at Woodbridge',
      site: 'Suffolk Notes',
      published: '2023-04-02',
      paragraphs: [
        'The mill pond filled on the flood tide. Its gates shut as the water turned. The miller waited for the ebb.',
        'On the ebb the water wheel turned for four hours. A good tide ground a ton of wheat. A poor one ground half.',
        'In 1957 the water wheel stopped for good. Volunteers restored the water wheel in 1982.',
        'Today visitors watch the wheel turn on open days, and the pond fills twice a day as it always did.',
      ],
    }),
  );
  await importHtml(
    h,
    'quay.html',
    articleHtml({
      title: 'The water wheel at Eling',
      site: 'Hampshire Notes',
      published: '2022-01-10',
      paragraphs: [
        'Eling has the other working tide mill in England; its water wheel is still turned by the sea twice a day, and the flour is sold in the shop by the causeway.',
      ],
    }),
  );
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
});

test('the query box hands off: ArrowDown into the hits, j/k between them, ArrowUp back, Enter opens', async () => {
  await go(page, '#/search');
  const box = page.locator('st-search-view input#q');
  await box.fill('"water wheel"');
  const hits = page.locator('st-search-view a.hit');
  await expect.poll(() => hits.count()).toBe(2);
  await box.press('ArrowDown');
  expect(await focused(page)).toMatch(/^a#\.hit/);
  const first = await hits.nth(0).innerText();
  expect(await focused(page)).toContain(first.slice(0, 20));
  await page.keyboard.press('j');
  expect(await focused(page)).toContain((await hits.nth(1).innerText()).slice(0, 20));
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowUp');
  expect(await focused(page)).toMatch(/^input#q/);
  expect(await box.inputValue()).toBe('"water wheel"');
  // Enter in the box opens the first hit
  await box.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/article/'));
  expect(page.url()).toContain('q=');
});

test('a phrase hit opens with its passage selected and every match marked; h highlights it at once', async () => {
  await go(page, '#/search');
  const box = page.locator('st-search-view input#q');
  await box.fill('"water wheel" woodbridge');
  const hits = page.locator('st-search-view a.hit');
  await expect.poll(() => hits.count()).toBe(1);
  await box.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('st-reader .findbar').waitFor();
  await expect.poll(selectedText).toBe('water wheel');
  expect(await focused(page)).toMatch(/^article#\.page/);
  // every match of the query is marked: three "water wheel" and one "Woodbridge" (the title is outside the text)
  await expect.poll(() => markedMatches('st-find')).toBe(3);
  // the current match is the hit's own: the one at the offset the search gave
  const text = h.api.getArticle({ id: mill }).text;
  const offset = h.api.search({ query: '"water wheel" woodbridge' }).hits[0]!.matchOffset!;
  const starts = [...text.matchAll(/water wheel/gi)].map((m) => m.index);
  const nth = starts.findIndex((s) => s + 'water wheel'.length > offset) + 1;
  expect(await page.locator('st-reader .findbar .count').innerText()).toBe(`${nth} of 3`);
  await page.locator('st-reader .findbar button[aria-label="Next match"]').click();
  expect(await page.locator('st-reader .findbar .count').innerText()).toBe(`${(nth % 3) + 1} of 3`);
  await page.locator('st-reader .findbar button[aria-label="Previous match"]').click();
  expect(await page.locator('st-reader .findbar .count').innerText()).toBe(`${nth} of 3`);
  await page.locator('st-reader article.page').focus();
  await expect.poll(selectedText).toBe('water wheel');
  await page.keyboard.press('h');
  await expect.poll(() => h.api.listAnnotations({ articleId: mill }).items.length).toBe(1);
  const [a] = h.api.listAnnotations({ articleId: mill }).items;
  expect(h.api.getArticle({ id: mill }).text.slice(a!.anchor.start, a!.anchor.end)).toBe('water wheel');
  await dismissToasts(page);
  await shot(page, 'reader-find-hit');
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
});

test('Ctrl+F finds in the article with a count and next/previous; Esc closes it, the side panel stays', async () => {
  await go(page, `#/article/${mill}`);
  await page.locator('st-reader .content p').first().waitFor();
  const panel = page.locator('st-reader aside.panel');
  await panel.waitFor();
  await page.keyboard.press('Control+f');
  const input = page.locator('st-reader .findbar input');
  await input.waitFor();
  expect(await focused(page)).toMatch(/^input/);
  await input.fill('ebb');
  await expect.poll(() => page.locator('st-reader .findbar .count').innerText()).toBe('1 of 2');
  await input.press('Enter');
  expect(await page.locator('st-reader .findbar .count').innerText()).toBe('2 of 2');
  await input.press('Shift+Enter');
  expect(await page.locator('st-reader .findbar .count').innerText()).toBe('1 of 2');
  await input.fill('no such words');
  await expect.poll(() => page.locator('st-reader .findbar .count').innerText()).toBe('No matches');
  await input.press('Escape');
  await page.locator('st-reader .findbar').waitFor({ state: 'detached' });
  expect(await markedMatches('st-find')).toBe(0);
  // Esc with nothing open leaves the side panel where it is
  await page.keyboard.press('Escape');
  expect(await panel.count()).toBe(1);
});

test('keyboard selection: v selects a sentence, arrows move it, Shift+arrows extend it, h highlights', async () => {
  await go(page, `#/article/${mill}`);
  await page.locator('st-reader .content p').first().waitFor();
  await page.locator('st-reader article.page').focus();
  await page.keyboard.press('v');
  await expect.poll(selectedText).toBe('The mill pond filled on the flood tide.');
  await page.locator('st-selection-toolbar').waitFor();
  await page.keyboard.press('ArrowRight');
  await expect.poll(selectedText).toBe('Its gates shut as the water turned.');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(selectedText).toBe('Its gates shut as the water turned. The');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(selectedText).toBe('Its gates shut as the water turned.');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(selectedText).toBe('Its gates shut as the water turned. The miller waited for the ebb.');
  await page.keyboard.press('ArrowDown');
  await expect
    .poll(selectedText)
    .toBe(
      'On the ebb the water wheel turned for four hours. A good tide ground a ton of wheat. A poor one ground half.',
    );
  await page.keyboard.press('ArrowLeft');
  await expect.poll(selectedText).toBe('The miller waited for the ebb.');
  const before = h.api.listAnnotations({ articleId: mill }).items.length;
  await page.keyboard.press('h');
  await expect.poll(() => h.api.listAnnotations({ articleId: mill }).items.length).toBe(before + 1);
  const text = h.api.getArticle({ id: mill }).text;
  const quotes = h.api.listAnnotations({ articleId: mill }).items.map((x) => text.slice(x.anchor.start, x.anchor.end));
  expect(quotes).toContain('The miller waited for the ebb.');
});
