// The stored-form codec: every original and reader HTML comes back byte for byte, hashing to the original's SHA-256.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODEC_RAW,
  CODEC_TEXT_DEFLATE,
  packBytes,
  packCapture,
  unpackBytes,
  unpackHtml,
} from '../../../db/codec/stored-forms.js';
import { extractCapture } from '../../../db/extract/index.js';
import { SAMPLE_CLIPPING } from '../../helpers/archive.js';
import { articleWords, htmlPage } from './pages.js';

const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

describe('stored-form codec', () => {
  it('gives back a real clipping and an extracted web page exactly, much smaller than raw', async () => {
    for (const [bytes, fileName] of [
      [fs.readFileSync(SAMPLE_CLIPPING), 'clipping.txt'],
      [Buffer.from(htmlPage('Harbour Ledger', articleWords(7, 1200))), 'page.html'],
    ] as const) {
      const c = await extractCapture({ bytes, fileName });
      const packed = packCapture(bytes, c.html, c.text);
      expect(packed.original.codec).toBe(CODEC_TEXT_DEFLATE);
      expect(packed.original.data.length).toBeLessThan(bytes.length / 3);
      const back = unpackBytes(packed.original.codec, packed.original.data, c.text);
      expect(Buffer.compare(back, bytes)).toBe(0);
      expect(sha(back)).toBe(sha(bytes));
      expect(packed.html.html).toBe('');
      expect(unpackHtml(packed.html.codec, packed.html.html, packed.html.packed, c.text)).toBe(c.html);
    }
  });

  it('finds the text for a long page whose article starts after 100 KB of scripts (deflate window is 32 KB)', () => {
    const text = articleWords(3, 60_000);
    const script = `<script>${articleWords(99, 20_000).replace(/ /g, '_')}</script>`.repeat(5);
    const page = Buffer.from(`<!doctype html><html><head>${script}</head><body><p>${text}</p></body></html>`);
    const packed = packBytes(page, text);
    expect(packed.codec).toBe(CODEC_TEXT_DEFLATE);
    expect(Buffer.compare(unpackBytes(packed.codec, packed.data, text), page)).toBe(0);
    // The 60 KB article costs far less than deflate alone makes of it: its words come from the dictionary.
    const scriptsAlone = packBytes(Buffer.from(script), '').data.length;
    const articleAlone = packBytes(Buffer.from(`<p>${text}</p>`), '').data.length;
    expect(packed.data.length - scriptsAlone).toBeLessThan(articleAlone / 3);
  });

  it('keeps small and incompressible bytes raw, and refuses an unknown codec or a missing text', () => {
    const tiny = Buffer.from('short note');
    expect(packBytes(tiny, 'short note')).toEqual({ codec: CODEC_RAW, data: tiny });
    // SHA-512 digests: bytes with no redundancy, like an already-compressed PDF or image.
    const binary = Buffer.concat(
      Array.from({ length: 100 }, (_, i) => createHash('sha512').update(String(i)).digest()),
    );
    expect(packBytes(binary, 'some text').codec).toBe(CODEC_RAW);
    expect(() => unpackBytes(9, tiny, null)).toThrow(/codec 9/);
    const packed = packBytes(Buffer.from(articleWords(5, 2000)), articleWords(5, 2000));
    expect(() => unpackBytes(packed.codec, packed.data, null)).toThrow(/without the text/);
  });

  it('round-trips random bytes against random and related texts (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 40_000 }),
        fc.string({ maxLength: 3000 }),
        fc.nat(40_000),
        (bytes, noise, cut) => {
          // The text is sometimes a slice of the bytes themselves (the usual case: the text is in the original).
          const text = cut % 2 === 0 ? Buffer.from(bytes.subarray(cut % (bytes.length + 1))).toString('latin1') : noise;
          const packed = packBytes(bytes, text);
          const back = unpackBytes(packed.codec, packed.data, text);
          expect(Buffer.compare(back, Buffer.from(bytes))).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a changed text no longer gives back the original (verify then reports it)', () => {
    const text = articleWords(11, 3000);
    const original = Buffer.from(`# Title\n\n${text}\n`);
    const packed = packBytes(original, text);
    const other = text.replace(/e/g, 'a');
    let back: Buffer | null = null;
    try {
      back = unpackBytes(packed.codec, packed.data, other);
    } catch {
      back = null;
    }
    expect(back === null || sha(back) !== sha(original)).toBe(true);
  });
});
