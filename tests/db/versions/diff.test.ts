// The word diff and diffCaptures: runs that cover both texts exactly, moves found, annotations marked as a reader sees.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleId, CaptureDiff, CaptureId } from '../../../db/contract/types.js';
import { diffTexts } from '../../../db/versions/diff-text.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';

/** Every run's text, side by side, rebuilt into the two texts: nothing lost, nothing invented. */
function rebuild(older: string, newer: string, d: ReturnType<typeof diffTexts>): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const s of d.segments) {
    if (s.op !== 'added') from += older.slice(s.fromStart, s.fromEnd);
    if (s.op !== 'removed') to += newer.slice(s.toStart, s.toEnd);
    if (s.op === 'equal') {
      const words = (t: string) => t.split(/\s+/).filter(Boolean);
      expect(words(older.slice(s.fromStart, s.fromEnd))).toEqual(words(newer.slice(s.toStart, s.toEnd)));
    }
  }
  return { from, to };
}

describe('diffTexts', () => {
  it('marks replaced words, and a paragraph that changed place as moved on both sides', () => {
    const older =
      'Alpha bravo charlie delta.\n\nEcho foxtrot golf hotel india.\n\nJuliet kilo lima mike oscar papa quebec.';
    const newer =
      'Alpha bravo charlie delta.\n\nJuliet kilo lima mike oscar papa romeo.\n\nEcho foxtrot golf hotel india.';
    const d = diffTexts(older, newer);
    const moved = (op: 'removed' | 'added') =>
      d.segments
        .filter((s) => s.move !== undefined && s.op === op)
        .map((s) => (op === 'removed' ? older.slice(s.fromStart, s.fromEnd) : newer.slice(s.toStart, s.toEnd)).trim());
    // Which of the two paragraphs "moved" is the diff's choice (it keeps the longer one in place); both sides agree.
    expect(moved('removed')).toEqual(moved('added'));
    expect(moved('added')).toHaveLength(1);
    expect(['Echo foxtrot golf hotel india.', 'Juliet kilo lima mike oscar papa']).toContain(moved('added')[0]);
    expect(d.stats.added).toBe(1);
    expect(d.stats.removed).toBe(1);
    const changed = d.segments.filter((s) => s.move === undefined && s.op !== 'equal');
    expect(
      changed.map((s) =>
        (s.op === 'removed' ? older.slice(s.fromStart, s.fromEnd) : newer.slice(s.toStart, s.toEnd)).trim(),
      ),
    ).toEqual(['quebec.', 'romeo.']);
    expect(rebuild(older, newer, d)).toEqual({ from: older, to: newer });
  });

  it('covers both texts exactly, for any edits (property, fixed seed)', () => {
    const word = fc.constantFrom(
      'tide',
      'quay',
      'gauge',
      'ebb',
      'pilot',
      'storm',
      'the',
      'of',
      'a',
      'ledger.',
      'Harbour',
    );
    const text = fc
      .array(fc.tuple(word, fc.constantFrom(' ', ' ', '\n\n', '  ')), { maxLength: 80 })
      .map((ws) => ws.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, text, (older, newer) => {
        const d = diffTexts(older, newer);
        const back = rebuild(older, newer, d);
        // Leading spaces before the first word belong to no run when a text has no words at all.
        expect(back.from.trim()).toBe(older.trim());
        expect(back.to.trim()).toBe(newer.trim());
        const count = (t: string) => t.split(/\s+/).filter(Boolean).length;
        expect(d.stats.unchanged + d.stats.removed + d.stats.moved).toBeGreaterThanOrEqual(
          count(older) - d.stats.moved,
        );
        expect(d.stats.unchanged + d.stats.added + d.stats.moved).toBe(count(newer));
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});

describe('diffCaptures', () => {
  let t: TempArchive;
  afterEach(async () => t?.close());

  const page = (paragraphs: string[]) =>
    Buffer.from(
      `<html><head><title>Ledgers</title><link rel="canonical" href="https://harbour.example/l"></head><body><article><h1>Ledgers</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
    ).toString('base64');

  it('compares the newest capture with the one before by default, any two on request, and marks annotations', async () => {
    t = tempArchive();
    const v1 = [
      'The clerks kept the tide tables in calfskin ledgers for a century.',
      'Storm surges show as jumps in the columns.',
      'Visitors may read them on Thursdays.',
    ];
    const v2 = [
      'Storm surges show as jumps in the columns.',
      'The clerks kept the tide tables in calfskin ledgers for two centuries.',
    ];
    const v3 = [...v2, 'A reading room opens in May.'];
    const ids: number[] = [];
    for (const [k, body] of [v1, v2, v3].entries()) {
      const out = await t.api.importFile({ fileName: `v${k + 1}.html`, dataBase64: page(body) });
      ids.push(out.id!);
      if (k === 0) {
        const text = t.api.getArticle({ id: out.id! }).text;
        for (const quote of [
          'Storm surges show as jumps',
          'calfskin ledgers for a century',
          'Visitors may read them on Thursdays',
          'tide tables',
        ]) {
          const start = text.indexOf(quote);
          t.api.createAnnotation({
            articleId: out.id!,
            kind: 'highlight',
            start,
            end: start + quote.length,
            color: 'yellow',
          });
        }
      }
    }
    expect(new Set(ids).size).toBe(1);
    const id = ids[0] as ArticleId;
    const captures = t.api.getArticle({ id }).captures; // newest first
    const byDefault: CaptureDiff = t.api.diffCaptures({ id });
    expect([byDefault.from.version, byDefault.to.version]).toEqual([2, 3]);
    expect(byDefault.stats).toMatchObject({ removed: 0, moved: 0 });
    const d = t.api.diffCaptures({ id, from: captures[2]!.id, to: captures[0]!.id });
    expect([d.from.version, d.to.version]).toEqual([1, 3]);
    const status = Object.fromEntries(d.annotations.map((a) => [a.annotation.quote!.exact, a.status]));
    expect(status).toEqual({
      // The longer paragraph stays in place in the diff, so the storm sentence is the one that moved.
      'Storm surges show as jumps': 'moved',
      'calfskin ledgers for a century': 'changed',
      'Visitors may read them on Thursdays': 'orphaned',
      'tide tables': 'unchanged',
    });
    expect(() => t.api.diffCaptures({ id, from: 999 as CaptureId })).toThrow(/not a capture of article/);
    expect(() => t.api.diffCaptures({ id: 999 as ArticleId })).toThrow(/no article 999/);
  });
});
