// Capturing URLs from a local HTTP server: WARC records byte for byte, redirects, errors, retries, limits, robots.txt, images.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import { createArchiveApi, type ArchiveService } from '../../../db/api.js';
import type { ArticleId } from '../../../db/contract/types.js';
import { USER_AGENT } from '../../../db/capture/settings.js';
import { openTempArchive } from '../../helpers/archive.js';
import { PNG } from '../ingest/warc/build.js';
import fs from 'node:fs';
import { readCapture } from '../../../db/export/article-data.js';
import { captureBlock } from '../../../db/export/warc-records.js';
import { readOriginal } from '../../../db/codec/read.js';

const page = (title: string, body: string, extra = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>` +
  `<p>${body} The keeper wrote the tides in a green ledger every morning for forty years, and the ledger survived the flood.</p>${extra}</article></body></html>`;

/** Windows-1251 bytes of Cyrillic text (А..я sit at 0xC0..0xFF), written by hand: Node has no encoder for it. */
const cp1251 = (text: string): Buffer =>
  Buffer.from([...text].map((c) => (c >= 'А' && c <= 'я' ? c.charCodeAt(0) - 0x350 : c.charCodeAt(0))));

/** A fake PDF: the magic and a little structure are all Stacks looks at. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let server: http.Server;
let base: string;
const hits: { path: string; at: number; ua: string }[] = [];
let busyCount = 0;
const open: Set<http.ServerResponse> = new Set();

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = req.url ?? '/';
  hits.push({ path, at: Date.now(), ua: String(req.headers['user-agent']) });
  const send = (status: number, type: string, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}) => {
    const bytes = Buffer.from(body);
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, ...headers });
    res.end(bytes);
  };
  switch (path) {
    case '/robots.txt':
      return send(200, 'text/plain', 'User-agent: *\nDisallow: /private\n');
    case '/page':
      return send(
        200,
        'text/html; charset=utf-8',
        page(
          'Harbour Ledger',
          'The June text.',
          '<img src="/img/a.png" alt="ledger photo"><img src="/img/missing.png">',
        ),
      );
    case '/img/a.png':
      return send(200, 'image/png', PNG);
    case '/img/missing.png':
      return send(404, 'text/plain', 'no');
    case '/r1':
      return send(301, 'text/html', '<a href="/r2">moved</a>', { Location: '/r2' });
    case '/r2':
      return send(302, 'text/plain', '', { Location: `${base}/final` });
    case '/final':
      return send(200, 'text/html; charset=utf-8', page('Journey End', 'Reached after two redirects.'));
    case '/loop-a':
      return send(302, 'text/plain', '', { Location: '/loop-b' });
    case '/loop-b':
      return send(302, 'text/plain', '', { Location: '/loop-a' });
    case '/gone':
      return send(410, 'text/html', 'gone');
    case '/missing':
      return send(404, 'text/html', 'missing');
    case '/broken':
      return send(500, 'text/html', 'broken');
    case '/busy':
      busyCount++;
      if (busyCount === 1) return send(429, 'text/plain', 'slow down', { 'Retry-After': '1' });
      return send(200, 'text/html; charset=utf-8', page('Busy Harbour', 'Answered on the second try.'));
    case '/too-patient':
      return send(503, 'text/plain', 'later', { 'Retry-After': '3600' });
    case '/slow':
      // Headers, then silence: the read timeout ends it.
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write('<!doctype html><p>');
      open.add(res);
      return;
    case '/endless': {
      // No Content-Length and no end: the size cap ends it.
      res.writeHead(200, { 'Content-Type': 'text/html' });
      open.add(res);
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      return;
    }
    case '/huge':
      return send(200, 'text/html', Buffer.alloc(3 * 1024 * 1024, 0x61));
    case '/cp1251-unlabelled':
      return send(
        200,
        'text/html',
        cp1251(
          '<!doctype html><html><head><title>Прилив</title></head><body><p>' +
            'Морской прилив: вода поднимается над стеной гавани каждое утро, и смотритель записывает это в книгу. '.repeat(
              6,
            ) +
            '</p></body></html>',
        ),
      );
    case '/utf8-labelled-latin1':
      return send(
        200,
        'text/html; charset=iso-8859-1',
        Buffer.from(page('Прилив', 'Вода поднимается над стеной гавани каждое утро.'), 'utf8'),
      );
    case '/doc.pdf':
      return send(200, 'application/pdf', PDF);
    case '/private/secret':
      return send(200, 'text/html', page('Private', 'Should never be fetched.'));
    default:
      return send(404, 'text/plain', 'no such page');
  }
}

let archive: ReturnType<typeof openTempArchive>;
let api: ArchiveService;

beforeAll(async () => {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const FAST = {
  connectTimeoutMs: 2_000,
  readTimeoutMs: 700,
  totalTimeoutMs: 5_000,
  maxBytes: 1024 * 1024,
  hostDelayMs: 0,
  backoffMs: 50,
  maxRetryAfterMs: 2_000,
};

beforeEach(() => {
  archive = openTempArchive();
  api = createArchiveApi(archive, { capture: FAST });
  hits.length = 0;
  busyCount = 0;
});

afterEach(async () => {
  await api.dispose();
  archive.close();
  fs.rmSync(archive.dir, { recursive: true, force: true });
});

const count = (sql: string): number => archive.db.prepare(sql).pluck().get() as number;

interface ReadRecord {
  type: string;
  uri: string;
  block: Buffer;
}

async function recordsOf(original: Uint8Array): Promise<ReadRecord[]> {
  const out: ReadRecord[] = [];
  for await (const r of new WARCParser([original], { parseHttp: false })) {
    out.push({ type: r.warcType!, uri: r.warcTargetURI!, block: Buffer.from(await r.readFully(false)) });
  }
  return out;
}

function original(id: ArticleId): Uint8Array {
  const current = archive.db.prepare('SELECT current_capture_id FROM article WHERE id = ?').pluck().get(id) as number;
  return readOriginal(archive.db, current)!;
}

describe('capture', () => {
  it('keeps the page and its image as WARC records that read back as what the server sent', async () => {
    // A raw server, so the test knows every byte on the wire: chunked transfer, odd header spacing and all.
    const rawPage = Buffer.from(page('Wire Ledger', 'Every byte kept.', '<img src="/pic.png" alt="pic">'));
    const chunked = Buffer.concat([
      Buffer.from(rawPage.length.toString(16) + '\r\n'),
      rawPage,
      Buffer.from('\r\n0\r\n\r\n'),
    ]);
    const responses: Record<string, Buffer> = {
      '/robots.txt': Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'),
      '/wire': Buffer.concat([
        Buffer.from(
          'HTTP/1.1 200 OK\r\nContent-Type: text/html;charset=UTF-8\r\nX-Spacing:   kept  \r\nTransfer-Encoding: chunked\r\n\r\n',
        ),
        chunked,
      ]),
      '/pic.png': Buffer.concat([
        Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: ${PNG.length}\r\n\r\n`),
        PNG,
      ]),
    };
    const requests: string[] = [];
    const raw = net.createServer((socket) => {
      socket.once('data', (d) => {
        const text = d.toString('latin1');
        requests.push(text);
        const path = text.split(' ')[1]!;
        socket.end(responses[path] ?? Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'));
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const rawBase = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    try {
      const report = await api.captureUrls({ urls: [`${rawBase}/wire`] });
      expect(report.failed, JSON.stringify(report.outcomes)).toBe(0);
      const id = report.outcomes[0]!.id!;
      const records = await recordsOf(original(id));
      expect(records.map((r) => `${r.type} ${r.uri}`)).toEqual([
        `response ${rawBase}/wire`,
        `request ${rawBase}/wire`,
        `response ${rawBase}/pic.png`,
        `request ${rawBase}/pic.png`,
      ]);
      expect(records[0]!.block.equals(responses['/wire']!)).toBe(true);
      expect(records[2]!.block.equals(responses['/pic.png']!)).toBe(true);
      // The request records are what the server received.
      expect(records[1]!.block.toString('latin1')).toBe(requests.find((r) => r.startsWith('GET /wire '))!);
      expect(records[1]!.block.toString('latin1')).toContain(`User-Agent: ${USER_AGENT}\r\n`);
      const article = api.getArticle({ id });
      expect(article.title).toBe('Wire Ledger');
      expect(article.html).toMatch(/<img[^>]+src="asset:[0-9a-f]{64}"/);
      expect(count('SELECT count(*) FROM asset')).toBe(1);
      const events = api.listEvents({ articleId: id });
      const imported = events.find((e) => e.kind === 'imported')!;
      expect(imported.detail).toContain('fetched by Stacks 0.1.0 on request at');
      expect(imported.detail).toContain(`final URL ${rawBase}/wire, HTTP 200 OK`);
      expect(imported.detail).toContain(`user agent "${USER_AGENT}"`);
      expect(imported.detail).toContain('payload digest sha256:');
      expect(imported.detail).toContain('verified');
      const capture = archive.db
        .prepare('SELECT id, media_type, importer FROM capture WHERE article_id = ?')
        .get(id) as { id: number; media_type: string; importer: string };
      expect(capture).toMatchObject({ media_type: 'application/warc', importer: 'capture' });
      // The capture exports as WARC: the WACZ writer keeps these records as they are and indexes each of them.
      const block = await captureBlock(readCapture(archive.db, capture.id), `${rawBase}/wire`, 'data.warc', 0);
      expect(block.original).toBe(true);
      expect(Buffer.from(block.bytes).equals(Buffer.from(original(id)))).toBe(true);
      expect(block.entries.map((e) => `${e.url} ${e.mime}`)).toEqual(
        expect.arrayContaining([`${rawBase}/wire text/html`, `${rawBase}/pic.png image/png`]),
      );
    } finally {
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  it('fetches the images a page shows and keeps them as assets; a missing image costs only itself', async () => {
    const report = await api.captureUrls({ urls: [`${base}/page`] });
    expect(report.imported).toBe(1);
    const id = report.outcomes[0]!.id!;
    expect(api.getArticle({ id }).html).toMatch(/src="asset:/);
    const uris = (await recordsOf(original(id))).map((r) => `${r.type} ${r.uri.replace(base, '')}`);
    expect(uris).toContain('response /img/a.png');
    expect(uris).not.toContain('response /img/missing.png');
    expect(hits.map((h) => h.path)).toEqual(
      expect.arrayContaining(['/robots.txt', '/page', '/img/a.png', '/img/missing.png']),
    );
    expect(hits.every((h) => h.ua === USER_AGENT)).toBe(true);
  });

  it('follows a redirect chain and keeps every hop; a loop is an error', async () => {
    const report = await api.captureUrls({ urls: [`${base}/r1`, `${base}/loop-a`] });
    expect(report.outcomes.map((o) => o.status)).toEqual(['imported', 'failed']);
    const id = report.outcomes[0]!.id!;
    const article = api.getArticle({ id });
    expect(article.title).toBe('Journey End');
    expect(article.sourceUrl).toBe(`${base}/final`);
    const uris = (await recordsOf(original(id))).map((r) => `${r.type} ${r.uri.replace(base, '')}`);
    expect(uris).toEqual([
      'response /final',
      'request /final',
      'response /r1',
      'request /r1',
      'response /r2',
      'request /r2',
    ]);
    const detail = api.listEvents({ articleId: id }).find((e) => e.kind === 'imported')!.detail!;
    expect(detail).toContain(`GET ${base}/r1 → ${base}/final (2 redirects)`);
    expect(report.outcomes[1]!.error).toMatch(/Redirect loop/);
  });

  it('reports 404, 410 and 500 per URL and stores nothing for them', async () => {
    const report = await api.captureUrls({ urls: [`${base}/missing`, `${base}/gone`, `${base}/broken`] });
    expect(report.failed).toBe(3);
    expect(report.outcomes.map((o) => o.error)).toEqual([
      expect.stringContaining('HTTP 404'),
      expect.stringContaining('HTTP 410'),
      expect.stringContaining('HTTP 500'),
    ]);
    // A 500 is retried (twice) before it is reported.
    expect(hits.filter((h) => h.path === '/broken')).toHaveLength(3);
    expect(count('SELECT count(*) FROM article')).toBe(0);
  });

  it('waits as a 429 asks and then captures; a Retry-After beyond the cap is reported, not waited for', async () => {
    const report = await api.captureUrls({ urls: [`${base}/busy`, `${base}/too-patient`] });
    expect(report.outcomes[0]!.status).toBe('imported');
    const tries = hits.filter((h) => h.path === '/busy');
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(950);
    expect(report.outcomes[1]!.error).toMatch(/asked to wait 3600 s, longer than Stacks waits/);
    expect(hits.filter((h) => h.path === '/too-patient')).toHaveLength(1);
  });

  it('cuts off a silent server, an endless answer and one larger than the cap, keeping nothing of them', async () => {
    const report = await api.captureUrls({ urls: [`${base}/slow`, `${base}/endless`, `${base}/huge`] });
    expect(report.outcomes.map((o) => o.status)).toEqual(['failed', 'failed', 'failed']);
    expect(report.outcomes[0]!.error).toMatch(/went silent/);
    expect(report.outcomes[1]!.error).toMatch(/larger than 1 MB/);
    expect(report.outcomes[2]!.error).toMatch(/larger than 1 MB|declares 3 MB/);
    expect(count('SELECT count(*) FROM capture')).toBe(0);
  });

  it('reads pages whose charset is missing or wrong', async () => {
    const report = await api.captureUrls({ urls: [`${base}/cp1251-unlabelled`, `${base}/utf8-labelled-latin1`] });
    expect(report.imported, JSON.stringify(report.outcomes)).toBe(2);
    const [a, b] = report.outcomes.map((o) => api.getArticle({ id: o.id! }));
    expect(a!.title).toBe('Прилив');
    expect(a!.text).toContain('вода поднимается над стеной гавани');
    expect(b!.title).toBe('Прилив');
    expect(b!.text).toContain('Вода поднимается над стеной гавани');
  });

  it('honours robots.txt unless told otherwise', async () => {
    const refused = await api.captureUrls({ urls: [`${base}/private/secret`] });
    expect(refused.outcomes[0]!.error).toMatch(/robots\.txt does not allow it/);
    expect(hits.map((h) => h.path)).not.toContain('/private/secret');
    expect(count('SELECT count(*) FROM article')).toBe(0);
    const allowed = await api.captureUrls({ urls: [`${base}/private/secret`], ignoreRobots: true });
    expect(allowed.outcomes[0]!.status).toBe('imported');
  });

  it('keeps a PDF as received, stored but not readable yet', async () => {
    const report = await api.captureUrls({ urls: [`${base}/doc.pdf`] });
    const o = report.outcomes[0]!;
    expect(o.status).toBe('imported');
    expect(o.notes?.join(' ')).toMatch(/Stored, not readable yet: a PDF document/);
    const article = api.getArticle({ id: o.id! });
    expect(article.title).toBe('doc.pdf');
    expect(article.text).toMatch(/^Stored, not readable yet: a PDF document \(application\/pdf, \d+ bytes\)/);
    const records = await recordsOf(original(o.id!));
    const body = records[0]!.block.subarray(records[0]!.block.indexOf('\r\n\r\n') + 4);
    expect(body.equals(PDF)).toBe(true);
  });

  it('makes a second capture of the same address a new version of its article', async () => {
    const first = await api.captureUrls({ urls: [`${base}/page`] });
    const second = await api.captureUrls({ urls: [`${base}/page`] });
    expect(second.outcomes[0]!.id).toBe(first.outcomes[0]!.id);
    expect(second.outcomes[0]!.newVersion).toBe(true);
    expect(count('SELECT count(*) FROM capture')).toBe(2);
    expect(count('SELECT count(*) FROM article')).toBe(1);
  });

  it('files a capture under a link already archived, even when the page redirects elsewhere', async () => {
    const linked = await api.importFile({
      fileName: 'link.txt',
      dataBase64: Buffer.from('Saved link\n\nA link saved before it was captured.').toString('base64'),
      sourceUrl: `${base}/r1`,
    });
    const report = await api.captureUrls({ urls: [`${base}/r1`] });
    expect(report.outcomes[0]!.id).toBe(linked.id);
    expect(report.outcomes[0]!.newVersion).toBe(true);
    expect(api.getArticle({ id: linked.id! }).title).toBe('Journey End');
  });

  it('with no network, fails fast with a clear message and changes nothing', async () => {
    const before = count('SELECT count(*) FROM event');
    // .invalid never resolves (RFC 6761): what a machine without a network answers for every name.
    const report = await api.captureUrls({ urls: ['http://stacks-capture-test.invalid/a'] });
    expect(report.outcomes[0]!.status).toBe('failed');
    expect(report.outcomes[0]!.error).toMatch(/does not resolve|No network/);
    expect(count('SELECT count(*) FROM event')).toBe(before);
    expect(count('SELECT count(*) FROM article')).toBe(0);
  });

  it('stops at a cancel, keeping what was captured', async () => {
    const controller = new AbortController();
    const done: string[] = [];
    const report = await api.captureUrlsWithProgress([`${base}/page`, `${base}/slow`, `${base}/final`], {
      signal: controller.signal,
      onOutcome: (o) => {
        done.push(o.file);
        if (o.file.endsWith('/page')) controller.abort();
      },
    });
    expect(report.cancelled).toBe(true);
    expect(report.imported).toBeLessThanOrEqual(2);
    expect(report.outcomes.find((o) => o.file.endsWith('/slow'))?.status).not.toBe('imported');
  });

  it('resumes a bulk capture by leaving out what is archived already', async () => {
    await api.captureUrls({ urls: [`${base}/page`] });
    const report = await api.captureUrlsWithProgress([`${base}/page`, `${base}/final`], { skipArchived: true });
    expect(report.outcomes.map((o) => o.status)).toEqual(['duplicate', 'imported']);
    expect(count('SELECT count(*) FROM capture')).toBe(2);
    expect(hits.filter((h) => h.path === '/page')).toHaveLength(1);
  });

  it('waits between two pages of the same host in a bulk capture', async () => {
    await api.dispose();
    api = createArchiveApi(archive, { capture: { ...FAST, hostDelayMs: 400, concurrency: 4 } });
    const report = await api.captureUrls({ urls: [`${base}/final`, `${base}/busy`, `${base}/gone`] });
    expect(report.outcomes).toHaveLength(3);
    const pages = hits.filter((h) => ['/final', '/busy', '/gone'].includes(h.path)).map((h) => h.at);
    // The pause runs from one request's start to the next; arrival times also carry each connection's set-up.
    for (let i = 1; i < pages.length; i++) expect(pages[i]! - pages[i - 1]!).toBeGreaterThanOrEqual(300);
    expect(pages.at(-1)! - pages[0]!).toBeGreaterThanOrEqual(780);
  });

  it('refuses anything but http and https at the API edge', async () => {
    const { callApi } = await import('../../../db/transport/dispatch.js');
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.org/x',
      'javascript:alert(1)',
      'data:text/html,hi',
      'not a url',
    ]) {
      const result = await callApi(api, 'captureUrls', { urls: [url] });
      expect(result.ok, url).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    }
  });
});
