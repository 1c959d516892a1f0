// The original page made inert (scripts, handlers, frames, remote references gone; archived images kept) and
// served at /original/<captureId> by `stacks serve` with its CSP, token and frame rules.
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleId, CaptureId } from '../../../db/contract/types.js';
import { startServer, type RunningServer } from '../../../db/server/server.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';
import { importArticlePage, PNG_1PX } from './article-page.js';

let t: TempArchive;
let id: ArticleId;
let captureId: CaptureId;
let server: RunningServer;

beforeAll(async () => {
  t = tempArchive();
  id = await importArticlePage(t.api, t.dir, 'http://127.0.0.1:9/remote.png');
  captureId = t.api.getArticle({ id }).captures[0]!.id;
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Stacks</title>');
  server = await startServer({ api: t.api, archive: t.api.archive, rendererDir });
});
afterAll(async () => {
  await server.close();
  await t.close();
});

describe('originalPage', () => {
  it('keeps the page and its archived image, and takes out scripts, handlers, links and remote addresses', async () => {
    const page = await t.api.originalPage({ captureId });
    expect(page.articleId).toBe(id);
    expect(page.images).toBe(1);
    expect(page.imagesNotArchived).toBe(1);
    const { document } = parseHTML(page.html);
    expect(document.querySelector('title')!.textContent).toContain('Tides & Currents');
    expect(document.querySelectorAll('script, link, meta[http-equiv]')).toHaveLength(0);
    expect(page.html).not.toMatch(/\son[a-z]+=/i);
    expect(page.html).not.toContain('127.0.0.1:9');
    const imgs = [...document.querySelectorAll('img')];
    const sha = imgs[0]!.getAttribute('src')!.replace('asset:', '');
    expect(imgs[0]!.getAttribute('alt')).toBe('Tide chart');
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(imgs[1]!.hasAttribute('src')).toBe(false);
    expect(document.body.textContent).toContain('Paragraph 4 about the harbour');
  });

  it('refuses a capture that is not a page, and one that does not exist', async () => {
    const txt = await t.api.importFile({
      fileName: 'n.txt',
      dataBase64: Buffer.from('A note\n\nHello.').toString('base64'),
    });
    const c = t.api.getArticle({ id: txt.id! }).captures[0]!.id;
    await expect(t.api.originalPage({ captureId: c })).rejects.toThrow(/not an HTML page/);
    await expect(t.api.originalPage({ captureId: 987654 as CaptureId })).rejects.toThrow(/987654/);
  });
});

describe('GET /original/<captureId> over HTTP', () => {
  it('answers with the inert page, archive-only images, a sandboxing CSP, and frames allowed to the app only', async () => {
    const res = await fetch(`${server.url}/original/${captureId}?token=${server.token}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`img-src ${server.url}/asset/`);
    expect(csp).toContain('sandbox allow-same-origin');
    expect(csp).not.toContain('allow-scripts');
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const html = await res.text();
    const src = /<img[^>]*src="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    expect(src.startsWith(`${server.url}/asset/`)).toBe(true);
    const img = await fetch(src);
    expect(img.status).toBe(200);
    expect(Buffer.from(await img.arrayBuffer())).toEqual(PNG_1PX);
  });

  it('refuses without the token, a bad id and an unknown capture', async () => {
    expect((await fetch(`${server.url}/original/${captureId}`)).status).toBe(401);
    expect((await fetch(`${server.url}/original/abc?token=${server.token}`)).status).toBe(404);
    expect((await fetch(`${server.url}/original/99999?token=${server.token}`)).status).toBe(404);
  });
});
