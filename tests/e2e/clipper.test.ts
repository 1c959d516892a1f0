// The browser clipper for real: the unpacked extension in Chromium, paired through its options or the app's code, clipping local pages.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveApi, type ArchiveService } from '../../db/api.js';
import { clipperKeyMatches, pairClipper } from '../../db/capture/clipper-pairing.js';
import { ClipperListener } from '../../db/server/clipper-listener.js';
import { startServer, type RunningServer } from '../../db/server/server.js';
import { callApi } from '../../db/transport/dispatch.js';
import { openTempArchive, tempDir } from '../helpers/archive.js';
import { RED_DOT_PNG } from '../db/server/helpers.js';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR, ROOT, shot } from './harness.js';
import { go } from './helpers.js';
import { articlePage, startLocalSite, type LocalSite } from './local-site.js';

const EXTENSION = path.join(ROOT, 'clipper');

const ARTICLE = `<!doctype html><html><head><title>Tide Tables of Aberdour</title></head><body>
<main><article><h1>Tide Tables of Aberdour</h1>
<p>The harbour keeper wrote the tides in a green ledger every morning for forty years.</p>
<p id="late">Only after the storm of 1953 did anyone notice that the spring tides had crept higher each decade.</p>
<p>The ledger now sits in the village library, open at the page of the flood.</p>
</article></main>
<script>document.getElementById('late').insertAdjacentHTML('afterend', '<p id="added">This paragraph was written by a script after the page loaded.</p>');</script>
</body></html>`;

let archive: ReturnType<typeof openTempArchive>;
let api: ArchiveService;
let server: RunningServer;
let site: http.Server;
let siteUrl: string;
let context: BrowserContext;
let profile: string;
let extensionId: string;
const elsewhere: string[] = [];
let listener: ClipperListener | null = null;
const sites: LocalSite[] = [];

/** The id of the tab showing `url`, asked inside the extension's service worker (where `chrome` is the API). */
async function tabFor(url: string): Promise<number | null> {
  const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId))!;
  return worker.evaluate(async (u) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } })
      .chrome;
    return (await api.tabs.query({ url: u }))[0]?.id ?? null;
  }, url);
}

beforeAll(async () => {
  site = http.createServer((req, res) => {
    res.writeHead(req.url === '/article' ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.url === '/article' ? ARTICLE : 'no');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/article`;

  profile = tempDir('stacks-clipper-profile-');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`],
  });
  // Everything the browser requests, to show the clipper talks to the page's server and Stacks only.
  context.on('request', (r) => {
    const url = r.url();
    if (!/^(http:\/\/127\.0\.0\.1:|chrome-extension:|about:|data:)/.test(url)) elsewhere.push(url);
  });
  const worker: Worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  extensionId = new URL(worker.url()).host;

  archive = openTempArchive();
  api = createArchiveApi(archive);
  // What `stacks clipper pair --origin …` does, then `stacks serve` allowing the paired origin.
  const { key, origins } = pairClipper(archive.db, `chrome-extension://${extensionId}`);
  fs.writeFileSync(path.join(archive.dir, 'clipper-key'), key);
  server = await startServer({
    api,
    archive,
    rendererDir: RENDERER_DIR,
    clipper: { origins, keyMatches: (given) => clipperKeyMatches(archive.db, given) },
  });
}, 60_000);

