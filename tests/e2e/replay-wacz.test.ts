// The exported WACZ opened in ReplayWeb.page itself (its npm package, in Chromium): the page replays with its text and image.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveScope } from '../../db/export/scope.js';
import { writeWacz } from '../../db/export/wacz.js';
import { buildExportFixture, PAGE_URL, type ExportFixture } from '../db/export/fixture.js';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS } from './harness.js';
import { startReplayServer, type ReplayServer } from './replay-server.js';

describe('ReplayWeb.page opens an exported WACZ', () => {
  let fixture: ExportFixture;
  let server: ReplayServer;
  let browser: Browser;

  beforeAll(async () => {
    fixture = await buildExportFixture();
    const db = fixture.archive.api.archive.db;
    const wacz = path.join(fixture.archive.dir, 'export.wacz');
    await writeWacz(db, wacz, resolveScope(db, {}));
    server = await startReplayServer(wacz, PAGE_URL);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    await fixture?.archive.close();
  });

  it('replays the exported page with its text and its image', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    // Nothing may leave the machine: any request that is not to the test server fails the test.
    const foreign: string[] = [];
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(server.origin) || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
      foreign.push(u);
      return route.abort();
    });
    await page.goto(`${server.origin}/`);
    const isReplayFrame = (f: Frame): boolean => f.url().includes(`mp_/${PAGE_URL}`);
    await expect.poll(() => page.frames().some(isReplayFrame), { timeout: 45_000, interval: 250 }).toBe(true);
    const frame = page.frames().find(isReplayFrame)!;
    await frame.waitForSelector('text=one hundred and twelve steps', { timeout: 30_000 });
    // The newest version is replayed by default: the second visit's sentence is there.
    expect(await frame.textContent('article')).toContain('the lamp is electric now');
    const img = await frame.waitForSelector('img[alt="The lamp room"]');
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth), {
        timeout: 15_000,
      })
      .toBe(2);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'replaywebpage-wacz.png') });
    expect(server.requests).toContain('/archive.wacz');
    expect(foreign).toEqual([]);
    await context.close();
  }, 120_000);
});
