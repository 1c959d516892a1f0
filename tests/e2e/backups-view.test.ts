// The app's Backups view in Chromium against `stacks serve`: back up now (listed with time, size and place), keep N and automatic backups persisting.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts } from './helpers.js';
import { rawRowCount } from '../../db/codec/compact.js';
import { readOriginal, readReaderHtml } from '../../db/codec/read.js';
import { writeFile as writeFileIn } from '../helpers/archive.js';

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

  test('"Compact now" compresses what an older Stacks stored raw and says how much space came back', async () => {
    const files = Array.from({ length: 12 }, (_, i) =>
      writeFileIn(
        h.dir,
        `notes/tide-${i}.md`,
        `# Tide note ${i}\n\n${'The ebb left the mudflats bare and the godwits fed. '.repeat(40 + i)}\n`,
      ),
    );
    await h.api.importPaths({ paths: files });
    // Stored as a Stacks from before compressed storage stored them: originals and reader HTML raw.
    const db = h.api.archive.db;
    const ids = db.prepare('SELECT id FROM capture').pluck().all() as number[];
    for (const id of ids) {
      const original = readOriginal(db, id)!;
      const reader = readReaderHtml(db, id)!;
      db.prepare('UPDATE capture SET original = ?, original_codec = 0 WHERE id = ?').run(original, id);
      db.prepare('UPDATE content SET html = ?, html_codec = 0, html_packed = NULL WHERE capture_id = ?').run(
        reader,
        id,
      );
    }
    const raw = rawRowCount(db);
    expect(raw).toBeGreaterThanOrEqual(24);

    const view = page.locator('st-backups-view');
    await view.getByRole('button', { name: 'Compact now' }).click();
    await view
      .getByRole('status')
      .filter({ hasText: new RegExp(`^Compacted: .+ → .+, .+ reclaimed \\(${raw} stored forms compressed\\)\\.$`) })
      .waitFor();
    expect(rawRowCount(db)).toBe(0);
    expect(h.api.verify({})).toMatchObject({ mismatches: [] });
    await shot(page, 'backups-compacted');
  });
});
