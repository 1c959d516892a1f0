// Capture in Chromium against a local site: robots.txt honoured unless the user ticks the option (Add URL) or asks
// again (the library's link capture); the library's "Capture all" stops when the user leaves the library.
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

const slow = (n: number) => ({
  ...articlePage(
    `Slow Tide ${n}`,
    `<p>Tide table ${n}: the harbour master chalked the times on the slate by the steps, every morning before six.</p>`,
  ),
  delayMs: 1500,
});

beforeAll(async () => {
  site = await startLocalSite({
    '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' },
    '/private/ledger': articlePage(
      'The Keeper’s Ledger',
      '<p>The keeper’s ledger lists every ship that passed the light between 1890 and 1931, with its flag and cargo.</p>',
    ),
    '/private/harbour': articlePage(
      'Harbour Dues',
      '<p>Harbour dues were paid in coin at the customs hut, and the receipts were pinned to the wall by the door.</p>',
    ),
    '/slow1': slow(1),
    '/slow2': slow(2),
    '/slow3': slow(3),
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

test('Add URL: a page robots.txt forbids is refused by default and captured with "Ignore the site’s robots.txt"', async () => {
  await go(page, '#/import');
  const box = page.locator('st-capture-box');
  const robots = box.locator('#ignore-robots');
  expect(await robots.isChecked()).toBe(false);
  await box.locator('textarea').fill(`${base}/private/ledger`);
  await box.locator('button[type=submit]').click();
  const rows = box.locator('ul[aria-label="Captured addresses"] li');
  await rows.first().waitFor({ timeout: 20_000 });
  expect(await rows.first().innerText()).toMatch(/Failed: .*\/private\/ledger[\s\S]*robots\.txt does not allow it/);
  expect(h.api.listArticles({}).total).toBe(0);
  expect(site.requests).not.toContain('/private/ledger');

  await robots.check();
  await box.locator('button[type=submit]').click();
  await box
    .locator('ul[aria-label="Captured addresses"] li a', { hasText: 'The Keeper’s Ledger' })
    .waitFor({ timeout: 20_000 });
  expect(site.requests).toContain('/private/ledger');
  const [article] = h.api.listArticles({}).items;
  expect(article!.title).toBe('The Keeper’s Ledger');
  expect(h.api.getArticle({ id: article!.id }).text).toContain('with its flag and cargo');
  await shot(page, 'capture-ignore-robots');
  expect(await axeViolations(page)).toEqual([]);
});

test('library capture: a link robots.txt forbids fails with the reason, then is captured when asked to ignore it', async () => {
  const pocket = `<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>Unread</h1><ul>
<li><a href="${base}/private/harbour" time_added="1577880000" tags="">Harbour (saved)</a></li>
</ul></body></html>`;
  await h.api.importPaths({ paths: [writeFile(h.dir, 'ril_export.html', pocket)] });
  await go(page, '#/import');
  await go(page, '#/library');
  await page.locator('st-library-view button.capture-all').click();
  const run = page.locator('st-link-capture');
  await run.locator('[role=status]', { hasText: 'captured,' }).waitFor({ timeout: 30_000 });
  expect(await run.locator('[role=status]').innerText()).toBe('0 captured, 1 failed.');
  expect(await run.locator('li.failed').innerText()).toContain('robots.txt does not allow it');
  expect(site.requests).not.toContain('/private/harbour');

  await run.locator('button.retry-robots', { hasText: 'Capture 1 anyway, ignoring robots.txt' }).click();
  await run.locator('[role=status]', { hasText: '1 captured, 0 failed.' }).waitFor({ timeout: 30_000 });
  expect(await run.locator('li').allInnerTexts()).toEqual(['Harbour Dues']);
  expect(await run.locator('button.retry-robots').count()).toBe(0);
  expect(h.api.listArticles({ filter: { linkOnly: true } }).total).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await run.locator('button', { hasText: 'Close' }).click();
});

test('"Capture all" stops when the user leaves the library: the page in flight is kept, the rest not fetched', async () => {
  const pocket = `<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>Unread</h1><ul>
${[1, 2, 3].map((n) => `<li><a href="${base}/slow${n}" time_added="${1577880010 + n}" tags="">Slow ${n} (saved)</a></li>`).join('\n')}
</ul></body></html>`;
  await h.api.importPaths({ paths: [writeFile(h.dir, 'ril_export_slow.html', pocket)] });
  expect(h.api.listArticles({ filter: { linkOnly: true } }).total).toBe(3);
  // Imported behind the app's back: the library is opened afresh to count them.
  await go(page, '#/import');
  await go(page, '#/library');
  const all = page.locator('st-library-view button.capture-all');
  await expect.poll(() => all.innerText(), { timeout: 20_000 }).toContain('(3)');
  await all.click();
  await page.locator('st-link-capture [role=status]', { hasText: `Fetching ${base}/slow1` }).waitFor();
  await go(page, '#/import');
  await page.locator('st-capture-box').waitFor();
  // The page in flight when the library was left is finished and stored (nothing is half-stored)...
  await expect.poll(() => h.api.listArticles({ filter: { linkOnly: true } }).total, { timeout: 20_000 }).toBe(2);
  // ...and nothing more is fetched: the per-host pause is 1 s, so a run still going would have asked for slow2 by now.
  await new Promise((r) => setTimeout(r, 4000));
  expect(site.requests.filter((p) => p.startsWith('/slow'))).toEqual(['/slow1']);
  expect(
    h.api
      .listArticles({ filter: { linkOnly: true } })
      .items.map((a) => a.title)
      .sort(),
  ).toEqual(['Slow 2 (saved)', 'Slow 3 (saved)']);
  // Back in the library, the two left are offered again.
  await go(page, '#/library');
  await expect.poll(() => all.innerText(), { timeout: 20_000 }).toContain('(2)');
  expect(await page.locator('st-link-capture').count()).toBe(0);
});
