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
