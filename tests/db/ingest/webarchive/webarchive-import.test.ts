// Safari .webarchive import on files written in Safari's shape: the page, its images as assets, the file kept whole, provenance; broken files.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseBuffer } from 'bplist-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOriginal } from '../../../../db/codec/read.js';
import { reextractArticles } from '../../../../db/ingest/reextract.js';
import { staleDerivation } from '../../../helpers/stale-derivation.js';
import { tempArchive, writeFile, type TempArchive } from '../../../helpers/archive.js';
import { PNG } from '../warc/build.js';
import { binaryPlist, webarchive, windows1251 } from './build.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
/** A second image (a 1x1 GIF), inside the page's iframe. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const PAGE_URL = 'https://mayak.example/stati/kronshtadt';
const TITLE = 'Маяк Кронштадта — записки смотрителя';

// No <meta charset>: only the archive's WebResourceTextEncodingName says the bytes are windows-1251.
const page = (extra = ''): string =>
  `<!DOCTYPE html><html><head><title>${TITLE}</title><script>window.evil = 1</script></head><body>` +
  `<nav>Главная · Статьи</nav><article><h1>${TITLE}</h1>` +
  `<p>Каждое утро смотритель записывал в зелёный журнал ветер, приливы и огни проходящих судов; сорок лет журнал пережил штормы и солёные брызги Финского залива.</p>` +
  `<p><img src="/img/fonar.png" alt="Фонарь"></p>` +
  `<p>Второй смотритель приезжал по четвергам на лодке с почтой, хлебом и новостями с большой земли, а уезжал в понедельник.</p>` +
  `<p><img src="https://elsewhere.example/absent.png" alt="Нет картинки"></p>` +
  `<iframe src="https://mayak.example/frame"></iframe>${extra}</article></body></html>`;

function safariFile(extra = ''): Buffer {
  return webarchive({
    main: { url: PAGE_URL, mimeType: 'text/html', textEncoding: 'windows-1251', data: windows1251(page(extra)) },
    subresources: [
      { url: 'https://mayak.example/img/fonar.png', mimeType: 'image/png', data: PNG },
      { url: 'https://mayak.example/style.css', mimeType: 'text/css', textEncoding: 'UTF-8', data: 'body{}' },
    ],
    frames: [
      {
        main: {
          url: 'https://mayak.example/frame',
          mimeType: 'text/html',
          textEncoding: 'UTF-8',
          data: '<img src="g.gif">',
        },
        subresources: [{ url: 'https://mayak.example/g.gif', mimeType: 'image/gif', data: GIF }],
      },
    ],
  });
}

describe('Safari .webarchive import', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  it('writes the test file as a binary plist in Safari’s shape', () => {
    const bytes = safariFile();
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('bplist00');
    const [top] = parseBuffer(bytes) as [Record<string, Record<string, Buffer | string>>];
    expect(Object.keys(top).sort()).toEqual(['WebMainResource', 'WebSubframeArchives', 'WebSubresources']);
    expect(top.WebMainResource!.WebResourceTextEncodingName).toBe('windows-1251');
    // The page's bytes are not UTF-8: decoding them as UTF-8 loses the Cyrillic.
    expect((top.WebMainResource!.WebResourceData as Buffer).toString('utf8')).not.toContain('смотритель');
  });

  it('imports the page as one article with its images as assets, the file kept whole, sourced and with provenance', async () => {
    const file = writeFile(t.dir, 'Маяк.webarchive', safariFile());
    const report = await t.api.importPaths({ paths: [file] });
    expect(report.outcomes, JSON.stringify(report.outcomes)).toHaveLength(1);
    expect(report.imported).toBe(1);
    const a = t.api.getArticle({ id: report.outcomes[0]!.id! });
    expect(a.title).toBe(TITLE);
    expect(a.sourceUrl).toBe(PAGE_URL);
    expect(a.text).toContain('смотритель записывал в зелёный журнал');
    expect(a.text).toContain('Финского залива');
    expect(a.html).not.toContain('window.evil');
    expect(a.html).not.toContain('<iframe');
    // The page's image (a relative src, resolved against the page's URL) is shown from the archive; the one the file
    // does not hold is dropped, its alt text kept.
    const assets = [...a.html.matchAll(/<img[^>]*src="asset:([0-9a-f]{64})"/g)].map((m) => m[1]);
    expect(assets).toEqual([sha256(PNG)]);
    expect(a.html).not.toContain('elsewhere.example');
    const row = t.api.archive.db.prepare('SELECT bytes FROM asset WHERE sha256 = ?').get(sha256(PNG)) as {
      bytes: Buffer;
    };
    expect(Buffer.compare(row.bytes, PNG)).toBe(0);
    // The capture is the .webarchive file byte for byte.
    expect(a.captures).toHaveLength(1);
    expect(a.captures[0]).toMatchObject({
      importer: 'webarchive',
      mediaType: 'application/x-webarchive',
      sourceUrl: PAGE_URL,
      sourcePath: file,
    });
    const original = readOriginal(t.api.archive.db, a.captures[0]!.id)!;
    expect(Buffer.compare(original, fs.readFileSync(file))).toBe(0);
    const detail = a.events.map((e) => e.detail).join('\n');
    expect(detail).toContain('from Маяк.webarchive (Safari web archive)');
    expect(detail).toContain(`page ${PAGE_URL}`);
    expect(detail).toContain('text encoding windows-1251');
    expect(detail).toContain('3 subresource(s), 2 image(s), 1 frame(s)');

    // Importing it again adds nothing.
    const again = await t.api.importPaths({ paths: [file] });
    expect(again.duplicates).toBe(1);
  });

  it('imports a .webarchive given as bytes through the API (the app’s Import view) the same way', async () => {
    const bytes = safariFile('<p>Перенесено в приложение.</p>');
    const outcome = await t.api.importFile({ fileName: 'mayak.webarchive', dataBase64: bytes.toString('base64') });
    expect(outcome.status, outcome.error).toBe('imported');
    const a = t.api.getArticle({ id: outcome.id! });
    expect(a.text).toContain('Перенесено в приложение.');
    expect(a.captures[0]).toMatchObject({ importer: 'webarchive', sourceUrl: PAGE_URL });
    expect(a.html).toContain(`asset:${sha256(PNG)}`);
  });

  it('refuses a truncated file, a non-plist, an XML plist and a plist without WebMainResource, and imports the rest', async () => {
    const whole = safariFile();
    writeFile(t.dir, 'in/cut.webarchive', whole.subarray(0, Math.floor(whole.length * 0.7)));
    writeFile(t.dir, 'in/text.webarchive', 'Just some text saved with the wrong name.\n');
    writeFile(
      t.dir,
      'in/xml.webarchive',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "x">\n<plist version="1.0"><dict/></plist>\n',
    );
    writeFile(t.dir, 'in/settings.webarchive', binaryPlist({ Bookmarks: ['a', 'b'], Version: 3 }));
    writeFile(t.dir, 'in/good.webarchive', whole);
    writeFile(t.dir, 'in/note.txt', 'A plain clipping about the lighthouse keepers of Kronstadt and their green log.');
    const report = await t.api.importPaths({ paths: [path.join(t.dir, 'in')] });
    const by = (name: string) => report.outcomes.find((o) => o.file.endsWith(name))!;
    expect(by('cut.webarchive')).toMatchObject({ status: 'failed' });
    expect(by('cut.webarchive').error).toMatch(
      /cut\.webarchive cannot be read as a Safari web archive: it is cut short/,
    );
    expect(by('text.webarchive').error).toMatch(
      /it does not start with "bplist00" \(it is not a binary property list\)/,
    );
    expect(by('xml.webarchive').error).toMatch(/it is an XML property list, not the binary one Safari writes/);
    expect(by('settings.webarchive').error).toMatch(
      /settings\.webarchive is a property list but not a Safari web archive: it has no WebMainResource/,
    );
    expect(by('good.webarchive').status).toBe('imported');
    expect(by('note.txt').status).toBe('imported');
    expect(report.imported).toBe(2);
    expect(report.failed).toBe(4);
  });

  /** A binary plist written object by object (1-byte offsets and references), for files no writer would make. */
  const rawPlist = (objects: number[][], top = 0): Buffer => {
    const head = Buffer.from('bplist00', 'latin1');
    const offsets: number[] = [];
    let at = head.length;
    for (const o of objects) {
      offsets.push(at);
      at += o.length;
    }
    const trailer = Buffer.alloc(32);
    trailer[6] = 1;
    trailer[7] = 1;
    trailer.writeBigUInt64BE(BigInt(objects.length), 8);
    trailer.writeBigUInt64BE(BigInt(top), 16);
    trailer.writeBigUInt64BE(BigInt(at), 24);
    return Buffer.concat([head, ...objects.map((o) => Buffer.from(o)), Buffer.from(offsets), trailer]);
  };
  const importBytes = (fileName: string, bytes: Buffer) =>
    t.api.importFile({ fileName, dataBase64: bytes.toString('base64') });

  it('refuses hostile plists (a loop, a shared list that would expand, a list longer than the file) without hanging', async () => {
    // {"a": <itself>}
    const loop = rawPlist([
      [0xd1, 0x01, 0x00],
      [0x51, 0x61],
    ]);
    // Each list holds the next one twice: 2^20 paths through 22 objects if followed as a tree.
    const nest = Array.from({ length: 21 }, (_, i) => [0xa2, i + 1, i + 1]);
    const expand = rawPlist([...nest, [0x51, 0x61]]);
    // A list that says it has 0x7fffffff entries in a file of a few bytes.
    const long = rawPlist([
      [0xaf, 0x12, 0x7f, 0xff, 0xff, 0xff, 0x01],
      [0x51, 0x61],
    ]);
    for (const [name, bytes, reason] of [
      ['loop.webarchive', loop, /its lists or dictionaries refer to each other/],
      ['expand.webarchive', expand, /its lists or dictionaries refer to each other/],
      ['long.webarchive', long, /an object runs past the end of its data/],
    ] as const) {
      const outcome = await importBytes(name, bytes);
      expect(outcome.status, name).toBe('failed');
      expect(outcome.error).toMatch(
        new RegExp(`${name.replace('.', '\\.')} cannot be read as a Safari web archive: it is damaged`),
      );
      expect(outcome.error).toMatch(reason);
    }
    expect(t.api.listArticles({}).total).toBe(0);
  });

  it('reads a plain-text page as a clipping, and refuses an archive of an image with what to do instead', async () => {
    const text = webarchive({
      main: {
        url: 'https://mayak.example/notes.txt',
        mimeType: 'text/plain',
        textEncoding: 'windows-1251',
        data: windows1251(
          'Записки смотрителя\n\nВетер северный, волна два балла, огни проходящих судов записаны в журнал.',
        ),
      },
    });
    const ok = await t.api.importFile({ fileName: 'notes.webarchive', dataBase64: text.toString('base64') });
    expect(ok.status, ok.error).toBe('imported');
    expect(t.api.getArticle({ id: ok.id! }).text).toContain('огни проходящих судов');
    const image = webarchive({
      main: { url: 'https://mayak.example/img/fonar.png', mimeType: 'image/png', data: PNG },
    });
    const no = await t.api.importFile({ fileName: 'fonar.webarchive', dataBase64: image.toString('base64') });
    expect(no.status).toBe('failed');
    expect(no.error).toMatch(/fonar\.webarchive holds a resource of type image\/png, not a web page/);
  });

  it('is re-extracted from the page inside the file, in its encoding and with its image, not from the plist bytes', async () => {
    const file = writeFile(t.dir, 'mayak.webarchive', safariFile());
    const id = (await t.api.importPaths({ paths: [file] })).outcomes[0]!.id!;
    const fresh = await reextractArticles(t.api.archive.db, { ids: [id], workers: 0 });
    expect(fresh.outcomes[0], fresh.outcomes[0]!.error).toMatchObject({ status: 'unchanged' });
    // As an older Stacks might have left it: the text and HTML derived differently.
    const db = t.api.archive.db;
    const capture = db.prepare('SELECT current_capture_id FROM article WHERE id = ?').pluck().get(id) as number;
    staleDerivation(db, capture, 'old text', '<p>old text</p>');
    const report = await reextractArticles(db, { ids: [id], workers: 0 });
    expect(report.outcomes[0]).toMatchObject({ status: 'updated' });
    const a = t.api.getArticle({ id });
    expect(a.text).toContain('смотритель записывал в зелёный журнал');
    expect(a.html).toContain(`asset:${sha256(PNG)}`);
    expect(a.title).toBe(TITLE);
  });
});
