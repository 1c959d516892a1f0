// The app's Backups view in Chromium against `stacks serve`: back up now (listed with time, size and place), keep N and automatic backups persisting.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts } from './helpers.js';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view').waitFor();
});
afterAll(async () => {
  await h?.close();
});

describe('Backups view', () => {
  test('is reached from the sidebar; "Back up now" lists the new backup with its time, size and file', async () => {
    await page.locator('st-sidebar').getByRole('link', { name: 'Backups' }).click();
    const view = page.locator('st-backups-view');
    await view.getByRole('heading', { name: 'Backups' }).waitFor();
    await view.getByText('No backup yet.').waitFor();
    const folder = path.join(h.dir, 'backups');
    await expect(view.getByText(folder, { exact: true }).count()).resolves.toBe(1);

    await view.getByRole('button', { name: 'Back up now' }).click();
    await view
      .getByRole('status')
      .filter({ hasText: /^Backed up: archive\.stacks\.sqlite\..+\.bak \(.+\)\.$/ })
      .waitFor();
    const rows = view.getByRole('row');
    await expect.poll(() => rows.count()).toBe(2); // header + the backup
    const made = h.api.backupStatus({}).backups;
    expect(made).toHaveLength(1);
    expect(fs.existsSync(made[0]!.file)).toBe(true);
    expect(path.dirname(made[0]!.file)).toBe(folder);
    const cells = await rows.nth(1).getByRole('cell').allInnerTexts();
    expect(cells[2]).toBe(made[0]!.file);
    expect(cells[1]).toMatch(/\d+(\.\d+)? (KB|MB)/);
    expect(cells[0]).toMatch(/\d{4}|\d{1,2}:\d{2}/);

    await dismissToasts(page);
    await shot(page, 'backups');
    const v = await axeViolations(page);
    expect(v, v.join('\n')).toEqual([]);
  });

  test('the number kept and automatic backups are saved in the archive and shown after a reload', async () => {
    const view = page.locator('st-backups-view');
    const keep = view.getByLabel('Keep the newest');
    await keep.fill('7');
    await keep.press('Tab');
    await view.getByRole('status').filter({ hasText: 'Keeping the newest 7 automatic backups.' }).waitFor();
    const automatic = view.getByLabel('Back up once a day, when the archive is first changed');
    expect(await automatic.isChecked()).toBe(true);
    await automatic.uncheck();
    await view.getByRole('status').filter({ hasText: 'Automatic backups are off.' }).waitFor();

    await page.reload();
    await view.getByRole('heading', { name: 'Backups' }).waitFor();
    await expect.poll(() => view.getByLabel('Keep the newest').inputValue()).toBe('7');
    expect(await view.getByLabel('Back up once a day, when the archive is first changed').isChecked()).toBe(false);
    expect(h.api.backupStatus({})).toMatchObject({ keep: 7, automatic: false });
    // The backup made before is still listed.
    await expect.poll(() => view.getByRole('row').count()).toBe(2);
  });
});
