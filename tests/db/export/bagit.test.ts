// BagIt export checked by a validator written from RFC 8493 (tests/helpers/bagit-validator.ts), and the validator checked too.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBag, writeBagZip } from '../../../db/export/bagit.js';
import { ExportCancelled } from '../../../db/export/run.js';
import { resolveScope } from '../../../db/export/scope.js';
import { validateBag } from '../../helpers/bagit-validator.js';
import { tempDir } from '../../helpers/archive.js';
import { buildExportFixture, type ExportFixture } from './fixture.js';
import { readZip } from './zip-read.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('BagIt export', () => {
  let f: ExportFixture;
  let bag: string;
  const db = () => f.archive.api.archive.db;

  beforeAll(async () => {
    f = await buildExportFixture();
    bag = path.join(f.archive.dir, 'bag');
    await writeBag(db(), bag, resolveScope(db(), {}), {
      bagInfo: { 'Source-Organization': 'Harbour Library', 'External-Description': 'Coastal reading\nsecond line' },
    });
  });
  afterAll(() => f.archive.close());

  it('is a valid bag by every MUST of RFC 8493', () => {
    const report = validateBag(bag);
    expect(report.problems).toEqual([]);
    expect(fs.readFileSync(path.join(bag, 'bagit.txt'), 'utf8')).toBe(
      'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
    );
    const info = new Map(report.info);
    expect(info.get('Payload-Oxum')).toBe(`${report.payloadOctets}.${report.payloadFiles}`);
    expect(info.get('Bagging-Date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(info.get('Bag-Software-Agent')).toMatch(/^Stacks /);
    expect(info.get('Source-Organization')).toBe('Harbour Library');
    expect(info.get('External-Description')).toBe('Coastal reading second line');
  });

  it('holds, per article, every capture byte for byte, reader HTML, text, metadata, provenance, annotations, assets', () => {
    const folders = fs.readdirSync(path.join(bag, 'data'));
    expect(folders).toHaveLength(4);
    const page = f.archive.api.getArticle({ id: f.page });
    const pageDir = path.join(
      bag,
      'data',
      folders.find((n) => n.startsWith(`${f.page}-`))!,
    );
    const captureFiles = fs.readdirSync(path.join(pageDir, 'captures'));
    expect(captureFiles).toHaveLength(2);
    expect(captureFiles.map((n) => sha256(fs.readFileSync(path.join(pageDir, 'captures', n)))).sort()).toEqual(
      page.captures.map((c) => c.sha256).sort(),
    );
    expect(fs.readFileSync(path.join(pageDir, 'text.txt'), 'utf8')).toContain('the lamp is electric now');
    const reader = fs.readFileSync(path.join(pageDir, 'reader.html'), 'utf8');
    expect(reader).toContain('<title>The Last Lighthouse Keepers</title>');
    const img = /<img[^>]*src="(assets\/[0-9a-f]{64}\.png)"/.exec(reader);
    expect(img, 'reader images point at the bag copy').not.toBeNull();
    expect(fs.existsSync(path.join(pageDir, img![1]!))).toBe(true);
    const meta = JSON.parse(fs.readFileSync(path.join(pageDir, 'metadata.json'), 'utf8')) as {
      title: string;
      sourceUrl: string;
      collections: string[];
      captures: Array<{ sha256: string; file: string }>;
    };
    expect(meta).toMatchObject({ title: page.title, sourceUrl: page.sourceUrl, collections: ['Coast'] });
    expect(meta.captures.every((c) => captureFiles.includes(path.basename(c.file)))).toBe(true);
    const prov = JSON.parse(fs.readFileSync(path.join(pageDir, 'provenance.json'), 'utf8')) as {
      events: Array<{ kind: string }>;
    };
    expect(prov.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['imported', 're-captured']));
    const annotations = JSON.parse(fs.readFileSync(path.join(pageDir, 'annotations.jsonld'), 'utf8')) as {
      type: string;
      total: number;
    };
    expect(annotations).toMatchObject({ type: 'AnnotationCollection', total: 1 });
    // The web archive capture keeps its WARC records as they are.
    const warcDir = path.join(
      bag,
      'data',
      folders.find((n) => n.startsWith(`${f.warc}-`))!,
      'captures',
    );
    const [warcFile] = fs.readdirSync(warcDir);
    expect(warcFile).toMatch(/\.warc$/);
    expect(fs.readFileSync(path.join(warcDir, warcFile!)).equals(Buffer.from(f.warcRecords))).toBe(true);
  });

  it('names files in UTF-8 and percent-encodes "%" in the manifest as the RFC says', () => {
    const noteFolder = fs.readdirSync(path.join(bag, 'data')).find((n) => n.startsWith(`${f.note}-`))!;
    expect(noteFolder).toBe(`${f.note}-Café-notes-100%-arabica,-東京`);
    const manifest = fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8');
    expect(manifest).toContain(`data/${f.note}-Café-notes-100%25-arabica,-東京/text.txt`);
    expect(manifest).not.toContain('100%-arabica');
  });

  it('catches what breaks a bag: a changed byte, an unlisted or missing file, a wrong Oxum, a bad declaration', () => {
    const copy = (): string => {
      const dir = path.join(tempDir('stacks-bag-'), 'bag');
      fs.cpSync(bag, dir, { recursive: true });
      return dir;
    };
    const textOf = (dir: string): string => {
      const folder = fs.readdirSync(path.join(dir, 'data')).find((n) => n.startsWith(`${f.clip}-`))!;
      return path.join(dir, 'data', folder, 'text.txt');
    };
    const flipped = copy();
    fs.appendFileSync(textOf(flipped), 'x');
    expect(validateBag(flipped).problems.join('\n')).toMatch(
      /checksum of .*text\.txt does not match[\s\S]*Payload-Oxum/,
    );
    const extra = copy();
    fs.writeFileSync(path.join(extra, 'data', 'stray.txt'), 'stray');
    expect(validateBag(extra).problems.join('\n')).toMatch(/stray\.txt is not listed/);
    const missing = copy();
    fs.rmSync(textOf(missing));
    expect(validateBag(missing).problems.join('\n')).toMatch(/text\.txt does not exist/);
    const declaration = copy();
    fs.writeFileSync(path.join(declaration, 'bagit.txt'), 'BagIt-Version: 1.0\n');
    expect(validateBag(declaration).problems.join('\n')).toMatch(
      /not exactly 2[\s\S]*tagmanifest-sha256.txt: checksum of bagit.txt/,
    );
    const encoded = copy();
    const m = path.join(encoded, 'manifest-sha256.txt');
    fs.writeFileSync(m, fs.readFileSync(m, 'utf8').replaceAll('100%25', '100%'));
    expect(validateBag(encoded).problems.join('\n')).toMatch(/"%" not percent-encoded: .*100%-arabica/);
  });

  it('serializes the bag as a ZIP with one top folder, and exports a collection only', async () => {
    const zipFile = path.join(f.archive.dir, 'coast-bag.zip');
    const result = await writeBagZip(db(), zipFile, resolveScope(db(), { collection: 'Coast' }));
    expect(result.articles).toBe(2);
    const entries = await readZip(zipFile);
    const names = [...entries.keys()];
    expect(new Set(names.map((n) => n.split('/')[0]))).toEqual(new Set(['coast-bag']));
    const out = path.join(tempDir('stacks-unzip-'), 'coast-bag');
    for (const [name, e] of entries) {
      const file = path.join(path.dirname(out), ...name.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, e.data);
    }
    expect(validateBag(out).problems).toEqual([]);
    expect(fs.readdirSync(path.join(out, 'data'))).toHaveLength(2);
  });

  it('leaves no half bag when cancelled, refuses an existing target and reserved fields', async () => {
    const target = path.join(f.archive.dir, 'cancelled-bag');
    const controller = new AbortController();
    await expect(
      writeBag(db(), target, resolveScope(db(), {}), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done === 2) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(ExportCancelled);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(f.archive.dir).filter((n) => n.includes('partial'))).toEqual([]);
    await expect(writeBag(db(), bag, resolveScope(db(), {}))).rejects.toThrow(/already exists/);
    await expect(
      writeBag(db(), path.join(f.archive.dir, 'x'), resolveScope(db(), {}), { bagInfo: { 'Payload-Oxum': '1.1' } }),
    ).rejects.toThrow(/set by Stacks/);
  });
});
