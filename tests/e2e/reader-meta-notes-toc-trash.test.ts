// In Chromium: editing an article's metadata (kept in provenance, found by search), notes on the whole article,
// the table of contents (jump, focus, current section, right to left), and emptying the trash with its consequences.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, focused, go } from './helpers.js';
import { articleHtml, importHtml } from './corpus.js';

let h: Harness;
let page: Page;
let plain: ArticleId;
let sectioned: ArticleId;
let hebrew: ArticleId;

const para = (n: number, topic: string) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>${topic} paragraph ${i + 1}: the survey boats went out at first light and the crews wrote down every depth, current and bird they saw along the channel.</p>`,
  ).join('\n');

async function openTab(name: 'Contents' | 'Annotations' | 'Details'): Promise<void> {
  await page.locator('st-reader .tabs button', { hasText: name }).click();
}

async function atWidths(name: string): Promise<void> {
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    await shot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1360, height: 860 });
}

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  plain = await importHtml(
    h,
    'harbour.html',
    articleHtml({
      title: 'Harbour Tides Explained',
      site: 'Sea News',
      published: '2021-03-04',
      paragraphs: ['The spring tide rose over the harbour wall at dawn.', 'Harbour masters keep a tide table.'],
    }),
  );
  sectioned = await importHtml(
    h,
    'survey.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Channel Survey</title></head><body><article>
<h1>The Channel Survey</h1>${para(3, 'Opening')}
<h2>Boats and crews</h2>${para(6, 'Boats')}
<h3>The night watch</h3>${para(6, 'Watch')}
<h2>Depths along the channel</h2>${para(6, 'Depths')}
<h2>What the birds showed</h2>${para(10, 'Birds')}
</article></body></html>`,
  );
  hebrew = await importHtml(
    h,
    'rain.html',
    `<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"><title>הגשם בירושלים</title></head><body><article>
<h1>הגשם בירושלים</h1><p>הגשם ירד כל הלילה על גגות העיר, והרחובות התמלאו במים עד הבוקר.</p>
<h2>השוק</h2><p>בשוק מחנה יהודה הסוחרים כיסו את הדוכנים ביריעות ניילון.</p><p>הקונים מיהרו בין השורות כדי לא להירטב.</p>
<h2>הערב</h2><p>בערב השמיים התבהרו, והעיר כולה הריחה כמו אבן רטובה.</p>
<h2>החורף</h2><p>זה היה הגשם הראשון של החורף.</p></article></body></html>`,
  );
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

test('edits title, author, date, URL and site from the Details tab; refusals are said; provenance keeps the original; search finds the new title', async () => {
  await go(page, `#/article/${plain}`);
  await page.locator('st-reader .content p').first().waitFor();
  await openTab('Details');
  const panel = page.locator('st-metadata-panel');
  await panel.getByRole('button', { name: 'Edit metadata' }).click();
  const form = panel.locator('form.edit');
  expect(await focused(page)).toMatch(/^input/);
  expect(await form.locator('input[name=title]').inputValue()).toBe('Harbour Tides Explained');

  // refused: an impossible date, a non-web URL, an empty title; nothing changes
  await form.locator('input[name=publishedAt]').fill('2021-02-30');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => form.locator('[role=alert]').innerText())
    .toMatch(/Published: expected a date like 2024-05-31/);
  await form.locator('input[name=publishedAt]').fill('2021-03-05');
  await form.locator('input[name=sourceUrl]').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => form.locator('[role=alert]').innerText())
    .toMatch(/URL: expected an http:\/\/ or https:\/\/ address/);
  await form.locator('input[name=title]').fill('   ');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => form.locator('[role=alert]').innerText()).toBe('A title cannot be empty.');
  expect(h.api.getArticle({ id: plain }).title).toBe('Harbour Tides Explained');
  expect(await axeViolations(page)).toEqual([]);

  await form.locator('input[name=title]').fill('Quayside Tides');
  await form.locator('input[name=byline]').fill('Marguerite Okonkwo');
  await form.locator('input[name=sourceUrl]').fill('https://harbour.example.org/tides');
  await form.locator('input[name=siteName]').fill('Harbour Weekly');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached' });
  // the header shows the correction at once
  expect(await page.locator('st-reader h1.title').innerText()).toBe('Quayside Tides');
  expect(await page.locator('st-reader .byline').innerText()).toBe('Marguerite Okonkwo');
  expect(await page.locator('st-reader .crumb').innerText()).toBe('Harbour Weekly');
  const provenance = await panel.locator('ol').last().innerText();
  expect(provenance).toMatch(/edited/i);
  expect(provenance).toContain('title: “Harbour Tides Explained” → “Quayside Tides”');
  expect(provenance).toContain('published: “2021-03-04T08:00:00.000Z” → “2021-03-05”');
  const extracted = panel.locator('dl[aria-label="Metadata as first extracted"]');
  expect(await extracted.innerText()).toContain('Harbour Tides Explained');
  expect(await extracted.innerText()).toContain('Sea News');
  expect(await axeViolations(page)).toEqual([]);
  await dismissToasts(page);
  await atWidths('reader-metadata-edited');

  // search finds the article by its new title and author, not its old title
  await go(page, '#/search?q=quayside%20okonkwo');
  await expect.poll(() => page.locator('st-search-view a.hit').first().innerText()).toContain('Quayside Tides');
  expect(h.api.search({ query: 'title:explained' }).total).toBe(0);
});

