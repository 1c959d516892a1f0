// `stacks reextract` as a user runs it: arguments checked, every article re-extracted, a summary and JSON lines.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIDELITY_DIR } from '../../bench/fidelity/pages.js';
import { tempDir } from '../helpers/archive.js';
import { jsonLines, runCli } from '../helpers/cli.js';

describe('stacks reextract', () => {
  let dir: string;
  let archive: string;
  beforeAll(() => {
    dir = tempDir();
    archive = path.join(dir, 'cli.sqlite');
    fs.copyFileSync(path.join(FIDELITY_DIR, 'wiki-list-article.html'), path.join(dir, 'list.html'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(['--archive', archive, ...args]);

  it('needs ids or --all, re-extracts and reports', () => {
    expect(cli('import', path.join(dir, 'list.html')).code).toBe(0);
    const none = cli('reextract');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--all/);

    const all = cli('reextract', '--all');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Re-extracted 1: 0 updated, 1 unchanged, 0 skipped, 0 failed\./);

    const json = cli('reextract', '1', '--json');
    expect(json.code).toBe(0);
    expect(jsonLines(json.stdout)).toEqual([{ id: 1, status: 'unchanged' }]);

    const missing = cli('reextract', '42');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No article with id 42/);
  });
});
