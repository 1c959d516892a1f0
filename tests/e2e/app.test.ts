// End to end in Debian's Chromium against `stacks serve` on a temp archive: import, search, read, annotate,
// export, hostile content, and an axe-core audit of every view, with screenshots under test-output/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations as axe, dismissToasts, go as goTo, selectInReader as select } from './helpers.js';
import { SAMPLE_CLIPPING } from '../helpers/archive.js';

const SAMPLE = SAMPLE_CLIPPING;
const TIDES = path.join(import.meta.dirname, 'fixtures', 'tidal-archives.html');
const HOSTILE = path.join(import.meta.dirname, 'fixtures', 'hostile-page.html');

let h: Harness;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];

const go = (hash: string) => goTo(page, hash);
const axeViolations = () => axe(page);
const selectInReader = (text: string) => select(page, text);

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
});

describe('Stacks in a real browser', () => {
  test('the token leaves the address bar and the empty library explains how to start', async () => {
    expect(page.url()).not.toContain('token=');
    await expect(page.locator('st-library-view .empty h2').textContent()).resolves.toContain('Your library is empty');
  });

  test('imports the sample clipping and two HTML pages through the Import view', async () => {
    await go('#/import');
    await page.locator('st-import-view input#files').setInputFiles([SAMPLE, TIDES, HOSTILE]);
    await page.locator('st-import-view .stat.ok').filter({ hasText: '3 imported' }).waitFor({ timeout: 30_000 });
    const report = await page.locator('st-import-view ul[aria-label="Imported files"]').innerText();
    expect(report).toContain('Putin Begins His Two-Day North Korean Visit');
    expect(report).toContain('Reading the Tides');
    await dismissToasts(page);
    await shot(page, 'import');
    await go('#/library');
    await page.locator('st-library-view .row .title').first().waitFor();
    await expect(page.locator('st-library-view .row .title').count()).resolves.toBe(3);
    await dismissToasts(page);
    await shot(page, 'library');
  });

  test('search-as-you-type finds the clipping with a marked snippet, a count and facets', async () => {
    await go('#/search');
    const input = page.locator('st-search-view input#q');
    await input.pressSequentially('Comprehensive Strategic Partnership', { delay: 15 });
    const hit = page.locator('st-search-view a.hit').first();
    await hit.locator('mark').first().waitFor();
    expect(await hit.locator('.hit-title').innerText()).toContain('Putin Begins');
    const marked = await hit.locator('mark').allInnerTexts();
    expect(marked.join(' ')).toMatch(/Comprehensive|Strategic|Partnership/);
    expect(await page.locator('st-search-view .status').innerText()).toMatch(/^1 result/);
    await dismissToasts(page);
    await shot(page, 'search');
  });

  test('fast typing keeps every character, has at most two searches running, and ends on the whole query', async () => {
    await go('#/search');
    const input = page.locator('st-search-view input#q');
    await input.fill('');
    let open = 0;
    let most = 0;
    let sent = 0;
    const isSearch = (u: string) => u.endsWith('/api/search');
    const onRequest = (r: { url(): string }) => {
      if (isSearch(r.url())) {
        sent++;
        most = Math.max(most, ++open);
      }
    };
    const onDone = (r: { url(): string }) => {
      if (isSearch(r.url())) open--;
    };
    page.on('request', onRequest);
    page.on('requestfinished', onDone);
    page.on('requestfailed', onDone);
    const typed = 'strategic partnership putin';
    await input.pressSequentially(typed, { delay: 5 });
    await expect
      .poll(() => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('q')))
      .toBe(typed);
    await page.locator('st-search-view .layout[aria-busy="false"]').waitFor();
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
    expect(await input.inputValue()).toBe(typed);
    // polled: a hit's list item is content-visibility:auto, so its text reads '' until the frame that lays it out
    await expect
      .poll(() => page.locator('st-search-view a.hit .hit-title').first().innerText())
      .toContain('Putin Begins');
    expect(most).toBeGreaterThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(2);
    expect(sent).toBeLessThan(typed.length);
  });

  test('a malformed query gets a readable message instead of a crash', async () => {
    const input = page.locator('st-search-view input#q');
    await input.fill('"unclosed phrase');
    const message = page.locator('st-search-view .warn, st-search-view .error-box').first();
    await message.waitFor();
    expect(await message.innerText()).toMatch(/quote|phrase|query/i);
    await input.fill('Comprehensive Strategic Partnership');
    await page.locator('st-search-view a.hit mark').first().waitFor();
  });

  test('opening a hit scrolls the matched passage into view and flashes it', async () => {
    await page.locator('st-search-view a.hit').first().click();
    await page.locator('st-reader .content p').first().waitFor();
    const flash = page.locator('st-reader .flash').first();
    await flash.waitFor({ state: 'attached' });
    const box = await flash.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThan(0);
    expect(box!.y + box!.height).toBeLessThan(860);
    expect(await page.locator('st-reader .flash-layer').getAttribute('data-text')).toMatch(
      /Comprehensive|Strategic|Partnership/,
    );
  });

  test('highlighting a passage with a note shows it, lists it, and it survives a reload', async () => {
    await go('#/search?q=marginal%20notes');
    await page.locator('st-search-view a.hit').first().click();
    await page.locator('st-reader .content p').first().waitFor();
    const quote = 'Those notes are now the most valuable';
    await selectInReader(quote);
    const toolbar = page.locator('st-selection-toolbar');
    await toolbar.waitFor();
    await toolbar.getByRole('button', { name: 'Note' }).click();
    await toolbar.locator('textarea').fill('The margins explain the gaps: keep them.');
    await toolbar.getByRole('button', { name: 'Save note' }).click();
    await page.locator('st-reader .content mark.hl').first().waitFor();
    expect((await page.locator('st-reader .content mark.hl').allInnerTexts()).join('')).toBe(quote);
    await expect(page.locator('st-annotation-panel ol').first().innerText()).resolves.toContain(
      'The margins explain the gaps',
    );
    // a second, overlapping highlight in another color stays a separate annotation
    await selectInReader('most valuable part of the record');
    await page.locator('st-selection-toolbar button.color').nth(1).click();
    await expect.poll(async () => page.locator('st-annotation-panel li').count()).toBe(2);
    const overlap = page.locator('st-reader .content mark.hl[data-ids*=" "]');
    await expect(overlap.innerText()).resolves.toBe('most valuable');
    await dismissToasts(page);
    await shot(page, 'reader-light');
    await page.reload();
    await page.locator('st-reader .content mark.hl').first().waitFor();
    expect((await page.locator('st-reader .content mark.hl').allInnerTexts()).join('')).toContain(quote);
    await expect(page.locator('st-annotation-panel ol').first().innerText()).resolves.toContain(
      'The margins explain the gaps',
    );
  });

  test('the reader saves the reading position and restores it on reopen', async () => {
    const articleHash = await page.evaluate(() => location.hash.split('?')[0]!);
    const scroller = page.locator('st-reader .scroll');
    const max = await scroller.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(max).toBeGreaterThan(300);
    await scroller.evaluate((el) => {
      el.scrollTop = 320;
      el.dispatchEvent(new Event('scroll'));
    });
    await page.waitForTimeout(1600); // the position is saved at most once a second
    await go('#/library');
    await page.locator('st-library-view .row').first().waitFor();
    await go(articleHash);
    await page.locator('st-reader .content p').first().waitFor();
    await expect.poll(() => page.locator('st-reader .scroll').evaluate((el) => el.scrollTop)).toBeGreaterThan(200);
  });

  test('the data: image is served from the archive and reader themes persist', async () => {
    await page.locator('st-reader .content img').first().waitFor();
    const natural = await page
      .locator('st-reader .content img')
      .first()
      .evaluate((img) => (img as HTMLImageElement).naturalWidth);
    expect(natural).toBe(720); // the inline data: image came back from the archive as an asset
    await page.getByRole('button', { name: 'Appearance' }).click();
    await page.locator('st-reader-settings').getByRole('radio', { name: 'Dark' }).click();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await dismissToasts(page);
    await shot(page, 'reader-dark');
    const v = await axeViolations();
    expect(v, v.join('\n')).toEqual([]);
    await page.reload();
    await page.locator('st-reader .content p').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('button', { name: 'Appearance' }).click();
    await page.locator('st-reader-settings').getByRole('radio', { name: 'Sepia' }).click();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('sepia');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(243, 234, 214)');
    await shot(page, 'reader-sepia');
    const sepia = await axeViolations();
    expect(sepia, sepia.join('\n')).toEqual([]);
    await page.getByRole('button', { name: 'Appearance' }).click();
    await page.locator('st-reader-settings').getByRole('radio', { name: 'Light' }).click();
    await page.keyboard.press('Escape');
  });

  test('exports annotations as Markdown with the quote and the note', async () => {
    await go('#/highlights');
    await page.locator('st-highlights-view ol li').first().waitFor();
    await dismissToasts(page);
    await shot(page, 'highlights');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('st-highlights-view').getByRole('button', { name: 'Markdown' }).click(),
    ]);
    const file = await download.path();
    const content = fs.readFileSync(file, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    expect(content).toContain('Those notes are now the most valuable');
    expect(content).toContain('The margins explain the gaps: keep them.');
    expect(content).toContain('Reading the Tides');
  });

  test('a hostile archived page runs no script and fetches nothing beyond the server', async () => {
    await go('#/search?q=compost');
    await page.locator('st-search-view a.hit').first().click();
    await page.locator('st-reader .content p').first().waitFor();
    await page.waitForTimeout(500);
    const state = await page.evaluate(() => {
      const reader = document.querySelector('st-app')!.shadowRoot!.querySelector('st-reader')!.shadowRoot!;
      const content = reader.querySelector('.content')!;
      return {
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        title: document.title,
        text: content.textContent ?? '',
        dangerous: content.querySelectorAll(
          'script, iframe, object, embed, form, svg, style, link, [onerror], [onclick], [style]',
        ).length,
        remoteImages: [...content.querySelectorAll('img')].filter((i) => !i.src.startsWith(location.origin)).length,
        jsLinks: [...content.querySelectorAll('a')].filter((a) =>
          (a.getAttribute('href') ?? '').startsWith('javascript'),
        ).length,
      };
    });
    expect(state.pwned).toBeNull();
    expect(state.title).not.toContain('PWNED');
    expect(state.text).toContain('Compost improves soil structure');
    expect(state.dangerous).toBe(0);
    expect(state.remoteImages).toBe(0);
    expect(state.jsLinks).toBe(0);
    // clicking an external link asks first and does not navigate
    await page.locator('st-reader .content a').filter({ hasText: 'more seeds' }).click();
    await page.getByRole('alertdialog').waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    expect(page.url()).toContain(new URL(h.server.url).host);
    const origin = new URL(h.server.url).origin;
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('in the desktop app an external link is confirmed once, by the main process, not also by the page', async () => {
    // The page as Electron loads it: the preload's bridge is present (here it forwards to the same API over HTTP),
    // and window.open is where Electron's main process takes over with its native confirm dialog.
    const desktop = await h.context.newPage();
    try {
      await desktop.addInitScript((token: string) => {
        const opened: string[] = [];
        (window as unknown as { __opened: string[] }).__opened = opened;
        window.open = ((url: string) => {
          opened.push(url);
          return null;
        }) as typeof window.open;
        (window as unknown as { stacks: unknown }).stacks = {
          invoke: async (method: string, input: unknown) =>
            (
              await fetch(`/api/${method}`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
                body: JSON.stringify(input ?? {}),
              })
            ).json(),
        };
      }, h.server.token);
      await desktop.goto(`${h.server.url}/#/search?q=compost`);
      await desktop.locator('st-search-view a.hit').first().click();
      await desktop.locator('st-reader .content a').filter({ hasText: 'more seeds' }).click();
      await expect
        .poll(() => desktop.evaluate(() => (window as unknown as { __opened: string[] }).__opened))
        .toHaveLength(1);
      const [url] = await desktop.evaluate(() => (window as unknown as { __opened: string[] }).__opened);
      expect(url).toMatch(/^https?:\/\//);
      expect(await desktop.getByRole('alertdialog').count()).toBe(0);
    } finally {
      await desktop.close();
    }
  });

  test('library bulk select with shift-click tags articles, and the sidebar lists the tag', async () => {
    await go('#/library');
    const boxes = page.locator('st-library-view .row input[type=checkbox]');
    await boxes.first().waitFor();
    await boxes.nth(0).click();
    await boxes.nth(2).click({ modifiers: ['Shift'] });
    await expect(page.locator('st-library-view .bulk strong').innerText()).resolves.toBe('3 articles selected');
    await page.locator('st-library-view .bulk').getByRole('button', { name: 'Tag…' }).click();
    await page.locator('st-library-view .bulk input').fill('field-notes');
    await page.locator('st-library-view .bulk').getByRole('button', { name: 'Apply' }).click();
    const tagLink = page.locator('st-sidebar a.item').filter({ hasText: 'field-notes' });
    await tagLink.waitFor();
    expect(await tagLink.locator('.count').innerText()).toBe('3');
    await tagLink.click();
    await expect.poll(() => page.locator('st-library-view h1').innerText()).toBe('Tag: field-notes');
    await expect.poll(() => page.locator('st-library-view .row .tagpill').count()).toBe(3);
  });

  test('keyboard: "/" focuses search, j/k move through results, Enter opens', async () => {
    await go('#/library');
    await page.locator('st-library-view .row').first().waitFor();
    await page.locator('body').click({ position: { x: 700, y: 700 } });
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/search/);
    const focused = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el ? `${el.tagName.toLowerCase()}#${el.id}.${el.className}` : '';
      });
    await expect.poll(focused).toContain('input#q');
    await page.keyboard.type('harbour');
    await page.locator('st-search-view a.hit').first().waitFor();
    await page.keyboard.press('Escape'); // leaves the field so single-letter keys navigate
    await page.keyboard.press('j');
    await expect.poll(focused).toContain('a#.hit');
    await page.keyboard.press('Enter');
    await page.locator('st-reader .content p').first().waitFor();
    expect(await page.locator('st-reader h1.title').innerText()).toContain('Reading the Tides');
  });

  test.each([
    ['library', '#/library', 'st-library-view .row'],
    ['search', '#/search?q=Comprehensive%20Strategic%20Partnership', 'st-search-view a.hit mark'],
    ['reader', null, 'st-reader .content mark.hl'],
    ['highlights', '#/highlights', 'st-highlights-view ol li'],
    ['import', '#/import', 'st-import-view .drop'],
    ['timeline', '#/timeline', 'st-timeline-view svg.chart'],
  ])('axe-core finds no violations in the %s view', async (name, hash, ready) => {
    if (hash) await go(hash);
    else {
      await go('#/search?q=marginal%20notes');
      await page.locator('st-search-view a.hit').first().click();
    }
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(300);
    await dismissToasts(page);
    if (name === 'timeline') await shot(page, 'timeline');
    if (name === 'reader') await shot(page, 'reader-light');
    const v = await axeViolations();
    expect(v, v.join('\n')).toEqual([]);
  });
});
