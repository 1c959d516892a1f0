// A full disk and a read-only folder are said as such, not as a corrupt archive; a full disk stops an import, keeping what
// was stored; an archive on read-only media opens read-only (read, search, export, serve) and nothing is written beside it.
// The full disk is a real one: a 4 MB tmpfs mounted for the test; the read-only media a read-only bind mount (root can
// write through chmod, not through a read-only mount). Both need root and mount rights; skipped elsewhere.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callServer } from '../helpers/api-call.js';
import { tempDir, writeFile } from '../helpers/archive.js';
import { runCli, startCli, STACKS_BIN } from '../helpers/cli.js';

const dir = tempDir();
const mnt = path.join(dir, 'small-disk');
fs.mkdirSync(mnt);
const canMount =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]).status === 0;

describe.skipIf(!canMount)('a full disk and a read-only folder (real tmpfs)', () => {
  beforeAll(() => {
    const input = path.join(dir, 'in');
    // ~12 MB of notes that do not compress: three times what the disk holds.
    for (let i = 0; i < 400; i++)
      writeFile(
        input,
        `n${String(i).padStart(3, '0')}.txt`,
        `Note ${i}\n\n${Array.from({ length: 3000 }, (_, k) => ((i * 7919 + k * 104729) % 1000003).toString(36)).join(' ')}`,
      );
  });
  afterAll(() => {
    spawnSync('umount', [mnt]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops an import at the full disk with that reason, keeps what was stored, and still reads it', () => {
    const archive = path.join(mnt, 'a.sqlite');
    const r = runCli(['--archive', archive, 'import', '--no-progress', path.join(dir, 'in')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The disk is full');
    // Either the store ("Import stopped: The disk is full…") or the search index's catch-up meets it first.
    expect(r.stderr).not.toContain('CORRUPT');
    // Stopped at the first full batch, not trying every remaining file.
    expect(r.stderr.match(/^failed /gm)?.length ?? 0).toBeLessThan(400);
    const db = new Database(archive, { readonly: true });
    const stored = db.prepare('SELECT count(*) FROM article').pluck().get() as number;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(400);
    // Reading still works on the full disk.
    const search = runCli(['--archive', archive, 'search', '--json', 'note']);
    expect(search.code).toBe(0);
    // The search index may not have had room to catch up: what it cannot index yet is indexed once there is space.
    expect((JSON.parse(search.stdout) as { total: number }).total).toBeLessThanOrEqual(stored);
  });

  it('says the folder is read-only instead of calling the archive corrupt', () => {
    spawnSync('mount', ['-o', 'remount,ro', mnt]);
    const r = runCli(['--archive', path.join(mnt, 'new.sqlite'), 'stats']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/read-only/);
    expect(r.stderr).not.toContain('CORRUPT');
    expect(fs.readdirSync(mnt)).not.toContain('new.sqlite');
  });
});

/** Every file under a folder with its SHA-256: what "nothing changed, nothing left beside it" compares. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(folder, { recursive: true }) as string[]) {
    const p = path.join(folder, name);
    if (fs.statSync(p).isFile()) out[name] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

describe.skipIf(!canMount)('an archive on read-only media (real read-only mount)', () => {
  const roDir = tempDir();
  const src = path.join(roDir, 'src');
  const media = path.join(roDir, 'media'); // src, seen through a read-only bind mount
  const bare = path.join(roDir, 'bare'); // the archive file alone, without its search index, read-only
  const out = path.join(roDir, 'out');
  const archive = path.join(media, 'a.sqlite');
  const cli = (...args: string[]) => runCli(['--archive', archive, ...args]);
  let before: Record<string, string>;

  const mountReadOnly = (from: string, to: string): void => {
    fs.mkdirSync(to, { recursive: true });
    expect(spawnSync('mount', ['--bind', from, to]).status).toBe(0);
    expect(spawnSync('mount', ['-o', 'remount,bind,ro', to]).status).toBe(0);
  };

  beforeAll(() => {
    const input = path.join(roDir, 'in');
    writeFile(input, 'kelp.txt', 'Kelp forests\n\nKelp forests grow fastest in cold, nutrient-rich water.\n');
    writeFile(input, 'moss.txt', 'Moss gardens\n\nMoss grows slowly on shaded stones and old roofs.\n');
    const imported = runCli(['--archive', path.join(src, 'a.sqlite'), 'import', '--no-progress', input]);
    expect(imported.code).toBe(0);
    expect(runCli(['--archive', path.join(src, 'a.sqlite'), 'tag', '1', 'sea']).code).toBe(0);
    fs.mkdirSync(out);
    mountReadOnly(src, media);
    fs.mkdirSync(path.join(roDir, 'bare-src'));
    fs.copyFileSync(path.join(src, 'a.sqlite'), path.join(roDir, 'bare-src', 'a.sqlite'));
    mountReadOnly(path.join(roDir, 'bare-src'), bare);
    before = snapshot(media);
    expect(Object.keys(before)).toContain('a.sqlite-search');
    // Really read-only, for root too.
    expect(() => fs.writeFileSync(path.join(media, 'probe'), 'x')).toThrow(/EROFS|read-only/);
  });
  afterAll(() => {
    spawnSync('umount', [media]);
    spawnSync('umount', [bare]);
    fs.rmSync(roDir, { recursive: true, force: true });
  });

  it('lists, reads, searches, counts and verifies it', () => {
    const list = cli('list', '--json');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Kelp forests');
    expect(list.stdout).toContain('Moss gardens');

    const show = cli('show', '1');
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('nutrient-rich water');

    const search = cli('search', '--json', 'stones');
    expect(search.code).toBe(0);
    const found = JSON.parse(search.stdout) as { total: number; hits: { title: string }[] };
    expect(found.total).toBe(1);
    expect(found.hits[0]!.title).toBe('Moss gardens');
    const tagged = JSON.parse(cli('search', '--json', 'tag:sea').stdout) as { hits: { title: string }[] };
    expect(tagged.hits.map((h) => h.title)).toEqual(['Kelp forests']);

    const stats = cli('stats', '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ articles: 2 });

    const verify = cli('verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('2 ok, 0 mismatched');
  });

  it('exports and backs it up to a folder that can be written', () => {
    const json = cli('export', '--output', path.join(out, 'a.json'));
    expect(json.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'a.json'), 'utf8')).toContain('Moss gardens');
    const wacz = cli('export', '--wacz', path.join(out, 'a.wacz'), '--query', 'kelp');
    expect(wacz.code).toBe(0);
    expect(fs.statSync(path.join(out, 'a.wacz')).size).toBeGreaterThan(0);
    // A backup too, to a file named elsewhere; its usual folder beside the archive cannot be written.
    expect(cli('backup', path.join(out, 'b.sqlite')).code).toBe(0);
    expect(fs.statSync(path.join(out, 'b.sqlite')).size).toBeGreaterThan(0);
    const beside = cli('backup');
    expect(beside.code).toBe(1);
    expect(beside.stderr).toMatch(/read-only.*stacks backup FILE/);
  });

  it('refuses every change with "the archive is read-only", before trying anything', () => {
    for (const args of [
      ['import', '--no-progress', path.join(roDir, 'in')],
      ['tag', '2', 'garden'],
      ['untag', '1', 'sea'],
      ['mark', 'read', '1'],
      ['trash', '1'],
      ['annotate', '1', '--quote', 'Kelp'],
      ['saved-search', 'save', 'kelp', 'kelp'],
      ['collection', 'add', 'Reading', '1'],
    ]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/The archive is read-only.*\[READ_ONLY\]/);
      expect(r.stderr).not.toContain('CORRUPT');
    }
  });

  it('serves it over HTTP: search works, a change answers READ_ONLY', async () => {
    const tokenFile = path.join(out, 'serve.token');
    const child = startCli(['--archive', archive, 'serve', '--port', '0', '--token-file', tokenFile]);
    let printed = '';
    child.stdout.on('data', (c: Buffer) => (printed += c.toString()));
    child.stderr.on('data', (c: Buffer) => (printed += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${printed}`)), 30_000);
      const look = (): void => {
        const m = /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(printed);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout.on('data', look);
      child.on('exit', () => reject(new Error(`serve exited:\n${printed}`)));
    });
    const served = { url: origin, token: fs.readFileSync(tokenFile, 'utf8').trim() };
    const call = async (method: string, body: unknown) =>
      (await callServer(served, method, body)).body as {
        ok: boolean;
        value?: { total: number };
        error?: { code: string; message: string };
      };
    try {
      const found = await call('search', { query: 'kelp' });
      expect(found).toMatchObject({ ok: true, value: { total: 1 } });
      const changed = await call('tagArticles', { ids: [2], tags: ['garden'] });
      expect(changed.ok).toBe(false);
      expect(changed.error?.code).toBe('READ_ONLY');
      expect(changed.error?.message).toMatch(/The archive is read-only/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('says clearly that search needs the index file when only the archive was copied', () => {
    expect(runCli(['--archive', path.join(bare, 'a.sqlite'), 'list', '--json']).stdout).toContain('Moss gardens');
    const r = runCli(['--archive', path.join(bare, 'a.sqlite'), 'search', 'kelp']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no search index beside it.*\[READ_ONLY\]/);
  });

  // chmod binds everyone but root: run as another user (nobody) where the machine has one.
  const asNobody = process.getuid?.() === 0 && spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0;
  it.skipIf(!asNobody)(
    'opens a read-only file, and a file in a read-only folder, read-only (as a user chmod binds)',
    () => {
      for (const how of ['file', 'folder'] as const) {
        const place = path.join(roDir, `chmod-${how}`);
        fs.mkdirSync(place);
        for (const name of ['a.sqlite', 'a.sqlite-search'])
          fs.copyFileSync(path.join(src, name), path.join(place, name));
        spawnSync('chown', ['-R', 'nobody', place]);
        if (how === 'file') {
          fs.chmodSync(place, 0o777);
          for (const name of ['a.sqlite', 'a.sqlite-search']) fs.chmodSync(path.join(place, name), 0o444);
        } else fs.chmodSync(place, 0o555);
        fs.chmodSync(roDir, 0o755);
        const run = (...args: string[]) =>
          spawnSync(
            'runuser',
            ['-u', 'nobody', '--', process.execPath, STACKS_BIN, '--archive', path.join(place, 'a.sqlite'), ...args],
            {
              encoding: 'utf8',
              timeout: 120_000,
            },
          );
        const search = run('search', '--json', 'stones');
        expect(search.status, `${how}: ${search.stderr}`).toBe(0);
        expect((JSON.parse(search.stdout) as { total: number }).total).toBe(1);
        const tag = run('tag', '1', 'x');
        expect(tag.status).toBe(1);
        expect(tag.stderr).toMatch(/The archive is read-only.*\[READ_ONLY\]/);
        expect(fs.readdirSync(place).sort()).toEqual(['a.sqlite', 'a.sqlite-search']);
      }
    },
  );

  it('left nothing beside the archive and changed nothing in it', () => {
    expect(snapshot(media)).toEqual(before);
    expect(fs.readdirSync(bare)).toEqual(['a.sqlite']);
  });
});
