// "Capture now" on a link-only article in Chromium: a Pocket link to a local page captured from the reader's notice.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { writeFile } from '../helpers/archive.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, go } from './helpers.js';
import { articlePage, startLocalSite, type LocalSite } from './local-site.js';

let h: Harness;
let page: Page;
let site: LocalSite;
let base: string;

beforeAll(async () => {
  site = await startLocalSite({
    '/breakwater': articlePage(
      'The Breakwater',
      '<p>Every winter the sea took a few stones from the breakwater, and every spring the town carted them back.</p>',
    ),
    '/pier': articlePage(
      'The Pier Lamps',
      '<p>The pier lamps were lit by hand until 1958, one lamplighter walking the length of the pier at dusk.</p>',
    ),
  });
  base = site.base;
  h = await startHarness();
  page = h.page;
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
  site?.close();
});

test('a Pocket link captured from the reader: the page text shows and the "not captured yet" badge goes', async () => {
  const pocket = `<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>Unread</h1><ul>
<li><a href="${base}/breakwater" time_added="1577880000" tags="sea">Breakwater (saved)</a></li>
<li><a href="${base}/gone" time_added="1577880001" tags="">A gone page</a></li>
</ul></body></html>`;
  const report = await h.api.importPaths({ paths: [writeFile(h.dir, 'ril_export.html', pocket)] });
  expect(report.imported).toBe(2);
  const byTitle = (t: string) => h.api.listArticles({}).items.find((a) => a.title === t)!;
  const saved = byTitle('Breakwater (saved)');
  expect(saved.linkOnly).toBe(true);

  // Search finds it by its title and marks it as the library does.
  await go(page, '#/search?q=Breakwater');
  const hit = page.locator('st-search-view a.hit', { hasText: 'Breakwater (saved)' });
  await hit.waitFor({ timeout: 20_000 });
  expect(await hit.locator('.not-captured').innerText()).toBe('Not captured yet');

  // Before: only the notice, no page text, no highlights.
  await go(page, `#/article/${saved.id}`);
  const notice = page.locator('st-reader section.not-captured');
  await notice.waitFor({ timeout: 20_000 });
  expect(await page.locator('st-reader mark.hl').count()).toBe(0);
  expect(await page.locator('st-reader').innerText()).not.toContain('carted them back');
  expect(await axeViolations(page)).toEqual([]);

  await notice.locator('button.capture-now').click();
  const text = page.locator('st-reader', { hasText: 'the town carted them back' });
  await text.waitFor({ timeout: 30_000 });
  expect(await page.locator('st-reader section.not-captured').count()).toBe(0);
  await shot(page, 'capture-link-only-captured');
  // The same article (its tag kept), now a real capture.
  const after = h.api.getArticle({ id: saved.id });
  expect(after.linkOnly).toBeUndefined();
  expect(after.title).toBe('The Breakwater');
  expect(after.tags).toEqual(['sea']);
  expect(after.captures).toHaveLength(2);

  await go(page, '#/library');
  const row = page.locator('st-library-view [role="row"]', { hasText: 'The Breakwater' });
  await row.waitFor();
  expect(await row.locator('.not-captured').count()).toBe(0);

  // A page the server no longer has: the notice stays and says why.
  const gone = byTitle('A gone page');
  await go(page, `#/article/${gone.id}`);
  await page.locator('st-reader button.capture-now').click();
  const error = page.locator('st-reader .capture-error');
  await error.waitFor({ timeout: 30_000 });
  expect(await error.innerText()).toContain('HTTP 404');
  expect(h.api.getArticle({ id: gone.id }).linkOnly).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
});

test('the library captures every article not captured yet, with progress and a per-address report', async () => {
  const pocket = `<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>Unread</h1><ul>
<li><a href="${base}/pier" time_added="1577880002" tags="">Pier (saved)</a></li>
</ul></body></html>`;
  await h.api.importPaths({ paths: [writeFile(h.dir, 'ril_export_2.html', pocket)] });
  // "A gone page" from the test before is still a link only: two wait.
  expect(h.api.listArticles({ filter: { linkOnly: true } }).total).toBe(2);
  await go(page, '#/library');
  const all = page.locator('st-library-view button.capture-all');
  await all.waitFor({ timeout: 20_000 });
  expect(await all.innerText()).toContain('(2)');
  await all.click();
  const run = page.locator('st-link-capture');
  await run.locator('[role=status]', { hasText: 'captured,' }).waitFor({ timeout: 30_000 });
  expect(await run.locator('[role=status]').innerText()).toBe('1 captured, 1 failed.');
  const rows = await run.locator('ul[aria-label="Captured addresses"] li').allInnerTexts();
  expect(rows.join('\n')).toContain('The Pier Lamps');
  expect(rows.join('\n')).toMatch(/Failed: .*\/gone: .*HTTP 404/);
  await shot(page, 'capture-link-only-library');
  expect(await axeViolations(page)).toEqual([]);
  const pier = page.locator('st-library-view [role="row"]', { hasText: 'The Pier Lamps' });
  await pier.waitFor();
  expect(await pier.locator('.not-captured').count()).toBe(0);
  expect(h.api.listArticles({ filter: { linkOnly: true } }).items.map((a) => a.title)).toEqual(['A gone page']);
  // Closed, the toolbar offers the one left.
  await run.locator('button', { hasText: 'Close' }).click();
  await expect.poll(() => all.innerText()).toContain('(1)');
});
