// The Import view's "Add URL" box in Chromium: a page on a local server captured with its image, a 404 reported.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG } from '../db/ingest/warc/build.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, go } from './helpers.js';
import { articlePage, startLocalSite, type LocalSite } from './local-site.js';

let h: Harness;
let page: Page;
let site: LocalSite;
let base: string;

beforeAll(async () => {
  site = await startLocalSite({
    '/gauge.png': { type: 'image/png', body: PNG },
    '/quay': articlePage(
      'The Old Quay',
      '<p>Rebuilt in 1902 after the great storm, the quay still carries the original gauge well and its brass plate.</p>' +
        '<img src="/gauge.png" alt="the gauge well">',
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

test('Add URL captures a page with its image and reports a missing one', async () => {
  await go(page, '#/import');
  await page.locator('st-capture-box textarea').fill(`${base}/quay\n${base}/nowhere`);
  await page.locator('st-capture-box button[type=submit]').click();
  const list = page.locator('st-capture-box ul[aria-label="Captured addresses"]');
  await list.locator('li').nth(1).waitFor({ timeout: 20_000 });
  const rows = await list.locator('li').allInnerTexts();
  expect(rows[0]).toContain('The Old Quay');
  expect(rows[1]).toMatch(/Failed: .*\/nowhere/);
  expect(rows[1]).toContain('HTTP 404');
  await shot(page, 'capture-url');
  expect(await axeViolations(page)).toEqual([]);
  // The captured article opens in the reader with its image served from the archive, not from the site.
  await list.locator('a', { hasText: 'The Old Quay' }).click();
  const img = page.locator('st-reader img[alt="the gauge well"]');
  await img.waitFor();
  expect(await img.getAttribute('src')).toMatch(/\/asset\/[0-9a-f]{64}/);
  const article = h.api.listArticles({}).items[0]!;
  expect(h.api.getArticle({ id: article.id }).sourceUrl).toBe(`${base}/quay`);

  // In the article's details, "Capture again" fetches its address once more, as a new version.
  const reader = page.locator('st-reader');
  if (!(await reader.getByRole('tab', { name: /Details/ }).count()))
    await reader.getByRole('button', { name: 'Side panel' }).click();
  await reader.getByRole('tab', { name: /Details/ }).click();
  await page.locator('st-metadata-panel button', { hasText: 'Capture again from the web' }).click();
  await page
    .locator('st-metadata-panel [role=status]', { hasText: 'Captured as a new version.' })
    .waitFor({ timeout: 20_000 });
  expect(h.api.getArticle({ id: article.id }).captures).toHaveLength(2);
});
