// The text importer's fast path (no sanitizer, no DOM parse) must give exactly what the general path gives.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractCapture } from '../../../db/extract/index.js';
import { htmlToPlainText } from '../../../db/extract/plain-text.js';
import { sanitizeReaderHtml } from '../../../db/extract/sanitize.js';
import { SAMPLE_CLIPPING } from '../../helpers/archive.js';

const PIECES = [
  'word',
  'Ünïcödé',
  '&amp;',
  '<script>alert(1)</script>',
  '"quoted"',
  "it's",
  '\u00a0',
  '\t',
  '  ',
  '日本語の文章',
  '🙂',
  'a<b>c',
  '&',
  '>',
  'https://example.org/?a=1&b=2',
  'שלום',
  '—',
  '…',
  'x'.repeat(70),
  '<img src=x onerror=y>',
];

function randomText(seed: number): string {
  let s = seed;
  const next = (n: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  const paragraphs: string[] = [];
  for (let p = 0; p < 1 + next(6); p++) {
    const lines: string[] = [];
    for (let l = 0; l < 1 + next(4); l++) {
      const words: string[] = [];
      for (let w = 0; w < 1 + next(14); w++) words.push(PIECES[next(PIECES.length)]!);
      lines.push(words.join(next(3) === 0 ? '  ' : ' '));
    }
    paragraphs.push(lines.join('\n'));
  }
  return `A title for seed ${seed}\n\n${paragraphs.join('\n\n')}\n`;
}

describe('text importer fast path', () => {
  const check = async (content: string | Buffer, name: string) => {
    const capture = await extractCapture({ bytes: new Uint8Array(Buffer.from(content)), fileName: name });
    // The HTML needs no sanitizing (the sanitizer keeps every element and all the text; it may only re-escape
    // quotes), and its plain text is exactly the text stored beside it.
    const sanitized = sanitizeReaderHtml(capture.html);
    const tags = (html: string) => html.match(/<[a-z]+/g);
    expect(tags(sanitized)).toEqual(tags(capture.html));
    expect(htmlToPlainText(sanitized)).toBe(capture.text);
    expect(htmlToPlainText(capture.html)).toBe(capture.text);
    // The only image a clipping makes is the placeholder for a caption whose picture was not copied.
    expect(capture.html).not.toMatch(/<script|onerror=|<img(?! alt="[^"<>]*" src="asset:not-archived" \/>)/);
  };

  it('matches the general path on the sample clipping', async () => {
    await check(fs.readFileSync(SAMPLE_CLIPPING), 'sample.txt');
  });

  it('matches the general path on 300 random clippings with markup, entities, NBSP, tabs and mixed scripts', async () => {
    for (let seed = 1; seed <= 300; seed++) await check(randomText(seed), `r${seed}.txt`);
  });

  it('still matches when the text holds characters an HTML parser rewrites', async () => {
    await check('Title\n\nCarriage\rreturn and a form\ffeed and \u0085 next-line\n\nEnd', 'cr.txt');
  });
});
