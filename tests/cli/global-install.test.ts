// `stacks` as a global command: a real `npm install -g` of this checkout into a temp prefix (offline), run from another folder.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CLIPPING, tempDir } from '../helpers/archive.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');

describe('stacks installed globally with npm', () => {
  let prefix: string;
  let stacks: string;
  let elsewhere: string;

  beforeAll(async () => {
    prefix = tempDir('stacks-prefix-');
    elsewhere = tempDir('stacks-cwd-');
    // A folder installs globally as a link to it (what `npm link` does); --offline and --ignore-scripts: nothing is
    // fetched and nothing in the checkout is rebuilt.
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    await run(
      npm,
      ['install', '--global', root, '--prefix', prefix, '--offline', '--ignore-scripts', '--no-audit', '--no-fund'],
      { cwd: elsewhere, timeout: 120_000, shell: process.platform === 'win32' },
    );
    stacks = process.platform === 'win32' ? path.join(prefix, 'stacks.cmd') : path.join(prefix, 'bin', 'stacks');
  }, 150_000);

  it('puts a `stacks` command in the prefix that imports and searches from any folder', async () => {
    expect(fs.existsSync(stacks)).toBe(true);
    const archive = path.join(elsewhere, 'mine.stacks.sqlite');
    const opts = { cwd: elsewhere, timeout: 120_000, env: { ...process.env, STACKS_ARCHIVE: '' } };
    // A relative path, resolved from the folder the command runs in, not from the checkout.
    fs.copyFileSync(SAMPLE_CLIPPING, path.join(elsewhere, 'clip.txt'));
    const imported = await run(stacks, ['import', '--archive', archive, 'clip.txt'], opts);
    expect(imported.stdout + imported.stderr).toMatch(/1 imported|Imported 1/i);
    const found = await run(
      stacks,
      ['search', '--archive', archive, '--json', '"Comprehensive Strategic Partnership"'],
      opts,
    );
    const result = JSON.parse(found.stdout) as { total: number; hits: { title: string }[] };
    expect(result.total).toBe(1);
    expect(result.hits[0]!.title).toBe('Putin Begins His Two-Day North Korean Visit, Signs Partnership Agreement');
    expect(fs.existsSync(archive)).toBe(true);
  });
});
