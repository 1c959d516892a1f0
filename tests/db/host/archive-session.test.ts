// Several archives in one app: switching never mixes them, stale calls are refused, recent archives are remembered.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NoticeName } from '../../../db/contract/notices.js';
import { ArchiveSession, startupArchive } from '../../../db/host/archive-session.js';
import { RecentArchives } from '../../../db/host/recent-archives.js';
import { SAMPLE_CLIPPING, tempDir } from '../../helpers/archive.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function setup() {
  const dir = tempDir();
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const notices: Array<[NoticeName, unknown]> = [];
  const session = new ArchiveSession({
    recentFile: path.join(dir, 'config', 'recent-archives.json'),
    readers: 1,
    notify: (name, payload) => notices.push([name, payload]),
  });
  cleanup.push(() => session.close());
  return { dir, session, notices };
}

// Each archive starts worker threads that load the TypeScript sources through tsx: slow on a busy machine.
describe('archive session', { timeout: 180_000 }, () => {
  it('switches archives without mixing them and refuses calls meant for the previous one', async () => {
    const { dir, session, notices } = setup();
    const a = await session.open(path.join(dir, 'Client A.stacks.sqlite'), 'create');
    expect(a.name).toBe('Client A');
    const report = await session.importPaths([SAMPLE_CLIPPING]);
    expect(report.imported).toBe(1);
    await expect(session.call('stats', {}, a.key)).resolves.toMatchObject({ ok: true, value: { articles: 1 } });

    const b = await session.open(path.join(dir, 'Client B.stacks.sqlite'), 'create');
    expect(b.key).not.toBe(a.key);
    expect(notices.map(([n, p]) => [n, (p as { name: string }).name])).toEqual([
      ['archive-switched', 'Client A'],
      ['archive-switched', 'Client B'],
    ]);
    // A call the page sent for A just before the switch must not land in B.
    const stale = await session.call('tagArticles', { ids: [1], tags: ['meant-for-a'] }, a.key);
    expect(stale).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect((stale as { error: { message: string } }).error.message).toMatch(
      /no longer open.*Client B.*Nothing was changed/,
    );
    await expect(session.call('stats', {}, b.key)).resolves.toMatchObject({ ok: true, value: { articles: 0 } });
    await expect(session.call('search', { query: 'Putin' }, b.key)).resolves.toMatchObject({
      ok: true,
      value: { total: 0 },
    });

    expect(session.recent.list().map((r) => r.name)).toEqual(['Client B', 'Client A']);
    const again = await session.open(a.path);
    await expect(session.call('search', { query: 'Putin' }, again.key)).resolves.toMatchObject({
      ok: true,
      value: { total: 1 },
    });
    await expect(session.call('listTags', {}, again.key)).resolves.toEqual({ ok: true, value: [] });
    expect(session.recent.list().map((r) => r.name)).toEqual(['Client A', 'Client B']);
  });

  it('keeps the open archive when the new one cannot be opened, and never creates a missing one', async () => {
    const { dir, session } = setup();
    const a = await session.open(path.join(dir, 'A.stacks.sqlite'), 'create');
    const usb = path.join(dir, 'usb', 'Field notes.stacks.sqlite');
    await expect(session.open(usb)).rejects.toMatchObject({ code: 'NOT_FOUND', message: /connect the drive/ });
    expect(fs.existsSync(path.dirname(usb))).toBe(false);
    await expect(session.open(a.path.replace('A.', 'B.'), 'open')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = path.join(dir, 'taken.txt');
    fs.writeFileSync(other, 'mine');
    await expect(session.open(other, 'create')).rejects.toMatchObject({ message: /already exists/ });
    await expect(session.open(other, 'open')).rejects.toMatchObject({ code: 'CORRUPT' });
    expect(fs.readFileSync(other, 'utf8')).toBe('mine');
    expect(session.info?.key).toBe(a.key);
    await expect(session.call('stats', {}, a.key)).resolves.toMatchObject({ ok: true });
  });

  it('does not switch while an import runs in the open archive', async () => {
    const { dir, session } = setup();
    await session.open(path.join(dir, 'A.stacks.sqlite'), 'create');
    const running = session.importPaths([SAMPLE_CLIPPING]);
    await expect(session.open(path.join(dir, 'B.stacks.sqlite'), 'create')).rejects.toMatchObject({
      message: /import is running/,
    });
    await expect(running).resolves.toMatchObject({ imported: 1 });
  });
});

describe('recent archives and the archive opened at launch', () => {
  it('keeps the newest ten, once each, and says which are reachable now', () => {
    const dir = tempDir();
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const recent = new RecentArchives(path.join(dir, 'recent.json'));
    expect(recent.list()).toEqual([]);
    const here = path.join(dir, 'Here.stacks.sqlite');
    fs.writeFileSync(here, '');
    for (let i = 0; i < 12; i++) recent.add(path.join(dir, `gone-${i}.stacks.sqlite`), new Date(2026, 0, 1 + i));
    recent.add(here);
    const list = recent.list();
    expect(list).toHaveLength(10);
    expect(list[0]).toMatchObject({ name: 'Here', available: true });
    expect(list[1]).toMatchObject({ name: 'gone-11', available: false });
    recent.remove(here);
    expect(recent.has(here)).toBe(false);
    fs.writeFileSync(path.join(dir, 'recent.json'), '{ broken');
    expect(recent.list()).toEqual([]);
  });

  it('opens --archive first, else the last archive used when it is there, else the default one', () => {
    const env = { XDG_CONFIG_HOME: '/home/me/.config' };
    const recent = [
      { path: '/media/usb/Field.stacks.sqlite', name: 'Field', openedAt: '', available: false },
      { path: '/home/me/Work.stacks.sqlite', name: 'Work', openedAt: '', available: true },
    ];
    expect(startupArchive('/tmp/x.sqlite', recent, env)).toMatchObject({
      path: '/tmp/x.sqlite',
      mode: 'open-or-create',
    });
    expect(startupArchive(undefined, recent.slice(1), env)).toMatchObject({
      path: '/home/me/Work.stacks.sqlite',
      mode: 'open',
    });
    expect(startupArchive(undefined, recent, env)).toMatchObject({
      path: '/home/me/.config/Stacks/archive.stacks.sqlite',
      mode: 'open-or-create',
      skipped: { name: 'Field' },
    });
  });
});

describe('what follows the open archive', { timeout: 180_000 }, () => {
  it('makes the daily backup of the archive that is open, and hands over its finished exports', async () => {
    const { dir, session } = setup();
    const fileA = path.join(dir, 'Client A.stacks.sqlite');
    await session.open(fileA, 'create');
    await session.importPaths([SAMPLE_CLIPPING]);
    const b = await session.open(path.join(dir, 'Client B.stacks.sqlite'), 'create');
    // Each archive gets its own daily backup once its writer opens it, beside that archive.
    const backupsOf = async (key: string) => {
      for (let i = 0; i < 200; i++) {
        const status = await session.call('backupStatus', {}, key);
        const list = status.ok ? (status.value as { backups: { file: string }[] }).backups : [];
        if (list.length) return list;
        await new Promise((r) => setTimeout(r, 100));
      }
      return [];
    };
    // Opened again, A (which holds an article) is backed up; B, new and empty, has nothing worth a copy.
    const a = await session.open(fileA, 'open');
    const forA = await backupsOf(a.key);
    expect(forA).toHaveLength(1);
    expect(forA[0]!.file).toContain('Client A');
    expect(fs.readdirSync(path.join(path.dirname(b.path), 'backups')).filter((f) => f.includes('Client B'))).toEqual(
      [],
    );

    // An export started in the open archive is found by the app's download route (through the writer thread).
    const started = await session.call('startExport', { format: 'json' }, a.key);
    expect(started.ok).toBe(true);
    const id = (started as { value: { id: string } }).value.id;
    let download = null;
    for (let i = 0; i < 200 && !download; i++) {
      download = await session.exportDownload(id);
      if (!download) await new Promise((r) => setTimeout(r, 100));
    }
    expect(download).toMatchObject({ mediaType: 'application/json' });
    expect(fs.existsSync(download!.path)).toBe(true);
    expect(await session.exportDownload('0123456789abcdef01234567')).toBeNull();
  });
});
