// The library stays windowed on a large archive: only visible rows are in the DOM, and scrolling reaches the end.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const N = 1500;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  for (let i = 0; i < N; i++) {
    const text = `Field report number ${i}\n\nObservation ${i}: the tide gauge at station ${i % 37} read ${(i * 7) % 300} centimetres.`;
    await h.api.importFile({
      fileName: `report-${String(i).padStart(5, '0')}.txt`,
      dataBase64: Buffer.from(text).toString('base64'),
    });
  }
  await h.page.goto(h.server.openUrl);
});

afterAll(async () => {
  await h?.close();
});

test(`the library windows ${N} articles: few rows in the DOM, the count and the last rows reachable`, async () => {
  const page = h.page;
  await page.locator('st-library-view .row .title').first().waitFor();
  await expect
    .poll(() => page.locator('st-library-view .count').innerText())
    .toBe(`${N.toLocaleString('en-US')} articles`);
  const grid = page.locator('st-library-view .scroller');
  expect(await grid.getAttribute('aria-rowcount')).toBe(String(N));
  const rendered = await page.locator('st-library-view .row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  // jump to the end: the last page is fetched on demand and the oldest import shows up
  await grid.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect
    .poll(() => page.locator('st-library-view .row .title').allInnerTexts(), { timeout: 10_000 })
    .toContain('Field report number 0');
  expect(await page.locator('st-library-view .row').count()).toBeLessThan(60);
});
