// A saved web page imported from the app (picked folder, picked files, a drop) keeps its `Page_files/` images as
// the CLI's folder import does: one article, the images as assets, the folder's files not reported as failures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, startHarness, type Harness } from './harness.js';
import { go } from './helpers.js';

let h: Harness;
let page: Page;
let dir: string;
const PHOTO = fs.readFileSync(path.join(ROOT, 'tests/fixtures/importers/saved-page/Article_files/photo.png'));
const PIXEL = fs.readFileSync(path.join(ROOT, 'tests/fixtures/importers/pixel.png'));

/** A "Webpage, complete" save: the page and its folder of images; `name` keeps each save's bytes apart. */
function savedPage(folder: string, name: string): void {
  fs.mkdirSync(path.join(folder, `${name}_files`), { recursive: true });
  fs.writeFileSync(
    path.join(folder, `${name}.html`),
    `<!doctype html><html><head><title>${name} of the marsh</title></head><body><article><h1>${name} of the marsh</h1>
<p>The reed cutters of ${name} worked the marsh from October to the first frost, bundling the stems by hand and stacking them on the dyke to dry in the wind.</p>
<figure><img src="${name}_files/photo.png" alt="Reed stacks"><figcaption>Reed stacks on the dyke.</figcaption></figure>
<p>Each bundle was measured against a leather strap; a short bundle earned nothing, a long one a penny more than the year before.</p>
<p><img src="./${name}_files/pixel%20one.png" alt="The strap"></p>
</article></body></html>`,
  );
  fs.writeFileSync(path.join(folder, `${name}_files`, 'photo.png'), PHOTO);
  fs.writeFileSync(path.join(folder, `${name}_files`, 'pixel one.png'), PIXEL);
  fs.writeFileSync(path.join(folder, `${name}_files`, 'saved_resource.js'), 'window.x = 1;');
}

async function importReport(): Promise<string> {
  const summary = page.locator('st-import-view .summary');
  await summary.filter({ hasText: 'imported' }).waitFor({ timeout: 20_000 });
  return summary.innerText();
}

async function readerImages(id: number): Promise<number> {
  await go(page, `#/article/${id}`);
  const imgs = page.locator('st-reader .content img');
  await imgs.first().waitFor();
  await expect
    .poll(() => imgs.evaluateAll((els) => els.filter((e) => (e as HTMLImageElement).naturalWidth > 0).length))
    .toBe(2);
  return imgs.count();
}

beforeAll(async () => {
  h = await startHarness();
  page = h.page;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-page-files-'));
  await page.goto(h.server.openUrl);
  await page.locator('st-library-view h1').waitFor();
});

afterAll(async () => {
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('a picked folder: one article per page, its images as assets, same as the CLI', async () => {
  const folder = path.join(dir, 'saves');
  savedPage(folder, 'Fenland');
  await go(page, '#/import');
  await page.locator('st-import-view input#folder').setInputFiles(folder);
  const summary = await importReport();
  expect(summary).toContain('1 imported');
  expect(summary).not.toContain('failed');
  expect(await page.locator('st-import-view ul[aria-label="Imported files"] li').count()).toBe(1);
  const app = h.api.listArticles({}).items.find((a) => a.title === 'Fenland of the marsh')!;
  const appHtml = h.api.getArticle({ id: app.id }).html;
  expect(appHtml.match(/src="asset:[0-9a-f]{64}"/g)?.length).toBe(2);
  expect(await readerImages(app.id)).toBe(2);

  // the CLI's way (a folder path) on a twin save gives the same images
  const twin = path.join(dir, 'twin');
  savedPage(twin, 'Fenland');
  fs.appendFileSync(path.join(twin, 'Fenland.html'), '<!-- twin -->');
  const cli = await h.api.importPaths({ paths: [twin] });
  expect(cli.outcomes.map((o) => o.status)).toEqual(['imported']);
  const cliHtml = h.api.getArticle({ id: cli.outcomes[0]!.id! }).html;
  expect(cliHtml.match(/asset:[0-9a-f]{64}/g)).toEqual(appHtml.match(/asset:[0-9a-f]{64}/g));
});

test('picked files: a page and its images chosen together', async () => {
  const loose = path.join(dir, 'loose');
  fs.mkdirSync(loose);
  fs.writeFileSync(
    path.join(loose, 'Heron.html'),
    `<!doctype html><title>The heron count</title><article><h1>The heron count</h1>
<p>Twelve nests in the alders this spring, two more than last year, and one pair trying the old poplar by the sluice gate again.</p>
<img src="Heron_files/photo.png" alt="Nest"><p>The poplar pair gave up by May; the alder colony fledged nineteen young between them.</p>
<img src="Heron_files/pixel.png" alt="Alders"></article>`,
  );
  fs.writeFileSync(path.join(loose, 'photo.png'), PHOTO);
  fs.writeFileSync(path.join(loose, 'pixel.png'), PIXEL);
  await go(page, '#/import');
  await page
    .locator('st-import-view input#files')
    .setInputFiles(['Heron.html', 'photo.png', 'pixel.png'].map((f) => path.join(loose, f)));
  const summary = await importReport();
  expect(summary).toContain('1 imported');
  expect(summary).not.toContain('failed');
  const id = h.api.listArticles({}).items.find((a) => a.title === 'The heron count')!.id;
  expect(h.api.getArticle({ id }).html.match(/src="asset:/g)?.length).toBe(2);
});

test('a drop of a page and its images', async () => {
  const html = `<!doctype html><title>Eel traps</title><article><h1>Eel traps</h1>
<p>The willow traps are set at dusk on the ebb and lifted at first light; a good night brings a dozen eels to a trap.</p>
<img src="Eel_files/photo.png" alt="A trap"><p>Most of the catch went to the smokehouse at the end of the lane, the rest to market.</p>
<img src="Eel_files/pixel.png" alt="Smokehouse"></article>`;
  await go(page, '#/import');
  const drop = page.locator('st-import-view .drop');
  const transfer = await page.evaluateHandle(
    ({ html, photo, pixel }) => {
      const dt = new DataTransfer();
      const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([html], 'Eel.html', { type: 'text/html' }));
      dt.items.add(new File([bytes(photo)], 'photo.png', { type: 'image/png' }));
      dt.items.add(new File([bytes(pixel)], 'pixel.png', { type: 'image/png' }));
      return dt;
    },
    { html, photo: PHOTO.toString('base64'), pixel: PIXEL.toString('base64') },
  );
  await drop.dispatchEvent('drop', { dataTransfer: transfer });
  const summary = await importReport();
  expect(summary).toContain('imported');
  await expect.poll(() => h.api.listArticles({}).items.some((a) => a.title === 'Eel traps')).toBe(true);
  const id = h.api.listArticles({}).items.find((a) => a.title === 'Eel traps')!.id;
  expect(h.api.getArticle({ id }).html.match(/src="asset:/g)?.length).toBe(2);
  expect(await page.locator('st-import-view .summary').innerText()).not.toContain('failed');
});
