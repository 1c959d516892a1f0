// Anchoring on its own: selectors described from a passage, then placed again on unchanged and edited texts.
import { describe as suite, expect, it } from 'vitest';
import { anchor, describe, maxErrorsFor } from '../../../db/annotations/anchor.js';

const PARAGRAPHS = [
  'The archive keeps the original bytes of every page it imports, hashed with SHA-256 so that later changes are visible.',
  'Readers mark passages while they read; a highlight remembers the words it covers and a little of the text around them.',
  'When a newer version of an article arrives, every highlight is placed again on the new text, exactly where possible.',
  'Highlights that cannot be placed are kept as orphans, shown with their quote and context, and never silently dropped.',
];
const TEXT = PARAGRAPHS.join('\n\n');

function passage(text: string, words: string): { start: number; end: number } {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`test text lacks "${words}"`);
  return { start, end: start + words.length };
}

suite('describe', () => {
  it('records the position, the exact words and up to 32 characters of context on each side', () => {
    const { start, end } = passage(TEXT, 'a highlight remembers the words');
    const s = describe(TEXT, start, end);
    expect(s.position).toEqual({ type: 'TextPositionSelector', start, end });
    expect(s.quote.exact).toBe('a highlight remembers the words');
    expect(s.quote.prefix).toBe(TEXT.slice(start - 32, start));
    expect(s.quote.suffix).toBe(TEXT.slice(end, end + 32));
  });

  it('keeps shorter context at the edges of the text', () => {
    const s = describe(TEXT, 0, 11);
    expect(s.quote.prefix).toBe('');
    expect(s.quote.exact).toBe('The archive');
  });

  it('never cuts an emoji in half at a context boundary', () => {
    const text = `${'x'.repeat(10)}\u{1F600}${'y'.repeat(31)}QUOTE`;
    const start = text.indexOf('QUOTE');
    const s = describe(text, start, start + 5);
    expect(s.quote.prefix.length).toBe(31);
    expect(s.quote.prefix.startsWith('y')).toBe(true);
  });

  it('refuses an empty or out-of-range passage', () => {
    expect(() => describe(TEXT, 5, 5)).toThrow(RangeError);
    expect(() => describe(TEXT, -1, 4)).toThrow(RangeError);
    expect(() => describe(TEXT, 0, TEXT.length + 1)).toThrow(RangeError);
  });
});

suite('anchor', () => {
  it('places a passage exactly where it was on an unchanged text', () => {
    const { start, end } = passage(TEXT, 'kept as orphans');
    expect(anchor(TEXT, describe(TEXT, start, end))).toEqual({ state: 'exact', start, end });
  });

  it('follows the passage to its new offset when paragraphs are inserted before it', () => {
    const { start, end } = passage(TEXT, 'placed again on the new text');
    const edited = `A new introduction.\n\nAnother paragraph the editor added.\n\n${TEXT}`;
    const placed = anchor(edited, describe(TEXT, start, end));
    expect(placed.state).toBe('exact');
    expect(edited.slice(placed.start, placed.end)).toBe('placed again on the new text');
  });

  it('picks, among repeated words, the occurrence whose context still matches', () => {
    const text = 'alpha beta gamma. the end of one. delta epsilon. the end of two. zeta eta.';
    const { start, end } = passage(text, 'the end of two');
    const at = text.indexOf('the end', start);
    const s = describe(text, at, at + 7); // "the end", the second one
    const edited = `Preface. ${text}`;
    const placed = anchor(edited, s);
    expect(placed.state).toBe('exact');
    expect(edited.slice(placed.start!, placed.start! + 14)).toBe('the end of two');
    expect(end).toBeGreaterThan(start);
  });

  it('places a passage fuzzily when words inside it changed', () => {
    const words = 'a highlight remembers the words it covers and a little of the text around them';
    const { start, end } = passage(TEXT, words);
    const edited = TEXT.replace(
      words,
      'a highlight remembers all the words it covers and some of the text around them',
    );
    const placed = anchor(edited, describe(TEXT, start, end));
    expect(placed.state).toBe('fuzzy');
    const got = edited.slice(placed.start, placed.end);
    expect(got.startsWith('a highlight remembers')).toBe(true);
    expect(got.endsWith('text around them')).toBe(true);
  });

  it('places a short passage fuzzily when its neighbours vouch for it', () => {
    const { start, end } = passage(TEXT, 'hashed with SHA-256');
    const edited = TEXT.replace('hashed with SHA-256', 'hashed using SHA-256');
    const placed = anchor(edited, describe(TEXT, start, end));
    expect(placed.state).toBe('fuzzy');
    expect(edited.slice(placed.start, placed.end)).toContain('SHA-256');
  });

  it('orphans a passage that was removed, even when its common words still occur elsewhere', () => {
    const p = PARAGRAPHS[3]!;
    const { start, end } = passage(TEXT, 'never silently dropped');
    const edited = TEXT.replace(p, 'This paragraph was rewritten completely by a later editor of the page.');
    expect(anchor(edited, describe(TEXT, start, end))).toEqual({ state: 'orphan' });

    const the = TEXT.indexOf('the', TEXT.indexOf(p));
    expect(anchor(edited, describe(TEXT, the, the + 3)).state).toBe('orphan');
  });

  it('bounds the fuzzy error budget', () => {
    expect(maxErrorsFor(3)).toBe(0);
    expect(maxErrorsFor(40)).toBe(10);
    expect(maxErrorsFor(200)).toBe(32);
    expect(maxErrorsFor(5000)).toBe(256);
  });
});
