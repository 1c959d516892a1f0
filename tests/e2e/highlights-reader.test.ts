// The Highlights view's filters (color, tag, date range) and its jump into the reader, plus the reader on a long
// article: a deep search hit scrolls into view, and the reading position comes back after a reload.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnnotationId, ArticleId } from '../../db/contract/types.js';
import { startHarness, type Harness } from './harness.js';
import { dismissToasts, go } from './helpers.js';
import { TIDES, articleHtml, importFixture, importHtml, longArticle, offsetsOf } from './corpus.js';

const NEEDLE = 'Every winter the lighthouse keeper’s cat, Barnacle, slept on the open logbook by the stove.';
const MARGINS = 'Those notes are now the most valuable part of the record';
const CALENDARS = 'Every harbour keeps two calendars';

let h: Harness;
let page: Page;
let tides: ArticleId;
let long: ArticleId;
let deep: AnnotationId;

/** Where the reader's scroll box is, and whether an element's box lies inside it. */
async function inReaderViewport(selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const reader = document.querySelector('st-app')!.shadowRoot!.querySelector('st-reader')!.shadowRoot!;
    const box = reader.querySelector('.scroll')!.getBoundingClientRect();
    const el = reader.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= box.top && r.bottom <= box.bottom;
  }, selector);
}

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  tides = await importFixture(h, TIDES);
  long = await importHtml(
    h,
    'long.html',
    articleHtml(longArticle('The lighthouse ledgers, volume by volume', NEEDLE, 120, 100)),
  );
  const backdate = (id: AnnotationId, iso: string) =>
    h.archive.db.prepare('UPDATE annotation SET created_at = ? WHERE id = ?').run(iso, id);
  const a1 = h.api.createAnnotation({
    articleId: tides,
    kind: 'highlight',
    ...offsetsOf(h, tides, MARGINS),
    color: 'yellow',
    note: 'Why the gaps matter',
    tags: ['margins'],
  });
  backdate(a1.id, '2024-01-15T10:00:00.000Z');
  deep = h.api.createAnnotation({
    articleId: long,
    kind: 'highlight',
    ...offsetsOf(h, long, 'the lighthouse keeper’s cat, Barnacle'),
    color: 'green',
    tags: ['evidence'],
  }).id;
  backdate(deep, '2025-06-10T10:00:00.000Z');
  h.api.createAnnotation({ articleId: tides, kind: 'highlight', ...offsetsOf(h, tides, CALENDARS), color: 'blue' });
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view .row .title').first().waitFor();
});

afterAll(async () => {
  await h?.close();
});

