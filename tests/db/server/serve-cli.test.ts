// `stacks serve` as a user runs it: prints the URL with the token, accepts a posted capture, stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callServer } from '../../helpers/api-call.js';
import { archiveWithoutIndex } from '../../helpers/archive-without-index.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

describe('stacks serve (CLI)', () => {
  it('serves a temp archive until SIGTERM, then closes it and removes the token file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    const archive = path.join(dir, 'archive.stacks.sqlite');
    const tokenFile = path.join(dir, 'serve.token');
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin', 'stacks.js'), '--archive', archive, 'serve', '--port', '0', '--token-file', tokenFile],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const openUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 30_000);
      child.stdout.on('data', () => {
        const m = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43})/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const url = new URL(openUrl);
    const token = url.hash.slice('#token='.length);
    expect(fs.readFileSync(tokenFile, 'utf8').trim()).toBe(token);

    // What a clipper or script does: post a capture with the token from the file.
    const clipping = 'Kelp forests\n\nKelp forests grow fastest in cold, nutrient-rich water along rocky coasts.\n';
    const res = await fetch(`${url.origin}/api/importFile`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fs.readFileSync(tokenFile, 'utf8').trim()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        fileName: 'kelp.txt',
        dataBase64: Buffer.from(clipping).toString('base64'),
        sourceUrl: 'https://example.org/kelp',
      }),
    });
    expect(await res.json()).toMatchObject({ ok: true, value: { status: 'imported' } });

    // With no --renderer, the app comes from the package's own dist/renderer (built, or the "not built" notice).
    const page = await fetch(`${url.origin}/`);
    if (fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(fs.readFileSync(path.join(root, 'dist', 'renderer', 'index.html'), 'utf8'));
    } else {
      expect(page.status).toBe(503);
      expect(await page.text()).toContain(path.join(root, 'dist', 'renderer'));
    }

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopping');
    expect(fs.existsSync(tokenFile)).toBe(false);
    // Closed cleanly: the WAL was checkpointed into the archive file and removed.
    expect(fs.existsSync(`${archive}-wal`)).toBe(false);
    expect(fs.statSync(archive).size).toBeGreaterThan(0);
  });

  it('listens before a search index rebuild is done: the list is whole at once, search says it is catching up', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    const archive = path.join(dir, 'archive.stacks.sqlite');
    const tokenFile = path.join(dir, 'serve.token');
    // An archive whose index file is gone (copied without it): big enough that a rebuild takes a while.
    const count = 40_000;
    archiveWithoutIndex(archive, count);

    const child = spawn(
      process.execPath,
      [path.join(root, 'bin', 'stacks.js'), '--archive', archive, 'serve', '--port', '0', '--token-file', tokenFile],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 60_000);
      child.stdout.on('data', () => {
        const m = /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m && out.includes('Press Ctrl-C')) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    // It said so, and never printed the CLI's blocking "Building the search index" progress before listening.
    expect(out).toMatch(/The search index is being rebuilt \(\d+%\)/);
    expect(out).not.toContain('Building the search index');
    type Answer = { total: number; indexing?: { catchingUp: boolean } };
    const served = { url: origin, token: fs.readFileSync(tokenFile, 'utf8').trim() };
    const call = async (method: string, body: object): Promise<Answer> =>
      ((await callServer(served, method, body)).body as { value: Answer }).value;
    expect((await call('listArticles', { limit: 1 })).total).toBe(count);
    const early = await call('search', { query: 'keeper' });
    expect(early.indexing).toMatchObject({ catchingUp: true });
    expect(early.total).toBeLessThan(count);
    // Then the index catches up behind the server and search answers in full.
    let last = early;
    for (let i = 0; i < 600 && (last.indexing?.catchingUp || last.total < count); i++) {
      await new Promise((r) => setTimeout(r, 200));
      last = await call('search', { query: 'keeper' });
    }
    expect(last.total).toBe(count);
    expect(last.indexing?.catchingUp ?? false).toBe(false);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
