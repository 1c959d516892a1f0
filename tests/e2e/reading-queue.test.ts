// The reading queue in Chromium: Later filled from the reader and from the library's selection, reordered by keyboard
// (Alt+Up) and by dragging, the order kept across a reload; Continue reading listing what was left half read, most
// recent first, and opening it where the reading stopped. Screenshots at 1440 and 1024 px, axe on both views.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, focused, go } from './helpers.js';
import { articleHtml, importHtml, longArticle } from './corpus.js';

let h: Harness;
let page: Page;
const ids: Record<string, ArticleId> = {};

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  const names = ['Salt marsh birds', 'Ferry timetables', 'Lighthouse keepers', 'Dredging the channel'];
  for (const [i, title] of names.entries()) {
    ids[title] = await importHtml(
      h,
      `q${i}.html`,
      articleHtml({
        title,
        site: 'Estuary Journal',
        published: `2023-0${i + 1}-05`,
        paragraphs: [`${title}: a short piece about the estuary and the people who work on it through the year.`],
      }),
    );
  }
  ids.long = await importHtml(
    h,
    'long.html',
    articleHtml(longArticle('The harbour ledgers', 'The ledgers end in 1911.', 60, 40)),
  );
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view .row .title').first().waitFor();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const queueTitles = () => page.locator('st-queue-view li.item .title').allInnerTexts();
const apiQueue = () => h.api.listLater({}).items.map((a) => a.title);

test('Later from the reader and from the library selection, counted in the sidebar', async () => {
  await go(page, `#/article/${ids['Salt marsh birds']}`);
  const later = page.locator('st-reader .top').getByRole('button', { name: 'Later' });
  await later.click();
  await expect.poll(() => later.getAttribute('aria-pressed')).toBe('true');
  expect(await later.innerText()).toBe('In Later');
  await expect.poll(() => apiQueue()).toEqual(['Salt marsh birds']);

  await go(page, '#/library?sort=title');
  await page.locator('st-library-view .row .title', { hasText: 'Ferry timetables' }).waitFor();
  await page.getByRole('checkbox', { name: 'Select Lighthouse keepers' }).click();
  await page.getByRole('checkbox', { name: 'Select Ferry timetables' }).click();
  await page.locator('st-library-view .bulk').getByRole('button', { name: 'Later' }).click();
  await expect.poll(() => apiQueue()).toEqual(['Salt marsh birds', 'Lighthouse keepers', 'Ferry timetables']);
  // each queued article says so in the list
  await expect
    .poll(() => page.locator('st-library-view .row [aria-label="In Later"]').count(), { timeout: 5000 })
    .toBe(3);
  const link = page.locator('st-sidebar a.item', { hasText: 'Later' });
  await expect.poll(() => link.locator('.count').innerText()).toBe('3');
});

test('Alt+Up moves the focused article up, dragging moves another, and the order survives a reload', async () => {
  await page.locator('st-sidebar a.item', { hasText: 'Later' }).click();
  await expect.poll(queueTitles).toEqual(['Salt marsh birds', 'Lighthouse keepers', 'Ferry timetables']);
  const ferry = page.locator('st-queue-view li.item', { hasText: 'Ferry timetables' });
  await ferry.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(queueTitles).toEqual(['Salt marsh birds', 'Ferry timetables', 'Lighthouse keepers']);
  expect(await focused(page)).toContain('Ferry timetables');
  expect(await page.locator('st-queue-view [role="status"]').innerText()).toBe(
    'Moved “Ferry timetables” to place 2 of 3',
  );
  await expect.poll(apiQueue).toEqual(['Salt marsh birds', 'Ferry timetables', 'Lighthouse keepers']);

  // drag the last article onto the top half of the first
  const lighthouse = page.locator('st-queue-view li.item', { hasText: 'Lighthouse keepers' });
  const first = page.locator('st-queue-view li.item', { hasText: 'Salt marsh birds' });
  await lighthouse.locator('.grip').dragTo(first, { targetPosition: { x: 60, y: 6 } });
  await expect.poll(queueTitles).toEqual(['Lighthouse keepers', 'Salt marsh birds', 'Ferry timetables']);
  await expect.poll(apiQueue).toEqual(['Lighthouse keepers', 'Salt marsh birds', 'Ferry timetables']);

  // the Move down button
  await page.getByRole('button', { name: 'Move “Lighthouse keepers” down' }).click();
  await expect.poll(apiQueue).toEqual(['Salt marsh birds', 'Lighthouse keepers', 'Ferry timetables']);

  await page.reload();
  await expect.poll(queueTitles).toEqual(['Salt marsh birds', 'Lighthouse keepers', 'Ferry timetables']);
  await dismissToasts(page);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await shot(page, `later-view-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);

  await page.getByRole('button', { name: 'Remove “Lighthouse keepers” from Later' }).click();
  await expect.poll(queueTitles).toEqual(['Salt marsh birds', 'Ferry timetables']);
  expect(apiQueue()).toEqual(['Salt marsh birds', 'Ferry timetables']);
});

test('Continue reading lists the article left half read first, and Resume opens it where the reading stopped', async () => {
  // read a little of one article some time ago (through the API, as a finished session would have saved it)
  h.api.setReadingPosition({ id: ids['Dredging the channel']!, position: { percent: 0.3, offset: 0, quote: '' } });
  // now read the long one in the reader: scroll about a third down and leave it
  await go(page, `#/article/${ids.long}`);
  await page.locator('st-reader .content p').first().waitFor();
  const scroll = page.locator('st-reader .scroll');
  await scroll.evaluate((el) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) * 0.35;
  });
  await expect
    .poll(() => h.api.listContinueReading({}).items.map((a) => a.title), { timeout: 8000 })
    .toEqual(['The harbour ledgers', 'Dredging the channel']);

  await go(page, '#/continue');
  const items = page.locator('st-queue-view li.item');
  await expect
    .poll(() => items.locator('.title').allInnerTexts())
    .toEqual(['The harbour ledgers', 'Dredging the channel']);
  expect(await items.first().locator('.meta').innerText()).toMatch(/3\d% read/);
  expect(await items.nth(1).locator('.meta').innerText()).toMatch(/30% read/);
  const link = page.locator('st-sidebar a.item', { hasText: 'Continue reading' });
  await expect.poll(() => link.locator('.count').innerText()).toBe('2');
  await dismissToasts(page);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await shot(page, `continue-reading-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);

  await page.getByRole('link', { name: 'Resume “The harbour ledgers”' }).click();
  await page.locator('st-reader .content p').first().waitFor();
  await expect
    .poll(() => scroll.evaluate((el) => el.scrollTop / (el.scrollHeight - el.clientHeight)), { timeout: 5000 })
    .toBeGreaterThan(0.25);
  // finished (marked read): no longer listed
  await page.locator('st-reader .top').getByRole('button', { name: 'Mark read' }).click();
  await expect.poll(() => h.api.listContinueReading({}).items.map((a) => a.title)).toEqual(['Dredging the channel']);
});
