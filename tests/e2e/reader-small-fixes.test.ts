// The smaller things that got in the way: the page without a token says so in words and stops loading, the
// Organize popover completes tag names, the Details tab wraps long provenance lines, and an image the archive does
// not hold shows as a small placeholder.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, go } from './helpers.js';
import { articleHtml, importHtml } from './corpus.js';
import { readReaderHtml } from '../../db/codec/read.js';

let h: Harness;
let page: Page;
let id: ArticleId;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  id = await importHtml(
    h,
    'weir.html',
    articleHtml({
      title: 'The weir keeper',
      site: 'River Notes',
      published: '2020-05-05',
      paragraphs: [
        'The weir keeper raised the boards by hand when the river came up, and lowered them again as it fell.',
        'His log records every change, with the level in feet and inches and the hour by the church clock.',
      ],
    }),
  );
  const other = await importHtml(
    h,
    'lock.html',
    articleHtml({
      title: 'The lock',
      site: 'River Notes',
      published: '2020-05-06',
      paragraphs: ['The lock gates were oak, replaced every forty years or so, by the same yard upstream.'],
    }),
  );
  h.api.tagArticles({ ids: [other], tags: ['waterways', 'river engineering'] });
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
});

test('the Organize popover offers the tags already in use', async () => {
  await go(page, `#/article/${id}`);
  await page.locator('st-reader .content p').first().waitFor();
  await page.getByRole('button', { name: 'Organize' }).click();
  const input = page.locator('st-reader .organize input[aria-label="Add tags, comma separated"]');
  await input.waitFor();
  const listId = await input.getAttribute('list');
  const options = page.locator(`st-reader .organize datalist#${listId} option`);
  await expect
    .poll(() => options.evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value)))
    .toEqual(['river engineering', 'waterways']);
  await input.fill('waterways');
  await input.press('Enter');
  await expect.poll(() => h.api.getArticle({ id }).tags).toEqual(['waterways']);
  // a tag the article has is no longer offered
  await expect.poll(() => options.count()).toBe(1);
  await page.keyboard.press('Escape');
});

test('the Details tab wraps long provenance lines instead of clipping them', async () => {
  const long = `notes/${'very-long-folder-name-'.repeat(12)}weir.html`;
  h.archive.db
    .prepare("INSERT INTO event (article_id, kind, at, detail) VALUES (?, 'captured', ?, ?)")
    .run(id, new Date().toISOString(), `imported from ${long}`);
  await go(page, '#/library');
  await go(page, `#/article/${id}`);
  await page.getByRole('tab', { name: 'Details' }).click();
  const panel = page.locator('st-metadata-panel');
  await panel.getByText(long, { exact: false }).waitFor();
  const clipped = await panel.evaluate(
    (el) =>
      [...el.shadowRoot!.querySelectorAll('li, li .d, dd')].filter((n) => n.scrollWidth > n.clientWidth + 1).length,
  );
  expect(clipped).toBe(0);
  const aside = page.locator('st-reader aside.panel');
  expect(await aside.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await dismissToasts(page);
  await shot(page, 'reader-details-wrap');
});

test('an image that was not archived shows as a small placeholder', async () => {
  const capture = h.archive.db.prepare('SELECT current_capture_id FROM article WHERE id = ?').pluck().get(id) as number;
  // Written back raw (codec 0), so the reader shows this HTML rather than the compressed copy.
  const stored = readReaderHtml(h.archive.db, capture)!;
  h.archive.db
    .prepare('UPDATE content SET html = ?, html_codec = 0, html_packed = NULL WHERE capture_id = ?')
    .run(
      `${stored}<figure class="st-missing-image"><figcaption>Image not archived: the weir in flood</figcaption></figure>`,
      capture,
    );
  await go(page, '#/library');
  await go(page, `#/article/${id}`);
  const placeholder = page.locator('st-reader .content .st-missing-image');
  await placeholder.waitFor();
  expect(await placeholder.innerText()).toContain('Image not archived: the weir in flood');
  expect(await placeholder.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('dashed');
  // other classes a page carried are still dropped
  expect(await page.locator('st-reader .content [class]:not(.st-missing-image)').count()).toBe(0);
  await placeholder.scrollIntoViewIfNeeded();
  await dismissToasts(page);
  await shot(page, 'reader-missing-image');
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
});

test('without a token the page says what to do, in words, and does not keep loading', async () => {
  const fresh = await h.context.newPage();
  await fresh.goto(`${h.server.openUrl.replace(/#.*$/, '')}#/library`);
  const error = fresh.locator('st-library-view .error-box');
  await error.waitFor();
  const text = await error.innerText();
  expect(text).toContain('no valid access token');
  expect(text).not.toContain('`');
  expect(await fresh.locator('st-library-view .count').innerText()).not.toContain('Loading');
  await fresh.close();
});
