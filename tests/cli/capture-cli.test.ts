// `stacks capture` and `stacks clipper` as a user runs them, against a page served on loopback by this test.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/archive.js';
import { jsonLines, runCli, startCli, type CliResult } from '../helpers/cli.js';

/** The command in a child process while this process keeps serving the pages it fetches. */
function runAsync(args: string[]): Promise<CliResult> {
  const child = startCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

let site: http.Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = tempDir('stacks-capture-cli-');
  site = http.createServer((req, res) => {
    const body =
      req.url === '/robots.txt'
        ? 'User-agent: *\nDisallow: /closed\n'
        : '<!doctype html><html><head><title>Harbour Notes</title></head><body><article><p>The harbour office printed tide tables that were wrong for a whole summer, and the fishermen kept their own.</p></article></body></html>';
    res.writeHead(req.url === '/missing' ? 404 : 200, {
      'Content-Type': req.url === '/robots.txt' ? 'text/plain' : 'text/html; charset=utf-8',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

afterAll(() => {
  site?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('stacks capture', () => {
  it('captures the addresses given and in a file, one JSON line each, and exits 2 when some failed', async () => {
    const archive = path.join(dir, 'a.sqlite');
    const list = path.join(dir, 'urls.txt');
    fs.writeFileSync(list, `# reading list\n${base}/notes\n\n${base}/missing\n${base}/closed\n`);
    const r = await runAsync(['capture', '--json', '--archive', archive, `${base}/first`, '--from', list]);
    expect(r.code, r.stderr).toBe(2);
    const lines = jsonLines(r.stdout) as { file: string; status: string; error?: string }[];
    // Lines come as the fetches finish (several at once); sorted here by address for the comparison.
    const byFile = lines.map((l) => [l.file.replace(base, ''), l.status]).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(byFile).toEqual([
      ['/closed', 'failed'],
      ['/first', 'imported'],
      ['/missing', 'failed'],
      ['/notes', 'imported'],
    ]);
    expect(lines.find((l) => l.file.endsWith('/missing'))!.error).toContain('HTTP 404');
    expect(lines.find((l) => l.file.endsWith('/closed'))!.error).toContain('robots.txt does not allow it');
    const found = runCli(['search', '--json', '--archive', archive, '"tide tables"']);
    expect((JSON.parse(found.stdout) as { total: number }).total).toBe(2);
  });

  it('refuses anything but http and https', () => {
    const archive = path.join(dir, 'b.sqlite');
    const r = runCli(['capture', '--archive', archive, 'file:///etc/passwd']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/expected an http:\/\/ or https:\/\/ address/);
    expect(JSON.parse(runCli(['list', '--json', '--archive', archive]).stdout)).toEqual({ total: 0, items: [] });
  });
});

describe('stacks capture --link-only', () => {
  it('captures every article imported as a link only into that article; --skip-archived retries only what is left', async () => {
    const archive = path.join(dir, 'd.sqlite');
    const pocket = path.join(dir, 'ril_export.html');
    fs.writeFileSync(
      pocket,
      `<!DOCTYPE html><html><head><title>Pocket Export</title></head><body><h1>Unread</h1><ul>
<li><a href="${base}/saved-one" time_added="1577880000" tags="sea">Saved one</a></li>
<li><a href="${base}/missing" time_added="1577880001" tags="">Gone page</a></li>
</ul></body></html>`,
    );
    expect(runCli(['import', '--archive', archive, pocket]).code).toBe(0);
    const before = JSON.parse(runCli(['list', '--json', '--archive', archive]).stdout) as {
      items: { title: string; linkOnly?: boolean }[];
    };
    expect(before.items.map((a) => [a.title, a.linkOnly]).sort()).toEqual([
      ['Gone page', true],
      ['Saved one', true],
    ]);
    // Not searchable by the page's words yet: only the link is archived.
    expect(
      (JSON.parse(runCli(['search', '--json', '--archive', archive, '"tide tables"']).stdout) as { total: number })
        .total,
    ).toBe(0);

    const r = await runAsync(['capture', '--json', '--link-only', '--archive', archive]);
    expect(r.code, r.stderr).toBe(2);
    const lines = (jsonLines(r.stdout) as { file: string; status: string; error?: string }[])
      .map((l) => [l.file.replace(base, ''), l.status])
      .sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(lines).toEqual([
      ['/missing', 'failed'],
      ['/saved-one', 'imported'],
    ]);
    const after = JSON.parse(runCli(['list', '--json', '--archive', archive]).stdout) as {
      total: number;
      items: { title: string; linkOnly?: boolean; tags: string[] }[];
    };
    // The capture filled the link-only article (its tags kept), it did not add a second one.
    expect(after.total).toBe(2);
    const captured = after.items.find((a) => a.title === 'Harbour Notes')!;
    expect(captured.linkOnly).toBeUndefined();
    expect(captured.tags).toEqual(['sea']);
    expect(after.items.find((a) => a.title === 'Gone page')!.linkOnly).toBe(true);
    expect(
      (JSON.parse(runCli(['search', '--json', '--archive', archive, '"tide tables"']).stdout) as { total: number })
        .total,
    ).toBe(1);

    // --skip-archived does not count a link record as archived: the one left is tried again.
    const again = await runAsync(['capture', '--json', '--link-only', '--skip-archived', '--archive', archive]);
    expect((jsonLines(again.stdout) as { file: string }[]).map((l) => l.file.replace(base, ''))).toEqual(['/missing']);
  });

  it('says so when no article is a link only', () => {
    const archive = path.join(dir, 'e.sqlite');
    const r = runCli(['capture', '--link-only', '--archive', archive]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('none is a link only');
  });
});

describe('stacks clipper', () => {
  it('pairs an extension origin (the key shown once), reports it, refuses a web origin, and unpairs', () => {
    const archive = path.join(dir, 'c.sqlite');
    const origin = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;
    const paired = runCli(['clipper', 'pair', '--archive', archive, '--origin', origin]);
    expect(paired.code, paired.stderr).toBe(0);
    expect(paired.stdout).toMatch(
      /Clipper key \(shown once; paste it into the clipper's options\): [A-Za-z0-9_-]{43}\n/,
    );
    expect(runCli(['clipper', 'status', '--archive', archive]).stdout).toBe(
      `Paired. Allowed clipper origins: ${origin}\n`,
    );
    const web = runCli(['clipper', 'pair', '--archive', archive, '--origin', 'https://evil.example']);
    expect(web.code).toBe(1);
    expect(web.stderr).toContain("is not a browser extension's origin");
    expect(runCli(['clipper', 'unpair', '--archive', archive]).code).toBe(0);
    expect(runCli(['clipper', 'status', '--archive', archive]).stdout).toBe('No clipper is paired.\n');
  });
});
