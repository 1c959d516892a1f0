// The `stacks` command as a user runs it: help, import/search/show JSON shapes, human output and exit codes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARK_OPEN } from '../../db/contract/types.js';
import { SAMPLE_CLIPPING, tempDir, writeFile } from '../helpers/archive.js';
import { jsonLines, runCli, startCli } from '../helpers/cli.js';

describe('stacks command', () => {
  let dir: string;
  let archive: string;
  beforeAll(() => {
    dir = tempDir();
    archive = path.join(dir, 'cli.sqlite');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(['--archive', archive, ...args]);

  it('prints help listing every subcommand and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const sub of [
      'import',
      'search',
      'show',
      'list',
      'verify',
      'stats',
      'export',
      'serve',
      'annotate',
      'annotations',
      'tag',
      'untag',
      'collection',
      'mark',
      'trash',
      'restore',
      'saved-search',
      'optimize',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`\\n\\s+${sub}\\b`));
    }
  });

  it('imports with one JSON line per file and a non-zero exit when a file fails', () => {
    const bad = writeFile(dir, 'in/empty.txt', '');
    const r = cli('import', '--json', SAMPLE_CLIPPING, bad);
    expect(r.code).toBe(2);
    const lines = jsonLines(r.stdout) as { file: string; status: string; id?: number; error?: string }[];
    expect(lines).toHaveLength(2);
    const ok = lines.find((l) => l.file === SAMPLE_CLIPPING)!;
    expect(ok).toMatchObject({ status: 'imported' });
    expect(typeof ok.id).toBe('number');
    const failed = lines.find((l) => l.file === bad)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/empty/i);
    expect(r.stderr).toMatch(/could not be imported/);

    const again = cli('import', '--json', SAMPLE_CLIPPING);
    expect(again.code).toBe(0);
    expect(jsonLines(again.stdout)[0]).toMatchObject({ status: 'duplicate', id: ok.id });
  });

  it('searches with the documented JSON shape', () => {
    const r = cli('search', '--json', 'Comprehensive', 'Strategic', 'Partnership');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      total: number;
      hits: Record<string, unknown>[];
      facets: Record<string, unknown>;
    };
    expect(out.total).toBe(1);
    expect(Object.keys(out.hits[0]!)).toEqual(
      expect.arrayContaining(['id', 'title', 'site', 'publishedAt', 'snippet', 'score']),
    );
    expect(out.hits[0]!.title).toBe('Putin Begins His Two-Day North Korean Visit, Signs Partnership Agreement');
    expect(out.hits[0]!.snippet).toContain(MARK_OPEN);
    expect(out.facets).toHaveProperty('site');
    expect(out.facets).toHaveProperty('year');
  });

  it('ends quietly with exit 0 when the reader closes the pipe early (stacks list | head)', async () => {
    const child = startCli(['--archive', archive, 'list']);
    child.stdout.destroy(); // the reader is gone before the first line is written
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  it('prints readable search results and a readable message for a malformed query', () => {
    const r = cli('search', 'Putin');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 result/);
    expect(r.stdout).toContain('«Putin»');
    for (const q of ['"unclosed', 'title:', 'NEAR(', '*', 'AND AND']) {
      const m = cli('search', q);
      expect(m.stderr).not.toMatch(/SQLITE|sqlite|syntax error/);
      expect([0, 1]).toContain(m.code);
      if (m.code === 1) expect(m.stderr).toMatch(/^stacks: /);
    }
  });

  it('takes a query that starts with a dash as the query, not as an option', () => {
    const only = cli('search', '-moscow');
    expect(only.stderr).not.toMatch(/unknown option/);
    expect(only.code).toBe(0);
    expect(only.stdout).toMatch(/^\d+ results?\n/);
    const withJson = cli('search', 'Putin', '-zzzqqq', '--json');
    expect(withJson.code).toBe(0);
    expect((JSON.parse(withJson.stdout) as { total: number }).total).toBe(1);
    const excluded = cli('search', 'Putin', '-Putin', '--json');
    expect((JSON.parse(excluded.stdout) as { total: number }).total).toBe(0);
    const typo = cli('search', 'Putin', '--jsno');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/unknown option '--jsno'/);
  });

  it('shows an article as JSON, text, markdown and html', () => {
    const id = String((JSON.parse(cli('list', '--json').stdout) as { items: { id: number }[] }).items[0]!.id);
    const json = JSON.parse(cli('show', id, '--json').stdout) as Record<string, unknown> & {
      captures: { sha256: string }[];
    };
    for (const key of [
      'id',
      'title',
      'byline',
      'siteName',
      'publishedAt',
      'language',
      'excerpt',
      'sourceUrl',
      'text',
      'captures',
    ]) {
      expect(json).toHaveProperty(key);
    }
    expect(json.captures[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(cli('show', id).stdout).toMatch(/^Putin Begins His Two-Day/);
    const md = cli('show', id, '--format', 'markdown').stdout;
    expect(md).toMatch(/^---\ntitle: "Putin Begins/);
    expect(md).toContain('# Putin Begins');
    expect(cli('show', id, '--format', 'html').stdout).toContain('<h1>Putin Begins');
  });

  it('fails with a reason on stderr for an unknown article or bad arguments', () => {
    const r = cli('show', '99999');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No article with id 99999/);
    expect(cli('show', 'abc').stderr).toMatch(/not a valid article id/);
    expect(cli('frobnicate').code).not.toBe(0);
  });

  it('verifies, reports stats and exports every article as JSON', () => {
    const v = cli('verify');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/Checked 1: 1 ok, 0 mismatched/);
    const stats = JSON.parse(cli('stats', '--json').stdout) as { articles: number; captures: number };
    expect(stats).toMatchObject({ articles: 1, captures: 1 });
    const exported = JSON.parse(cli('export').stdout) as { articles: { title: string; captures: unknown[] }[] };
    expect(exported.articles).toHaveLength(1);
    expect(exported.articles[0]!.title).toMatch(/^Putin/);
  });

  it('optimizes the search index: merged, heavy searches ranked ahead (none in a small archive), as JSON or a line', () => {
    const json = cli('optimize', '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { mergeSteps: number; keptSearches: number; seconds: number };
    expect(report.keptSearches).toBe(0);
    expect(report.mergeSteps).toBeGreaterThanOrEqual(0);
    expect(report.seconds).toBeGreaterThanOrEqual(0);
    const human = cli('optimize');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Merged the search index in \d+ step\(s\); 0 heavy search\(es\) ranked ahead/);
    // Searching still works afterwards.
    expect(cli('search', '--json', 'the').code).toBe(0);
  });

  it('uses STACKS_ARCHIVE when --archive is not given', () => {
    const r = runCli(['stats', '--json'], { STACKS_ARCHIVE: archive });
    expect((JSON.parse(r.stdout) as { path: string }).path).toBe(archive);
  });
});
