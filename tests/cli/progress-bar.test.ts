// The progress bar that import and export share (db/cli/progress.ts): shown on a terminal, never in a pipe or with
// --no-progress. The terminal is a real pseudo-terminal from util-linux `script` (skipped where it is missing).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeFile } from '../helpers/archive.js';
import { runCli, STACKS_BIN } from '../helpers/cli.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs the command on a pseudo-terminal and returns everything it drew there. */
function onTerminal(args: string[]): { code: number | null; screen: string } {
  const quoted = [process.execPath, STACKS_BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qefc', quoted, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, screen: r.stdout };
}

describe.skipIf(!hasScript)('the CLI progress bar', () => {
  const dir = tempDir();
  const archive = path.join(dir, 'a.sqlite');
  beforeAll(() => {
    for (let i = 0; i < 5; i++)
      writeFile(dir, `in/n${i}.txt`, `Note ${i}\n\nA short note about tide pools, number ${i}.\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('import draws "Importing [bar] done/total" with its counts on a terminal', () => {
    const r = onTerminal(['--archive', archive, 'import', path.join(dir, 'in')]);
    expect(r.code).toBe(0);
    expect(r.screen).toMatch(/Importing \[[█░]+\] \d\/5 \| [\d.]+\/[\d.]+ MB \| \d new, \d dup, \d failed \| ETA/);
    expect(r.screen).toContain('Imported 5');
  });

  it('export draws "Exporting [bar] done/total articles" on a terminal', () => {
    const r = onTerminal(['--archive', archive, 'export', '--wacz', path.join(dir, 'a.wacz')]);
    expect(r.code).toBe(0);
    expect(r.screen).toMatch(/Exporting \[[█░]+\] \d\/5 articles \| [\d.]+ MB/);
    expect(fs.existsSync(path.join(dir, 'a.wacz'))).toBe(true);
  });

  it('draws nothing with --no-progress or when stderr is not a terminal', () => {
    writeFile(dir, 'more/m.txt', 'More\n\nAnother note about kelp.\n');
    const quiet = onTerminal(['--archive', archive, 'import', '--no-progress', path.join(dir, 'more')]);
    expect(quiet.code).toBe(0);
    expect(quiet.screen).not.toContain('Importing [');
    const piped = runCli(['--archive', archive, 'export', '--no-progress', '--bagit', path.join(dir, 'bag')]);
    expect(piped.code).toBe(0);
    const pipedWithBar = runCli(['--archive', archive, 'export', '--wacz', path.join(dir, 'b.wacz')]);
    expect(pipedWithBar.code).toBe(0);
    expect(pipedWithBar.stderr).not.toContain('Exporting [');
  });
});
