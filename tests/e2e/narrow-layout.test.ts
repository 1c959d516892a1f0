// Below 1100 px the sidebars fold away instead of squeezing the text: at 1024 px the reading column is as wide as at
// 1440 px, the menu button opens the sidebar over the view (Esc and a followed link close it), the side panel opens
// over the text, and focus mode still leaves the text alone. Screenshots at 1440 and 1024 px, axe with both open.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, focused, go } from './helpers.js';
import { articleHtml, importHtml, longArticle } from './corpus.js';

let h: Harness;
let page: Page;
let id: ArticleId;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  id = await importHtml(h, 'long.html', articleHtml(longArticle('Tide gauges of the north', 'A gauge.', 30, 20)));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${h.server.openUrl}`);
  await page.locator('st-library-view h1').waitFor();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const textWidth = async () => Math.round((await page.locator('st-reader article.page').boundingBox())!.width);
const sidebar = () => page.locator('st-sidebar');
const menu = () => page.getByRole('button', { name: 'Menu' });

test('at 1440 px the sidebar, the text and the side panel sit side by side', async () => {
  await go(page, `#/article/${id}`);
  await page.locator('st-reader .content p').first().waitFor();
  await page.locator('st-reader aside.panel').waitFor();
  expect(await sidebar().isVisible()).toBe(true);
  expect(await menu().isVisible()).toBe(false);
  await dismissToasts(page);
  await shot(page, 'narrow-layout-reader-1440');
});

test('at 1024 px the sidebars fold away and the reading column keeps its width', async () => {
  const wide = await textWidth();
  expect(wide).toBeGreaterThan(600);
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.reload();
  await page.locator('st-reader .content p').first().waitFor();
  await expect.poll(() => sidebar().isVisible()).toBe(false);
  expect(await page.locator('st-reader aside.panel').count()).toBe(0);
  // the column is as wide as at 1440 px (there the side panel may take a little of it), never squeezed
  const narrow = await textWidth();
  expect(narrow, `at 1440: ${wide}`).toBeGreaterThanOrEqual(wide - 1);
  expect(narrow).toBeLessThan(1024 - 100);
  expect(await menu().isVisible()).toBe(true);
  await shot(page, 'narrow-layout-reader-1024');

  // the side panel opens over the text, which keeps its width; Esc puts it away
  await page.locator('st-reader .top').getByRole('button', { name: 'Side panel' }).click();
  const panel = page.locator('st-reader aside.panel');
  await panel.waitFor();
  expect(await panel.evaluate((el) => getComputedStyle(el).position)).toBe('absolute');
  expect(await textWidth()).toBe(narrow);
  await shot(page, 'narrow-layout-panel-1024');
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
  await page.locator('st-reader article.page').focus();
  await page.keyboard.press('Escape');
  await expect.poll(() => panel.count()).toBe(0);
});

test('the menu button opens the sidebar over the view; Esc closes it and a followed link does too', async () => {
  await menu().click();
  await expect.poll(() => sidebar().isVisible()).toBe(true);
  expect(await menu().getAttribute('aria-expanded')).toBe('true');
  expect(await focused(page)).toContain('Library');
  const box = (await sidebar().boundingBox())!;
  expect(box.x).toBe(0);
  expect(box.width).toBeLessThan(300);
  // over the view: the text did not move
  expect(
    Math.abs((await page.locator('st-reader article.page').boundingBox())!.x - (1024 - (await textWidth())) / 2),
  ).toBeLessThan(2);
  await shot(page, 'narrow-layout-menu-1024');
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect.poll(() => sidebar().isVisible()).toBe(false);
  expect(await focused(page)).toContain('[Menu]');

  await menu().click();
  await page.locator('st-sidebar a.item', { hasText: 'Later' }).click();
  await page.locator('st-queue-view h1').waitFor();
  await expect.poll(() => sidebar().isVisible()).toBe(false);
  await shot(page, 'narrow-layout-later-1024');
});

test('focus mode at 1024 px hides the menu bar too, and f brings it back', async () => {
  await go(page, `#/article/${id}`);
  await page.locator('st-reader .content p').first().waitFor();
  await page.locator('st-reader article.page').focus();
  await page.keyboard.press('f');
  await expect.poll(() => menu().isVisible()).toBe(false);
  expect(await sidebar().isVisible()).toBe(false);
  await page.keyboard.press('f');
  await expect.poll(() => menu().isVisible()).toBe(true);
  // wide again: the sidebar is back beside the text
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect.poll(() => sidebar().isVisible()).toBe(true);
  expect(await menu().isVisible()).toBe(false);
});
