// The archive host in pure Node: calls run in worker threads, reads answer while a write waits, a vanished file is said.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleId } from '../../../db/contract/types.js';
import { startArchiveHost, type ArchiveHost } from '../../../db/host/archive-host.js';
import { SAMPLE_CLIPPING, tempDir } from '../../helpers/archive.js';

const TIDES = path.resolve(import.meta.dirname, '../../e2e/fixtures/tidal-archives.html');
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function hostWithArticles(): Promise<{ host: ArchiveHost; file: string; dir: string }> {
  const dir = tempDir();
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'Client A.stacks.sqlite');
  const host = await startArchiveHost(file, { create: true, readers: 1 });
  cleanup.push(() => host.close());
  const progress: number[] = [];
  const report = await host.importPaths([SAMPLE_CLIPPING, TIDES], { onProgress: (p) => progress.push(p.done) });
  expect(report).toMatchObject({ imported: 2, failed: 0 });
  expect(progress.at(-1)).toBe(2);
  return { host, file, dir };
}

/** Settles to 'pending' when the promise has not settled by the time the queued callbacks ran. */
function state(p: Promise<unknown>): Promise<'pending' | 'settled'> {
  return Promise.race([
    p.then(() => 'settled' as const),
    new Promise<'pending'>((r) => setImmediate(() => r('pending'))),
  ]);
}

