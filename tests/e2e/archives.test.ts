// Several archives and the first run, in Chromium against `stacks serve`: the start panel, the sample article, and
// what the page does when the desktop shell says another archive is open (nothing of the previous one stays).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createArchiveApi, type ArchiveService } from '../../db/api.js';
import type { ArchiveApi } from '../../db/contract/api.js';
import type { ShellNotices } from '../../db/contract/notices.js';
import { openArchive } from '../../db/open.js';
import { assetLookup } from '../../db/transport/assets.js';
import { startServer, type RunningServer } from '../../db/server/server.js';
import { SAMPLE_CLIPPING } from '../helpers/archive.js';
import { RENDERER_DIR, shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, go } from './helpers.js';

const TIDES = path.join(import.meta.dirname, 'fixtures', 'tidal-archives.html');

let h: Harness;
let page: Page;
let server: RunningServer;
const archives: Record<string, ArchiveService> = {};
let current = 'Client A';
const pageErrors: string[] = [];

/** The server answers from whichever archive is "open", as the desktop shell's session does after a switch. */
function switchable(): ArchiveApi {
  return new Proxy({} as ArchiveApi, {
    get: (_t, method: string) => {
      const api = archives[current]!;
      const fn = (api as unknown as Record<string, unknown>)[method];
      return typeof fn === 'function' ? fn.bind(api) : fn;
    },
  });
}

/** What the preload does with an archive-switched notice from the main process. */
async function notify<N extends keyof ShellNotices>(name: N, payload: ShellNotices[N]): Promise<void> {
  await page.evaluate(([n, detail]) => window.dispatchEvent(new CustomEvent(`stacks:${n}`, { detail })), [
    name,
    JSON.stringify(payload),
  ] as const);
}

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
  for (const name of ['Client A', 'Client B', 'First Run']) {
    archives[name] = createArchiveApi(openArchive(path.join(h.dir, `${name}.stacks.sqlite`)));
  }
  await archives['Client A']!.importPaths({ paths: [TIDES, SAMPLE_CLIPPING] });
  const tides = (await archives['Client A']!.search({ query: 'tides' })).hits[0]!;
  archives['Client A']!.tagArticles({ ids: [tides.id], tags: ['ocean'] });
  const notes = path.join(h.dir, 'curlews.md');
  fs.writeFileSync(notes, '# Field notes on curlews\n\nCurlews on the estuary mud at low water, counted at dawn.\n');
  await archives['Client B']!.importPaths({ paths: [notes] });
  server = await startServer({
    api: switchable(),
    getAsset: (sha) => assetLookup(archives[current]!.archive.db)(sha),
    port: 0,
    rendererDir: RENDERER_DIR,
  });
});

afterAll(async () => {
  await server?.close();
  for (const api of Object.values(archives)) {
    await api.dispose();
    api.archive.close();
  }
  await h?.close();
});

