// The reader's Export menu (copy citation, HTML download), printing (the article alone under print media), the
// original page beside the reader (no script runs, nothing remote is requested), Cite… in the library, and the
// command palette (Ctrl+K), in Chromium against `stacks serve`.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, go } from './helpers.js';
import { offsetsOf } from './corpus.js';
import { importArticlePage, PNG_1PX } from '../db/export/article-page.js';

let h: Harness;
let page: Page;
let id: ArticleId;
let remote: http.Server;
let remoteHits = 0;

beforeAll(async () => {
  // A "remote" server on loopback: the page names an image there; any request it gets is a leak.
  remote = http.createServer((_req, res) => {
    remoteHits++;
    res.writeHead(200, { 'Content-Type': 'image/png' });
    res.end(PNG_1PX);
  });
  await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
  const port = (remote.address() as AddressInfo).port;
  h = await startHarness();
  page = h.page;
  id = await importArticlePage(h.api, h.dir, `http://127.0.0.1:${port}/pixel.png`);
  const { start, end } = offsetsOf(h, id, 'where the spring tide rose over the wall');
  h.api.createAnnotation({ articleId: id, kind: 'highlight', start, end, color: 'yellow' });
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
  await new Promise<void>((r) => remote?.close(() => r()));
});

async function openReader(): Promise<void> {
  await go(page, `#/article/${id}`);
  await page.locator('st-reader .content mark.hl').first().waitFor();
}

test('Export › Copy citation puts an APA-like reference on the clipboard', async () => {
  await openReader();
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Copy citation' }).click();
  await page.getByText('Citation copied').waitFor();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toBe(
    "Müller-Lüdenscheidt, J., & O'Brien, R. (2024, May 3). Tides & Currents: 100% of {the} $ea_level #rise — Ærø’s “fjord”. The Harbour Gazette. https://gazette.example/tides?id=7#top",
  );
  await dismissToasts(page);
});

test('Export › Download HTML saves one self-contained file', async () => {
  await page.getByRole('button', { name: 'Export' }).click();
  await shot(page, 'reader-export-menu');
  expect(await axeViolations(page)).toEqual([]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Download HTML' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Tides-Currents-.*\.html$/);
  const html = fs.readFileSync((await download.path())!, 'utf8');
  expect(html).toContain(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
  expect(html).not.toContain('<script');
  expect(html).not.toContain('127.0.0.1');
});

test('printing shows the article alone: title, byline, source address, text and highlight; no app chrome', async () => {
  await openReader();
  await page.emulateMedia({ media: 'print' });
  try {
    for (const sel of ['st-sidebar', 'st-reader .top', 'st-reader .panel']) {
      expect(await page.locator(sel).first().isVisible(), sel).toBe(false);
    }
    await expect.poll(() => page.locator('st-reader h1.title').isVisible()).toBe(true);
    expect(await page.locator('st-reader .byline').isVisible()).toBe(true);
    const source = page.locator('st-reader .print-source');
    expect(await source.isVisible()).toBe(true);
    expect(await source.textContent()).toContain('https://gazette.example/tides?id=7#top');
    const mark = page.locator('st-reader .content mark.hl').first();
    expect(await mark.isVisible()).toBe(true);
    const paint = await mark.evaluate((m) => {
      const cs = getComputedStyle(m);
      return { image: cs.backgroundImage, adjust: cs.printColorAdjust };
    });
    expect(paint.image).toContain('linear-gradient');
    expect(paint.adjust).toBe('exact');
    // The whole article flows onto paper: the shell does not clip it to one screen.
    const overflow = await page.locator('st-reader .scroll').evaluate((s) => getComputedStyle(s).overflowY);
    expect(overflow).toBe('visible');
    await shot(page, 'reader-print-media');
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
});

test('the original page shows beside the reader from the archive: its image, no script, no remote request', async () => {
  await openReader();
  await page.keyboard.press('o');
  await page.locator('st-original-view iframe').waitFor();
  const frame = page.frameLocator('st-original-view iframe');
  await frame.locator('text=Paragraph 4 about the harbour').waitFor();
  const sandbox = await page.locator('st-original-view iframe').getAttribute('sandbox');
  expect(sandbox).toBe('allow-same-origin');
  const img = frame.locator('img[alt="Tide chart"]');
  await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(1);
  expect(await frame.locator('html').getAttribute('data-marker')).toBeNull();
  expect(await frame.locator('title').textContent()).not.toBe('hacked');
  // Give any request a moment to arrive: none must.
  await page.waitForTimeout(500);
  expect(remoteHits).toBe(0);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    await shot(page, `reader-original-${width}`);
  }
  await page.setViewportSize({ width: 1360, height: 860 });
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Close the original page' }).click();
  expect(await page.locator('st-original-view').count()).toBe(0);
});

test('Ctrl+K opens the palette: fuzzy filter, arrows and Enter run a command, Esc closes and gives focus back', async () => {
  await openReader();
  await page.locator('st-reader .content').click();
  await page.keyboard.press('Control+k');
  const input = page.getByRole('combobox', { name: 'Type a command' });
  await input.waitFor();
  expect(await page.getByRole('dialog', { name: 'Command palette' }).isVisible()).toBe(true);
  await input.fill('exp mark');
  const options = page.getByRole('option');
  expect(await options.first().textContent()).toContain('Export as Markdown');
  await input.fill('timel');
  expect(await options.first().textContent()).toContain('Timeline');
  // Only what matches is listed.
  expect(await options.count()).toBe(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  expect(await options.first().getAttribute('aria-selected')).toBe('true');
  expect(await input.getAttribute('aria-activedescendant')).toBe('cmd-0');
  await page.keyboard.press('Tab');
  expect(await input.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  await shot(page, 'command-palette');
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Enter');
  await page.locator('st-timeline-view').waitFor();
  expect(await page.locator('st-command-palette').count()).toBe(0);

  // Reader actions are there while an article is open, and gone with it.
  await openReader();
  await page.keyboard.press('Control+k');
  await input.fill('focus mode');
  expect(await options.first().textContent()).toContain('Toggle focus mode');
  await page.keyboard.press('Escape');
  expect(await page.locator('st-command-palette').count()).toBe(0);
  await go(page, '#/library');
  await page.locator('st-library-view h1').waitFor();
  await page.keyboard.press('Control+k');
  await input.fill('toggle focus mode');
  expect(await page.getByRole('option', { name: /Toggle focus mode/ }).count()).toBe(0);
  await page.keyboard.press('Escape');
});

test('the shortcut sheet lists Ctrl+K', async () => {
  await page.locator('st-library-view h1').click();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await sheet.waitFor();
  expect(await sheet.textContent()).toContain('Command palette');
  await page.keyboard.press('Escape');
});

test('Cite… on the library selection downloads BibTeX', async () => {
  await go(page, '#/library');
  const box = page.locator('st-library-view input[type="checkbox"][aria-label^="Select Tides"]');
  await box.check();
  await page.getByRole('button', { name: 'Cite…' }).click();
  await shot(page, 'library-cite-menu');
  expect(await axeViolations(page)).toEqual([]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'BibTeX (.bib)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.bib$/);
  const bib = fs.readFileSync((await download.path())!, 'utf8');
  expect(bib).toContain('@misc{');
  expect(bib).toContain('howpublished = {The Harbour Gazette}');
});
