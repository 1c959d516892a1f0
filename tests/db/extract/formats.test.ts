// Format choice, Markdown with front matter, legacy-charset text, and the refusals a person sees for bad files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCapture, MAX_IMPORT_BYTES, rejectReason } from '../../../db/extract/index.js';
import { ArchiveError } from '../../../db/contract/errors.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/importers');

function readFixture(name: string) {
  const file = path.join(FIXTURES, name);
  return { bytes: fs.readFileSync(file), fileName: name, filePath: file };
}

async function refusal(input: Parameters<typeof extractCapture>[0]): Promise<ArchiveError> {
  try {
    await extractCapture(input);
  } catch (err) {
    if (err instanceof ArchiveError) return err;
    throw err;
  }
  throw new Error('expected the import to be refused');
}

describe('Markdown importer', () => {
  it('takes metadata from YAML front matter and renders the body safely', async () => {
    const c = await extractCapture(readFixture('notes.md'));
    expect(c.importer).toBe('markdown');
    expect(c.title).toBe('Notes on Rivers');
    expect(c.byline).toBe('Ada Lovelace, Charles Babbage');
    expect(c.sourceUrl).toBe('https://blog.example/rivers');
    expect(c.publishedAt?.slice(0, 10)).toBe('2021-07-14');
    expect(c.language).toBe('en-US');
    expect(c.siteName).toBe('The Example Blog');
    expect(c.tags).toEqual(['rivers', 'hydrology']);
    expect(c.html).toContain('<em>flow</em>');
    expect(c.html).toContain('<a href="https://example.org">the source</a>');
    expect(c.html).not.toContain('javascript:');
    expect(c.html).not.toContain('<script');
    expect(c.html).not.toContain('cdn.example');
    expect(c.html).toContain('<code class="language-js">');
    expect(c.text).not.toContain('title: Notes on Rivers');
    expect(c.text).toContain('Rivers flow downhill, mostly.');
    expect(c.text).toContain('Remote chart');
    const pixel = fs.readFileSync(path.join(FIXTURES, 'pixel.png'));
    const sha = crypto.createHash('sha256').update(pixel).digest('hex');
    expect(c.assets.map((a) => a.sha256)).toEqual([sha]);
    expect(c.html).toContain(`src="asset:${sha}"`);
  });

  it('uses the first # heading as title when there is no front matter, without repeating it in the body', async () => {
    const c = await extractCapture(readFixture('heading-only.md'));
    expect(c.title).toBe('Title From Heading');
    expect(c.text).toBe('Body paragraph of the note.');
  });

  it('falls back to the file name for a title', async () => {
    const c = await extractCapture({
      bytes: new TextEncoder().encode('Just *some* notes.\n'),
      fileName: 'meeting_notes-2024.md',
    });
    expect(c.title).toBe('meeting notes 2024');
    expect(c.text).toBe('Just some notes.');
  });
});

describe('text charsets', () => {
  it('detects windows-1251 in an undeclared text clipping', async () => {
    const c = await extractCapture(readFixture('windows-1251-clipping.txt'));
    expect(c.charset).toBe('windows-1251');
    expect(c.title).toBe('Погода в Москве');
    expect(c.text).toContain('Сегодня солнечно, завтра обещают дождь');
  });

  it('strips a UTF-8 byte-order mark from a clipping', async () => {
    const c = await extractCapture(readFixture('utf8-bom.txt'));
    expect(c.title).toBe('Café crème');
    expect(c.text).toBe('Un café crème à la terrasse, déjà servi.');
  });

  it('reads UTF-16 text with its byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Заголовок\n\nТекст статьи.', 'utf16le')]);
    const c = await extractCapture({ bytes, fileName: 'utf16.txt' });
    expect(c.title).toBe('Заголовок');
    expect(c.text).toBe('Текст статьи.');
  });
});

describe('format detection', () => {
  it('sniffs HTML and Markdown in files without a telling extension', async () => {
    const html = await extractCapture({
      bytes: new TextEncoder().encode(`<!DOCTYPE html><html><body><p>${'Hello there. '.repeat(20)}</p></body></html>`),
      fileName: 'download',
    });
    expect(html.importer).toBe('html');
    expect(html.text).not.toContain('<p>');
    const md = await extractCapture({
      bytes: new TextEncoder().encode('---\ntitle: Sniffed\n---\n\nBody **bold**.\n'),
      fileName: 'note',
    });
    expect(md.importer).toBe('markdown');
    expect(md.title).toBe('Sniffed');
    const txt = await extractCapture({
      bytes: new TextEncoder().encode('Plain words\n\nMore plain words.'),
      fileName: 'clip',
    });
    expect(txt.importer).toBe('text');
  });

  it('lets the extension win over a generic text/plain media type, but not over text/html', async () => {
    const md = await extractCapture({
      ...{ bytes: new TextEncoder().encode('# Heading\n\nText.'), fileName: 'n.md' },
      mediaType: 'text/plain; charset=utf-8',
    });
    expect(md.importer).toBe('markdown');
    const html = await extractCapture({
      bytes: new TextEncoder().encode('<p>Served as HTML.</p>'),
      fileName: 'page.txt',
      mediaType: 'text/html',
    });
    expect(html.importer).toBe('html');
    expect(html.text).toBe('Served as HTML.');
  });
});

describe('refusing files that cannot be imported', () => {
  it('refuses an empty file as invalid input, with its name in the reason', async () => {
    const err = await refusal({ bytes: new Uint8Array(0), fileName: 'empty.html' });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toBe('empty.html is empty (0 bytes).');
  });

  it('refuses a whitespace-only file', async () => {
    const err = await refusal({ bytes: new TextEncoder().encode(' \n\t\n '), fileName: 'blank.txt' });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/blank\.txt has no text/);
  });

  it('refuses binaries by their magic number, naming what they are', async () => {
    const png = fs.readFileSync(path.join(FIXTURES, 'pixel.png'));
    const cases: Array<[Uint8Array, string, RegExp]> = [
      [png, 'photo.html', /photo\.html looks like a PNG image/],
      [Buffer.from('PK\x03\x04rest-of-zip', 'latin1'), 'book.txt', /looks like a ZIP archive/],
      [Buffer.from('%PDF-1.7\n...', 'latin1'), 'paper.md', /looks like a PDF document/],
    ];
    for (const [bytes, fileName, reason] of cases) {
      const err = await refusal({ bytes, fileName });
      expect(err.code).toBe('UNSUPPORTED_FORMAT');
      expect(err.message).toMatch(reason);
      expect(rejectReason(bytes, fileName)).toBe(err.message);
    }
  });

  it('refuses unknown binary data containing NUL bytes', async () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    const err = await refusal({ bytes, fileName: 'data.txt' });
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toMatch(/binary file/);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const bytes = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    const err = await refusal({ bytes, fileName: 'huge.txt' });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toBe('huge.txt is 50.0 MB; Stacks imports files up to 50.0 MB.');
    expect(MAX_IMPORT_BYTES).toBe(50 * 1024 * 1024);
  });

  it('refuses MHTML archives with advice', async () => {
    const err = await refusal({ bytes: new TextEncoder().encode('MIME-Version: 1.0\r\n'), fileName: 'page.mhtml' });
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toMatch(/SingleFile/);
  });

  it('accepts an ordinary page', () => {
    expect(rejectReason(new TextEncoder().encode('<p>fine</p>'), 'ok.html')).toBeNull();
  });
});