describe('several archives', () => {
  test('the title bar names the open archive', async () => {
    current = 'Client A';
    await page.goto(server.openUrl);
    await page.locator('st-library-view .row .title').first().waitFor();
    await expect.poll(() => page.title()).toBe('Library · Client A · Stacks');
  });

  test('an archive switch drops everything of the previous archive: views, search, cached article, sidebar', async () => {
    await go(page, '#/search?q=tides');
    await page.locator('st-search-view a.hit').first().waitFor();
    const tideId = Number(
      (await page.locator('st-search-view a.hit').first().getAttribute('href'))!.match(/article\/(\d+)/)![1],
    );
    // Press on the hit (the reader's prefetch starts on pointerdown), then read it.
    await page.locator('st-search-view a.hit').first().click();
    await expect.poll(() => page.locator('st-reader h1.title').innerText()).toContain('Reading the Tides');
    await expect(page.locator('st-sidebar a.item').filter({ hasText: 'ocean' }).count()).resolves.toBe(1);

    current = 'Client B';
    const info = { key: 'key-b', path: path.join(h.dir, 'Client B.stacks.sqlite'), name: 'Client B' };
    await notify('archive-switched', info);

    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/library');
    await expect.poll(() => page.title()).toBe('Library · Client B · Stacks');
    await expect
      .poll(() => page.locator('st-library-view .row .title').allInnerTexts())
      .toEqual(['Field notes on curlews']);
    await expect(page.locator('st-sidebar a.item').filter({ hasText: 'ocean' }).count()).resolves.toBe(0);
    await expect(
      page.locator('st-app .toast').filter({ hasText: 'Opened the archive Client B' }).count(),
    ).resolves.toBe(1);

    // The search starts empty, and article N is this archive's article N (or none), never the cached one.
    await go(page, '#/search');
    await expect(page.locator('st-search-view input#q').inputValue()).resolves.toBe('');
    await expect(page.locator('st-search-view a.hit').count()).resolves.toBe(0);
    await go(page, `#/article/${tideId}`);
    await page.waitForFunction(() => {
      const reader = document.querySelector('st-app')?.shadowRoot?.querySelector('st-reader')?.shadowRoot;
      return !!reader && !reader.querySelector('.loading, [aria-busy="true"]');
    });
    await expect.poll(() => page.locator('st-reader').innerText()).not.toContain('Reading the Tides');
    await dismissToasts(page);
    await go(page, '#/library');
    await page.locator('st-library-view .row .title').first().waitFor();
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await shot(page, `archive-switched-${width}`);
    }
    expect(await axeViolations(page)).toEqual([]);
  });

  test('an archive whose drive went away is said plainly, at the top of every view', async () => {
    await notify('archive-unavailable', {
      path: '/media/usb/Client B.stacks.sqlite',
      name: 'Client B',
      message:
        'The archive /media/usb/Client B.stacks.sqlite cannot be reached any more (was its drive disconnected?). Nothing was changed. Reconnect it and open it again from File › Open Recent.',
    });
    const banner = page.locator('st-app .unavailable[role="alert"]');
    await expect.poll(() => banner.innerText()).toContain('Client B cannot be reached');
    await go(page, '#/timeline');
    await expect(banner.innerText()).resolves.toContain('Reconnect it');
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, 'archive-unavailable-1440');
    expect(await axeViolations(page)).toEqual([]);
    // A malformed notice changes nothing.
    await page.evaluate(() =>
      window.dispatchEvent(new CustomEvent('stacks:archive-switched', { detail: '{"name":42}' })),
    );
    await expect(page.title()).resolves.toContain('Client B');
  });
});

describe('first run', () => {
  test('an empty archive offers the archive, the formats to import, and the sample article', async () => {
    current = 'First Run';
    await notify('archive-switched', {
      key: 'key-f',
      path: path.join(h.dir, 'First Run.stacks.sqlite'),
      name: 'First Run',
    });
    await dismissToasts(page);
    const panel = page.locator('st-library-view st-start-panel');
    await panel.locator('section').first().waitFor();
    await expect(page.locator('st-library-view .empty > h2').textContent()).resolves.toContain('Your library is empty');
    const text = await panel.locator('.cards').innerText();
    expect(text).toContain('Open now: First Run');
    expect(text).toContain('stacks serve --archive FILE'); // a browser tab has no archive dialogs
    for (const ext of ['.html', '.htm', '.xhtml', '.md', '.markdown', '.txt']) expect(text).toContain(ext);
    expect(text).toContain('Open the sample article');
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await shot(page, `first-run-${width}`);
    }
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the sample article opens from the app itself, with no network', async () => {
    const remote: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) remote.push(r.url());
    });
    await page.locator('st-library-view st-start-panel button').filter({ hasText: 'Open the sample article' }).click();
    await expect
      .poll(() => page.locator('st-reader h1.title').innerText())
      .toContain('Putin Begins His Two-Day North Korean Visit');
    expect(await archives['First Run']!.stats({})).toMatchObject({ articles: 1 });
    expect(remote).toEqual([]);
  });

  test('the Start view keeps the same choices at hand once the library has articles', async () => {
    await go(page, '#/start');
    await page.locator('st-start-view st-start-panel section').first().waitFor();
    await expect(page.locator('st-start-view h1').innerText()).resolves.toBe('Start');
    await expect.poll(() => page.title()).toBe('Start · First Run · Stacks');
    await dismissToasts(page);
    await shot(page, 'start-view-1440');
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
