// The desktop app's clipper listener over real loopback HTTP: on and off, pairing by code, clips with images, refusals.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveApi, type ArchiveService } from '../../../db/api.js';
import { parsePairingCode } from '../../../db/contract/clipper.js';
import { ClipperListener } from '../../../db/server/clipper-listener.js';
import { callApi } from '../../../db/transport/dispatch.js';
import { openTempArchive, tempDir } from '../../helpers/archive.js';
import { rawRequest, RED_DOT_PNG } from './helpers.js';

const ORIGIN = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;
const OTHER = `chrome-extension://${'ponmlkjihgfedcba'.repeat(2)}`;
const PAGE_URL = 'https://tides.example/aberdour/ledger';
const PAGE = {
  url: PAGE_URL,
  html: `<!doctype html><html><head><title>The Harbour Ledger</title></head><body><article><h1>The Harbour Ledger</h1>
<p>The harbour keeper wrote the tides in a green ledger every morning for forty years, in a careful hand.</p>
<p><img src="/aberdour/ledger.png" alt="The ledger open at the flood"></p>
<p>The ledger now sits in the village library, open at the page of the flood of 1953, under glass.</p>
<p><img src="https://elsewhere.example/not-sent.png" alt="An image the browser could not read"></p>
</article></body></html>`,
  images: [{ url: 'https://tides.example/aberdour/ledger.png', data: RED_DOT_PNG.toString('base64') }],
  tags: ['tides'],
};

let archive: ReturnType<typeof openTempArchive>;
let api: ArchiveService;
let dir: string;
let stateFile: string;
const listeners: ClipperListener[] = [];

function listener(): ClipperListener {
  const made = new ClipperListener({ stateFile, call: (method, input) => callApi(api, method, input) });
  listeners.push(made);
  return made;
}

function post(port: number, urlPath: string, headers: Record<string, string>, body: unknown = {}) {
  return rawRequest(
    port,
    {
      method: 'POST',
      path: urlPath,
      // A fresh connection each time: a kept-alive one would hide whether the port still listens.
      agent: false,
      headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers },
    },
    JSON.stringify(body),
  );
}

beforeAll(() => {
  archive = openTempArchive();
  api = createArchiveApi(archive);
  dir = tempDir('stacks-clipper-listener-');
  stateFile = path.join(dir, 'clipper.json');
});

afterAll(async () => {
  for (const l of listeners) await l.stop();
  await api?.dispose();
  archive?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(archive.dir, { recursive: true, force: true });
});

