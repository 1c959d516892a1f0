// One text normalizer for both sides of search: what is indexed and what is queried go through the same steps.

// Scripts written without spaces between words: FTS5's unicode61 tokenizer would see a whole run as one token.
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const UNSPACED_RUN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u30FC]+/gu;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** True when the text holds CJK, Thai or similar characters that need word segmentation. */
export function needsSegmentation(text: string): boolean {
  return UNSPACED.test(text);
}

/**
 * Inserts spaces between the words of unspaced scripts (Intl.Segmenter's dictionaries), so each word is
 * its own FTS5 token. Text in spaced scripts is returned unchanged, cheaply (no segmentation at all).
 */
export function segmentWords(text: string): string {
  if (!needsSegmentation(text)) return text;
  return text.replace(UNSPACED_RUN, (run) => {
    const words: string[] = [];
    for (const s of segmenter.segment(run)) if (s.segment.trim()) words.push(s.segment);
    return ` ${words.join(' ')} `;
  });
}

/**
 * Where segmentWords puts spaces in `text` (already NFKC): both ends of each unspaced run and between its words, in
 * increasing order. Lets a reader of the text as written find the tokens the index holds.
 */
export function wordBreaks(text: string): number[] {
  const out: number[] = [];
  if (!needsSegmentation(text)) return out;
  for (const m of text.matchAll(UNSPACED_RUN)) {
    for (const s of segmenter.segment(m[0])) out.push(m.index + s.index);
    out.push(m.index + m[0].length);
  }
  return out;
}

/** The normalization applied to indexed columns and to query words alike. */
export function normalizeForIndex(text: string): string {
  return segmentWords(text.normalize('NFKC'));
}
