// Extraction budgets enforced from outside the extractor: a hostile file is ended and skipped, the rest goes on.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../../db/contract/errors.js';
import { createExtractionPool, extractCapture } from '../../../db/extract/index.js';
import { markupDepth } from '../../../db/extract/html-bounds.js';
import { createImporter } from '../../../db/ingest/importer.js';
import { tempArchive, writeFile, type TempArchive } from '../../helpers/archive.js';

const enc = (s: string) => new TextEncoder().encode(s);
const good = (i: number) =>
  `<html><head><title>Good page ${i}</title></head><body><article><p>${'The heron stood in the shallows of the estuary and waited for the tide. '.repeat(8)}</p></article></body></html>`;
// 1 MB of '<': the parser's text handling takes minutes (and over a gigabyte) on it.
const LESS_THAN = '<'.repeat(1 << 20);
const DEEP = '<div>'.repeat(100_000) + 'deep text';

describe('extraction budgets', () => {
  it('ends a worker over the time budget, fails that file with a reason and extracts the next', async () => {
    const pool = createExtractionPool({ size: 1, timeBudgetMs: 1500 });
    try {
      const slow = pool.extract({ bytes: enc(LESS_THAN), fileName: 'lt.html' }).catch((e: unknown) => e);
      const next = pool.extract({ bytes: enc(good(1)), fileName: 'good.html' });
      const err = await slow;
      expect(err).toBeInstanceOf(ArchiveError);
      expect((err as Error).message).toBe('lt.html took too long to extract (over 2 s), so it was skipped.');
      expect((await next).title).toBe('Good page 1');
    } finally {
      await pool.close();
    }
  });

  it('ends a worker over the memory budget and says so', async () => {
    const pool = createExtractionPool({ size: 1, memoryBudgetMb: 48, timeBudgetMs: 120_000 });
    try {
      const err = await pool
        .extract({ bytes: enc('<p>' + 'x<b>y</b> '.repeat(500_000)), fileName: 'big.html' })
        .catch((e: unknown) => e);
      expect((err as Error).message).toBe('big.html took too much memory to extract (over 48 MB), so it was skipped.');
      expect((await pool.extract({ bytes: enc(good(2)), fileName: 'good.html' })).title).toBe('Good page 2');
    } finally {
      await pool.close();
    }
  });

  it('refuses markup nested deeper than the parser handles, before parsing it', async () => {
    expect(markupDepth('<div><p>a<p>b<br><img src=x><span>c</span></div>')).toBe(2);
    expect(markupDepth('<script>"<div><div><div>"</script><div></div>')).toBe(1);
    const err = await extractCapture({ bytes: enc(DEEP), fileName: 'deep.html' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'deep.html is nested 100000 levels deep; Stacks reads pages nested up to 1000 levels.',
    );
    // 900 levels is within the bound: Readability is skipped (too deep for it), the body is kept.
    const c = await extractCapture({ bytes: enc('<div>'.repeat(900) + 'still readable text'), fileName: 'd.html' });
    expect(c.text).toBe('still readable text');
  });

  it('gives readable reasons for markup that used to trip the parsers', async () => {
    for (const [name, src] of [
      ['x.html', '<html x'],
      ['gt.html', '>'.repeat(10_000)],
      ['lt.html', '<'.repeat(1000)],
    ] as const) {
      const r = await extractCapture({ bytes: enc(src), fileName: name }).then(
        (c) => `ok: ${c.text.length}`,
        (e: unknown) => (e as Error).message,
      );
      expect(r).not.toMatch(/destructure|undefined|call stack|TypeError|of null/);
      expect(r).toMatch(/^(ok: \d+|x\.html .+\.)$/);
    }
  });
});

describe('an import with hostile files', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('skips the files over budget with their reason and imports the rest', async () => {
    const dir = path.join(t.dir, 'in');
    writeFile(dir, 'a.html', good(1));
    writeFile(dir, 'b-less-than.html', LESS_THAN);
    writeFile(dir, 'c-deep.html', DEEP);
    writeFile(dir, 'd.html', good(2));
    // Long enough for an ordinary page on a busy machine; the 1 MB of '<' takes far longer than this.
    const importer = createImporter(t.api.archive.db, { workers: 1, extractionTimeMs: 8000 });
    const report = await importer.importPaths([dir]);
    await importer.close();
    // A failure is reported when extraction gives up, a success when its batch commits: compare by file.
    const byFile = report.outcomes.map((o) => [path.basename(o.file), o.status, o.error ?? '']).sort();
    expect(byFile).toEqual([
      ['a.html', 'imported', ''],
      ['b-less-than.html', 'failed', 'b-less-than.html took too long to extract (over 8 s), so it was skipped.'],
      [
        'c-deep.html',
        'failed',
        'c-deep.html is nested 100000 levels deep; Stacks reads pages nested up to 1000 levels.',
      ],
      ['d.html', 'imported', ''],
    ]);
  });

  it('lets a cancel and a file from the API through while a hostile file is extracting', async () => {
    const dir = path.join(t.dir, 'slow');
    writeFile(dir, 'a-less-than.html', LESS_THAN);
    for (let i = 0; i < 5; i++) writeFile(dir, `b${i}.html`, good(10 + i));
    // A budget far longer than this test: what lets things through is the urgent queue and the cancel, not the budget.
    const importer = createImporter(t.api.archive.db, { workers: 1, extractionTimeMs: 600_000 });
    const controller = new AbortController();
    const reported: string[] = [];
    const running = importer.importPaths([dir], {
      signal: controller.signal,
      onOutcome: (o) => reported.push(path.basename(o.file)),
    });
    await new Promise((r) => setTimeout(r, 300));
    // The API's single file has its own worker: it is stored while the hostile page is still extracting.
    const one = await importer.importOne({ bytes: enc(good(99)), fileName: 'clip.html' });
    expect(one).toMatchObject({ status: 'imported', title: 'Good page 99' });
    expect(reported).toEqual([]);
    // The cancel ends the worker running the hostile page: the import returns now, not when that page is done.
    controller.abort();
    const report = await running;
    expect(report.cancelled).toBe(true);
    expect(reported).not.toContain('a-less-than.html');
    await importer.close();
  });
});
