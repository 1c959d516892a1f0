// `stacks import` with web archives, as a user runs it: one JSON line per page, duplicates on a second run, exit codes.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/archive.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { record, warc, type RecordSpec } from '../db/ingest/warc/build.js';

const page = (i: number): RecordSpec => ({
  url: `https://cli.example/story/${i}`,
  date: `2024-07-0${i + 1}T12:00:00Z`,
  contentType: 'text/html; charset=utf-8',
  body: `<html><head><title>Story ${i}</title></head><body><article><p>Story ${i}: the tide tables printed by the harbour office were wrong for a whole summer, and the fishermen kept their own.</p></article></body></html>`,
});

describe('stacks import with web archives', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('stacks-warc-cli-');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports each page of a .warc.gz, reports one JSON line per page, and skips them all the second time', async () => {
    const file = path.join(dir, 'crawl.warc.gz');
    fs.writeFileSync(file, await warc([0, 1, 2].map(page)));
    const archive = path.join(dir, 'a.sqlite');
    const first = runCli(['import', '--json', '--archive', archive, file]);
    expect(first.code, first.stderr).toBe(0);
    const lines = jsonLines(first.stdout) as { file: string; status: string; title?: string }[];
    expect(lines.map((l) => [l.file, l.status, l.title])).toEqual(
      [0, 1, 2].map((i) => [`${file} › https://cli.example/story/${i}`, 'imported', `Story ${i}`]),
    );
    const again = runCli(['import', '--archive', archive, file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'Imported 0 (0 as new versions of existing articles), 3 already in the archive, 0 failed.',
    );
    const found = runCli(['search', '--json', '--archive', archive, '"tide tables printed"']);
    expect((JSON.parse(found.stdout) as { total: number }).total).toBe(3);
  });

  it('exits 2 for a truncated archive, naming the problem, with the readable pages imported', async () => {
    const members = await Promise.all([0, 1].map((i) => record(page(i), true)));
    const file = path.join(dir, 'cut.warc.gz');
    fs.writeFileSync(file, Buffer.concat([members[0]!, members[1]!.subarray(0, 50)]));
    const r = runCli(['import', '--archive', path.join(dir, 'b.sqlite'), file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/failed {5}.*cut\.warc\.gz: The container ends in the middle of a record/);
    expect(r.stdout).toContain(
      'Imported 1 (0 as new versions of existing articles), 0 already in the archive, 1 failed.',
    );
  });
});
