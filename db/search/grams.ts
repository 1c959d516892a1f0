// Substring search for scripts written without spaces (Chinese, Japanese, Korean): every run of them is also indexed
// as overlapping two-character grams, so 间站 is found inside 空间站 and 수도 inside 수도이며, whatever the word index's
// segmentation made of the run. A query string of such characters becomes the phrase of its own grams.

const RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\u3005]+/gu;
const ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\u3005]{2,}$/u;

/** Overlapping bigrams of one run, space-separated (a run of one character is that character). */
function runGrams(run: string): string {
  const chars = [...run];
  if (chars.length < 2) return chars.join('');
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out.join(' ');
}

/** The gram column of a text: its CJK/Kana/Hangul runs as bigrams (NFKC first, as the word index); '' for none. */
export function cjkGrams(text: string): string {
  const runs = text.normalize('NFKC').match(RUN);
  return runs ? runs.map(runGrams).join(' ') : '';
}

/** The FTS5 phrase finding `value` as a substring, or null when it is not a string of at least two such characters. */
export function gramPhrase(value: string): string | null {
  const v = value.normalize('NFKC').trim();
  if (!ONLY.test(v)) return null;
  return `"${runGrams(v)}"`;
}