describe('clipper listener', () => {
  it('is off until turned on, then pairs an extension by code and stores its clip with the page image', async () => {
    const app = listener();
    expect(await app.start()).toMatchObject({ enabled: false, running: false, pairingCode: null, origins: [] });

    const on = await app.setEnabled(true);
    expect(on).toMatchObject({ enabled: true, running: true, error: null });
    const code = parsePairingCode(on.pairingCode!)!;
    expect(code.port).toBe(on.port);
    expect(on.url).toBe(`http://127.0.0.1:${on.port}`);
    // The pairing (key included) is kept for the next launch, readable only by this user.
    expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);

    // Before pairing, the extension's origin is refused even with the right key.
    const early = await post(code.port, '/api/clipPage', { origin: ORIGIN, authorization: `Bearer ${code.key}` }, PAGE);
    expect(early.status).toBe(403);
    // A wrong code does not pair.
    const wrong = await post(code.port, '/clipper/pair', { origin: ORIGIN, authorization: `Bearer ${'x'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    // A web page cannot pair, even with the code: only an extension origin may.
    const web = await post(code.port, '/clipper/pair', {
      origin: 'https://tides.example',
      authorization: `Bearer ${code.key}`,
    });
    expect(web.status).toBe(403);
    const paired = await post(code.port, '/clipper/pair', { origin: ORIGIN, authorization: `Bearer ${code.key}` });
    expect(paired.status).toBe(200);
    expect(JSON.parse(paired.text).value.message).toMatch(/^Paired with Stacks/);
    expect(app.info().origins).toEqual([ORIGIN]);

    const clip = await post(code.port, '/api/clipPage', { origin: ORIGIN, authorization: `Bearer ${code.key}` }, PAGE);
    expect(clip.status).toBe(200);
    const answer = JSON.parse(clip.text) as { ok: true; value: { id: number; title: string } };
    expect(answer.value.title).toBe('The Harbour Ledger');
    const article = api.getArticle({ id: answer.value.id as never });
    expect(article.tags).toEqual(['tides']);
    // The image the browser sent is the article's asset; the one it could not read stays a placeholder, unfetched.
    const sha = crypto.createHash('sha256').update(RED_DOT_PNG).digest('hex');
    expect(article.html).toContain(`src="asset:${sha}"`);
    expect(article.html).not.toContain('elsewhere.example/not-sent.png"');
    const row = archive.db.prepare('SELECT bytes FROM asset WHERE sha256 = ?').get(sha) as { bytes: Buffer };
    expect(Buffer.compare(row.bytes, RED_DOT_PNG)).toBe(0);
  });

  it('lets the paired origin call clipPage only, and serves nothing else to anyone', async () => {
    const app = listeners[0]!;
    const { port, key } = parsePairingCode(app.info().pairingCode!)!;
    const auth = { authorization: `Bearer ${key}` };
    expect((await post(port, '/api/listArticles', { origin: ORIGIN, ...auth })).status).toBe(403);
    // Another extension with the stolen key but never paired.
    expect((await post(port, '/api/clipPage', { origin: OTHER, ...auth }, PAGE)).status).toBe(403);
    // A paired origin with a wrong key.
    expect((await post(port, '/api/clipPage', { origin: ORIGIN, authorization: 'Bearer nope' }, PAGE)).status).toBe(
      401,
    );
    // A local script with the key and no origin: the app's API, assets and pages are not served here at all.
    expect((await post(port, '/api/listArticles', auth)).status).toBe(404);
    const page = await rawRequest(port, { method: 'GET', path: '/', headers: { host: `127.0.0.1:${port}` } });
    expect(page.status).toBe(404);
    // DNS rebinding: another Host is refused.
    expect((await post(port, '/api/clipPage', { origin: ORIGIN, host: 'tides.example', ...auth }, PAGE)).status).toBe(
      403,
    );
    // Bad input still gets the schema's clear error, not a crash.
    const bad = await post(port, '/api/clipPage', { origin: ORIGIN, ...auth }, { ...PAGE, images: [{ url: 'x' }] });
    expect(JSON.parse(bad.text)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('comes back on the same port with the same pairing at the next launch, and stops when turned off', async () => {
    const first = listeners[0]!;
    const before = first.info();
    await first.stop();
    await expect(post(before.port, '/clipper/pair', { origin: ORIGIN })).rejects.toThrow(/ECONNREFUSED/);

    const relaunched = listener();
    const after = await relaunched.start();
    expect(after).toMatchObject({ enabled: true, running: true, port: before.port, pairingCode: before.pairingCode });
    expect(after.origins).toEqual([ORIGIN]);
    const { port, key } = parsePairingCode(after.pairingCode!)!;
    const clip = await post(port, '/api/clipPage', { origin: ORIGIN, authorization: `Bearer ${key}` }, PAGE);
    expect(JSON.parse(clip.text)).toMatchObject({ ok: true, value: { status: 'duplicate' } });

    // A new code: the old key stops working and the browser must pair again.
    const renewed = await relaunched.newPairingCode();
    expect(renewed.pairingCode).not.toBe(after.pairingCode);
    expect(renewed.origins).toEqual([]);
    expect((await post(port, '/api/clipPage', { origin: ORIGIN, authorization: `Bearer ${key}` }, PAGE)).status).toBe(
      403,
    );

    const off = await relaunched.setEnabled(false);
    expect(off).toMatchObject({ enabled: false, running: false, pairingCode: null });
    await expect(post(port, '/clipper/pair', { origin: ORIGIN })).rejects.toThrow(/ECONNREFUSED/);
    expect(await listener().start()).toMatchObject({ enabled: false, running: false });
  });

  it('says so plainly when the chosen port is taken, and starts on another when asked', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const app = listener();
      const refused = await app.setEnabled(true, taken);
      expect(refused).toMatchObject({ enabled: true, running: false, pairingCode: null });
      expect(refused.error).toBe(
        `Port ${taken} is in use by another program: choose another port (0 picks a free one).`,
      );
      const moved = await app.setEnabled(true, 0);
      expect(moved).toMatchObject({ running: true, error: null });
      expect(moved.port).not.toBe(taken);
      await expect(app.setEnabled(true, 70000)).rejects.toThrow(/not a port number/);
      await app.setEnabled(false);
    } finally {
      blocker.close();
    }
  });
});
