// `stacks edit`, `stacks delete --permanent` and `stacks trash empty` as a user runs them: output, exit codes, search after.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CLIPPING, tempDir, writeFile } from '../helpers/archive.js';
import { runCli } from '../helpers/cli.js';

describe('stacks edit / delete --permanent / trash empty', () => {
  let dir: string;
  let archive: string;
  let id: number;
  const cli = (...args: string[]) => runCli(['--archive', archive, ...args]);
  const importText = (name: string, text: string) =>
    (JSON.parse(cli('import', '--json', writeFile(dir, name, text)).stdout.trim()) as { id: number }).id;

  beforeAll(() => {
    dir = tempDir();
    archive = path.join(dir, 'a.sqlite');
    id = (
      JSON.parse(runCli(['--archive', archive, 'import', '--json', SAMPLE_CLIPPING]).stdout.trim()) as { id: number }
    ).id;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('edits title, author, date, URL and site, says old -> new, and search finds the new title', () => {
    const r = cli(
      'edit',
      String(id),
      '--title',
      'Pyongyang Summit Notes',
      '--author',
      'Desk Editor',
      '--published',
      '2024-06-19',
      '--url',
      'https://news.example.org/summit',
      '--site',
      'Example Wire',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Edited ${id}: title: “Putin Begins His Two-Day North Korean Visit, Signs Partnership Agreement” → “Pyongyang Summit Notes”`,
    );
    expect(r.stdout).toContain('author:');
    expect(r.stdout).toContain('→ “Desk Editor”');
    const shown = JSON.parse(cli('show', String(id), '--json').stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({
      title: 'Pyongyang Summit Notes',
      byline: 'Desk Editor',
      publishedAt: '2024-06-19',
      sourceUrl: 'https://news.example.org/summit',
      siteName: 'Example Wire',
      asExtracted: { title: 'Putin Begins His Two-Day North Korean Visit, Signs Partnership Agreement' },
    });
    const hits = JSON.parse(cli('search', 'title:pyongyang', '--json').stdout) as { total: number };
    expect(hits.total).toBe(1);
    const author = JSON.parse(cli('search', 'author:"desk editor"', '--json').stdout) as { total: number };
    expect(author.total).toBe(1);
  });

  it('refuses an empty title, a bad date and a non-web URL, exit 1 with the reason', () => {
    const empty = cli('edit', String(id), '--title', '');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/title cannot be empty/);
    const date = cli('edit', String(id), '--published', '2024-02-31');
    expect(date.code).toBe(1);
    expect(date.stderr).toMatch(/expected a date like 2024-05-31/);
    const url = cli('edit', String(id), '--url', 'javascript:alert(1)');
    expect(url.code).toBe(1);
    expect(url.stderr).toMatch(/http:\/\/ or https:\/\//);
    const nothing = cli('edit', String(id));
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/Nothing to change/);
    expect((JSON.parse(cli('show', String(id), '--json').stdout) as { title: string }).title).toBe(
      'Pyongyang Summit Notes',
    );
  });

  it('deletes permanently only with --permanent and --yes (no terminal), stating the consequences', () => {
    const other = importText(
      'glacier.txt',
      'Glacier survey\n\nThe glacier survey measured the moraine every spring.\n',
    );
    cli('annotate', String(other), '--note', 'moraine note');
    const without = cli('delete', String(other));
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/needs --permanent/);
    const unconfirmed = cli('delete', '--permanent', String(other));
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/This deletes 1 article permanently, with 1 captured version/);
    expect(unconfirmed.stderr).toMatch(/1 article note/);
    expect(unconfirmed.stderr).toMatch(/add --yes/);
    expect(JSON.parse(cli('search', 'moraine', '--json').stdout).total).toBe(1);

    const r = cli('delete', '--permanent', '--yes', '--json', String(other));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ articles: 1, captures: 1, notes: 1 });
    expect(JSON.parse(cli('search', 'moraine', '--json').stdout).total).toBe(0);
    expect(cli('show', String(other)).code).not.toBe(0);
  });

  it('empties the trash, then verify passes and the rest is searchable', () => {
    const a = importText('fjord.txt', 'Fjord log\n\nThe fjord ferry ran twice a day in summer.\n');
    const b = importText('delta.txt', 'Delta log\n\nThe delta ferry ran once a week in winter.\n');
    expect(cli('trash', String(a), String(b)).code).toBe(0);
    const r = cli('trash', 'empty', '--yes');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/This deletes 2 articles permanently/);
    expect(r.stdout).toMatch(/Deleted permanently: 2 articles/);
    expect(cli('trash', 'empty').stdout).toMatch(/The trash is empty/);
    expect(JSON.parse(cli('search', 'ferry', '--json').stdout).total).toBe(0);
    expect(JSON.parse(cli('search', 'pyongyang', '--json').stdout).total).toBe(1);
    const verify = cli('verify', '--json');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ mismatches: [] });
  });
});
