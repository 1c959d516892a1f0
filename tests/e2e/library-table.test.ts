// The library's compact table: about 30 rows a 1440x900 screen, columns sorted by clicking (or Enter on) their
// headers with aria-sort, the layout and sort kept across a reload, select all (Ctrl+A and the header checkbox)
// driving the bulk actions, screenshots at 1440 and 1024 px and axe.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, focused } from './helpers.js';
import { articleHtml, importHtml } from './corpus.js';

const N = 60;
const SITES = ['Tide Log', 'amber post', 'Marsh Review', 'Ferry Times', 'Coast Weekly'];
const AUTHORS = ['Nell Quay', 'ida Burke', 'Oscar Vale', null];
let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  for (let i = 0; i < N; i++) {
    const author = AUTHORS[i % AUTHORS.length];
    const html = articleHtml({
      title: `Harbour note ${String(i).padStart(2, '0')}`,
      site: SITES[i % SITES.length]!,
      published: `20${String(10 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      paragraphs: [`Note ${i}: the pilot boat left at dawn and the channel buoys were counted again after the gale.`],
    }).replace('</head>', author ? `<meta name="author" content="${author}"></head>` : '</head>');
    await importHtml(h, `note-${i}.html`, html);
  }
  h.api.tagArticles({ ids: [1 as never, 2 as never], tags: ['pilots'] });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view .row .title').first().waitFor();
}, 240_000);

afterAll(async () => {
  await h?.close();
});

const column = (cls: string) => page.locator(`st-library-view .trow[aria-selected] .${cls}`).allInnerTexts();
const header = (name: string) => page.locator('st-library-view [role="columnheader"]', { hasText: name });

/** Rows wholly inside the scroller's visible box. */
function rowsOnScreen(): Promise<number> {
  return page.evaluate(() => {
    const view = document.querySelector('st-app')!.shadowRoot!.querySelector('st-library-view')!.shadowRoot!;
    const box = view.querySelector('.scroller')!.getBoundingClientRect();
    return [...view.querySelectorAll('.trow[aria-selected]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= box.top && b.bottom <= box.bottom;
    }).length;
  });
}

test('the table shows about 30 rows at 1440x900 with every column, and stays the layout after a reload', async () => {
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  await page.locator('st-library-view .thead').waitFor();
  expect(await page.getByRole('button', { name: 'Table', exact: true }).getAttribute('aria-pressed')).toBe('true');
  const heads = await page.locator('st-library-view [role="columnheader"]').allInnerTexts();
  expect(heads.map((t) => t.replace(/[↑↓]/g, '').trim()).filter(Boolean)).toEqual([
    'Title',
    'Site',
    'Author',
    'Published',
    'Added',
    'Tags',
    'State',
  ]);
  const onScreen = await rowsOnScreen();
  expect(onScreen).toBeGreaterThanOrEqual(27);
  expect(onScreen).toBeLessThanOrEqual(34);
  // still windowed: far fewer rows in the DOM than articles
  expect(await page.locator('st-library-view .trow[aria-selected]').count()).toBeLessThan(N);
  const first = page.locator('st-library-view .trow[aria-selected]').first();
  expect(await first.locator('.state').innerText()).toBe('Unread');
  await page.reload();
  await page.locator('st-library-view .thead').waitFor();
  expect(await page.getByRole('button', { name: 'Cards', exact: true }).getAttribute('aria-pressed')).toBe('false');
});

test('clicking a column header sorts by it, again reverses it; Enter on a header does the same', async () => {
  expect(await header('Added').getAttribute('aria-sort')).toBe('descending');
  await header('Site').getByRole('button').click();
  await expect.poll(() => header('Site').getAttribute('aria-sort')).toBe('ascending');
  expect(await header('Added').getAttribute('aria-sort')).toBe('none');
  await expect.poll(async () => (await column('site'))[0]).toBe('amber post');
  const sites = await column('site');
  expect(sites).toEqual([...sites].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  await header('Site').getByRole('button').click();
  await expect.poll(() => header('Site').getAttribute('aria-sort')).toBe('descending');
  await expect.poll(async () => (await column('site'))[0]).toBe('Tide Log');

  // the keyboard: Tab to the Author header's button, Enter
  await header('Author').getByRole('button').focus();
  expect(await focused(page)).toContain('Author');
  await page.keyboard.press('Enter');
  await expect.poll(() => header('Author').getAttribute('aria-sort')).toBe('ascending');
  await expect.poll(async () => (await column('author'))[0]).toBe('ida Burke');
  // articles without an author come after the rest
  await page.locator('st-library-view .scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect.poll(async () => (await column('author')).at(-1)).toBe('');
  expect(page.url()).toMatch(/sort=author/);
  await page.reload();
  await page.locator('st-library-view .thead').waitFor();
  expect(await header('Author').getAttribute('aria-sort')).toBe('ascending');
});

test('Ctrl+A selects every article, not only the rows drawn; the bulk action marks them all read', async () => {
  await page.locator('st-library-view .scroller').focus();
  await page.keyboard.press('Control+a');
  const bulk = page.locator('st-library-view .bulk strong');
  await expect.poll(() => bulk.innerText()).toBe(`${N} articles selected`);
  const all = page.getByRole('checkbox', { name: `Select all ${N} articles` });
  expect(await all.isChecked()).toBe(true);
  await dismissToasts(page);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await shot(page, `library-table-selected-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
  await page.locator('st-library-view .bulk').getByRole('button', { name: 'Mark read' }).click();
  await expect.poll(() => bulk.count()).toBe(0);
  await expect.poll(async () => [...new Set(await column('state'))]).toEqual(['Read']);
  expect(h.api.listArticles({ filter: { state: 'unread' } }).total).toBe(0);

  // the header checkbox: all, then none; Esc clears too
  await all.click();
  await expect.poll(() => bulk.innerText()).toBe(`${N} articles selected`);
  await all.click();
  await expect.poll(() => bulk.count()).toBe(0);
  await page.locator('st-library-view .trow[aria-selected] input[type="checkbox"]').nth(1).click();
  await expect.poll(() => bulk.innerText()).toBe('1 article selected');
  expect(await all.isChecked()).toBe(false);
  expect(await all.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => bulk.count()).toBe(0);
});

test('the cards come back with the same sort, and the table is axe-clean in its plain state', async () => {
  await dismissToasts(page);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await shot(page, `library-table-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
  await page.getByRole('button', { name: 'Cards', exact: true }).click();
  await expect.poll(() => page.locator('st-library-view .thead').count()).toBe(0);
  expect(await page.locator('st-library-view .row:not(.trow)').count()).toBeGreaterThan(5);
  expect(await page.locator('st-library-view select[aria-label="Sort by"]').inputValue()).toBe('author');
});