afterAll(async () => {
  await listener?.stop();
  for (const site of sites) site.close();
  await context?.close().catch(() => undefined);
  await server?.close();
  await api?.dispose();
  archive?.close();
  site?.close();
  if (archive) fs.rmSync(archive.dir, { recursive: true, force: true });
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe('browser clipper', () => {
  it('pairs through its options page, then sends a page with its selection and tags', async () => {
    const key = fs.readFileSync(path.join(archive.dir, 'clipper-key'), 'utf8');
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect
      .poll(() => options.textContent('#pair-command'))
      .toBe(`stacks clipper pair --origin chrome-extension://${extensionId}`);
    // A wrong key first: Stacks refuses it and the options page says so.
    await options.fill('#server', server.url);
    await options.fill('#key', 'x'.repeat(43));
    await options.click('#pairing button');
    await expect.poll(() => options.textContent('#status')).toMatch(/refused the key/);
    await options.fill('#key', key);
    await options.click('#pairing button');
    await expect.poll(() => options.textContent('#status')).toBe('Paired: Stacks accepted the key.');
    await shot(options, 'clipper-options');

    const article = await context.newPage();
    await article.goto(siteUrl);
    // The user selects a sentence of the page.
    await article.evaluate(() => {
      const p = document.getElementById('late')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId))!;
    // Runs inside the extension's service worker, where `chrome` is the WebExtension API.
    const tabId = await worker.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } })
        .chrome;
      return (await api.tabs.query({ url }))[0]?.id ?? null;
    }, siteUrl);
    expect(tabId).not.toBeNull();

    // The popup, opened as a page for that tab (a headless browser has no toolbar to click).
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    await popup.fill('#tags', 'harbour, tides');
    await popup.click('#send');
    await expect.poll(() => popup.textContent('#status'), { timeout: 15_000 }).toMatch(/^Saved with your highlight: /);
    await shot(popup, 'clipper-popup');

    const list = api.listArticles({});
    expect(list.items).toHaveLength(1);
    const stored = api.getArticle({ id: list.items[0]!.id });
    expect(stored.title).toBe('Tide Tables of Aberdour');
    expect(stored.sourceUrl).toBe(siteUrl);
    // The DOM as the user saw it: the paragraph a script added is there, the script itself is not.
    expect(stored.text).toContain('This paragraph was written by a script after the page loaded.');
    expect(stored.html).not.toContain('<script');
    expect([...stored.tags].sort()).toEqual(['harbour', 'tides']);
    const highlights = api.listAnnotations({ articleId: stored.id });
    expect(highlights.items).toHaveLength(1);
    expect(highlights.items[0]!.quote?.exact).toBe(
      'Only after the storm of 1953 did anyone notice that the spring tides had crept higher each decade.',
    );
    const event = api.listEvents({ articleId: stored.id }).find((e) => e.kind === 'imported');
    expect(event?.detail).toMatch(/clipped in the browser with the Stacks clipper/);
    expect(elsewhere).toEqual([]);
  }, 90_000);

  it('lets the extension origin call clipPage and nothing else', async () => {
    const key = fs.readFileSync(path.join(archive.dir, 'clipper-key'), 'utf8');
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const statuses = await options.evaluate(
      async ({ base, key, token }) => {
        const call = async (method: string, auth: string) =>
          (
            await fetch(`${base}/api/${method}`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json' },
              body: '{}',
            })
          ).status;
        return {
          listWithKey: await call('listArticles', key),
          listWithToken: await call('listArticles', token),
          clipWithoutKey: await call('clipPage', 'nope'),
        };
      },
      { base: server.url, key, token: server.token },
    );
    expect(statuses).toEqual({ listWithKey: 403, listWithToken: 403, clipWithoutKey: 401 });
  });
});

/** The lazy image: the red dot with a byte after its end (decoders ignore it), so its SHA-256 is its own. */
const PIER_PNG = Buffer.concat([RED_DOT_PNG, Buffer.from([0])]);

