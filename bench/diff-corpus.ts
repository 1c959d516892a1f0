// Two captures of one long article for the diff benchmark: Zipf English, then edited, cut, extended and reordered.
import { loadVocabulary, mulberry32 } from './corpus.js';

export interface EditedPair {
  older: string;
  newer: string;
  words: number;
}

/** An article of `words` words in paragraphs, and a later capture with ~3% of words replaced, 1% cut, paragraphs added and one moved. */
export function editedArticle(words: number, seed = 11): EditedPair {
  const { words: vocab, cumulative } = loadVocabulary();
  const total = cumulative[cumulative.length - 1]!;
  const rnd = mulberry32(seed);
  const word = (): string => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return vocab[lo]!;
  };
  const paragraph = (n: number): string[] => Array.from({ length: n }, word);
  const paras: string[][] = [];
  for (let n = 0; n < words;) {
    const p = paragraph(Math.min(words - n, 60 + Math.floor(rnd() * 120)));
    paras.push(p);
    n += p.length;
  }
  const text = (ps: string[][]): string => ps.map((p) => `${p.join(' ')}.`).join('\n\n');
  const edited = paras.map((p) => p.filter(() => rnd() > 0.01).map((w) => (rnd() < 0.03 ? word() : w)));
  const [moved] = edited.splice(3, 1);
  edited.splice(Math.floor(edited.length * 0.7), 0, moved!);
  for (let k = 0; k < 5; k++) edited.splice(Math.floor(rnd() * edited.length), 0, paragraph(80));
  return { older: text(paras), newer: text(edited), words };
}
