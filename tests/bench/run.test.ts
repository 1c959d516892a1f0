// Smoke run of `npm run bench` on a tiny corpus: every section reports its figures in the final JSON line.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('npm run bench (smoke, tiny N; not a speed test)', () => {
  it('prints a readable table and ends with one JSON object holding ours and the baseline figures', () => {
    const run = spawnSync(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['bench/run.ts', '--n', '300', '--quick', '--html', '12', '--annotations', '400', '--json'],
      { cwd: root, encoding: 'utf8', timeout: 400_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(run.stdout).toContain('Targets');
    expect(run.stdout).toMatch(/raw FTS5 insert \(baseline\)\s+\d+ articles\/s/);
    const f = JSON.parse(lines[lines.length - 1]!);

    expect(f.meta.n).toBe(300);
    expect(f.raw.import.articlesPerSecond).toBeGreaterThan(0);
    expect(f.ours.textImport.imported).toBe(300);
    expect(f.ours.textImport.articlesPerSecond).toBeGreaterThan(0);
    expect(f.ours.htmlImport.imported, JSON.stringify(f.ours.htmlImport)).toBe(12);
    expect(f.ours.htmlImport.pagesPerSecond).toBeGreaterThan(0);
    // The WARC section: as many pages as the HTML section, each with its image, imported from a generated .warc.gz.
    expect(f.ours.warcImport.imported, JSON.stringify(f.ours.warcImport)).toBe(12);
    expect(f.ours.warcImport.failed).toBe(0);
    expect(f.ours.warcImport.pagesPerSecond).toBeGreaterThan(0);
    expect(f.ours.warcImport.peakRssBytes).toBeGreaterThan(0);
    expect(f.ours.archiveBytes).toBeGreaterThan(300 * 6000);
    expect(f.ours.peakRssBytes).toBeGreaterThan(0);

    for (const cls of ['rare', 'common', 'twoWords', 'phrase', 'prefix3', 'prefix5']) {
      const c = f.search.classes[cls];
      expect(c.queries, cls).toBeGreaterThan(0);
      for (const side of [c.ours, c.raw]) {
        expect(side.count).toBe(c.queries);
        expect(side.p95).toBeGreaterThanOrEqual(side.p50);
      }
      expect(c.totalMismatches, `${cls}: ${f.search.mismatchExamples.join('; ')}`).toBe(0);
    }
    expect(f.search.classes.common.matchShare[0]).toBeGreaterThan(0.2);
    expect(f.search.classes.common.matchShare[1]).toBeLessThan(0.4);

    expect(f.openFirstQuery.childOpenAndQueryMs).toBeGreaterThan(0);
    expect(f.openFirstQuery.inProcessMs).toBeGreaterThan(0);

    expect(f.annotations.created).toBe(400);
    expect(f.annotations.reanchorAll.annotations).toBe(400);
    expect(f.annotations.reanchorAll.exact + f.annotations.reanchorAll.fuzzy + f.annotations.reanchorAll.orphan).toBe(
      400,
    );
    expect(f.annotations.reanchor200.count).toBeGreaterThan(0);
    expect(f.annotations.search.count).toBeGreaterThan(0);

    for (const format of ['wacz', 'bagit']) {
      expect(f.export.text[format].articles, format).toBe(300);
      expect(f.export.text[format].articlesPerSecond, format).toBeGreaterThan(0);
      expect(f.export.html[format].articles, format).toBe(12);
    }
    expect(f.ui.skipped).toBe('--quick');
    const names = f.targets.map((t: { name: string }) => t.name);
    expect(names).toContain('text import rate vs raw insert');
    expect(names).toContain('open archive + first query (fresh process)');
    expect(
      f.targets.filter((t: { pass: boolean | null }) => t.pass === null).map((t: { name: string }) => t.name),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^UI:/)]));
  }, 450_000);
});
