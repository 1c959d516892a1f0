// The `?` sheet lists the keyboard shortcuts (Esc closes it), and focus mode (`f` in the reader) puts the sidebar
// and the side panel away, the text alone, until pressed again or the reader is left.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, focused, go } from './helpers.js';
import { articleHtml, importHtml } from './corpus.js';

let h: Harness;
let page: Page;
let id: ArticleId;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  id = await importHtml(
    h,
    'marsh.html',
    articleHtml({
      title: 'Walking the sea wall',
      site: 'River Notes',
      published: '2022-09-09',
      paragraphs: [
        'The sea wall path runs for eleven miles between the two ferries, with the marsh on one side and the mud on the other.',
        'At high water the wall is the only dry ground for a mile in any direction, and the cattle know it.',
      ],
    }),
  );
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
});

test('? opens the shortcut sheet with the focus in it; Esc closes it', async () => {
  await page.keyboard.press('?');
  const sheet = page.locator('st-shortcut-sheet [role="dialog"]');
  await sheet.waitFor();
  expect(await sheet.innerText()).toContain('Find in the article');
  expect(await sheet.innerText()).toContain('Undo the last action');
  expect(await focused(page)).toContain('[Close]');
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 860 });
    await shot(page, `shortcut-sheet-${width}`);
  }
  await page.setViewportSize({ width: 1360, height: 860 });
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });
});

test('f in the reader hides the sidebar and the side panel; f again, or leaving, brings them back', async () => {
  await go(page, `#/article/${id}`);
  await page.locator('st-reader .content p').first().waitFor();
  const sidebar = page.locator('st-sidebar');
  const panel = page.locator('st-reader aside.panel');
  await panel.waitFor();
  await page.locator('st-reader article.page').focus();
  await page.keyboard.press('f');
  await expect.poll(() => sidebar.isVisible()).toBe(false);
  expect(await panel.count()).toBe(0);
  // the text gets the room
  const textBox = await page.locator('st-reader .scroll').boundingBox();
  expect(textBox!.width).toBeGreaterThan(1300);
  await dismissToasts(page);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 860 });
    await shot(page, `reader-focus-mode-${width}`);
  }
  await page.setViewportSize({ width: 1360, height: 860 });
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
  await page.keyboard.press('f');
  await expect.poll(() => sidebar.isVisible()).toBe(true);
  await panel.waitFor();
  await page.keyboard.press('f');
  await expect.poll(() => sidebar.isVisible()).toBe(false);
  await go(page, '#/library');
  await expect.poll(() => sidebar.isVisible()).toBe(true);
});
