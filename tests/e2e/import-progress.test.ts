// The Import view in Chromium with one large export file: progress counts its entries, Cancel stops inside the file, a re-run adds the rest.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { bigBookmarks } from '../db/ingest/exports/fixtures.js';
import { shot, openAppWithFiles, type AppWithFiles } from './harness.js';
import { axeViolations, go } from './helpers.js';

const N = 20_000;
let h: AppWithFiles;
let page: Page;
let files: string;

beforeAll(async () => {
  h = await openAppWithFiles('stacks-import-progress-');
  ({ page, files } = h);
});

afterAll(async () => {
  await h?.close();
});

test('a 20,000-link bookmark file shows its entries counting up, cancels part-way, and a second import adds only the rest', async () => {
  const bookmarks = path.join(files, 'bookmarks.html');
  fs.writeFileSync(bookmarks, bigBookmarks(N));
  await go(page, '#/import');
  const view = page.locator('st-import-view');
  await view.locator('input#files').setInputFiles([bookmarks]);

  // The one file's entries, not "1 of 1" files, are what moves.
  const items = view.locator('section[aria-label="Import progress"] .items');
  await expect
    .poll(async () => ((await items.count()) ? await items.innerText() : ''), { timeout: 60_000 })
    .toMatch(/[1-9][\d,]* of 20,000 items/);
  await view.getByRole('button', { name: 'Cancel' }).click({ timeout: 30_000 });
  await view.locator('#report-title', { hasText: 'Import cancelled' }).waitFor({ timeout: 120_000 });
  const kept = h.api.archive.db.prepare('SELECT count(*) FROM article').pluck().get() as number;
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(N);
  expect(await view.locator('.cancelled-note').innerText()).toMatch(
    /Cancelled part-way through the file: what was stored is kept/,
  );
  await expect.poll(() => view.locator('.summary').innerText()).toContain(`${kept} imported`);
  await shot(page, 'import-progress-cancelled');
  expect(await axeViolations(page)).toEqual([]);

  await view.locator('input#files').setInputFiles([bookmarks]);
  await view.locator('#report-title', { hasText: 'Import report' }).waitFor({ timeout: 120_000 });
  await expect.poll(() => view.locator('.summary').innerText()).toContain(`${N - kept} imported`);
  expect(h.api.archive.db.prepare('SELECT count(*) FROM article').pluck().get()).toBe(N);
}, 240_000);
