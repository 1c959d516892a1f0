// `stacks serve` transport: the real API over real loopback HTTP on a temp archive, its auth, limits, assets and app files.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from '../../../db/transport/headers.js';
import { call, rawRequest, RED_DOT_PNG, serveTempArchive, type Served } from './helpers.js';

const TIDE_HTML =
  '<html><head><title>Tidal power</title></head><body><article><h1>Tidal power</h1>' +
  `<p>${'The moon moves the sea and the turbines turn with it. '.repeat(20)}</p>` +
  `<img src="data:image/png;base64,${RED_DOT_PNG.toString('base64')}" alt="a red dot">` +
  '<p>Estuaries hold the strongest currents.</p></article></body></html>';

describe('loopback HTTP server', () => {
  let s: Served;
  let articleId: number;

  beforeAll(async () => {
    s = await serveTempArchive({ tokenFile: undefined });
  });
  afterAll(async () => {
    await s.close();
  });

  it('listens on 127.0.0.1 only and hands out a 32-byte base64url token inside the URL fragment', () => {
    expect(s.server.url).toBe(`http://127.0.0.1:${s.server.port}`);
    expect(s.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.server.openUrl).toBe(`${s.server.url}/#token=${s.server.token}`);
  });

  it('imports a capture posted as base64 and finds it by search', async () => {
    const imported = await call(s.server, 'importFile', {
      fileName: 'tide.html',
      dataBase64: Buffer.from(TIDE_HTML).toString('base64'),
      sourceUrl: 'https://example.org/tide',
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ ok: true, value: { status: 'imported', title: 'Tidal power' } });
    articleId = imported.body.value.id;

    const found = await call(s.server, 'search', { query: 'turbines' });
    expect(found.body.ok).toBe(true);
    expect(found.body.value.total).toBe(1);
    expect(found.body.value.hits[0]).toMatchObject({ id: articleId, title: 'Tidal power' });
    expect(found.body.value.hits[0].snippet).toContain('\u27E6turbines\u27E7');

    const again = await call(s.server, 'importFile', {
      fileName: 'tide.html',
      dataBase64: Buffer.from(TIDE_HTML).toString('base64'),
    });
    expect(again.body.value.status).toBe('duplicate');
  });

  it("names the archive's file (what the app's title shows) without counting the archive", async () => {
    const file = await call(s.server, 'archiveFile', {});
    const stats = await call(s.server, 'stats', {});
    expect(path.basename(stats.body.value.path)).toBe('archive.stacks.sqlite');
    expect(file.body.value).toEqual({ path: stats.body.value.path, name: 'archive' });
  });

  it('returns archive errors and validation failures as data with HTTP 200', async () => {
    const missing = await call(s.server, 'getArticle', { id: 999_999 });
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const bad = await call(s.server, 'listArticles', { limit: 100_000, sort: 'random' });
    expect(bad.status).toBe(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    expect(bad.body.error.message).toMatch(/limit/);
    expect(bad.body.error.message).toMatch(/sort/);

    const extra = await call(s.server, 'stats', { sneaky: 1 });
    expect(extra.body).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('sneaky') },
    });
  });

  it('refuses API calls without the right bearer token (401)', async () => {
    const none = await fetch(`${s.server.url}/api/stats`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await call(s.server, 'stats', {}, { authorization: `Bearer ${s.server.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const inQuery = await fetch(`${s.server.url}/api/stats?token=${s.server.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(inQuery.status).toBe(401);
  });

  it('refuses requests from another Origin or for another Host (403), even with the token', async () => {
    const foreign = await call(s.server, 'stats', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const crossSite = await call(s.server, 'stats', {}, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await call(s.server, 'stats', {}, { origin: s.server.url });
    expect(sameOrigin).toMatchObject({ status: 200, body: { ok: true, value: { articles: 1 } } });

    // DNS rebinding: a page on attacker.example resolved to 127.0.0.1 sends its own Host name.
    const rebound = await rawRequest(
      s.server.port,
      {
        method: 'POST',
        path: '/api/stats',
        headers: {
          host: `attacker.example:${s.server.port}`,
          authorization: `Bearer ${s.server.token}`,
          'content-type': 'application/json',
        },
      },
      '{}',
    );
    expect(rebound.status).toBe(403);
    const page = await rawRequest(s.server.port, {
      method: 'GET',
      path: '/',
      headers: { host: `attacker.example:${s.server.port}` },
    });
    expect(page.status).toBe(403);
    const localhost = await rawRequest(s.server.port, {
      method: 'GET',
      path: '/',
      headers: { host: `localhost:${s.server.port}` },
    });
    expect(localhost.status).toBe(200);
  });

  it('answers transport problems with an error envelope: 404, 405, 415, 400', async () => {
    const unknown = await call(s.server, 'dropEverything', {});
    expect(unknown).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND' } } });
    const get = await fetch(`${s.server.url}/api/stats`, { headers: { authorization: `Bearer ${s.server.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    // A form post (the only cross-site write a page can make without preflight) is refused by type.
    const form = await fetch(`${s.server.url}/api/stats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.server.token}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const broken = await fetch(`${s.server.url}/api/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.server.token}`, 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not valid JSON/) },
    });
  });

  it('refuses oversized bodies with 413 before reading them', async () => {
    const big = await fetch(`${s.server.url}/api/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A declared 70 MB upload is refused from its Content-Length alone.
    const declared = await rawRequest(
      s.server.port,
      {
        method: 'POST',
        path: '/api/importFile',
        headers: {
          authorization: `Bearer ${s.server.token}`,
          'content-type': 'application/json',
          'content-length': String(70 * 1024 * 1024),
        },
      },
      '',
    );
    expect(declared.status).toBe(413);
    // The server is still healthy afterwards.
    expect((await call(s.server, 'stats', {})).body.ok).toBe(true);
  });

  it('serves archived images with their type, an inert CSP and nosniff, with the token in the query', async () => {
    const article = await call(s.server, 'getArticle', { id: articleId });
    const sha = /src="asset:([0-9a-f]{64})"/.exec(article.body.value.html)?.[1];
    expect(sha).toBeDefined();
    const img = await fetch(`${s.server.url}/asset/${sha}?token=${s.server.token}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await img.arrayBuffer()).equals(RED_DOT_PNG)).toBe(true);

    expect((await fetch(`${s.server.url}/asset/${sha}`)).status).toBe(401);
    expect((await fetch(`${s.server.url}/asset/${sha}?token=nope`)).status).toBe(401);
    expect((await fetch(`${s.server.url}/asset/${'0'.repeat(64)}?token=${s.server.token}`)).status).toBe(404);
    expect((await fetch(`${s.server.url}/asset/..%2f..%2fsecret.txt?token=${s.server.token}`)).status).toBe(404);
  });

  it('serves the app page with the strict CSP and frame/referrer protection, and client routes fall back to it', async () => {
    const page = await fetch(`${s.server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Stacks</title>');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(APP_CSP).toContain("default-src 'none'; script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    const route = await fetch(`${s.server.url}/search?q=tide`);
    expect(await route.text()).toContain('<title>Stacks</title>');
    const script = await fetch(`${s.server.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${s.server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00index.html',
    ]) {
      const res = await rawRequest(s.server.port, {
        method: 'GET',
        path: p,
        headers: { host: `127.0.0.1:${s.server.port}` },
      });
      expect(res.text).not.toContain('outside the renderer');
    }
  });
});

describe('server token file and shutdown', () => {
  it('writes the token to a file only the user can read, and removes it on close', async () => {
    const s = await serveTempArchive();
    const tokenFile = path.join(s.dir, 'private', 'serve.token');
    await s.close();
    const t = await serveTempArchive({ tokenFile });
    try {
      expect(fs.readFileSync(tokenFile, 'utf8').trim()).toBe(t.server.token);
      if (process.platform !== 'win32') expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    } finally {
      await t.close();
    }
    expect(fs.existsSync(tokenFile)).toBe(false);
    await expect(fetch(`${t.server.url}/`)).rejects.toThrow();
  });

  it('refuses to bind anything but 127.0.0.1', async () => {
    const { startServer } = await import('../../../db/server/server.js');
    await expect(startServer({ api: {} as never, host: '0.0.0.0' as never })).rejects.toThrow(/127\.0\.0\.1/);
  });

  it('says the app is not built when the renderer folder is empty', async () => {
    const s = await serveTempArchive({ rendererDir: '/nonexistent/stacks-renderer' });
    try {
      const res = await fetch(`${s.server.url}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/npm run build:renderer/);
    } finally {
      await s.close();
    }
  });
});
