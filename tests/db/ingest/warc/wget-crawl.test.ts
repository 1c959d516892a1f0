// A WARC written by a second tool: Debian's wget crawls a test site served here on loopback, and Stacks imports it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempArchive, type TempArchive } from '../../../helpers/archive.js';
import { PNG, sha256 } from './build.js';
import { readOriginal } from '../../../../db/codec/read.js';

const run = promisify(execFile);
const WGET = '/usr/bin/wget';

const PAGES: Record<string, string> = {
  '/': `<html><head><title>Harbour Museum</title></head><body><nav><a href="/story/ferry.html">Ferry</a>
    <a href="/old-lighthouse">Lighthouse</a></nav><main><p>The harbour museum keeps the ferry ledgers, the lighthouse log
    books and the photographs of the 1953 flood; this site lists what the volunteers have transcribed so far.</p></main></body></html>`,
  '/story/ferry.html': `<html><head><title>The Ferry Ledger</title></head><body><article><h1>The Ferry Ledger</h1>
    <p>Every crossing between 1921 and 1958 is written in the ferry ledger: the boat, the master, the weather and the
    number of passengers, in a hand that changes only twice in thirty-seven years.</p>
    <img src="../img/ledger.png" alt="A page of the ledger"><img src="https://cdn.remote.example/x.png" alt="remote">
    </article></body></html>`,
  '/story/lighthouse.html': `<html><head><title>The Lighthouse Log</title></head><body><article><h1>The Lighthouse Log</h1>
    <p>The keepers logged the lamp, the fog signal and every ship that passed; the log for the winter of 1953 records
    the storm hour by hour until the telephone line failed.</p><img src="/img/lamp.png" alt="The lamp"></article></body></html>`,
};

describe.skipIf(!fs.existsSync(WGET))('a WARC written by wget', () => {
  let t: TempArchive;
  let server: http.Server;
  let warcFile: string;
  let base: string;

  beforeAll(async () => {
    t = tempArchive();
    server = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/old-lighthouse') {
        res.writeHead(301, { Location: '/story/lighthouse.html' });
        return void res.end();
      }
      if (url.startsWith('/img/')) {
        res.writeHead(200, { 'Content-Type': 'image/png' });
        return void res.end(PNG);
      }
      const page = PAGES[url];
      if (!page) {
        res.writeHead(404, { 'Content-Type': 'text/html' });
        return void res.end('<html><body>Not found</body></html>');
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const out = path.join(t.dir, 'wget');
    await run(WGET, [
      '--no-verbose',
      '-e',
      'robots=off',
      '--no-proxy',
      '--recursive',
      '--level=3',
      '--page-requisites',
      '--delete-after',
      '--directory-prefix',
      out,
      '--warc-file',
      path.join(t.dir, 'museum'),
      `${base}/`,
    ]);
    warcFile = path.join(t.dir, 'museum.warc.gz');
  }, 60_000);

  afterAll(async () => {
    server?.close();
    await t?.close();
  });

  it('imports every page wget saved, follows the redirect, and keeps the images it crawled', async () => {
    expect(fs.existsSync(warcFile)).toBe(true);
    const report = await t.api.importPaths({ paths: [warcFile] });
    expect(report.failed).toBe(0);
    const articles = t.api.listArticles({ limit: 50 }).items;
    expect(articles.map((a) => a.title).sort()).toEqual(['Harbour Museum', 'The Ferry Ledger', 'The Lighthouse Log']);
    const ferry = t.api.getArticle({ id: articles.find((a) => a.title === 'The Ferry Ledger')!.id });
    expect(ferry.sourceUrl).toBe(`${base}/story/ferry.html`);
    expect(ferry.html).toContain(`asset:${sha256(PNG)}`);
    expect(ferry.html).not.toContain('cdn.remote.example');
    expect(ferry.captures[0]).toMatchObject({ importer: 'warc', mediaType: 'application/warc' });
    // wget writes WARC 1.0 with a request record before each response and sha1 payload digests: both kept and checked.
    const original = { original: readOriginal(t.api.archive.db, ferry.captures[0]!.id)! };
    const text = original.original.toString('latin1');
    expect(text.startsWith('WARC/1.0\r\nWARC-Type: response\r\n')).toBe(true);
    expect(text).toContain('WARC-Type: request');
    expect(ferry.events.map((e) => e.detail).join('\n')).toMatch(/payload digest sha1:[A-Z2-7]{32} verified/);
    // The redirect is no article of its own: it led to the lighthouse page, which wget saved once.
    const lighthouse = t.api.getArticle({ id: articles.find((a) => a.title === 'The Lighthouse Log')!.id });
    expect(lighthouse.captures).toHaveLength(1);
    expect(lighthouse.html).toContain('asset:');
    expect(t.api.search({ query: 'telephone line failed' }).total).toBe(1);
  });
});
