// Fuzzing every importer (text, Markdown, HTML): a capture or a readable refusal, never a crash or an internal message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../db/contract/errors.js';
import { extractCapture } from '../../db/extract/index.js';
import { FUZZ_RUNS, FUZZ_SEED, INTERNAL_TEXT } from './fuzz-config.js';

const HTML_PIECES = [
  '<',
  '>',
  '</',
  '<html',
  '<html x',
  '<body>',
  '</body>',
  '<div>',
  '</div>',
  '<p>',
  '<script>',
  '</script>',
  '<style>',
  '<!--',
  '-->',
  '<![CDATA[',
  '<svg><foreignObject>',
  '<math><mi>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">',
  '<meta charset="shift_jis">',
  '<title>',
  '</title>',
  '<base href=//x>',
  '&amp;',
  '&#0;',
  '&#x110000;',
  '"',
  "'",
  '=',
  ' ',
  '\n',
  'text ',
  'word ',
  '\u0000',
  '\ufeff',
  'é',
  '日本',
];
const MD_PIECES = [
  '---\n',
  'title: ',
  'tags: [',
  ']',
  '\n',
  '# ',
  '*',
  '_',
  '**',
  '`',
  '```',
  '~~',
  '[a](',
  ')',
  '![i](x.png)',
  '> ',
  '- ',
  '1. ',
  '|a|b|\n|-|-|\n',
  '<div>',
  'a@b.c ',
  'http://x ',
  'www.x ',
  '  \n',
  '\\',
  'word ',
];
const fromPieces = (pieces: string[]) =>
  fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, fc.string({ maxLength: 6 })), {
      maxLength: 40,
    })
    .map((p) => p.join(''));

const cases = [
  {
    kind: 'text',
    fileName: 'clip.txt',
    content: fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fromPieces(MD_PIECES)),
  },
  {
    kind: 'markdown',
    fileName: 'note.md',
    content: fc.oneof(fromPieces(MD_PIECES), fc.string({ unit: 'grapheme', maxLength: 200 })),
  },
  {
    kind: 'html',
    fileName: 'page.html',
    content: fc.oneof(fromPieces(HTML_PIECES), fc.string({ unit: 'grapheme', maxLength: 200 })),
  },
] as const;

describe('fuzzing the importers', () => {
  for (const c of cases) {
    it(`${c.kind}: ${FUZZ_RUNS} generated files give a capture or a readable refusal (seed ${FUZZ_SEED})`, async () => {
      await fc.assert(
        fc.asyncProperty(c.content, fc.uint8Array({ maxLength: 16 }), async (content, noise) => {
          const bytes = new Uint8Array([
            ...new TextEncoder().encode(content),
            ...(noise.length % 3 === 0 ? noise : []),
          ]);
          try {
            const capture = await extractCapture({ bytes, fileName: c.fileName });
            expect(typeof capture.title).toBe('string');
            expect(capture.title.length).toBeLessThanOrEqual(1000);
            expect(capture.html).not.toMatch(/<script|onerror=|javascript:/i);
          } catch (err) {
            expect(err).toBeInstanceOf(ArchiveError);
            expect((err as ArchiveError).code).not.toBe('INTERNAL');
            expect((err as Error).message).not.toMatch(INTERNAL_TEXT);
          }
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
      );
    });
  }
});
