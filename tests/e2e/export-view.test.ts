// The app's Export view in Chromium against `stacks serve`: selected articles as WACZ, a collection as a BagIt ZIP.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validateBag } from '../helpers/bagit-validator.js';
import { seedExportArticles, type SeededArticles } from '../db/export/fixture.js';
import { readZip } from '../db/export/zip-read.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, go } from './helpers.js';

let h: Harness;
let page: Page;
let seeded: SeededArticles;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  seeded = await seedExportArticles(h.api, h.dir);
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view .row').first().waitFor();
});
afterAll(async () => {
  await h?.close();
});

async function downloadFile(name: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('st-export-view a.btn.primary').filter({ hasText: 'Download' }).click(),
  ]);
  const file = path.join(h.dir, name);
  await download.saveAs(file);
  return file;
}

describe('Export view', () => {
  test('exports the articles selected in the library as a WACZ, with progress, then downloads it', async () => {
    const rows = page.locator('st-library-view .row');
    const titles = await rows.locator('.title').allInnerTexts();
    const boxes = page.locator('st-library-view .row input[type=checkbox]');
    await boxes.nth(titles.indexOf('The Last Lighthouse Keepers')).click();
    await boxes.nth(titles.indexOf('Tidal energy')).click();
    await page.locator('st-library-view .bulk').getByRole('link', { name: 'Export…' }).click();
    const view = page.locator('st-export-view');
    await expect.poll(() => view.getByLabel('The 2 selected articles').isChecked()).toBe(true);
    await expect(view.getByLabel('WACZ web archive').isChecked()).resolves.toBe(true);
    await view.getByRole('button', { name: 'Export' }).click();
    await view.getByRole('status').filter({ hasText: 'Ready: 2 articles' }).waitFor({ timeout: 30_000 });
    await dismissToasts(page);
    await shot(page, 'export-ready');
    const v = await axeViolations(page);
    expect(v, v.join('\n')).toEqual([]);
    const file = await downloadFile('selected.wacz');
    const zip = await readZip(file);
    const pages = zip.get('pages/pages.jsonl')!.data.toString('utf8').trim().split('\n');
    expect(pages).toHaveLength(3); // header + 2 articles
    expect(pages.join('\n')).toContain('The Last Lighthouse Keepers');
    expect(pages.join('\n')).toContain('Tidal energy');
  });

  test('exports a collection as a BagIt ZIP holding a valid bag with the Source-Organization given', async () => {
    await go(page, '#/export');
    const view = page.locator('st-export-view');
    await view.getByLabel('A collection').check();
    await view.getByLabel('Collection', { exact: true }).selectOption('Coast');
    await view.getByLabel('BagIt bag (ZIP)').check();
    await view.getByLabel('Source-Organization').fill('Harbour Library');
    await view.getByRole('button', { name: 'Export' }).click();
    await view.getByRole('status').filter({ hasText: 'Ready: 2 articles' }).waitFor({ timeout: 30_000 });
    const file = await downloadFile('coast-bag.zip');
    const out = path.join(h.dir, 'unzipped');
    for (const [name, e] of await readZip(file)) {
      const target = path.join(out, ...name.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, e.data);
    }
    const [bag] = fs.readdirSync(out);
    const report = validateBag(path.join(out, bag!));
    expect(report.problems).toEqual([]);
    expect(report.info).toContainEqual(['Source-Organization', 'Harbour Library']);
    expect(fs.readdirSync(path.join(out, bag!, 'data')).sort()).toEqual(
      [
        expect.stringMatching(new RegExp(`^${seeded.page}-`)),
        expect.stringMatching(new RegExp(`^${seeded.clip}-`)),
      ].sort(),
    );
  });
});
