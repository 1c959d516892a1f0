// The Import view in Chromium with a Safari .webarchive: the picker takes it, the report lists the page, and the
// reader shows its image from the archive; a broken one is reported with its reason.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG } from '../db/ingest/warc/build.js';
import { webarchive } from '../db/ingest/webarchive/build.js';
import { shot, openAppWithFiles, type AppWithFiles } from './harness.js';
import { axeViolations, dismissToasts, go } from './helpers.js';

let h: AppWithFiles;
let page: Page;
let files: string;

beforeAll(async () => {
  h = await openAppWithFiles('stacks-import-webarchive-');
  ({ page, files } = h);
});

afterAll(async () => {
  await h?.close();
});

test('a picked .webarchive imports its page with its image shown offline; a cut-short one is refused with its reason', async () => {
  const good = path.join(files, 'Lagune.webarchive');
  fs.writeFileSync(
    good,
    webarchive({
      main: {
        url: 'https://lagune.example/carnet',
        mimeType: 'text/html',
        textEncoding: 'UTF-8',
        data:
          '<html><head><title>Carnet de la lagune</title></head><body><article><h1>Carnet de la lagune</h1>' +
          '<p>Les sauniers ouvrent les vannes à marée haute et laissent l’eau se reposer dans les œillets jusqu’à la récolte du sel.</p>' +
          '<img src="/carte.png" alt="Carte des œillets"></article></body></html>',
      },
      subresources: [{ url: 'https://lagune.example/carte.png', mimeType: 'image/png', data: PNG }],
    }),
  );
  const cut = path.join(files, 'Coupé.webarchive');
  fs.writeFileSync(cut, fs.readFileSync(good).subarray(0, 200));
  await go(page, '#/import');
  expect(await page.locator('st-import-view input#files').getAttribute('accept')).toContain('.webarchive');
  await page.locator('st-import-view input#files').setInputFiles([good, cut]);
  const summary = page.locator('st-import-view .summary');
  await summary.filter({ hasText: '1 imported' }).waitFor({ timeout: 30_000 });
  const report = (await page.locator('st-import-view ul[aria-label="Imported files"] li').allInnerTexts()).join('\n');
  expect(report).toContain('Carnet de la lagune');
  expect(report).toMatch(/Coupé\.webarchive cannot be read as a Safari web archive: it is (cut short|damaged)/);
  await dismissToasts(page);
  await shot(page, 'import-webarchive-report');
  expect(await axeViolations(page)).toEqual([]);

  await page.locator('st-import-view a', { hasText: 'Carnet de la lagune' }).click();
  const img = page.locator('st-reader img[alt="Carte des œillets"]');
  await img.waitFor({ timeout: 20_000 });
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
  expect(await img.getAttribute('src')).toMatch(/\/asset\/[0-9a-f]{64}/);
  const article = h.api.listArticles({}).items.find((a) => a.title === 'Carnet de la lagune')!;
  expect(h.api.getArticle({ id: article.id }).captures[0]).toMatchObject({
    importer: 'webarchive',
    mediaType: 'application/x-webarchive',
    sourceUrl: 'https://lagune.example/carnet',
  });
});
