// Fuzzing the Safari .webarchive reader: damaged files (bytes changed, cut, spliced) give a page or a readable reason, never a crash or a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../db/contract/errors.js';
import { webarchiveItemBytes } from '../../db/ingest/webarchive/webarchive-item.js';
import { PNG } from '../db/ingest/warc/build.js';
import { webarchive } from '../db/ingest/webarchive/build.js';
import { FUZZ_RUNS, FUZZ_SEED, INTERNAL_TEXT } from './fuzz-config.js';

const VALID = webarchive({
  main: {
    url: 'https://fuzz.example/page',
    mimeType: 'text/html',
    textEncoding: 'UTF-8',
    data: '<html><head><title>Fuzz</title></head><body><p>Ordinary words about tides.</p><img src="/i.png"></body></html>',
  },
  subresources: [{ url: 'https://fuzz.example/i.png', mimeType: 'image/png', data: PNG }],
  frames: [{ main: { url: 'https://fuzz.example/f', mimeType: 'text/html', data: '<p>frame</p>' } }],
});

async function outcome(bytes: Uint8Array): Promise<'page' | string> {
  try {
    const { input } = await webarchiveItemBytes('f.webarchive', bytes, null).prepare();
    expect(input.bytes).toBeInstanceOf(Uint8Array);
    return 'page';
  } catch (err) {
    expect(err).toBeInstanceOf(ArchiveError);
    return (err as Error).message;
  }
}

describe('webarchive reader under fuzzing', () => {
  it('changed bytes and cuts: a page, or a reason naming the file in words', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(VALID.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(VALID.length), { nil: undefined }),
        async (flips, cut) => {
          const bytes = Buffer.from(VALID);
          for (const [at, value] of flips) bytes[at] = value;
          const result = await outcome(cut === undefined ? bytes : bytes.subarray(0, cut));
          if (result !== 'page') {
            expect(result).toMatch(
              /^f\.webarchive (cannot be read as a Safari web archive|is a property list|has a|holds a)/,
            );
            expect(result).not.toMatch(INTERNAL_TEXT);
          }
        },
      ),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
  });

  it('random bytes after the magic: a reason, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (tail) => {
        const result = await outcome(Buffer.concat([Buffer.from('bplist00'), tail]));
        expect(result).not.toBe('page');
        expect(result).not.toMatch(INTERNAL_TEXT);
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
    );
  });
});
