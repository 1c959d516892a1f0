// MHTML import on files written in Chrome's shape: the page, its images as assets, the file kept whole, provenance; broken files.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeQuotedPrintable } from '../../../../db/ingest/mhtml/mime.js';
import { reextractArticles } from '../../../../db/ingest/reextract.js';
import { tempArchive, writeFile, type TempArchive } from '../../../helpers/archive.js';
import { PNG } from '../warc/build.js';
import { BOUNDARY, mhtml, quotedPrintable } from './build.js';
import { readOriginal } from '../../../../db/codec/read.js';
import { staleDerivation } from '../../../helpers/stale-derivation.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
/** A second, different image (a 1x1 GIF), referenced by cid: as Chrome does for some resources. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const SNAPSHOT = 'https://phare.example/recits/ouessant';
const TITLE = 'Le phare de Ouessant — récit d’un gardien';

const page = (extra = ''): string =>
  `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">` +
  `<title>${TITLE}</title><script>window.evil = 1</script></head><body><nav>Accueil · Récits · Contact</nav>` +
  `<article><h1>${TITLE}</h1>` +
  `<p>Chaque matin, le gardien notait les marées dans un registre vert; pendant quarante années le registre a survécu à la tempête et aux embruns de la mer d’Iroise, et les pages jaunies racontent encore la lumière tournante.</p>` +
  `<p><img src="https://phare.example/images/lanterne.png" alt="La lanterne"></p>` +
  `<p>Le second gardien arrivait par le bateau du jeudi avec le courrier, le pain et les nouvelles du continent, et repartait le lundi suivant.</p>` +
  `<p><img src="cid:img-gif-1@mhtml.blink" alt="Le registre"> <img src="https://ailleurs.example/absent.png" alt="Image absente"></p>` +
  `${extra}</article></body></html>`;

function chromeFile(extra = ''): Buffer {
  return mhtml({
    snapshot: SNAPSHOT,
    subject: TITLE,
    date: 'Sat, 6 Dec 2026 09:30:00 -0000',
    parts: [
      {
        contentType: 'text/html',
        contentId: 'frame-5E2A0C7D1B9F@mhtml.blink',
        location: SNAPSHOT,
        encoding: 'quoted-printable',
        body: page(extra),
      },
      {
        contentType: 'image/png',
        location: 'https://phare.example/images/lanterne.png',
        encoding: 'base64',
        body: PNG,
      },
      { contentType: 'image/gif', contentId: 'img-gif-1@mhtml.blink', encoding: 'base64', body: GIF },
      { contentType: 'text/css', location: 'cid:css-1@mhtml.blink', encoding: 'quoted-printable', body: 'body{}' },
    ],
  });
}

describe('MHTML import (Chrome "Save as single file")', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('writes the test file in Blink’s exact shape: QP with soft breaks and escapes, base64 images', () => {
    const text = chromeFile().toString('latin1');
    expect(text.startsWith('From: <Saved by Blink>\r\nSnapshot-Content-Location: ')).toBe(true);
    expect(text).toContain(`boundary="${BOUNDARY}"`);
    expect(text).toMatch(/=\r\n/); // soft line breaks
    expect(text).toContain('charset=3DUTF-8'); // "=" escaped
    expect(text).toMatch(/r=C3=A9cit/); // UTF-8 bytes escaped
    const softBroken = text.split('\r\n').filter((l) => l.endsWith('=') && !l.startsWith('Subject:'));
    expect(softBroken.length).toBeGreaterThan(5);
    expect(softBroken.every((l) => l.length <= 76)).toBe(true);
    expect(decodeQuotedPrintable(Buffer.from(quotedPrintable(Buffer.from(page()))))).toEqual(
      new Uint8Array(Buffer.from(page())),
    );
  });

  it('imports the page as one article with its images as assets, the file kept whole, dated and sourced by the snapshot', async () => {
    const file = writeFile(t.dir, 'Le phare.mhtml', chromeFile());
    const report = await t.api.importPaths({ paths: [file] });
    expect(report.outcomes, JSON.stringify(report.outcomes)).toHaveLength(1);
    expect(report.imported).toBe(1);
    const a = t.api.getArticle({ id: report.outcomes[0]!.id! });
    expect(a.title).toBe(TITLE);
    expect(a.sourceUrl).toBe(SNAPSHOT);
    expect(a.text).toContain('le gardien notait les marées');
    expect(a.text).toContain('mer d’Iroise');
    expect(a.html).not.toContain('window.evil');
    // Both images the file holds are shown from the archive; the one it does not hold is dropped (alt text kept).
    const assets = [...a.html.matchAll(/<img[^>]*src="asset:([0-9a-f]{64})"/g)].map((m) => m[1]);
    expect(assets).toEqual([sha256(PNG), sha256(GIF)]);
    expect(a.html).not.toContain('ailleurs.example');
    for (const [hash, bytes] of [
      [sha256(PNG), PNG],
      [sha256(GIF), GIF],
    ] as const) {
      const row = t.api.archive.db.prepare('SELECT bytes FROM asset WHERE sha256 = ?').get(hash) as { bytes: Buffer };
      expect(Buffer.compare(row.bytes, bytes)).toBe(0);
    }
    // The capture is the .mhtml file byte for byte, dated by its Date header.
    expect(a.captures).toHaveLength(1);
    expect(a.captures[0]).toMatchObject({
      importer: 'mhtml',
      mediaType: 'multipart/related',
      sourceUrl: SNAPSHOT,
      capturedAt: '2026-12-06T09:30:00.000Z',
      sourcePath: file,
    });
    const row = { original: readOriginal(t.api.archive.db, a.captures[0]!.id)! };
    expect(Buffer.compare(row.original, fs.readFileSync(file))).toBe(0);
    const detail = a.events.map((e) => e.detail).join('\n');
    expect(detail).toContain(`snapshot of ${SNAPSHOT}`);
    expect(detail).toContain('dated 2026-12-06T09:30:00.000Z');
    expect(detail).toContain('saved by <Saved by Blink>');

    // Importing it again adds nothing.
    const again = await t.api.importPaths({ paths: [file] });
    expect(again.duplicates).toBe(1);
  });

  it('imports an .mht given as bytes through the API (the app’s drop) the same way', async () => {
    const bytes = chromeFile('<p>Dropped into the app.</p>');
    const outcome = await t.api.importFile({ fileName: 'phare.mht', dataBase64: bytes.toString('base64') });
    expect(outcome.status, outcome.error).toBe('imported');
    const a = t.api.getArticle({ id: outcome.id! });
    expect(a.text).toContain('Dropped into the app.');
    expect(a.captures[0]).toMatchObject({ importer: 'mhtml', capturedAt: '2026-12-06T09:30:00.000Z' });
    expect(a.html).toContain(`asset:${sha256(PNG)}`);
  });

  it('refuses a truncated file and a file that is not MHTML with their reasons, and imports the rest of the folder', async () => {
    const whole = chromeFile();
    writeFile(t.dir, 'in/cut.mhtml', whole.subarray(0, Math.floor(whole.length * 0.6)));
    writeFile(t.dir, 'in/not-mime.mht', 'Just some text saved with the wrong name.\n');
    writeFile(t.dir, 'in/good.mhtml', whole);
    writeFile(
      t.dir,
      'in/note.txt',
      'A plain clipping about the lighthouse keepers of Ouessant and their green ledger.',
    );
    const report = await t.api.importPaths({ paths: [path.join(t.dir, 'in')] });
    const by = (name: string) => report.outcomes.find((o) => o.file.endsWith(name))!;
    expect(by('cut.mhtml')).toMatchObject({ status: 'failed' });
    expect(by('cut.mhtml').error).toMatch(/cut\.mhtml cannot be read as MHTML: it is cut short/);
    expect(by('not-mime.mht').status).toBe('failed');
    expect(by('not-mime.mht').error).toMatch(/not an MHTML file/);
    expect(by('good.mhtml').status).toBe('imported');
    expect(by('note.txt').status).toBe('imported');
    expect(report.imported).toBe(2);
  });

  it('is re-extracted from the page inside the file (it was refused as "not supported" before)', async () => {
    const file = writeFile(t.dir, 'phare.mhtml', chromeFile());
    const id = (await t.api.importPaths({ paths: [file] })).outcomes[0]!.id!;
    const db = t.api.archive.db;
    const capture = db.prepare('SELECT current_capture_id FROM article WHERE id = ?').pluck().get(id) as number;
    staleDerivation(db, capture, 'old text', '<p>old text</p>');
    const report = await reextractArticles(db, { ids: [id], workers: 0 });
    expect(report.outcomes[0], report.outcomes[0]!.error).toMatchObject({ status: 'updated' });
    const a = t.api.getArticle({ id });
    expect(a.text).toContain('le gardien notait les marées');
    expect(a.html).toContain(`asset:${sha256(GIF)}`);
  });
});