test('adds, shows (sanitized Markdown), edits and deletes a note on the whole article from the side panel', async () => {
  await go(page, `#/article/${plain}`);
  await page.locator('st-reader .content p').first().waitFor();
  await openTab('Annotations');
  const panel = page.locator('st-annotation-panel');
  await panel.getByRole('button', { name: 'Add a note' }).click();
  const area = panel.getByRole('textbox', { name: 'Note on this article (Markdown)' });
  expect(await focused(page)).toMatch(/^textarea/);
  await area.fill(
    'Check the **1911** tide table\n\n- harbour wall\n- outer basin\n\n<img src="http://127.0.0.1:9/x.png" onerror="alert(1)">',
  );
  await page.keyboard.press('Control+Enter');
  const notes = panel.locator('ol[aria-label="Notes on this article"] > li');
  await expect.poll(() => notes.count()).toBe(1);
  const md = notes.first().locator('.note');
  expect(await md.locator('strong').innerText()).toBe('1911');
  expect(await md.locator('li').count()).toBe(2);
  expect(await md.locator('img, [onerror]').count()).toBe(0);
  const stored = h.api.listAnnotations({ articleId: plain }).items.filter((a) => a.kind === 'article-note');
  expect(stored).toHaveLength(1);
  expect(await axeViolations(page)).toEqual([]);
  await dismissToasts(page);
  await atWidths('reader-article-note');

  await notes.first().getByRole('button', { name: 'Edit annotation' }).click();
  await notes.first().locator('textarea').fill('Check the 1912 table instead');
  await notes.first().getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => notes.first().locator('.note').innerText()).toBe('Check the 1912 table instead');
  expect(h.api.listAnnotations({ articleId: plain }).items.find((a) => a.kind === 'article-note')?.note).toBe(
    'Check the 1912 table instead',
  );
  await notes.first().getByRole('button', { name: 'Delete annotation' }).click();
  await expect.poll(() => notes.count()).toBe(0);
  expect(h.api.listAnnotations({ articleId: plain }).items.filter((a) => a.kind === 'article-note')).toHaveLength(0);
  await dismissToasts(page);
});

