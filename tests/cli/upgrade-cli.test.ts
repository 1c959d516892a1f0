// `stacks` on an archive made by an older Stacks: each migration of the one-time upgrade is named on stderr.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../db/migrations/runner.js';
import { openArchive } from '../../db/open.js';
import { tempDir } from '../helpers/archive.js';
import { runCli } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('names each migration of an upgrade on stderr, once, and keeps stdout for the answer', () => {
  const archive = path.join(dir, 'old.stacks.sqlite');
  const old = openArchive(archive, { targetVersion: LATEST_VERSION - 2 });
  old.db.prepare("INSERT INTO article (title, added_at) VALUES ('From before', '2024-01-01T00:00:00Z')").run();
  old.close();

  const first = runCli(['--archive', archive, 'stats', '--json']);
  expect(first.code).toBe(0);
  expect(first.stderr.split('\n').filter((l) => l.startsWith('Upgrading'))).toEqual([
    'Upgrading the archive for this version of Stacks (1 of 2): timeline month counts',
    'Upgrading the archive for this version of Stacks (2 of 2): published-date list index',
  ]);
  expect((JSON.parse(first.stdout) as { articles: number }).articles).toBe(1);

  const again = runCli(['--archive', archive, 'stats', '--json']);
  expect(again.code).toBe(0);
  expect(again.stderr).not.toMatch(/Upgrading/);
});
