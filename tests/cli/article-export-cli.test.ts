// `stacks export-article` (HTML, Markdown, PDF through Chromium) and `stacks cite`, run as a user runs them.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeFile } from '../helpers/archive.js';
import { runCli } from '../helpers/cli.js';
import { pageHtml, PNG_1PX } from '../db/export/article-page.js';

let dir: string;
let archive: string;
let id: string;

beforeAll(() => {
  dir = tempDir('stacks-article-cli-');
  archive = path.join(dir, 'a.stacks.sqlite');
  writeFile(dir, 'site/tides.html', pageHtml());
  writeFile(dir, 'site/images/tide.png', PNG_1PX);
  const r = runCli(['--archive', archive, 'import', path.join(dir, 'site', 'tides.html'), '--json']);
  expect(r.code, r.stderr).toBe(0);
  id = String(JSON.parse(runCli(['--archive', archive, 'list', '--json']).stdout).items[0].id);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('stacks export-article', () => {
  it('writes a self-contained HTML file with --out', () => {
    const out = path.join(dir, 'tides.html');
    const r = runCli(['--archive', archive, 'export-article', id, '--format', 'html', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Wrote the HTML file to ${out}`);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
    expect(html).not.toContain('<script');
  });

  it('prints Markdown with front matter to stdout', () => {
    const r = runCli(['--archive', archive, 'export-article', id, '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^---\ntitle: /);
    expect(r.stdout).toContain('site: The Harbour Gazette');
    expect(r.stdout).toContain('Paragraph 3 about the harbour');
  });

  it('prints a PDF through Chromium, and says plainly what is missing when there is no Chromium', () => {
    const out = path.join(dir, 'tides.pdf');
    const r = runCli(['--archive', archive, 'export-article', id, '--format', 'pdf', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);

    const none = path.join(dir, 'none.pdf');
    const missing = runCli(['--archive', archive, 'export-article', id, '--format', 'pdf', '--out', none], {
      STACKS_CHROMIUM: path.join(dir, 'no-such-chromium'),
    });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('PDF export needs Chromium');
    expect(missing.stderr).toContain('--format html');
    expect(fs.existsSync(none)).toBe(false);
  }, 120_000);

  it('refuses an unknown format, a PDF without --out and an unknown id', () => {
    const bad = runCli(['--archive', archive, 'export-article', id, '--format', 'docx']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Unknown format "docx"');
    const noOut = runCli(['--archive', archive, 'export-article', id, '--format', 'pdf']);
    expect(noOut.stderr).toContain('--out');
    const gone = runCli(['--archive', archive, 'export-article', '999']);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('999');
  });
});

describe('stacks cite', () => {
  it('writes BibTeX, RIS and CSL-JSON for ids and for a query', () => {
    const bib = runCli(['--archive', archive, 'cite', id]);
    expect(bib.code, bib.stderr).toBe(0);
    expect(bib.stdout).toMatch(/^@misc\{/);
    expect(bib.stdout).toContain('howpublished = {The Harbour Gazette}');
    const ris = runCli(['--archive', archive, 'cite', id, '--format', 'ris']);
    expect(ris.stdout.startsWith('TY  - ELEC\r\n')).toBe(true);
    const csl = runCli(['--archive', archive, 'cite', '--query', 'harbour', '--format', 'csl-json']);
    expect(JSON.parse(csl.stdout)[0].type).toBe('webpage');
    const out = path.join(dir, 'refs.bib');
    expect(runCli(['--archive', archive, 'cite', id, '--out', out]).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('@misc{');
  });

  it('says what is wrong with its arguments', () => {
    expect(runCli(['--archive', archive, 'cite']).stderr).toContain('Name the articles to cite');
    expect(runCli(['--archive', archive, 'cite', id, '--format', 'mla']).stderr).toContain('Unknown format "mla"');
    expect(runCli(['--archive', archive, 'cite', id, '--query', 'x']).stderr).toContain('not both');
  });
});
