// A thousand random highlights on one generated text, re-anchored after random edits; prints the share placed.
import { describe, expect, it } from 'vitest';
import approxSearch from 'approx-string-match';
import { anchor, describe as describeSelectors, maxErrorsFor } from '../../../db/annotations/anchor.js';
import { mulberry32 } from '../../../bench/corpus.js';

/** Deterministic PRNG (the bench's mulberry32) so a failure can be replayed. */
const rng = mulberry32;

const WORDS = (
  'archive record memory page version capture reader highlight note quote passage context history library ' +
  'catalogue citation source evidence claim argument paper journal editor author revision copy fixity hash index search ' +
  'the a of and to in is that for on with as by was it be are this from at or an which'
).split(' ');

function generateText(rand: () => number, paragraphs: number): string {
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences: string[] = [];
    const n = 3 + Math.floor(rand() * 4);
    for (let s = 0; s < n; s++) {
      const len = 8 + Math.floor(rand() * 14);
      const words = Array.from({ length: len }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
      words.push(String(Math.floor(rand() * 10000))); // numbers make passages more distinctive, like real prose
      const sentence = words.join(' ');
      sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1) + '.');
    }
    out.push(sentences.join(' '));
  }
  return out.join('\n\n');
}

interface Edit {
  at: number;
  removed: number;
  inserted: string;
}

/** Random insertions, deletions and substitutions, applied back to front so offsets stay meaningful. */
function randomEdits(rand: () => number, text: string, count: number): { text: string; edits: Edit[] } {
  const edits: Edit[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(rand() * text.length);
    const kind = rand();
    const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;
    if (kind < 0.3) edits.push({ at, removed: 0, inserted: ` ${word()} ${word()} ` });
    else if (kind < 0.5)
      edits.push({
        at,
        removed: 0,
        inserted: `\n\nA whole new paragraph about ${word()} and ${word()} was added here.\n\n`,
      });
    else if (kind < 0.75) edits.push({ at, removed: 1 + Math.floor(rand() * 12), inserted: '' });
    else edits.push({ at, removed: 1 + Math.floor(rand() * 6), inserted: word() });
  }
  // Non-overlapping edits only, so "untouched" is well defined.
  edits.sort((x, y) => x.at - y.at);
  const kept: Edit[] = [];
  for (const e of edits)
    if (!kept.length || e.at > kept[kept.length - 1]!.at + kept[kept.length - 1]!.removed) kept.push(e);
  let out = text;
  for (const e of [...kept].reverse()) out = out.slice(0, e.at) + e.inserted + out.slice(e.at + e.removed);
  return { text: out, edits: kept };
}

/** Where an untouched original offset lands in the edited text. */
function mapOffset(edits: Edit[], offset: number): number {
  let shift = 0;
  for (const e of edits) if (e.at + e.removed <= offset) shift += e.inserted.length - e.removed;
  return offset + shift;
}

/** True when an edit removes a character of [start, end) or inserts text strictly inside it. */
function touches(edits: Edit[], start: number, end: number): boolean {
  return edits.some(
    (e) => (e.removed > 0 && e.at < end && e.at + e.removed > start) || (e.removed === 0 && e.at > start && e.at < end),
  );
}

describe('a thousand random highlights across random edits', () => {
  it.each([
    [20240501, 60],
    [7, 15],
    [4242, 150],
  ])(
    'seed %i, %i edits: untouched passages exact, fuzzy ones resemble their quote where it went',
    (seed, editCount) => {
      const rand = rng(seed);
      const original = generateText(rand, 40);
      const highlights = Array.from({ length: 1000 }, () => {
        const len = 6 + Math.floor(rand() * 120);
        const start = Math.floor(rand() * (original.length - len));
        return describeSelectors(original, start, start + len);
      });
      const { text: edited, edits } = randomEdits(rand, original, editCount);

      const counts = { exact: 0, fuzzy: 0, orphan: 0, untouched: 0, untouchedAtHome: 0, calm: 0, calmExact: 0 };
      const t0 = performance.now();
      const placements = highlights.map((s) => anchor(edited, s));
      const elapsed = performance.now() - t0;
      placements.forEach((p, i) => {
        const s = highlights[i]!;
        counts[p.state as 'exact' | 'fuzzy' | 'orphan']++;
        if (!touches(edits, s.position.start, s.position.end)) {
          // The words are intact: the passage must be found where the edits moved it.
          counts.untouched++;
          const home = mapOffset(edits, s.position.start);
          if (p.start === home && p.end === home + s.quote.exact.length) counts.untouchedAtHome++;
          // Words and context intact: nothing less than exact will do.
          if (!touches(edits, s.position.start - s.quote.prefix.length, s.position.end + s.quote.suffix.length)) {
            counts.calm++;
            if (p.state === 'exact') counts.calmExact++;
          }
        }
        if (p.state === 'exact') expect(edited.slice(p.start, p.end)).toBe(s.quote.exact);
        if (p.state === 'fuzzy') {
          // The placed text must be within the fuzzy error budget of the quote.
          const placed = edited.slice(p.start, p.end);
          const distance = approxSearch(placed, s.quote.exact, s.quote.exact.length)[0]?.errors ?? Infinity;
          const lengthGap = Math.abs(placed.length - s.quote.exact.length);
          expect(Math.max(distance, lengthGap)).toBeLessThanOrEqual(maxErrorsFor(s.quote.exact.length));
        }
      });
      const share = (n: number) => `${((100 * n) / highlights.length).toFixed(1)}%`;
      console.log(
        `1000 highlights, ${edits.length} edits (${original.length} -> ${edited.length} chars) in ${elapsed.toFixed(1)} ms: ` +
          `exact ${share(counts.exact)}, fuzzy ${share(counts.fuzzy)}, orphan ${share(counts.orphan)}; ` +
          `untouched ${counts.untouched} (found in place ${counts.untouchedAtHome}), with context untouched too ${counts.calm} (exact ${counts.calmExact})`,
      );

      expect(counts.untouched).toBeGreaterThan(200);
      expect(counts.untouchedAtHome).toBe(counts.untouched);
      expect(counts.calmExact).toBe(counts.calm);
      expect(counts.exact + counts.fuzzy + counts.orphan).toBe(1000);
      expect(counts.fuzzy).toBeGreaterThan(0);

      // Fuzzy placements land where the edited passage went (overlapping its mapped span), not on a look-alike.
      let fuzzyNearHome = 0;
      placements.forEach((p, i) => {
        if (p.state !== 'fuzzy') return;
        const s = highlights[i]!;
        const from = mapOffset(edits, s.position.start) - 40;
        const to = mapOffset(edits, s.position.end) + 40;
        if (p.start! < to && p.end! > from) fuzzyNearHome++;
      });
      console.log(`fuzzy placements overlapping the passage's new span: ${fuzzyNearHome} of ${counts.fuzzy}`);
      expect(fuzzyNearHome).toBe(counts.fuzzy);
    },
  );
});
