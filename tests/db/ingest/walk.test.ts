// Walking import paths: symlink cycles end (reported once), pipes and devices are skipped with a word, non-UTF-8 names import.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walkPaths } from '../../../db/ingest/walk.js';
import { runCli } from '../../helpers/cli.js';
import { tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';

const note = (i: number) =>
  `Estuary note ${i}\n\nThe tide came in over the salt marsh and the godwits lifted together.\n`;

describe('walking what an import is given', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('follows a symlink cycle once, reports it once, and imports the files', async () => {
    const dir = path.join(t.dir, 'loop');
    writeFile(dir, 'a.txt', note(1));
    writeFile(dir, 'sub/b.txt', note(2));
    fs.symlinkSync('.', path.join(dir, 'self'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    const walked = walkPaths([dir]);
    expect(walked.files.map((f) => path.relative(dir, f))).toEqual(['a.txt', path.join('sub', 'b.txt')]);
    expect(walked.problems.map((p) => [path.relative(dir, p.file), p.error])).toEqual([
      ['self', 'Skipped: this links back to a folder already being imported (a symlink cycle).'],
      [path.join('sub', 'up'), 'Skipped: this links back to a folder already being imported (a symlink cycle).'],
    ]);
    const report = await t.api.importPaths({ paths: [dir] });
    expect(report.imported).toBe(2);
  });

  it('skips a named pipe with a word instead of waiting on it or saying nothing', async () => {
    const dir = path.join(t.dir, 'pipes');
    writeFile(dir, 'a.txt', note(3));
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    const report = await t.api.importPaths({ paths: [dir] });
    expect(report.imported).toBe(1);
    const pipe = report.outcomes.find((o) => o.file.endsWith('pipe.txt'))!;
    expect(pipe).toMatchObject({ status: 'failed', error: 'Skipped: this is a named pipe, not a file or folder.' });
  });

  it('imports a file whose name is not valid UTF-8 and reports it by a readable name', async () => {
    const dir = path.join(t.dir, 'latin1');
    fs.mkdirSync(dir, { recursive: true });
    // "café.txt" written in Latin-1: the é is the single byte 0xE9, which is not UTF-8.
    const raw = Buffer.concat([Buffer.from(dir + '/caf'), Buffer.from([0xe9]), Buffer.from('.txt')]);
    fs.writeFileSync(raw, note(4));
    const report = await t.api.importPaths({ paths: [dir] });
    expect(report.failed).toBe(0);
    expect(report.imported).toBe(1);
    expect(path.basename(report.outcomes[0]!.file)).toBe('caf\ufffd.txt');
    expect(t.api.search({ query: 'godwits' }).total).toBe(1);
  });

  it('`stacks import /dev/stdin` on a pipe says it skipped it', () => {
    const archive = path.join(t.dir, 'cli.sqlite');
    const r = runCli(['--archive', archive, 'import', '--json', '/dev/stdin']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({
      file: '/dev/stdin',
      status: 'failed',
      error: expect.stringMatching(/^Skipped: this is (a named pipe|a device|a socket)/),
    });
  });
});
