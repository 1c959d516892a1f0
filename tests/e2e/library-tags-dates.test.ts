// Article tags and highlight tags kept apart in the sidebar (and counted apart); every row says which date it
// shows, the Timeline places articles by the date chosen (undated ones apart), fits a long range by year, and
// its columns open the library with the filter said in words.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, go } from './helpers.js';
import { importHtml, offsetsOf } from './corpus.js';

let h: Harness;
let page: Page;
let old: ArticleId;
let undated: ArticleId;
let recent: ArticleId;

function page_(title: string, published: string | null, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
${published ? `<meta property="article:published_time" content="${published}T08:00:00Z">` : ''}</head>
<body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;
}

const rows = () => page.locator('st-library-view .row .title');
const rowDates = () => page.locator('st-library-view .row .date').allInnerTexts();

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  old = await importHtml(
    h,
    'old.html',
    page_(
      'The chain ferry of 2012',
      '2012-03-10',
      'The chain ferry hauled itself across the estuary on two iron chains, four cars at a time, every twenty minutes from dawn.',
    ),
  );
  undated = await importHtml(
    h,
    'undated.html',
    page_(
      'Notes from the slipway',
      null,
      'Someone chalked the tide times on the slipway wall each morning; by noon the rain had usually washed them off again.',
    ),
  );
  recent = await importHtml(
    h,
    'recent.html',
    page_(
      'A new landing stage',
      '2024-06-01',
      'The new landing stage floats on pontoons, so the ferry can come alongside at any state of the tide without the old steps.',
    ),
  );
  const added = (id: ArticleId, iso: string) =>
    h.archive.db.prepare('UPDATE article SET added_at = ? WHERE id = ?').run(iso, id);
  added(old, '2025-01-15T10:00:00.000Z');
  added(undated, '2025-01-20T10:00:00.000Z');
  added(recent, '2025-02-02T10:00:00.000Z');
  h.api.tagArticles({ ids: [old], tags: ['ferries'] });
  h.api.createAnnotation({
    articleId: undated,
    kind: 'highlight',
    ...offsetsOf(h, undated, 'chalked the tide times'),
    color: 'yellow',
    tags: ['quote-worthy'],
  });
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
});

test('the sidebar keeps article tags and highlight tags apart, each counted and filtering its own kind', async () => {
  const tags = page.locator('st-sidebar nav[aria-label="Tags"]');
  await tags.getByText('ferries').waitFor();
  expect(await tags.innerText()).not.toContain('quote-worthy');
  expect(await tags.locator('a', { hasText: 'ferries' }).locator('.count').innerText()).toBe('1');
  const noteTags = page.locator('st-sidebar nav[aria-label="Highlight tags"]');
  expect(await noteTags.innerText()).toContain('quote-worthy');
  expect(await noteTags.innerText()).not.toContain('ferries');
  await noteTags.locator('a', { hasText: 'quote-worthy' }).click();
  await expect.poll(() => page.locator('st-search-view .status').innerText()).toBe('1 result');
  // The hit's text is drawn after the count: waited for, not read at once.
  await expect.poll(() => page.locator('st-search-view a.hit').innerText()).toContain('Notes from the slipway');
  // and the article tag still shows its one article
  await tags.locator('a', { hasText: 'ferries' }).click();
  await expect.poll(() => page.locator('st-library-view .count').innerText()).toBe('1 article');
});

test('rows say which date they show', async () => {
  await go(page, '#/library');
  await expect.poll(() => rows().count()).toBe(3);
  expect(await rowDates()).toEqual(['Added Feb 2, 2025', 'Added Jan 20, 2025', 'Added Jan 15, 2025']);
  await go(page, '#/library?sort=published');
  // an undated article sorts by its added date, and says so
  await expect.poll(rowDates).toEqual(['Added Jan 20, 2025', 'Published Jun 1, 2024', 'Published Mar 10, 2012']);
});

test('the Timeline by date added, its columns clickable, the filter said in words', async () => {
  await go(page, '#/timeline');
  const hits = page.locator('st-timeline-view rect.hit');
  await expect.poll(() => hits.count()).toBe(2);
  const jan = page.locator('st-timeline-view rect.hit[aria-label^="January 2025"]');
  expect(await jan.getAttribute('aria-label')).toBe('January 2025: 2 articles added');
  // a column is wide enough to click whatever its count
  expect((await jan.boundingBox())!.width).toBeGreaterThan(100);
  await jan.click();
  await expect.poll(() => rows().count()).toBe(2);
  expect(await page.locator('st-library-view .month-chip').innerText()).toContain('Added in January 2025');
  expect(await rowDates()).toEqual(['Added Jan 20, 2025', 'Added Jan 15, 2025']);
});

test('the Timeline by date published: undated apart, a long range by year, a year opens its articles', async () => {
  await go(page, '#/timeline');
  await page.getByRole('radio', { name: 'Date published' }).click();
  const hits = page.locator('st-timeline-view rect.hit');
  // 2012 to 2024 is too long for months: by year, and the undated article is not in any of them
  // (waits for the published counts: until they arrive the chart on screen is still the added one, labelled so)
  await expect.poll(() => hits.first().getAttribute('aria-label')).toBe('2012: 1 article published');
  expect(await hits.count()).toBe(2);
  const undatedLink = page.locator('st-timeline-view a.chip');
  expect(await undatedLink.innerText()).toBe('1 article has no published date');
  await dismissToasts(page);
  await shot(page, 'timeline-published');
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 860 });
    await shot(page, `timeline-published-${width}`);
  }
  await page.setViewportSize({ width: 1360, height: 860 });
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
  await hits.first().click();
  await expect.poll(() => rows().count()).toBe(1);
  expect(await page.locator('st-library-view .month-chip').innerText()).toContain('Published in 2012');
  expect(await rowDates()).toEqual(['Published Mar 10, 2012']);
  await go(page, '#/timeline');
  await page.getByRole('radio', { name: 'Date published' }).click();
  await undatedLink.click();
  await expect.poll(() => rows().count()).toBe(1);
  expect(await page.locator('st-library-view h1').innerText()).toBe('No published date');
});
