// Page helpers shared by the e2e files: hash navigation, axe-core audit, selecting reader text, the focused element.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './harness.js';

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h2) => {
    location.hash = h2;
  }, hash);
}

/** Runs axe-core on the current page; the source is evaluated over CDP because the app's CSP forbids inline scripts. */
export async function axeViolations(page: Page): Promise<string[]> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!has) await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: { id: string; help: string; nodes: { target: unknown; failureSummary?: string }[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map(
      (v) =>
        `${v.id}: ${v.help} -> ${v.nodes
          .slice(0, 3)
          .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join(' | ')}`,
    );
  });
}

/** Selects `text` inside the reader's article body, as a person dragging the mouse would. */
export async function selectInReader(page: Page, text: string): Promise<void> {
  await page.evaluate((needle) => {
    const app = document.querySelector('st-app')!.shadowRoot!;
    const reader = app.querySelector('st-reader')!.shadowRoot!;
    const content = reader.querySelector('.content')!;
    // the passage may already span several text nodes (earlier highlights split them)
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n as Text);
      all += (n as Text).data;
    }
    const at = all.indexOf(needle);
    if (at < 0) throw new Error(`"${needle}" is not in the reader`);
    const locate = (pos: number, isEnd: boolean): [Text, number] => {
      let base = 0;
      for (const n of nodes) {
        if (pos < base + n.data.length || (isEnd && pos === base + n.data.length)) return [n, pos - base];
        base += n.data.length;
      }
      throw new Error('offset outside the text');
    };
    const [sn, so] = locate(at, false);
    const [en, eo] = locate(at + needle.length, true);
    const sel = (reader as unknown as { getSelection?(): Selection }).getSelection?.() ?? document.getSelection()!;
    sel.removeAllRanges();
    const range = document.createRange();
    range.setStart(sn, so);
    range.setEnd(en, eo);
    sel.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
  }, text);
}

/** "tag#id.class" of the element that has the keyboard focus, looking through shadow roots. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const label = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return `${el.tagName.toLowerCase()}#${el.id}.${el.className} [${label}]`;
  });
}

/** Dismisses the toasts, as a person would before looking at the screen (they also expire on their own). */
export async function dismissToasts(page: Page): Promise<void> {
  const close = page.locator('st-app .toast button.close');
  while (await close.count()) await close.first().click();
}
