// The annotation and organization subcommands as a user runs them, with --json shapes and exit codes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CLIPPING, tempDir } from '../helpers/archive.js';
import { runCli } from '../helpers/cli.js';

describe('stacks annotate / annotations / organize', () => {
  let dir: string;
  let archive: string;
  let id: number;
  beforeAll(() => {
    dir = tempDir();
    archive = path.join(dir, 'a.sqlite');
    const r = runCli(['--archive', archive, 'import', '--json', SAMPLE_CLIPPING]);
    id = (JSON.parse(r.stdout.trim()) as { id: number }).id;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(['--archive', archive, ...args]);

  it('highlights a quoted passage with a color, note and tag, and lists it', () => {
    const r = cli(
      'annotate',
      String(id),
      '--quote',
      'Comprehensive Strategic Partnership Agreement',
      '--color',
      'yellow',
      '--note',
      'The **key** claim',
      '--tag',
      'treaty',
      '--json',
    );
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as {
      id: number;
      kind: string;
      color: string;
      quote: { exact: string };
      tags: string[];
      anchor: { state: string };
    };
    expect(a).toMatchObject({ kind: 'highlight', color: 'yellow', tags: ['treaty'], anchor: { state: 'exact' } });
    expect(a.quote.exact).toBe('Comprehensive Strategic Partnership Agreement');

    const note = JSON.parse(cli('annotate', String(id), '--note', 'Compare with the 1961 treaty', '--json').stdout) as {
      kind: string;
    };
    expect(note.kind).toBe('article-note');

    const list = JSON.parse(cli('annotations', 'list', '--article', String(id), '--json').stdout) as { total: number };
    expect(list.total).toBe(2);
    const human = cli('annotations', '--article', String(id));
    expect(human.stdout).toMatch(/2 annotations/);
    expect(human.stdout).toContain('"Comprehensive Strategic Partnership Agreement"');
  });

  it('refuses a passage that is not in the article, with a reason', () => {
    const r = cli('annotate', String(id), '--quote', 'words that are nowhere in this clipping');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not in article/);
  });

  it('finds annotations with in:annotations and color:', () => {
    const out = JSON.parse(cli('search', '--json', 'in:annotations', 'key').stdout) as {
      total: number;
      hits: { annotationId?: number }[];
    };
    expect(out.total).toBe(1);
    expect(out.hits[0]!.annotationId).toBeGreaterThan(0);
    const byColor = JSON.parse(cli('search', '--json', 'in:annotations', 'color:yellow', 'partnership').stdout) as {
      total: number;
    };
    expect(byColor.total).toBe(1);
  });

  it('exports Markdown, JSON-LD and CSV', () => {
    const md = cli('annotations', 'export', '--format', 'markdown', '--article', String(id)).stdout;
    expect(md).toContain('> Comprehensive Strategic Partnership Agreement');
    expect(md).toContain('The **key** claim');
    expect(md).toContain('#treaty');
    const jsonld = JSON.parse(cli('annotations', 'export', '--format', 'jsonld').stdout) as Record<string, unknown>;
    expect(JSON.stringify(jsonld)).toContain('TextQuoteSelector');
    const csv = cli('annotations', 'export', '--format', 'csv').stdout.split('\n');
    expect(csv[0]).toMatch(/quote/i);
    expect(csv.length).toBeGreaterThan(2);
    expect(cli('annotations', 'export', '--format', 'pdf').code).toBe(1);
  });

  it('trashes and restores an annotation and shows its history', () => {
    const list = JSON.parse(cli('annotations', 'list', '--color', 'yellow', '--json').stdout) as {
      items: { id: number }[];
    };
    const aid = String(list.items[0]!.id);
    expect(cli('annotations', 'delete', aid).stdout).toMatch(/restore with/);
    expect((JSON.parse(cli('annotations', 'list', '--trash', '--json').stdout) as { total: number }).total).toBe(1);
    expect(cli('annotations', 'restore', aid).code).toBe(0);
    const history = JSON.parse(cli('annotations', 'history', aid, '--json').stdout) as { action: string }[];
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'delete', 'restore']));
  });

  it('tags, collects, marks, trashes and restores articles and saves searches', () => {
    expect(cli('tag', String(id), 'russia', 'korea').code).toBe(0);
    expect(cli('untag', String(id), 'korea').code).toBe(0);
    expect(cli('collection', 'add', 'Korea', String(id)).code).toBe(0);
    expect(cli('collection', 'list').stdout).toContain('Korea (1)');
    expect(cli('mark', 'favorite', String(id)).code).toBe(0);
    expect(cli('mark', 'sideways', String(id)).stderr).toMatch(/Unknown state/);
    const fav = JSON.parse(cli('search', '--json', 'is:favorite', 'tag:russia', 'collection:Korea').stdout) as {
      total: number;
    };
    expect(fav.total).toBe(1);
    const shown = JSON.parse(cli('show', String(id), '--json').stdout) as {
      tags: string[];
      collections: string[];
      isFavorite: boolean;
    };
    expect(shown).toMatchObject({ tags: ['russia'], collections: ['Korea'], isFavorite: true });
    expect(cli('saved-search', 'save', 'Korea reading', 'tag:russia', 'is:unread').code).toBe(0);
    expect(cli('saved-search', 'list').stdout).toContain('Korea reading: tag:russia is:unread');
    expect(cli('trash', String(id)).code).toBe(0);
    expect((JSON.parse(cli('list', '--json').stdout) as { total: number }).total).toBe(0);
    expect(cli('restore', String(id)).code).toBe(0);
    expect((JSON.parse(cli('list', '--json').stdout) as { total: number }).total).toBe(1);
  });
});
