// `stacks later` and `stacks continue` as a user runs them: the queue's order kept between runs, moves by place and
// by word, clear refusals, JSON shapes, and `stacks list --sort site|author`.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleList } from '../../db/contract/types.js';
import { createArchiveApi } from '../../db/api.js';
import { openArchive } from '../../db/open.js';
import { tempDir, writeFile } from '../helpers/archive.js';
import { jsonLines, runCli } from '../helpers/cli.js';

describe('stacks later / continue', () => {
  let dir: string;
  let archive: string;
  const ids: Record<string, number> = {};
  beforeAll(() => {
    dir = tempDir();
    archive = path.join(dir, 'later.sqlite');
    const page = (name: string, site: string, author: string) =>
      writeFile(
        dir,
        `in/${name}.html`,
        `<html><head><title>${name}</title><meta property="og:site_name" content="${site}"><meta name="author" content="${author}"></head>` +
          `<body><article><h1>${name}</h1><p>${`The ${name} essay goes on at some length about the coast. `.repeat(8)}</p></article></body></html>`,
      );
    page('Harbour', 'Port Gazette', 'Wren Hale');
    page('Lighthouse', 'Atlantic Notes', 'Ann Moss');
    page('Estuary', 'Mud Quarterly', 'Bo Finch');
    const r = runCli(['--archive', archive, 'import', '--json', path.join(dir, 'in')]);
    expect(r.code, r.stderr).toBe(0);
    for (const line of jsonLines(r.stdout) as { file: string; id: number }[])
      ids[path.basename(line.file, '.html')] = line.id;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(['--archive', archive, ...args]);
  const queue = () => (JSON.parse(cli('later', 'list', '--json').stdout) as ArticleList).items.map((a) => a.title);

  it('adds, lists in order, moves and removes, the order kept from one run to the next', () => {
    expect(cli('later', 'list').stdout).toBe('0 articles\n');
    const add = cli('later', 'add', String(ids.Harbour), String(ids.Lighthouse), String(ids.Estuary));
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toBe('Added to Later (3 changed)\n');
    expect(queue()).toEqual(['Harbour', 'Lighthouse', 'Estuary']);
    const human = cli('later', 'list').stdout.split('\n');
    expect(human[0]).toBe('3 articles');
    expect(human[1]).toMatch(new RegExp(`^\\s+1\\.\\s+${ids.Harbour}\\s+Harbour\\s+\\(Port Gazette\\)$`));

    const moved = cli('later', 'move', String(ids.Estuary), 'top');
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/1\.\s+\d+\s+Estuary.*←/);
    expect(queue()).toEqual(['Estuary', 'Harbour', 'Lighthouse']);
    cli('later', 'move', String(ids.Estuary), 'down');
    expect(queue()).toEqual(['Harbour', 'Estuary', 'Lighthouse']);
    cli('later', 'move', String(ids.Lighthouse), '1');
    expect(queue()).toEqual(['Lighthouse', 'Harbour', 'Estuary']);
    cli('later', 'move', String(ids.Lighthouse), 'bottom');
    expect(queue()).toEqual(['Harbour', 'Estuary', 'Lighthouse']);
    cli('later', 'move', String(ids.Lighthouse), 'up');
    expect(queue()).toEqual(['Harbour', 'Lighthouse', 'Estuary']);

    const removed = cli('later', 'remove', '--json', String(ids.Harbour));
    expect(JSON.parse(removed.stdout)).toEqual({ changed: 1 });
    expect(queue()).toEqual(['Lighthouse', 'Estuary']);
  });

  it('refuses what cannot be done, plainly, and changes nothing', () => {
    const notQueued = cli('later', 'move', String(ids.Harbour), 'top');
    expect(notQueued.code).toBe(1);
    expect(notQueued.stderr).toMatch(/is not in Later/);
    const badPlace = cli('later', 'move', String(ids.Lighthouse), 'sideways');
    expect(badPlace.code).toBe(1);
    expect(badPlace.stderr).toMatch(/"sideways" is not a place/);
    const missing = cli('later', 'add', '99999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No article with id 99999\. \[NOT_FOUND\]/);
    const badId = cli('later', 'add', 'abc');
    expect(badId.code).toBe(1);
    expect(badId.stderr).toMatch(/"abc" is not a valid article id/);
    expect(queue()).toEqual(['Lighthouse', 'Estuary']);
  });

  it('lists unfinished reading, the most recently read first', async () => {
    expect(cli('continue').stdout).toBe('0 articles\n');
    // the reader saves positions through the API; here the archive is written as the app would
    const api = createArchiveApi(openArchive(archive));
    api.setReadingPosition({ id: ids.Harbour as never, position: { percent: 0.25, offset: 0, quote: '' } });
    await new Promise((r) => setTimeout(r, 5));
    api.setReadingPosition({ id: ids.Estuary as never, position: { percent: 0.6, offset: 0, quote: '' } });
    await api.dispose();
    api.archive.close();
    const r = cli('continue');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('2 articles');
    expect(lines[1]).toMatch(/1\.\s+\d+\s+Estuary\s+\(Mud Quarterly\)\s+60% read, \d{4}-\d{2}-\d{2}$/);
    expect(lines[2]).toMatch(/2\.\s+\d+\s+Harbour.*25% read/);
    const json = JSON.parse(cli('continue', '--json', '--limit', '1').stdout) as ArticleList;
    expect(json.total).toBe(2);
    expect(json.items.map((a) => a.title)).toEqual(['Estuary']);
  });

  it('lists the library by site and by author', () => {
    const bySite = JSON.parse(cli('list', '--sort', 'site', '--json').stdout) as ArticleList;
    expect(bySite.items.map((a) => a.siteName)).toEqual(['Atlantic Notes', 'Mud Quarterly', 'Port Gazette']);
    const byAuthor = JSON.parse(cli('list', '--sort', 'author', '--order', 'desc', '--json').stdout) as ArticleList;
    expect(byAuthor.items.map((a) => a.byline)).toEqual(['Wren Hale', 'Bo Finch', 'Ann Moss']);
    const bad = cli('list', '--sort', 'colour');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/sort/);
  });
});
