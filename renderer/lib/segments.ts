// Sentences, words and paragraphs of the reader's text, by offsets: what keyboard selection steps through.
import type { TextSpan } from './query-terms.js';

export type Unit = 'word' | 'sentence' | 'paragraph';

/** The spans of one unit in `text` (paragraphs are split at newlines, as the text map writes them). */
export function spansOf(text: string, unit: Unit, locale?: string): TextSpan[] {
  if (unit === 'paragraph') {
    const out: TextSpan[] = [];
    const re = /[^\n]+/g;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
    return out;
  }
  const out: TextSpan[] = [];
  const seg = new Intl.Segmenter(locale, { granularity: unit });
  for (const s of seg.segment(text)) {
    if (unit === 'word' && !s.isWordLike) continue;
    // a sentence keeps no trailing spaces or newlines: the selection ends on its last character
    const trimmed = s.segment.replace(/\s+$/u, '');
    const lead = trimmed.length - trimmed.replace(/^\s+/u, '').length;
    if (trimmed.length - lead <= 0) continue;
    let end = s.index + trimmed.length;
    // a word takes the punctuation stuck to it ("turned." not "turned"), as a person selecting by words expects
    if (unit === 'word') while (end < text.length && /[^\s\p{L}\p{N}]/u.test(text[end]!)) end++;
    out.push({ start: s.index + lead, end });
  }
  return out;
}

/** The span at `offset` (or the next one after it), or null past the end. */
export function spanAt(spans: TextSpan[], offset: number): TextSpan | null {
  return spans.find((s) => s.end > offset) ?? null;
}

/** The span after (dir 1) or before (dir -1) the one that holds `offset`. */
export function stepSpan(spans: TextSpan[], current: TextSpan, dir: 1 | -1): TextSpan | null {
  if (dir === 1) return spans.find((s) => s.start >= current.end) ?? null;
  for (let i = spans.length - 1; i >= 0; i--) if (spans[i]!.end <= current.start) return spans[i]!;
  return null;
}