describe('Highlights view filters', () => {
  const quotes = () => page.locator('st-highlights-view ol blockquote').allInnerTexts();
  const count = () => page.locator('st-highlights-view .count').innerText();

  test('by color', async () => {
    await go(page, '#/highlights');
    await expect.poll(count).toBe('3 annotations');
    await page.locator('st-highlights-view .filters').getByRole('button', { name: 'Evidence' }).click();
    await expect.poll(count).toBe('1 annotation');
    expect((await quotes()).join()).toContain('Barnacle');
    await page.locator('st-highlights-view .filters').getByRole('button', { name: 'All colors' }).click();
    await expect.poll(count).toBe('3 annotations');
  });

  test('by tag', async () => {
    await page.locator('st-highlights-view select[aria-label="Filter by tag"]').selectOption('margins');
    await expect.poll(count).toBe('1 annotation');
    expect((await quotes()).join()).toContain(MARGINS);
    await page.locator('st-highlights-view select[aria-label="Filter by tag"]').selectOption('');
    await expect.poll(count).toBe('3 annotations');
  });

  test('by date range, with a readable empty state when nothing matches', async () => {
    await page.locator('st-highlights-view input[aria-label="From date"]').fill('2025-01-01');
    await page.locator('st-highlights-view input[aria-label="To date"]').fill('2025-12-31');
    await expect.poll(count).toBe('1 annotation');
    expect((await quotes()).join()).toContain('Barnacle');
    await page.locator('st-highlights-view input[aria-label="From date"]').fill('2024-01-01');
    await page.locator('st-highlights-view input[aria-label="To date"]').fill('2024-01-31');
    await expect.poll(count).toBe('1 annotation');
    expect((await quotes()).join()).toContain(MARGINS);
    await page.locator('st-highlights-view input[aria-label="From date"]').fill('2023-01-01');
    await page.locator('st-highlights-view input[aria-label="To date"]').fill('2023-12-31');
    await expect.poll(count).toBe('0 annotations');
    expect(await page.locator('st-highlights-view .empty h2').innerText()).toBe('No annotations match');
    await page.locator('st-highlights-view input[aria-label="From date"]').fill('');
    await page.locator('st-highlights-view input[aria-label="To date"]').fill('');
    await expect.poll(count).toBe('3 annotations');
  });

  test('clicking a highlight deep in a long article opens the reader there and flashes it', async () => {
    await page.locator('st-highlights-view ol li').filter({ hasText: 'Barnacle' }).locator('blockquote').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/article/${long}?annotation=${deep}`);
    const flash = page.locator('st-reader .flash').first();
    await flash.waitFor({ state: 'attached' });
    expect(await page.locator('st-reader .flash-layer').getAttribute('data-text')).toBe(
      'the lighthouse keeper’s cat, Barnacle',
    );
    expect(await page.locator('st-reader .scroll').evaluate((el) => el.scrollTop)).toBeGreaterThan(2000);
    expect(await inReaderViewport(`mark.hl[data-ids~="${deep}"]`)).toBe(true);
  });
});

describe('reader on a long article', () => {
  test('a search hit far below the fold scrolls its passage into view', async () => {
    await go(page, '#/search?q=stove');
    const hit = page.locator('st-search-view a.hit').first();
    await hit.locator('mark').first().waitFor();
    await hit.click();
    await page.locator('st-reader .flash').first().waitFor({ state: 'attached' });
    expect(await page.locator('st-reader .flash-layer').getAttribute('data-text')).toBe('stove');
    expect(await page.locator('st-reader .scroll').evaluate((el) => el.scrollTop)).toBeGreaterThan(2000);
    expect(await inReaderViewport('.flash')).toBe(true);
    await dismissToasts(page);
  });

  test('the reading position is restored after a reload', async () => {
    await go(page, `#/article/${long}`);
    await page.locator('st-reader .content p').nth(100).waitFor();
    const scroller = page.locator('st-reader .scroll');
    await scroller.evaluate((el) => {
      el.scrollTop = Math.round((el.scrollHeight - el.clientHeight) * 0.55);
    });
    /** The first paragraph whose bottom is below the top of the reader: what a person is reading. */
    const topParagraph = () =>
      page.evaluate(() => {
        const reader = document.querySelector('st-app')!.shadowRoot!.querySelector('st-reader')!.shadowRoot!;
        const top = reader.querySelector('.scroll')!.getBoundingClientRect().top;
        const p = [...reader.querySelectorAll('.content p')].find((el) => el.getBoundingClientRect().bottom > top + 8);
        return p?.textContent?.slice(0, 4) ?? '';
      });
    const reading = await topParagraph();
    expect(reading).toMatch(/^\d+\. /);
    // saved at most once a second: wait until the archive has it, then reload
    await expect
      .poll(() => Math.round((h.api.getArticle({ id: long }).readingPosition?.percent ?? 0) * 100), { timeout: 5000 })
      .toBe(55);
    await page.reload();
    await page.locator('st-reader .content p').nth(100).waitFor();
    await expect.poll(topParagraph).toBe(reading);
    const percent = await page
      .locator('st-reader .progress')
      .evaluate((el) => parseFloat((el as HTMLElement).style.width));
    expect(percent).toBeGreaterThan(40);
    expect(percent).toBeLessThan(70);
  });
});
