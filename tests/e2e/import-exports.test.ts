// The Import view in Chromium with read-it-later exports: Pocket links listed as "not captured yet" (the reader says so
// with the URL), and a Wallabag article whose imported highlight shows in the reader.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { POCKET_HTML, wallabagJson } from '../db/ingest/exports/fixtures.js';
import { shot, openAppWithFiles, type AppWithFiles } from './harness.js';
import { axeViolations, dismissToasts, go } from './helpers.js';

let h: AppWithFiles;
let page: Page;
let files: string;

beforeAll(async () => {
  h = await openAppWithFiles('stacks-import-exports-');
  ({ page, files } = h);
});

afterAll(async () => {
  await h?.close();
});

test('picked Pocket and Wallabag exports: link-only rows badged, the reader says "not captured yet", a Wallabag highlight shows', async () => {
  const pocket = path.join(files, 'ril_export.html');
  const wallabag = path.join(files, 'wallabag-export.json');
  fs.writeFileSync(pocket, POCKET_HTML);
  fs.writeFileSync(wallabag, wallabagJson());
  await go(page, '#/import');
  await page.locator('st-import-view input#files').setInputFiles([pocket, wallabag]);
  const summary = page.locator('st-import-view .summary');
  await summary.filter({ hasText: '5 imported' }).waitFor({ timeout: 60_000 });
  const rows = (await page.locator('st-import-view ul[aria-label="Imported files"] li').allInnerTexts()).join('\n');
  expect(rows).toContain('The lighthouse keeper');
  expect(rows).toContain('The harbour ledger');
  expect(rows).toMatch(/not a web address/);
  await dismissToasts(page);

  await go(page, '#/library');
  const keeperRow = page.locator('st-library-view [role="row"]', { hasText: 'The lighthouse keeper' });
  await keeperRow.waitFor();
  await expect.poll(() => keeperRow.locator('.not-captured').innerText()).toBe('Not captured yet');
  const ledgerRow = page.locator('st-library-view [role="row"]', { hasText: 'The harbour ledger' });
  expect(await ledgerRow.locator('.not-captured').count()).toBe(0);
  // "Fetched nothing" had no content in Wallabag: a link like Pocket's.
  expect(
    await page.locator('st-library-view [role="row"]', { hasText: 'Fetched nothing' }).locator('.not-captured').count(),
  ).toBe(1);
  await shot(page, 'import-exports-library');
  expect(await axeViolations(page)).toEqual([]);

  await keeperRow.locator('a.title').click();
  const notice = page.locator('st-reader section.not-captured');
  await notice.waitFor({ timeout: 20_000 });
  expect(await notice.innerText()).toContain('Not captured yet');
  expect(await notice.locator('.not-captured-url').innerText()).toBe(
    'https://example.com/lighthouse?utm_source=pocket_mylist',
  );
  await shot(page, 'import-exports-not-captured');
  expect(await axeViolations(page)).toEqual([]);

  const ledger = h.api.listArticles({}).items.find((a) => a.title === 'The harbour ledger')!;
  await go(page, `#/article/${ledger.id}`);
  const mark = page.locator('st-reader mark.hl', { hasText: 'kept a ledger of every ship' });
  await mark.waitFor({ timeout: 20_000 });
  expect(await page.locator('st-reader section.not-captured').count()).toBe(0);
  await shot(page, 'import-exports-wallabag-highlight');
});
