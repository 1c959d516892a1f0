// One undo stack: toasts replace each other, Ctrl+Z undoes the newest action first (a deletion, then the highlight
// before it), and deleted annotations wait in the Highlights view's trash until restored.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, go, selectInReader } from './helpers.js';
import { articleHtml, importHtml } from './corpus.js';

let h: Harness;
let page: Page;
let id: ArticleId;
const FIRST = 'The ferry ran every hour';
const SECOND = 'the tide table on the pier';

const live = () => h.api.listAnnotations({ articleId: id }).items;
const quotes = () => live().map((a) => a.quote?.exact ?? '');

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  id = await importHtml(
    h,
    'ferry.html',
    articleHtml({
      title: 'The Butley ferry',
      site: 'River Notes',
      published: '2021-07-01',
      paragraphs: [
        `${FIRST} from May to September, rowed across by the same family for three generations.`,
        `Walkers checked ${SECOND} before setting out, because at low water the landing stage stood in mud.`,
      ],
    }),
  );
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
});

test('toasts replace each other and Ctrl+Z undoes the newest action first', async () => {
  await go(page, `#/article/${id}`);
  await page.locator('st-reader .content p').first().waitFor();
  for (const q of [FIRST, SECOND]) {
    await selectInReader(page, q);
    await page.locator('st-selection-toolbar').waitFor();
    await page.keyboard.press('h');
    await expect.poll(quotes).toContain(q);
    // the reader draws the highlight anew (its text nodes split), which would drop a selection made before
    await expect.poll(() => page.locator('st-reader .content mark.hl', { hasText: q }).count()).toBeGreaterThan(0);
  }
  // delete the first highlight from the side panel
  const cards = page.locator('st-annotation-panel ol.cards > li');
  await expect.poll(() => cards.count()).toBe(2);
  await cards.first().locator('button[aria-label="Delete annotation"]').click();
  await expect.poll(quotes).toEqual([SECOND]);
  // one toast on screen: the newest action's
  const toasts = page.locator('st-app .toast');
  // the deletion's toast replaces the highlight's once the deletion is acknowledged
  await expect.poll(() => toasts.first().innerText()).toContain('Annotation deleted');
  expect(await toasts.count()).toBe(1);
  await shot(page, 'undo-toast');

  await page.locator('st-reader article.page').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => quotes().sort()).toEqual([FIRST, SECOND].sort());
  await expect.poll(() => toasts.first().innerText()).toContain('Undone: Annotation deleted');
  await page.keyboard.press('Control+z');
  await expect.poll(quotes).toEqual([FIRST]);
  await expect.poll(() => toasts.first().innerText()).toContain('Undone: Highlighted');
  await page.keyboard.press('Control+z');
  await expect.poll(quotes).toEqual([]);
  // the undo's toast comes once its call returns; a Ctrl+Z pressed before would find the stack empty and its
  // "Nothing to undo" would then be replaced by that toast (its text is the previous undo's, so wait a moment)
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+z');
  await expect.poll(() => toasts.first().innerText()).toContain('Nothing to undo');
});

test('the annotation trash lists deleted annotations and restores them', async () => {
  await go(page, `#/article/${id}`);
  await page.locator('st-reader .content p').first().waitFor();
  await selectInReader(page, SECOND);
  await page.locator('st-selection-toolbar').waitFor();
  await page.keyboard.press('h');
  await expect.poll(quotes).toEqual([SECOND]);
  await expect.poll(() => page.locator('st-annotation-panel ol.cards > li').count()).toBe(1);
  await page.locator('st-annotation-panel button[aria-label="Delete annotation"]').click();
  await expect.poll(quotes).toEqual([]);
  await go(page, '#/highlights');
  await page.getByRole('button', { name: 'Deleted' }).click();
  await page.locator('st-highlights-view h1', { hasText: 'Deleted annotations' }).waitFor();
  const cards = page.locator('st-highlights-view ol > li');
  // the earlier test's deletions and undos leave only this one in the trash
  await expect.poll(() => cards.count()).toBeGreaterThan(0);
  const mine = cards.filter({ hasText: SECOND });
  await shot(page, 'annotation-trash');
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
  await mine.first().getByRole('button', { name: 'Restore' }).click();
  await expect.poll(quotes).toEqual([SECOND]);
});
