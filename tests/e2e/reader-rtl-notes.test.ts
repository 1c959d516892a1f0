// Right-to-left articles keep their direction and language in the reader, and highlighting, the selection
// toolbar and the side panel work in them; the note editors keep their fields inside the card, a Markdown list
// in a note stays a list, and Ctrl+Enter saves in the side panel's editor.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, go, selectInReader } from './helpers.js';
import { importHtml, offsetsOf } from './corpus.js';

let h: Harness;
let page: Page;
let hebrew: ArticleId;
const PASSAGE = 'הגשם ירד כל הלילה על גגות העיר';

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  hebrew = await importHtml(
    h,
    'rain.html',
    `<!doctype html><html lang="he" dir="rtl"><head><meta charset="utf-8"><title>הגשם בירושלים</title></head><body><article><h1>הגשם בירושלים</h1>
<p>${PASSAGE}, והרחובות התמלאו במים עד הבוקר. האנשים יצאו לעבודה עם מטריות גדולות וצבעוניות.</p>
<p>בשוק מחנה יהודה הסוחרים כיסו את הדוכנים ביריעות ניילון, והקונים מיהרו בין השורות כדי לא להירטב.</p>
<p>בערב השמיים התבהרו, והעיר כולה הריחה כמו אבן רטובה אחרי הגשם הראשון של החורף.</p>
</article></body></html>`,
  );
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
});

test('a Hebrew page reads right to left with its language, and highlights and notes work in it', async () => {
  await go(page, `#/article/${hebrew}`);
  const article = page.locator('st-reader article.page');
  await page.locator('st-reader .content p').first().waitFor();
  expect(await page.locator('st-reader .content').getAttribute('dir')).toBe('rtl');
  expect(await page.locator('st-reader h1.title').getAttribute('dir')).toBe('rtl');
  expect(await article.getAttribute('lang')).toBe('he');
  const p = page.locator('st-reader .content p').first();
  expect(await p.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  // the text starts at the right edge of the column
  const [pBox, contentBox] = await Promise.all([
    p.evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return r.getClientRects()[0]!.right;
    }),
    page.locator('st-reader .content').evaluate((el) => el.getBoundingClientRect().right),
  ]);
  expect(Math.abs(pBox - contentBox)).toBeLessThan(4);

  await selectInReader(page, PASSAGE);
  const toolbar = page.locator('st-selection-toolbar');
  await toolbar.waitFor();
  // the toolbar sits inside the page, over the selection
  const [tb, pageBox] = await Promise.all([toolbar.locator('.bar').boundingBox(), article.boundingBox()]);
  expect(tb!.x).toBeGreaterThanOrEqual(pageBox!.x);
  expect(tb!.x + tb!.width).toBeLessThanOrEqual(pageBox!.x + pageBox!.width);
  await page.keyboard.press('n');
  const form = toolbar.locator('form');
  await form.waitFor();
  // near the top of the view the card opens below the selection, its fields all on screen under the toolbar
  const top = await page.locator('st-reader .top').boundingBox();
  expect((await form.locator('textarea').boundingBox())!.y).toBeGreaterThan(top!.y + top!.height);
  // every field of the note card stays inside it
  const overflow = await form.evaluate((f) => {
    const box = f.getBoundingClientRect();
    return [...f.querySelectorAll('textarea, input, button, .hint')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < box.left - 0.5 || r.right > box.right + 0.5;
      })
      .map((el) => el.outerHTML.slice(0, 60));
  });
  expect(overflow).toEqual([]);
  await shot(page, 'reader-rtl-note');
  await form.locator('textarea').fill('הערה:\n\n- ראשון\n- שני');
  await form.locator('textarea').press('Control+Enter');
  await expect.poll(() => h.api.listAnnotations({ articleId: hebrew }).items.length).toBe(1);
  const a = h.api.listAnnotations({ articleId: hebrew }).items[0]!;
  expect(a.anchor).toMatchObject(offsetsOf(h, hebrew, PASSAGE));

  // the side panel: the quote reads right to left, the note's list is a list, not two more cards
  const card = page.locator('st-annotation-panel ol.cards > li');
  await expect.poll(() => card.count()).toBe(1);
  expect(await card.locator('.quote').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  expect(await page.locator('st-annotation-panel .note ul > li').count()).toBe(2);
  expect(
    await page
      .locator('st-annotation-panel .note ul > li')
      .first()
      .evaluate((el) => getComputedStyle(el).borderTopWidth),
  ).toBe('0px');
  await dismissToasts(page);
  await shot(page, 'reader-rtl');
  const v = await axeViolations(page);
  expect(v, v.join('\n')).toEqual([]);
});

test('Ctrl+Enter saves the side panel editor', async () => {
  await go(page, `#/article/${hebrew}`);
  const edit = page.locator('st-annotation-panel button[aria-label="Edit annotation"]');
  await edit.click();
  const area = page.locator('st-annotation-panel textarea');
  await area.fill('נשמר במקלדת');
  await area.press('Control+Enter');
  await expect.poll(() => h.api.listAnnotations({ articleId: hebrew }).items[0]!.note).toBe('נשמר במקלדת');
  await area.waitFor({ state: 'detached' });
});
