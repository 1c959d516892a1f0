// `stacks export --wacz / --bagit` as a user runs it: scopes, bag-info fields, JSON result, Ctrl-C and kill -9 mid-export.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBag } from '../helpers/bagit-validator.js';
import { tempArchive, tempDir, writeFile, type TempArchive } from '../helpers/archive.js';
import { runCli, startCli } from '../helpers/cli.js';
import { buildExportFixture, type ExportFixture } from '../db/export/fixture.js';
import { readZip } from '../db/export/zip-read.js';

describe('stacks export --wacz / --bagit', () => {
  let f: ExportFixture;
  let out: string;
  const cli = (...args: string[]) => runCli(['--archive', f.archive.file, ...args]);

  beforeAll(async () => {
    f = await buildExportFixture();
    out = tempDir('stacks-export-cli-');
  });
  afterAll(async () => {
    await f.archive.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('writes a WACZ of a collection and reports it as JSON', async () => {
    const file = path.join(out, 'coast.wacz');
    const r = cli('export', '--wacz', file, '--collection', 'Coast', '--title', 'Coastal pages', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ path: file, articles: 2, annotations: 1 });
    const zip = await readZip(file);
    expect(JSON.parse(zip.get('datapackage.json')!.data.toString('utf8'))).toMatchObject({ title: 'Coastal pages' });
  });

  it('writes a valid bag with user-set bag-info fields, for chosen ids', () => {
    const dir = path.join(out, 'bag');
    const r = cli(
      'export',
      '--bagit',
      dir,
      '--ids',
      `${f.page},${f.note}`,
      '--source-organization',
      'Harbour Library',
      '--external-description',
      'Two articles',
      '--info',
      'Contact-Phone: +44 1234',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exported 2 article\(s\), 3 capture\(s\)/);
    const report = validateBag(dir);
    expect(report.problems).toEqual([]);
    expect(report.info).toEqual(
      expect.arrayContaining([
        ['Source-Organization', 'Harbour Library'],
        ['External-Description', 'Two articles'],
        ['Contact-Phone', '+44 1234'],
      ]),
    );
  });

  it('refuses clearly: an existing target, an unknown collection, two formats at once', () => {
    fs.writeFileSync(path.join(out, 'taken.wacz'), 'mine');
    const taken = cli('export', '--wacz', path.join(out, 'taken.wacz'));
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
    expect(fs.readFileSync(path.join(out, 'taken.wacz'), 'utf8')).toBe('mine');
    const unknown = cli('export', '--wacz', path.join(out, 'x.wacz'), '--collection', 'Nope');
    expect(unknown.stderr).toMatch(/no collection named "Nope"/);
    expect(cli('export', '--wacz', 'a.wacz', '--bagit', 'b').stderr).toMatch(/Choose one/);
  });
});

describe('stopping an export', () => {
  let big: TempArchive;
  beforeAll(async () => {
    big = tempArchive();
    const src = path.join(big.dir, 'src');
    const para = 'The harbour master logged every arrival and departure in a leather-bound book. '.repeat(40);
    for (let i = 0; i < 1500; i++) writeFile(src, `clip-${i}.txt`, `Harbour log ${i}\n\n${para}${i}\n`);
    const report = await big.api.importPaths({ paths: [src] });
    expect(report.imported).toBe(1500);
  }, 180_000);
  afterAll(() => big.close());

  /** Resolves once the export's hidden work folder exists beside the target, i.e. the export is under way. */
  async function underWay(dir: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      if (fs.readdirSync(dir).some((n) => n.includes('.partial-'))) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the export never started');
  }

  it('Ctrl-C cancels: exit 130, nothing at the target, no work folder left', async () => {
    const dir = tempDir('stacks-export-cancel-');
    const target = path.join(dir, 'all.wacz');
    const child = startCli(['--archive', big.file, 'export', '--wacz', target]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await underWay(dir);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).toMatch(/cancelled/i);
    expect(code).toBe(130);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('kill -9 mid-export leaves no half package at the target name, and the next run succeeds', async () => {
    const dir = tempDir('stacks-export-kill-');
    const target = path.join(dir, 'bag');
    const child = startCli(['--archive', big.file, 'export', '--bagit', target]);
    await underWay(dir);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    expect(fs.existsSync(target)).toBe(false);
    const again = runCli(['--archive', big.file, 'export', '--bagit', target]);
    expect(again.code).toBe(0);
    expect(validateBag(target).problems).toEqual([]);
  });
});