test('a long article has a table of contents: jump by click or Enter focuses the heading, the current section follows scrolling', async () => {
  await go(page, `#/article/${plain}`);
  await page.locator('st-reader .content p').first().waitFor();
  expect(await page.locator('st-reader .tabs button', { hasText: 'Contents' }).count()).toBe(0);

  await go(page, `#/article/${sectioned}`);
  await page.locator('st-reader .content h2').first().waitFor();
  await openTab('Contents');
  const items = page.locator('st-reader nav.toc .toc-item');
  const labels = await items.allInnerTexts();
  expect(labels).toContain('Boats and crews');
  expect(labels).toContain('The night watch');
  expect(labels.slice(-2)).toEqual(['Depths along the channel', 'What the birds showed']);
  expect(labels.indexOf('The night watch')).toBe(labels.indexOf('Boats and crews') + 1);
  // h3 is indented under its h2 (inline-start padding)
  const pad = (text: string) =>
    page
      .locator('st-reader nav.toc li', { hasText: text })
      .evaluate((el) => parseFloat(getComputedStyle(el).paddingInlineStart));
  expect(await pad('The night watch')).toBeGreaterThan(await pad('Boats and crews'));

  const scrollerTop = () => page.locator('st-reader .scroll').evaluate((el) => el.getBoundingClientRect().top);
  const headingTop = (text: string) =>
    page.locator('st-reader .content :is(h2,h3)', { hasText: text }).evaluate((el) => el.getBoundingClientRect().top);
  await items.filter({ hasText: 'Depths along the channel' }).click();
  expect(Math.abs((await headingTop('Depths along the channel')) - (await scrollerTop()))).toBeLessThan(40);
  expect(await focused(page)).toMatch(/^h2.*Depths along the channel/);
  await expect
    .poll(() => items.filter({ hasText: 'Depths along the channel' }).getAttribute('aria-current'))
    .toBe('location');

  // keyboard: focus an entry and press Enter
  await items.filter({ hasText: 'The night watch' }).focus();
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatch(/^h3.*The night watch/);
  expect(Math.abs((await headingTop('The night watch')) - (await scrollerTop()))).toBeLessThan(40);

  // scrolling by hand moves the current section
  await page.locator('st-reader .scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect
    .poll(() => items.filter({ hasText: 'What the birds showed' }).getAttribute('aria-current'))
    .toBe('location');
  expect(await items.filter({ hasText: 'Boats and crews' }).getAttribute('aria-current')).toBeNull();
  expect(await axeViolations(page)).toEqual([]);
  await atWidths('reader-toc');

  // right to left: the entries read in their own direction and jumping works the same
  await go(page, `#/article/${hebrew}`);
  await page.locator('st-reader .content h2').first().waitFor();
  await openTab('Contents');
  await expect.poll(() => items.allInnerTexts()).toEqual(expect.arrayContaining(['השוק', 'הערב', 'החורף']));
  const entry = items.filter({ hasText: 'הערב' });
  expect(await entry.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await entry.click();
  expect(await focused(page)).toMatch(/^h2.*הערב/);
  await expect.poll(() => entry.getAttribute('aria-current')).toBe('location');
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'reader-toc-rtl');
});

test('empties the trash after a confirmation that states the counts; rows, search entries and files go, verify passes', async () => {
  const a = await importHtml(
    h,
    'zanzibar.html',
    articleHtml({
      title: 'Zanzibar Heron Count',
      site: 'Birds',
      published: '2020-01-02',
      paragraphs: ['The zanzibar herons nested early.'],
    }),
  );
  const b = await importHtml(
    h,
    'estuary.html',
    articleHtml({
      title: 'Estuary Ledger',
      site: 'Birds',
      published: '2020-01-03',
      paragraphs: ['The estuary ledger counted zanzibar waders.'],
    }),
  );
  h.api.createAnnotation({ articleId: a, kind: 'article-note', note: 'zanzibar note' });
  h.api.createAnnotation({ articleId: b, kind: 'highlight', start: 0, end: 11, color: 'yellow' });
  h.api.trashArticles({ ids: [a, b] });

  await go(page, '#/library?trashed=1');
  await expect.poll(() => page.locator('st-library-view .count').innerText()).toBe('2 articles');
  await page.locator('st-library-view').getByRole('button', { name: 'Empty trash…' }).click();
  const dialog = page.locator('st-purge-dialog [role=alertdialog]');
  await dialog.waitFor();
  await expect.poll(() => dialog.innerText()).toContain('These 2 articles go for good');
  const text = await dialog.innerText();
  expect(text).toContain('2 captured versions');
  expect(text).toContain('1 highlight or passage note');
  expect(text).toContain('1 article note');
  expect(text).toContain('cannot be undone');
  expect(await focused(page)).toMatch(/Cancel/);
  expect(await axeViolations(page)).toEqual([]);
  await atWidths('trash-empty-confirm');

  // Esc cancels: nothing deleted
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(h.api.listArticles({ filter: { trashed: true } }).total).toBe(2);

  await page.locator('st-library-view').getByRole('button', { name: 'Empty trash…' }).click();
  await dialog.getByRole('button', { name: 'Empty trash' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => page.locator('st-library-view .empty h2').innerText()).toBe('The trash is empty');
  expect(h.api.listArticles({ filter: { trashed: true } }).total).toBe(0);
  expect(h.api.search({ query: 'zanzibar' }).total).toBe(0);
  expect(h.api.search({ query: 'zanzibar', scope: 'annotations' }).total).toBe(0);
  expect(h.api.verify({}).mismatches).toEqual([]);
  await dismissToasts(page);

  // one article from the trash's selection, deleted permanently
  h.api.trashArticles({ ids: [plain] });
  await go(page, '#/library?trashed=1&x=1');
  await page.locator('st-library-view input[type=checkbox]').first().click();
  await page.locator('st-library-view').getByRole('button', { name: 'Delete permanently…' }).click();
  await expect.poll(() => dialog.innerText()).toContain('This article goes for good');
  await dialog.getByRole('button', { name: 'Delete permanently' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(() => h.api.getArticle({ id: plain })).toThrow(/No article/);
  expect(h.api.getArticle({ id: sectioned }).title).toBe('The Channel Survey');
});
