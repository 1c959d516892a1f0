// The Import view in Chromium with a web archive: a picked .warc.gz becomes one report row per page, and the
// reader shows a page's image from the archive.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG, warc } from '../db/ingest/warc/build.js';
import { shot, startHarness, type Harness } from './harness.js';
import { dismissToasts, go } from './helpers.js';

let h: Harness;
let page: Page;
let files: string;

const SITE = 'https://estuary.example';
const body = (title: string, text: string, img = '') =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${text}</p>${img}</article></body></html>`;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-import-warc-'));
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

test('a picked .warc.gz imports each page, listed in the report, and its image shows offline', async () => {
  const file = path.join(files, 'estuary.warc.gz');
  fs.writeFileSync(
    file,
    await warc([
      {
        url: `${SITE}/saltmarsh`,
        date: '2024-08-01T09:00:00Z',
        contentType: 'text/html',
        body: body(
          'The Saltmarsh Survey',
          'The survey counted samphire, sea lavender and the redshank nests along the creek, and mapped the marsh edge as it moved inland year by year.',
          '<img src="/map.png" alt="Map of the marsh edge">',
        ),
      },
      { url: `${SITE}/map.png`, date: '2024-08-01T09:00:01Z', contentType: 'image/png', body: PNG },
      {
        url: `${SITE}/mudflats`,
        date: '2024-08-01T09:00:02Z',
        contentType: 'text/html',
        body: body(
          'Walking the Mudflats',
          'At low water the flats open for two hours; the guides walk them with a pole and a watch, and never after the turn of the tide.',
        ),
      },
    ]),
  );
  await go(page, '#/import');
  await page.locator('st-import-view input#files').setInputFiles(file);
  const summary = page.locator('st-import-view .summary');
  await summary.filter({ hasText: '2 imported' }).waitFor({ timeout: 30_000 });
  const rows = await page.locator('st-import-view ul[aria-label="Imported files"] li').allInnerTexts();
  expect(rows).toHaveLength(2);
  expect(rows.join('\n')).toContain('The Saltmarsh Survey');
  expect(rows.join('\n')).toContain('Walking the Mudflats');
  await dismissToasts(page);
  await shot(page, 'import-warc-report');

  await page.locator('st-import-view a', { hasText: 'The Saltmarsh Survey' }).click();
  const img = page.locator('st-reader img[alt="Map of the marsh edge"]');
  await img.waitFor({ timeout: 20_000 });
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
  const article = h.api.listArticles({}).items.find((a) => a.title === 'The Saltmarsh Survey')!;
  expect(h.api.getArticle({ id: article.id }).captures[0]).toMatchObject({
    importer: 'warc',
    mediaType: 'application/warc',
    capturedAt: '2024-08-01T09:00:00.000Z',
  });
});
