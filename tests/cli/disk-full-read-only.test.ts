// A full disk and a read-only folder are said as such, not as a corrupt archive; a full disk stops an import, keeping what was stored.
// The full disk is a real one: a 4 MB tmpfs mounted for the test (needs root and mount rights; skipped elsewhere).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeFile } from '../helpers/archive.js';
import { runCli } from '../helpers/cli.js';

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