// Each host starts worker threads that load the TypeScript sources through tsx: slow on a busy machine.
describe('archive host', { timeout: 180_000 }, () => {
  it('runs the contract in worker threads: import, search, read, write, and archived images', async () => {
    const { host } = await hostWithArticles();
    const found = await host.client.search({ query: 'Comprehensive Strategic Partnership' });
    expect(found.hits.map((h) => h.title)).toEqual([expect.stringContaining('Putin Begins')]);
    const tides = (await host.client.search({ query: 'tides' })).hits[0]!;
    const detail = await host.client.getArticle({ id: tides.id });
    const sha = /asset:([0-9a-f]{64})/.exec(detail.html ?? '')?.[1];
    expect(sha, 'the fixture keeps an inline image as an archive asset').toBeDefined();
    const asset = await host.getAsset(sha!);
    expect(asset?.mediaType).toMatch(/^image\//);
    expect(asset!.bytes.length).toBeGreaterThan(0);
    // A write on the writer thread is seen by the next read on a reader thread.
    await host.client.tagArticles({ ids: [tides.id], tags: ['ocean'] });
    expect((await host.client.search({ query: 'tag:ocean' })).hits.map((h) => h.id)).toEqual([tides.id]);
    // Input is validated in the thread, and errors come back as data.
    await expect(host.call('getArticle', { id: 'one' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(host.call('getArticle', { id: 999 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await expect(host.call('dropTables', {})).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers reads and image loads while a write call is held up, and the caller thread never waits', async () => {
    const { host, file } = await hostWithArticles();
    const [first] = (await host.client.listArticles({ limit: 10 })).items;
    const detail = await host.client.getArticle({ id: (await host.client.search({ query: 'tides' })).hits[0]!.id });
    const sha = /asset:([0-9a-f]{64})/.exec(detail.html ?? '')![1]!;

    // Another process holds the archive's write lock: the write call waits on SQLite's busy timeout in its thread.
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    other.prepare('UPDATE article SET title = title WHERE id = 0').run();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    // (A single-statement write: SQLite waits on the lock, up to the archive's 5 s busy timeout, inside the thread.)
    const write = host.client.setReadingPosition({ id: first!.id, position: { percent: 0.5, offset: 10, quote: 'x' } });
    try {
      // Give the write time to reach SQLite and start waiting for the lock.
      await new Promise((r) => setTimeout(r, 150));
      expect(await state(write)).toBe('pending');
      const ticksBefore = ticks;
      const [search, list, article, image, stats] = await Promise.all([
        host.client.search({ query: 'Comprehensive Strategic Partnership' }),
        host.client.listArticles({ limit: 10 }),
        host.client.getArticle({ id: first!.id }),
        host.getAsset(sha),
        host.client.stats({}),
      ]);
      expect(search.total).toBe(1);
      expect(list.total).toBe(2);
      expect(article.id).toBe(first!.id);
      expect(image?.bytes.length).toBeGreaterThan(0);
      expect(stats.articles).toBe(2);
      // All of that answered while the write was still held up, and this thread kept running its timers.
      expect(await state(write)).toBe('pending');
      expect(ticks).toBeGreaterThan(ticksBefore);
    } finally {
      other.prepare('COMMIT').run();
      other.close();
      clearInterval(ticker);
    }
    await expect(write).resolves.toEqual({ ok: true });
    expect((await host.client.getArticle({ id: first!.id })).readingPosition?.percent).toBe(0.5);
  });

  it('refuses to open a missing archive without creating one, and says a file that is not an archive is not one', async () => {
    const dir = tempDir();
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const missing = path.join(dir, 'usb', 'Gone.stacks.sqlite');
    await expect(startArchiveHost(missing)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('connect the drive'),
    });
    expect(fs.existsSync(path.join(dir, 'usb'))).toBe(false);
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'just some notes, not a database '.repeat(100));
    await expect(startArchiveHost(notes)).rejects.toMatchObject({ code: 'CORRUPT' });
    expect(fs.readFileSync(notes, 'utf8')).toBe('just some notes, not a database '.repeat(100));
  });

  it('says clearly when the file goes away while open, writes nothing more, and the archive reopens intact', async () => {
    const dir = tempDir();
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const drive = path.join(dir, 'usb');
    const file = path.join(drive, 'Client B.stacks.sqlite');
    const said: string[] = [];
    const host = await startArchiveHost(file, { create: true, readers: 1, onUnavailable: (m) => said.push(m) });
    const report = await host.importPaths([SAMPLE_CLIPPING]);
    const id = report.outcomes[0]!.id as ArticleId;
    await host.client.tagArticles({ ids: [id], tags: ['kept'] });
    // The drive is pulled: its folder is no longer where the archive was.
    fs.renameSync(drive, path.join(dir, 'unplugged'));
    const refused = await host.call('tagArticles', { ids: [id], tags: ['lost'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/cannot be reached.*Nothing was changed/);
    await expect(host.call('search', { query: 'Putin' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    expect(said).toHaveLength(1);
    await host.close();
    // Plugged in again: the archive opens, holds what was committed before, and nothing after.
    fs.renameSync(path.join(dir, 'unplugged'), drive);
    const again = await startArchiveHost(file, { readers: 1 });
    cleanup.push(() => again.close());
    const tags = (await again.client.listTags({})).map((t) => t.name);
    expect(tags).toContain('kept');
    expect(tags).not.toContain('lost');
    expect(await again.client.verify({})).toMatchObject({ mismatches: [] });
  });

  // Read-only media for real: a read-only bind mount (root writes through chmod). Needs root and mount rights.
  const canMount = process.platform === 'linux' && process.getuid?.() === 0;
  it.skipIf(!canMount)(
    'opens an archive on read-only media read-only: reads and search answer, writes say READ_ONLY',
    async () => {
      const { host, dir, file } = await hostWithArticles();
      await host.close();
      const media = path.join(dir, 'media');
      fs.mkdirSync(media);
      expect(spawnSync('mount', ['--bind', path.dirname(file), media]).status).toBe(0);
      cleanup.push(() => void spawnSync('umount', [media]));
      expect(spawnSync('mount', ['-o', 'remount,bind,ro', media]).status).toBe(0);
      const before = fs.readdirSync(media).sort();

      const ro = await startArchiveHost(path.join(media, path.basename(file)), { readers: 1 });
      cleanup.push(() => ro.close());
      const found = await ro.client.search({ query: 'Comprehensive Strategic Partnership' });
      expect(found.hits.map((h) => h.title)).toEqual([expect.stringContaining('Putin Begins')]);
      expect((await ro.client.getArticle({ id: found.hits[0]!.id })).text).toContain('Partnership');
      expect(await ro.client.verify({})).toMatchObject({ mismatches: [] });
      const refused = await ro.call('tagArticles', { ids: [found.hits[0]!.id], tags: ['x'] });
      expect(refused).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
      expect((refused as { error: { message: string } }).error.message).toMatch(/The archive is read-only/);
      await ro.close();
      expect(fs.readdirSync(media).sort()).toEqual(before);
    },
  );

  it('closes cleanly: the write-ahead log is folded back into the one archive file', async () => {
    const { host, file } = await hostWithArticles();
    await host.close();
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    await expect(host.call('stats', {})).resolves.toMatchObject({ ok: false });
  });
});
