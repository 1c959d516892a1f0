// Every way of following a link out of the archive (any click, middle button, keyboard, context menu) meets one confirmation.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { ArticleId } from '../../db/contract/types.js';
import { startHarness, type Harness } from './harness.js';
import { offsetsOf } from './corpus.js';
import { watchContext, type Watch } from './xss/watch.js';

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour walls</title></head>
<body><article><h1>Harbour walls</h1>
<p>The old harbour walls were rebuilt twice in the last century, each time a little higher than before.</p>
<p>The engineers' report is online: <a href="https://example.org/outside">read the outside link</a> for the drawings.</p>
<p>Storms in the winter of 1953 broke the northern wall, and the repairs took three summers to finish.</p>
</article></body></html>`;

let h: Harness;
let page: Page;
let watch: Watch;
let id: ArticleId;

beforeAll(async () => {
  h = await startHarness();
  const out = await h.api.importFile({
    fileName: 'harbour.html',
    dataBase64: Buffer.from(ARTICLE).toString('base64'),
    sourceUrl: 'https://example.org/source',
  });
  id = out.id!;
  const at = offsetsOf(h, id, 'rebuilt twice');
  h.api.createAnnotation({
    articleId: id,
    kind: 'highlight',
    ...at,
    color: 'yellow',
    note: 'See [the note link](https://example.org/note).',
  });
  const context = await h.browser.newContext({ viewport: { width: 1360, height: 860 } });
  watch = await watchContext(context, new URL(h.server.url).origin);
  page = await watch.openPage();
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const go = (hash: string) => page.evaluate((x) => (location.hash = x), hash);

/** Opens the reader's side panel on a tab (Esc, pressed to close a context menu, also closes the panel). */
async function panelTab(name: RegExp): Promise<void> {
  await go(`#/article/${id}`);
  const reader = page.locator('st-reader');
  await reader.locator('.content p').first().waitFor();
  if (!(await reader.getByRole('tab', { name }).count()))
    await reader.getByRole('button', { name: 'Side panel' }).click();
  await reader.getByRole('tab', { name }).click();
}

/** Where links out of the archive appear, and how to bring each on screen. */
const PLACES: { name: string; url: string; show: () => Promise<Locator> }[] = [
  {
    name: 'a link in the article',
    url: 'https://example.org/outside',
    show: async () => {
      await go(`#/article/${id}`);
      return page.locator('st-reader .content a').filter({ hasText: 'read the outside link' });
    },
  },
  {
    name: 'a link in a note in the side panel',
    url: 'https://example.org/note',
    show: async () => {
      await panelTab(/Annotations/);
      return page.locator('st-annotation-panel .note a');
    },
  },
  {
    name: 'the source link in the details tab',
    url: 'https://example.org/source',
    show: async () => {
      await panelTab(/Details/);
      return page.locator('st-metadata-panel a').filter({ hasText: 'example.org/source' });
    },
  },
  {
    name: 'a link in a note in Highlights',
    url: 'https://example.org/note',
    show: async () => {
      await go('#/highlights');
      return page.locator('st-highlights-view .note a');
    },
  },
];

/** The ways a person follows a link, as far as the page can see them. */
const WAYS: { name: string; follow: (link: Locator) => Promise<void> }[] = [
  { name: 'click', follow: (l) => l.click() },
  { name: 'Ctrl-click', follow: (l) => l.click({ modifiers: ['Control'] }) },
  { name: 'Cmd-click', follow: (l) => l.click({ modifiers: ['Meta'] }) },
  { name: 'Shift-click', follow: (l) => l.click({ modifiers: ['Shift'] }) },
  { name: 'Alt-click', follow: (l) => l.click({ modifiers: ['Alt'] }) },
  { name: 'middle click', follow: (l) => l.click({ button: 'middle' }) },
  {
    name: 'Enter',
    follow: async (l) => {
      await l.focus();
      await page.keyboard.press('Enter');
    },
  },
  {
    name: 'Ctrl-Enter',
    follow: async (l) => {
      await l.focus();
      await page.keyboard.press('Control+Enter');
    },
  },
];

describe('leaving the archive always asks first (browser build)', () => {
  for (const place of PLACES) {
    test(`${place.name}: every way of following it asks, and Cancel stays in the archive`, async () => {
      const link = await place.show();
      await link.waitFor();
      for (const way of WAYS) {
        watch.during(`${place.name} / ${way.name}`);
        await way.follow(link);
        const dialog = page.getByRole('alertdialog');
        await dialog.waitFor();
        expect(await dialog.locator('code').innerText(), way.name).toBe(place.url);
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await dialog.waitFor({ state: 'detached' });
      }
      // the context menu: the page cannot see which item is picked, so the link gives the browser nothing to
      // open (no href); the menu itself is left alone and nothing opens
      watch.during(`${place.name} / context menu`);
      expect(await link.getAttribute('href')).toBeNull();
      expect(await link.getAttribute('role')).toBe('link');
      await link.click({ button: 'right' });
      await page.keyboard.press('Escape');
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect(watch.findings).toEqual([]);
    });
  }

  test('no element anywhere in the app is a link the browser could follow out of the archive', async () => {
    const followable = async () =>
      page.evaluate(() => {
        const out: string[] = [];
        const visit = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) visit(el.shadowRoot);
            const href = (el as HTMLAnchorElement | HTMLAreaElement).href;
            if ((el.tagName === 'A' || el.tagName === 'AREA') && href && new URL(href).origin !== location.origin)
              out.push(href);
          }
        };
        visit(document);
        return out;
      });
    for (const place of PLACES) {
      await (await place.show()).waitFor();
      expect(await followable(), place.name).toEqual([]);
    }
  });

  test('confirming opens the link once, in a new window with no way back to the archive', async () => {
    const link = await PLACES[0]!.show();
    watch.during('confirmed');
    await link.click({ button: 'middle' });
    await page.getByRole('alertdialog').getByRole('button', { name: 'Open link' }).click();
    await expect
      .poll(() => watch.findings.filter((f) => f.kind === 'remote-request').map((f) => f.detail))
      .toEqual(['https://example.org/outside']);
    // the new window is the one intended way out: one popup and its (blocked) request
    await expect.poll(() => watch.findings.filter((f) => f.kind === 'popup').length, { timeout: 10_000 }).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/');
    watch.findings.length = 0;
  });
});
