// `stacks import` with Safari .webarchive files, as a user runs it: a folder holding one good and one broken file.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/archive.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { webarchive } from '../db/ingest/webarchive/build.js';

describe('stacks import with Safari web archives', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('stacks-webarchive-cli-');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a .webarchive found in a folder, names the broken one with its reason and exits 2', () => {
    const folder = path.join(dir, 'Saved');
    fs.mkdirSync(folder);
    const good = webarchive({
      main: {
        url: 'https://quai.example/marees',
        mimeType: 'text/html',
        textEncoding: 'UTF-8',
        data: '<html><head><title>Les marées du quai</title></head><body><article><p>Le bureau du port affichait les marées sur un tableau noir, et les pêcheurs recopiaient les heures dans leurs carnets.</p></article></body></html>',
      },
    });
    fs.writeFileSync(path.join(folder, 'Marées.webarchive'), good);
    fs.writeFileSync(path.join(folder, 'Cut.webarchive'), good.subarray(0, good.length - 10));
    const archive = path.join(dir, 'a.sqlite');
    const r = runCli(['import', '--json', '--archive', archive, folder]);
    expect(r.code, r.stderr).toBe(2);
    const lines = jsonLines(r.stdout) as { file: string; status: string; title?: string; error?: string }[];
    const by = (name: string) => lines.find((l) => l.file.endsWith(name))!;
    expect(by('Marées.webarchive')).toMatchObject({ status: 'imported', title: 'Les marées du quai' });
    expect(by('Cut.webarchive').status).toBe('failed');
    expect(by('Cut.webarchive').error).toMatch(/Cut\.webarchive cannot be read as a Safari web archive: it is/);
    const found = runCli(['search', '--json', '--archive', archive, '"recopiaient les heures"']);
    expect((JSON.parse(found.stdout) as { total: number }).total).toBe(1);
    const help = runCli(['import', '--help']);
    expect(help.stdout).toContain('Safari web archives (.webarchive)');
  });
});
