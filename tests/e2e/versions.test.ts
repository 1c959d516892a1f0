// The Versions view in Chromium: two captures of one article compared side by side and inline, annotations marked.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations, dismissToasts, focused, go } from './helpers.js';
import { importHtml, offsetsOf } from './corpus.js';

const STAYS = 'The harbour office opened its ledgers to the public in March';
const MOVES = 'Volunteers transcribed the storm notes every Thursday evening';
const EDITED = 'the surge of 1953 reached four metres at the quay';
const REMOVED = 'A small exhibition of the calfskin bindings will follow';

function page(version: 1 | 2): string {
  const paragraphs =
    version === 1
      ? [
          `${STAYS}, after a decade of restoration work.`,
          `${MOVES} for two winters, and their spelling is kept as written.`,
          `The readings show that ${EDITED}, a record that still stands.`,
          `${REMOVED} in the spring.`,
          'Researchers may book the reading room by letter.',
        ]
      : [
          `${STAYS}, after a decade of restoration work.`,
          'The readings show that the surge of 1953 reached 4.2 metres at the quay, a record that still stands.',
          'Researchers may book the reading room by letter or by telephone.',
          `${MOVES} for two winters, and their spelling is kept as written.`,
        ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour ledgers open</title>
<link rel="canonical" href="https://harbour.example/ledgers"></head><body><article><h1>Harbour ledgers open</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
}

let h: Harness;
let p: Page;
let id: ArticleId;

/** Text of every element matching `selector` inside the Versions view's shadow root. */
function texts(selector: string): Promise<string[]> {
  return p.evaluate((sel) => {
    const view = document.querySelector('st-app')!.shadowRoot!.querySelector('st-versions-view')!.shadowRoot!;
    return [...view.querySelectorAll(sel)].map((e) => e.textContent ?? '');
  }, selector);
}

beforeAll(async () => {
  h = await startHarness();
  p = h.page;
  id = await importHtml(h, 'ledgers-v1.html', page(1));
  for (const [quote, color] of [
    [STAYS, 'yellow'],
    [MOVES, 'green'],
    [EDITED, 'blue'],
    [REMOVED, 'pink'],
  ] as const) {
    h.api.createAnnotation({ articleId: id, kind: 'highlight', ...offsetsOf(h, id, quote), color });
  }
  const again = await importHtml(h, 'ledgers-v2.html', page(2));
  expect(again).toBe(id);
  await p.goto(`${h.server.url}/#token=${h.server.token}`);
  await dismissToasts(p);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Versions view', () => {
  test('opens from the reader and shows what changed side by side, with each annotation marked', async () => {
    await go(p, `#/article/${id}`);
    await p.locator('st-reader a', { hasText: 'Versions (2)' }).click();
    await p.locator('st-versions-view section.col.to').waitFor();
    expect(await p.evaluate(() => location.hash)).toBe(`#/article/${id}/versions`);
    // Older side: the removed paragraph struck; newer side: the added words.
    const removed = (await texts('.col.from del')).join(' ');
    expect(removed).toContain('A small exhibition of the calfskin bindings will follow');
    expect(removed).toContain('four');
    const added = (await texts('.col.to ins')).join(' ');
    expect(added).toContain('4.2');
    expect(added).toContain('telephone.');
    // The paragraph that changed place is marked moved on both sides.
    expect((await texts('.col.from del.moved')).join(' ')).toContain('Volunteers transcribed the storm notes');
    expect((await texts('.col.to ins.moved')).join(' ')).toContain('Volunteers transcribed the storm notes');
    const list = await texts('aside li');
    const entry = (quote: string) => list.find((t) => t.includes(quote)) ?? '';
    expect(entry(STAYS)).toContain('Unchanged');
    expect(entry(MOVES)).toContain('Moved');
    expect(entry(EDITED)).toContain('Quote changed');
    expect(entry(EDITED)).toContain('4.2 metres');
    expect(entry(REMOVED)).toContain('Orphaned');
    // The orphan is marked where it stood in the older version, and absent from the newer.
    expect((await texts('.col.from mark.s-orphaned')).join('')).toContain('calfskin');
    expect(await texts('.col.to mark.s-orphaned')).toEqual([]);
    expect((await texts('.summary')).join('')).toMatch(/1 moved, 1 quote changed, 1 orphaned/);
    expect(await axeViolations(p)).toEqual([]);
    await p.setViewportSize({ width: 1440, height: 900 });
    await shot(p, 'versions-side-1440');
    await p.setViewportSize({ width: 1024, height: 768 });
    await shot(p, 'versions-side-1024');
    await p.setViewportSize({ width: 1360, height: 860 });
  });

  test('inline mode interleaves removed and added words, and is kept', async () => {
    await p.locator('st-versions-view button', { hasText: 'Inline' }).click();
    await p.locator('st-versions-view .cols:not(.side) .col').waitFor();
    const text = (await texts('.cols .col .text'))[0] ?? '';
    expect(text).toMatch(/reached\s*four\s*4\.2\s*metres/);
    expect(await texts('.col del')).toContain('four');
    expect(await axeViolations(p)).toEqual([]);
    await p.setViewportSize({ width: 1440, height: 900 });
    await shot(p, 'versions-inline-1440');
    await p.setViewportSize({ width: 1024, height: 768 });
    await shot(p, 'versions-inline-1024');
    await p.setViewportSize({ width: 1360, height: 860 });
    await p.reload();
    await p.locator('st-versions-view .cols:not(.side) .col').waitFor();
    expect(await p.locator('st-versions-view button', { hasText: 'Inline' }).getAttribute('aria-pressed')).toBe('true');
  });

  test('is usable from the keyboard: n jumps to the next change, a list entry shows its passage, Esc goes back', async () => {
    await p.locator('st-versions-view h1').click();
    await p.keyboard.press('n');
    expect(await focused(p)).toMatch(/^(DEL|INS)/i);
    const entry = p.locator('st-versions-view aside li button', { hasText: 'Moved' });
    await entry.focus();
    await p.keyboard.press('Enter');
    await p.locator('st-versions-view mark.flash').waitFor();
    await p.keyboard.press('Escape');
    await p.waitForFunction((n) => location.hash === `#/article/${n}`, id);
  });

  test('any two captures can be picked; the same one on both sides says so', async () => {
    const captures = h.api.getArticle({ id }).captures; // newest first
    await go(p, `#/article/${id}/versions?from=${captures[1]!.id}&to=${captures[1]!.id}`);
    // The view may still show the previous comparison for a moment: wait for this one's answer.
    await expect.poll(async () => (await texts('.empty h2'))[0] ?? '', { timeout: 15_000 }).toContain('same version');
    await p.locator('st-versions-view select[aria-label="Newer version"]').selectOption(String(captures[0]!.id));
    await p.locator('st-versions-view .col ins').first().waitFor();
    expect((await texts('.col ins')).join(' ')).toContain('4.2');
  });
});
