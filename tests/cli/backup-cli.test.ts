// `stacks backup`, `restore` and `diff` as a user runs them, and kill -9 at random points of a backup and a restore.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveApi } from '../../db/api.js';
import { openArchive } from '../../db/open.js';
import { mulberry32 } from '../../bench/corpus.js';
import { tempDir, writeFile } from '../helpers/archive.js';
import { runCli, startCli } from '../helpers/cli.js';
import { inspectArchiveFile } from '../helpers/archive-state.js';

const NOTES = 1200;
const dir = tempDir();
const archive = path.join(dir, 'live', 'archive.sqlite');
/** Slow the copy down (8 pages a step, 4 ms pause) so a kill lands part way through it. */
const SLOW = { STACKS_BACKUP_STEP_PAGES: '8', STACKS_BACKUP_PAUSE_MS: '4' };

const sha = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const note = (i: number): string =>
  `# Harbour note ${i}\n\n${'The pilots logged the ebb, the gauge and the wind before each ship left the quay. '.repeat(30)} tally${i}\n`;

/** Integrity, article count and half-stored articles: what a kill must leave sound. */
function sound(file: string): { integrity: string; articles: number; halves: number } {
  const { integrity, articles, halves } = inspectArchiveFile(file);
  return { integrity, articles, halves };
}

/** Starts `stacks ARGS`, waits for `lines` progress lines on stderr, then kills it with SIGKILL. */
async function killAfter(args: string[], lines: number, env: NodeJS.ProcessEnv): Promise<{ killed: boolean }> {
  const child = startCli(['--archive', archive, ...args], env);
  let seen = 0;
  let killed = false;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    seen += chunk.split('\n').filter((l) => / \d+\/\d+ pages/.test(l)).length;
    if (seen >= lines && !killed) killed = child.kill('SIGKILL');
  });
  await exited;
  return { killed };
}

