// The Import view in Chromium: a folder with a broken file gets a per-file report; a long import shows counts and
// an ETA and can be cancelled, keeping what was already imported.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { shot, openAppWithFiles, type AppWithFiles } from './harness.js';
import { axeViolations, dismissToasts, go } from './helpers.js';

let h: AppWithFiles;
let page: Page;
let files: string;

beforeAll(async () => {
  h = await openAppWithFiles('stacks-import-');
  ({ page, files } = h);
});

afterAll(async () => {
  await h?.close();
});

test('a folder with one empty file: the rest is imported and the report names the failure and why', async () => {
  const folder = path.join(files, 'field-notes');
  fs.mkdirSync(path.join(folder, 'june'), { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'gauge-log.txt'),
    'Gauge log, Aldmouth\n\nThe float stuck twice during the night shift.',
  );
  fs.writeFileSync(
    path.join(folder, 'june', 'storm.md'),
    '# Storm of June\n\nThe surge reached the second step of the quay.',
  );
  fs.writeFileSync(
    path.join(folder, 'june', 'quay.html'),
    '<!doctype html><title>The old quay</title><article><h1>The old quay</h1><p>Rebuilt in 1902 after the great storm, the quay still carries the original gauge well.</p></article>',
  );
  fs.writeFileSync(path.join(folder, 'empty.txt'), '');
  await go(page, '#/import');
  await page.locator('st-import-view input#folder').setInputFiles(folder);
  const summary = page.locator('st-import-view .summary');
  await summary.filter({ hasText: '3 imported' }).waitFor({ timeout: 20_000 });
  expect(await summary.innerText()).toContain('1 failed');
  const rows = page.locator('st-import-view ul[aria-label="Imported files"] li');
  expect(await rows.count()).toBe(4);
  // failures come first: they are what needs attention
  const failed = await rows.first().innerText();
  expect(failed).toContain('empty.txt');
  expect(failed).toMatch(/empty \(0 bytes\)/);
  const all = await rows.allInnerTexts();
  expect(all.join('\n')).toContain('The old quay');
  expect(all.join('\n')).toContain('field-notes/june/storm.md');
  expect(h.api.listArticles({}).total).toBe(3);
  await dismissToasts(page);
  await shot(page, 'import-report');
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
});

test('a long import shows counts and an ETA, and Cancel stops it and says so', async () => {
  const batch = path.join(files, 'batch');
  fs.mkdirSync(batch);
  const paths: string[] = [];
  for (let i = 0; i < 40; i++) {
    const file = path.join(batch, `clip-${String(i).padStart(2, '0')}.txt`);
    fs.writeFileSync(
      file,
      `Clipping ${i}\n\nHigh water at ${(i % 12) + 1} o'clock, ${(i * 13) % 90} centimetres above the datum.`,
    );
    paths.push(file);
  }
  const before = h.api.listArticles({}).total;
  // a slower transport, so there is time to read the progress and press Cancel as a person would
  await page.route('**/api/importFile', async (route) => {
    await new Promise((r) => setTimeout(r, 120));
    await route.continue();
  });
  await page.locator('st-import-view input#files').setInputFiles(paths);
  const progress = page.locator('st-import-view section[aria-label="Import progress"]');
  await progress.waitFor();
  await expect.poll(() => progress.locator('.progress-head').innerText()).toMatch(/Importing \d+ of 40/);
  await expect.poll(() => progress.locator('.progress-head').innerText()).toMatch(/left|almost done/);
  expect(await progress.locator('progress').getAttribute('max')).toBe('40');
  await dismissToasts(page);
  await shot(page, 'import-progress');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  const title = page.locator('st-import-view #report-title');
  await expect.poll(() => title.innerText()).toBe('Import cancelled');
  await progress.waitFor({ state: 'detached' });
  await page.unroute('**/api/importFile');
  const imported = h.api.listArticles({}).total - before;
  expect(imported).toBeGreaterThan(0);
  expect(imported).toBeLessThan(40);
  const summary = await page.locator('st-import-view .summary').innerText();
  expect(summary).toContain(`${imported} imported`);
  expect(await page.locator('st-import-view .card').last().innerText()).toContain(
    `${40 - imported} files were not imported`,
  );
});
