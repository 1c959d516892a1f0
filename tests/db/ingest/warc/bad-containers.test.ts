// Damaged web archives: what can be read is imported, each problem is reported with its reason, the archive stays sound.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempArchive, type TempArchive } from '../../../helpers/archive.js';
import { record, sha256, wacz, warc, type RecordSpec } from './build.js';
import { integrityCheck } from '../../../helpers/integrity.js';

const SITE = 'https://damaged.example';
const page = (i: number): RecordSpec => ({
  url: `${SITE}/p${i}`,
  date: `2024-05-0${i + 1}T00:00:00Z`,
  contentType: 'text/html',
  body: `<html><head><title>Page ${i}</title></head><body><p>Page ${i} tells of the lighthouse keeper and the storm that took the pier in the winter of that year.</p></body></html>`,
});

describe('damaged web archives', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  const sound = () => {
    expect(integrityCheck(t.api.archive.db)).toBe('ok');
    expect(t.api.verify({}).mismatches).toEqual([]);
  };

  it('a truncated gzip member: the pages before it imported, the cut reported', async () => {
    const members = await Promise.all([0, 1, 2].map((i) => record(page(i), true)));
    const cut = Buffer.concat([members[0]!, members[1]!, members[2]!.subarray(0, members[2]!.length - 40)]);
    const file = path.join(t.dir, 'cut.warc.gz');
    fs.writeFileSync(file, cut);
    const report = await t.api.importPaths({ paths: [file] });
    expect(report.imported).toBe(2);
    expect(report.failed).toBe(1);
    expect(report.outcomes.find((o) => o.status === 'failed')!.error).toMatch(/ends in the middle of a record/);
    sound();
  });

  it('a record with a wrong Content-Length: that page reported, the others imported', async () => {
    const plain = Buffer.concat(await Promise.all([0, 1, 2].map((i) => record(page(i), false))));
    const text = plain.toString('latin1');
    const second = text.indexOf('WARC/1.1', 10);
    const at = text.indexOf('Content-Length: ', second) + 'Content-Length: '.length;
    const declared = /^\d+/.exec(text.slice(at))![0];
    const wrong =
      text.slice(0, at) +
      String(Number(declared) - 30).padStart(declared.length, ' ') +
      text.slice(at + declared.length);
    const file = path.join(t.dir, 'wrong-length.warc');
    fs.writeFileSync(file, Buffer.from(wrong, 'latin1'));
    const report = await t.api.importPaths({ paths: [file] });
    const titles = t.api
      .listArticles({})
      .items.map((a) => a.title)
      .sort();
    expect(titles).toEqual(['Page 0', 'Page 2']);
    const failed = report.outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => o.error).join('\n')).toMatch(/Content-Length \(\d+\) does not end where the record ends/);
    sound();
  });

  it('an ARC file: refused with the reason, the rest of the folder imported', async () => {
    const dir = path.join(t.dir, 'folder');
    fs.mkdirSync(dir);
    const arc =
      'filedesc://old-crawl.arc 0.0.0.0 20010101000000 text/plain 76\n1 0 Alexa Internet\nURL IP-address Archive-date Content-type Archive-length\n\n';
    fs.writeFileSync(path.join(dir, 'old-crawl.arc.gz'), zlib.gzipSync(arc));
    fs.writeFileSync(path.join(dir, 'unnamed.warc'), arc);
    fs.writeFileSync(path.join(dir, 'note.txt'), 'A plain clipping about the harbour master and his ledger of tides.');
    const report = await t.api.importPaths({ paths: [dir] });
    expect(report.imported).toBe(1);
    const errors = report.outcomes
      .filter((o) => o.status === 'failed')
      .map((o) => `${path.basename(o.file)}: ${o.error}`);
    expect(errors).toHaveLength(2);
    for (const e of errors) expect(e).toMatch(/is an ARC file \(the web archive format before WARC\)/);
    sound();
  });

  it('a WACZ with a damaged WARC entry: each mismatch reported per resource, readable pages imported', async () => {
    const bytes = await warc([0, 1, 2].map(page));
    const file = path.join(t.dir, 'damaged.wacz');
    await wacz(file, bytes, null, (files) => {
      // Flip a byte inside the last record's gzip member, after datapackage.json hashed it.
      const w = Buffer.from(files.get('archive/data.warc.gz')!);
      w[w.length - 30] = w[w.length - 30]! ^ 0xff;
      files.set('archive/data.warc.gz', w);
    });
    const report = await t.api.importPaths({ paths: [file] });
    const errors = report.outcomes.filter((o) => o.status === 'failed').map((o) => `${o.file}: ${o.error}`);
    expect(errors.join('\n')).toMatch(/archive\/data\.warc\.gz: Its SHA-256 does not match datapackage\.json/);
    expect(report.imported).toBe(2);
    expect(
      t.api
        .listArticles({})
        .items.map((a) => a.title)
        .sort(),
    ).toEqual(['Page 0', 'Page 1']);
    sound();
  });

  it('a WACZ whose deflated entry is corrupt: the entry reported, the archive untouched', async () => {
    const file = path.join(t.dir, 'corrupt.wacz');
    const good = await warc([page(0)]);
    await wacz(file, good, [{ url: `${SITE}/p0`, ts: '2024-05-01T00:00:00Z', title: 'Listed Title' }]);
    // Corrupt pages.jsonl's deflated data inside the ZIP (found by its local header name).
    const zip = fs.readFileSync(file);
    const at = zip.indexOf('pages/pages.jsonl') + 'pages/pages.jsonl'.length + 4;
    for (let i = 0; i < 8; i++) zip[at + i] = zip[at + i]! ^ 0x5a;
    fs.writeFileSync(file, zip);
    const report = await t.api.importPaths({ paths: [file] });
    const errors = report.outcomes.filter((o) => o.status === 'failed').map((o) => `${o.file}: ${o.error}`);
    expect(errors.join('\n')).toMatch(/pages\/pages\.jsonl: (It cannot be read|Its SHA-256 does not match)/);
    sound();
    expect(sha256(fs.readFileSync(file))).toBe(sha256(zip));
  });
});