beforeAll(async () => {
  const input = path.join(dir, 'notes');
  for (let i = 0; i < NOTES; i++) writeFile(input, `${i}.md`, note(i));
  const api = createArchiveApi(openArchive(archive));
  const report = await api.importPaths({ paths: [input] });
  expect(report.imported).toBe(NOTES);
  await api.dispose();
  api.archive.close();
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('stacks backup and restore', () => {
  it('a kill -9 at random points of a backup leaves the archive and the earlier backups intact', async () => {
    const earlier = path.join(dir, 'earlier.bak');
    expect(runCli(['--archive', archive, 'backup', earlier]).code).toBe(0);
    expect(runCli(['--archive', archive, 'backup']).code).toBe(0); // one into the backups folder
    const folder = path.join(path.dirname(archive), 'backups');
    const rotating = fs.readdirSync(folder).map((f) => path.join(folder, f));
    expect(rotating).toHaveLength(1);
    const kept = new Map([earlier, ...rotating].map((f) => [f, sha(f)]));
    const archiveSha = sha(archive);

    const random = mulberry32(20261206);
    const dest = path.join(dir, 'killed.bak');
    let killedMidway = 0;
    for (let round = 0; round < 5; round++) {
      const at = 1 + Math.floor(random() * 9); // after 1..9 tenths of the pages
      const target = round % 2 === 0 ? ['backup', dest] : ['backup']; // a named file, and the rotating folder
      const { killed } = await killAfter(target, at, SLOW);
      if (killed) killedMidway++;
      expect(sound(archive), `round ${round}`).toEqual({ integrity: 'ok', articles: NOTES, halves: 0 });
      expect(sha(archive), `round ${round}: a backup only reads the archive`).toBe(archiveSha);
      for (const [file, digest] of kept) expect(sha(file), `${path.basename(file)} after round ${round}`).toBe(digest);
      // No half backup under a backup's name: the killed copy is only ever a .partial file.
      if (killed) expect(fs.existsSync(dest)).toBe(false);
      expect(fs.readdirSync(folder).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
    }
    expect(killedMidway).toBeGreaterThanOrEqual(4);
    expect(runCli(['--archive', archive, 'verify']).code).toBe(0);
    // The next backups clean up what the killed ones left, and succeed.
    expect(runCli(['--archive', archive, 'backup', dest]).code).toBe(0);
    expect(runCli(['--archive', archive, 'backup']).code).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    expect(fs.readdirSync(folder).filter((f) => f.includes('.partial-'))).toEqual([]);
    expect(sound(dest)).toEqual({ integrity: 'ok', articles: NOTES, halves: 0 });
  }, 240_000);

  it('backs up from another process while `stacks import` writes, and the copy is whole', async () => {
    const more = path.join(dir, 'more');
    for (let i = NOTES; i < NOTES + 600; i++) writeFile(more, `${i}.md`, note(i));
    const importing = startCli(['--archive', archive, 'import', '--no-progress', more]);
    const imported = new Promise<number | null>((resolve) => importing.on('exit', (code) => resolve(code)));
    const during = path.join(dir, 'during-import.bak');
    const r = runCli(['--archive', archive, 'backup', '--json', during], { STACKS_BACKUP_STEP_PAGES: '16' });
    expect(r.stderr).not.toMatch(/stacks:/);
    expect(r.code).toBe(0);
    expect(await imported).toBe(0);
    const copy = sound(during);
    expect(copy.integrity).toBe('ok');
    expect(copy.halves).toBe(0);
    expect(copy.articles).toBeGreaterThanOrEqual(NOTES);
    expect(copy.articles).toBeLessThanOrEqual(NOTES + 600);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: during });
  }, 240_000);

  it('refuses a corrupt backup with its reason and leaves the archive as it was', () => {
    const good = path.join(dir, 'earlier.bak');
    const bad = path.join(dir, 'corrupt.bak');
    const bytes = fs.readFileSync(good);
    for (let at = 4096 + 100; at < bytes.length; at += 4099) bytes[at] = bytes[at]! ^ 0xff;
    fs.writeFileSync(bad, bytes);
    const before = sha(archive);
    const r = runCli(['--archive', archive, 'restore', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^stacks: .*corrupt\.bak.*(integrity|malformed|SHA-256)/m);
    expect(sha(archive)).toBe(before);
  });

  it('restores with --verify; a kill -9 part way leaves the archive whole, old or new', async () => {
    const earlier = path.join(dir, 'earlier.bak'); // NOTES articles; the archive now has NOTES + 600
    const now = sound(archive).articles;
    expect(now).toBe(NOTES + 600);
    const random = mulberry32(7);
    for (let round = 0; round < 3; round++) {
      await killAfter(['restore', earlier], 1 + Math.floor(random() * 8), SLOW);
      const after = sound(archive);
      expect(after.integrity, `round ${round}`).toBe('ok');
      expect([now, NOTES], `round ${round}`).toContain(after.articles);
      expect(after.halves).toBe(0);
    }
    const r = runCli(['--archive', archive, 'restore', '--verify', earlier]);
    expect(r.stderr).not.toMatch(/stacks:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Restored .*earlier\\.bak: ${NOTES} articles`));
    expect(r.stdout).toMatch(/saved as .*before-restore\.bak/);
    expect(sound(archive)).toEqual({ integrity: 'ok', articles: NOTES, halves: 0 });
    expect(runCli(['--archive', archive, 'verify']).code).toBe(0);
    const found = runCli(['--archive', archive, 'search', '--json', `tally${NOTES + 10}`]);
    expect(JSON.parse(found.stdout).total).toBe(0);
    const old = runCli(['--archive', archive, 'search', '--json', 'tally10']);
    expect(JSON.parse(old.stdout).total).toBe(1);
    // `restore 12` still restores article 12 from the trash.
    expect(runCli(['--archive', archive, 'trash', '12']).code).toBe(0);
    expect(runCli(['--archive', archive, 'restore', '12']).stdout).toMatch(/Restored \(1 changed\)/);
  }, 240_000);

  it('a command that fails on a new archive leaves no backups folder, and `backup list` is not taken as a file name', () => {
    const fresh = path.join(dir, 'typo', 'a.sqlite');
    const missing = runCli(['--archive', fresh, 'import', path.join(dir, 'typo', 'no-such-page.html')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stdout + missing.stderr).toMatch(/No such file or folder/);
    expect(fs.existsSync(path.join(dir, 'typo', 'backups'))).toBe(false);
    const list = runCli(['--archive', fresh, 'backup', 'list']);
    expect(list.code).not.toBe(0);
    expect(list.stderr).toMatch(/"list" looks like a command, not a backup file: `stacks backups` lists the backups/);
    expect(fs.existsSync(path.resolve('list'))).toBe(false); // the CLI runs in this process's folder
  });

  it('makes the daily backup before a command that writes, once a day, and lists it', () => {
    const fresh = path.join(dir, 'daily', 'a.sqlite');
    const page = writeFile(dir, 'page.md', note(1));
    expect(runCli(['--archive', fresh, 'import', page]).code).toBe(0);
    expect(runCli(['--archive', fresh, 'tag', '1', 'harbour']).code).toBe(0);
    expect(runCli(['--archive', fresh, 'search', 'tally1']).code).toBe(0);
    const list = runCli(['--archive', fresh, 'backups', '--json']);
    const status = JSON.parse(list.stdout) as { automatic: boolean; keep: number; backups: { name: string }[] };
    expect(status.automatic).toBe(true);
    expect(status.backups).toHaveLength(1);
    expect(status.backups[0]!.name).toMatch(/^a\.sqlite\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.bak$/);
    const set = runCli(['--archive', fresh, 'backups', '--keep', '5', '--automatic', 'off']);
    expect(set.stdout).toMatch(/Automatic backups: off, newest 5 kept/);
    expect(runCli(['--archive', fresh, 'backups', '--keep', '0']).stderr).toMatch(
      /--keep takes a number from 1 to 100/,
    );
  });
});

describe('stacks diff', () => {
  it('prints words added, removed and moved, and what became of each annotation', () => {
    const file = path.join(dir, 'diff', 'd.sqlite');
    const page = (body: string[]) =>
      `<html><head><title>Quay works</title><link rel="canonical" href="https://quay.example/works"></head><body><article><h1>Quay works</h1>${body.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const v1 = writeFile(
      dir,
      'v1.html',
      page([
        'The crane was repaired in May after the storm.',
        'Dredging of the inner basin starts next spring and lasts a year.',
        'Tolls stay the same.',
      ]),
    );
    const v2 = writeFile(
      dir,
      'v2.html',
      page([
        'Dredging of the inner basin starts next spring and lasts a year.',
        'The crane was repaired in June after the storm.',
        'Tolls rise by a tenth.',
      ]),
    );
    expect(runCli(['--archive', file, 'import', v1]).code).toBe(0);
    expect(
      runCli(['--archive', file, 'annotate', '1', '--quote', 'The crane was repaired', '--color', 'green']).code,
    ).toBe(0);
    expect(runCli(['--archive', file, 'annotate', '1', '--quote', 'repaired in May', '--color', 'yellow']).code).toBe(
      0,
    );
    expect(runCli(['--archive', file, 'annotate', '1', '--quote', 'Tolls stay the same', '--color', 'blue']).code).toBe(
      0,
    );
    expect(runCli(['--archive', file, 'import', v2]).code).toBe(0);
    const r = runCli(['--archive', file, 'diff', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/from v1 \(capture 1, .*\) to v2 \(capture 2, /);
    expect(r.stdout).toContain('[-May after the storm.-]');
    expect(r.stdout).toContain('{+June after the storm.+}');
    expect(r.stdout).toContain('[-The crane was repaired in-](moved away: 1)');
    expect(r.stdout).toContain('{+The crane was repaired in+}(moved here: 1)');
    expect(r.stdout).toMatch(/MOVED\s+green "The crane was repaired"/);
    expect(r.stdout).toMatch(/CHANGED\s+yellow "repaired in May"/);
    expect(r.stdout).toMatch(/ORPHANED\s+blue "Tolls stay the same"/);
    const json = JSON.parse(runCli(['--archive', file, 'diff', '1', '--from', 'v1', '--to', '2', '--json']).stdout);
    expect(json.from.version).toBe(1);
    expect(json.to.capture.id).toBe(2);
    expect(json.stats.moved).toBeGreaterThan(0);
    expect(json.annotations.map((a: { status: string }) => a.status).sort()).toEqual(['changed', 'moved', 'orphaned']);
    const bad = runCli(['--archive', file, 'diff', '1', '--from', 'v9']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/has 2 version\(s\); there is no v9/);
  });
});
