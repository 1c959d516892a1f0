// `stacks import` with read-it-later and bookmark exports, as a user runs it: one JSON line per item, link-only articles listed and shown as such.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/archive.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { NETSCAPE_BOOKMARKS, POCKET_CSV } from '../db/ingest/exports/fixtures.js';

describe('stacks import with exports', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('stacks-export-cli-');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a Pocket CSV and a bookmark file: a line per item, a skipped row with its reason, nothing twice on a re-run', () => {
    const pocket = path.join(dir, 'pocket.csv');
    const bookmarks = path.join(dir, 'my-bookmarks-export.htm');
    fs.writeFileSync(pocket, POCKET_CSV);
    fs.writeFileSync(bookmarks, NETSCAPE_BOOKMARKS);
    const archive = path.join(dir, 'a.sqlite');
    const first = runCli(['import', '--json', '--archive', archive, pocket, bookmarks]);
    // Exit 2: some items failed (the row without URL, the bookmarklet), the rest imported.
    expect(first.code, first.stderr).toBe(2);
    const lines = jsonLines(first.stdout) as { file: string; status: string; title?: string; error?: string }[];
    expect(lines.filter((l) => l.status === 'imported').map((l) => l.title)).toEqual([
      'Commas, "quotes" and a line break',
      'Archived one',
      'Top level',
      'JavaScript & you',
      'After the folder',
    ]);
    expect(lines.find((l) => l.file === `${pocket} › line 5`)?.error).toBe('Skipped: the item has no URL.');

    const listed = runCli(['list', '--archive', archive]);
    expect(listed.stdout).toMatch(/Top level {2}\(example\.com\) {2}#alpha #beta {2}\[not captured yet\]/);
    const id = lines.find((l) => l.title === 'Top level')! as unknown as { id: number };
    const shown = runCli(['show', '--archive', archive, String(id.id)]);
    expect(shown.stdout).toContain('Not captured yet: https://example.com/top');

    const again = runCli(['import', '--archive', archive, pocket, bookmarks]);
    expect(again.stdout).toContain(
      'Imported 0 (0 as new versions of existing articles), 6 already in the archive, 2 failed.',
    );
    const found = runCli(['search', '--json', '--archive', archive, 'javascript']);
    expect((JSON.parse(found.stdout) as { total: number }).total).toBe(1);
  });
});