/** A 1x1 GIF: the second image, served by another origin that allows CORS. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const sha = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

describe('browser clipper with the desktop app', () => {
  it('pairs from the popup with the code the app shows, and keeps the images the browser could read', async () => {
    // What the app does when its Browser clipper setting is turned on: the listener, running clipPage in the archive.
    listener = new ClipperListener({
      stateFile: path.join(archive.dir, 'clipper-listener.json'),
      call: (method, input) => callApi(api, method, input),
    });
    const shown = await listener.setEnabled(true);
    expect(shown.pairingCode).toMatch(/^stacks-clipper:\d+:[A-Za-z0-9_-]{43}$/);

    // Another origin: one image it allows pages to read (CORS), one it does not.
    const other = await new Promise<http.Server>((resolve) => {
      const s = http.createServer((req, res) => {
        if (req.url === '/shared.gif') {
          res.writeHead(200, { 'Content-Type': 'image/gif', 'Access-Control-Allow-Origin': '*' });
          res.end(GIF);
        } else {
          res.writeHead(200, { 'Content-Type': 'image/png' });
          res.end(Buffer.concat([RED_DOT_PNG, Buffer.from('private')]));
        }
      });
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    sites.push({ base: otherBase, requests: [], close: () => other.close() });
    const gallery = await startLocalSite({
      '/gallery': articlePage(
        'The Harbour in Pictures',
        `<p>The harbour wall was rebuilt in 1954 with stone from the old quarry above the village, by the same masons.</p>
<p><img src="/images/wall.png" alt="The rebuilt harbour wall"></p>
<p>The lighthouse keeper's logbook shows the light was relit the same winter, for the herring boats coming home.</p>
<p><img src="${otherBase}/shared.gif" alt="The lighthouse at dusk"></p>
<p><img src="${otherBase}/private.png" alt="A photograph the other site keeps to itself"></p>
<p><img src="data:image/gif;base64,${GIF.toString('base64')}" data-src="/images/pier.png" alt="The pier at low tide"></p>`,
      ),
      '/images/wall.png': { type: 'image/png', body: RED_DOT_PNG },
      // Loaded by no script here: only its data-src names it, as a lazy-loading page leaves it until scrolled to.
      '/images/pier.png': { type: 'image/png', body: PIER_PNG },
    });
    sites.push(gallery);
    const pageUrl = `${gallery.base}/gallery`;

    // A fresh install: nothing paired yet.
    const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId))!;
    await worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> } } } }
      ).chrome.storage.local.clear(),
    );

    const article = await context.newPage();
    await article.goto(pageUrl);
    await expect
      .poll(() => article.locator('img').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth)))
      .toEqual([1, 1, 1, 1]);
    const tabId = await tabFor(pageUrl);
    expect(tabId).not.toBeNull();

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.textContent('#status')).toMatch(/paste the pairing code the app shows/);
    // A mistyped code first: the popup says what is wrong and stays unpaired.
    await popup.fill('#code', 'stacks-clipper:1:not-a-key');
    await popup.click('#pair-code button');
    await expect.poll(() => popup.textContent('#status')).toMatch(/not a Stacks pairing code/);
    await popup.fill('#code', shown.pairingCode!);
    await popup.click('#pair-code button');
    await expect.poll(() => popup.textContent('#status')).toMatch(/^Paired with Stacks at http:\/\/127\.0\.0\.1:/);
    expect(await popup.isHidden('#pair-code')).toBe(true);
    expect(listener.info().origins).toEqual([`chrome-extension://${extensionId}`]);

    await popup.fill('#tags', 'harbour');
    await popup.click('#send');
    await expect
      .poll(() => popup.textContent('#status'), { timeout: 20_000 })
      .toMatch(/^Saved: The Harbour in Pictures/);
    await shot(popup, 'clipper-popup-paired-by-code');

    const found = api.listArticles({}).items.find((a) => a.title === 'The Harbour in Pictures');
    expect(found).toBeDefined();
    const stored = api.getArticle({ id: found!.id });
    expect(stored.tags).toEqual(['harbour']);
    // The same-origin image, the CORS-allowed one and the lazy one (its data-src) are the article's assets; the other
    // is left out, never fetched later.
    const assets = [...stored.html.matchAll(/<img[^>]*src="asset:([0-9a-f]{64})"/g)].map((m) => m[1]);
    expect(assets).toEqual([sha(RED_DOT_PNG), sha(GIF), sha(PIER_PNG)]);
    expect(stored.html).not.toContain(`${otherBase}/private.png"`);

    // The archived article, read in the app: both images come from the archive.
    const reader = await context.newPage();
    await reader.goto(server.openUrl);
    await go(reader, `#/article/${stored.id}`);
    const shownImages = reader.locator('st-reader img[src*="/asset/"]');
    await expect.poll(() => shownImages.count(), { timeout: 20_000 }).toBe(3);
    await expect
      .poll(() => shownImages.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth)))
      .toEqual([1, 1, 1]);
    expect(await shownImages.evaluateAll((els) => els.map((e) => new URL((e as HTMLImageElement).src).origin))).toEqual(
      [server.url, server.url, server.url],
    );
    await shot(reader, 'clipper-article-with-images');
    expect(elsewhere).toEqual([]);
  }, 120_000);
});
