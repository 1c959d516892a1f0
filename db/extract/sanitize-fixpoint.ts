// Decides, by one scan, that sanitize-html's second reader pass would give back its input unchanged, so it can be skipped.
//
// The second pass (sanitize.ts) has the first pass's options minus <span> and the img/a transforms. On HTML the first
// pass wrote, it re-parses and re-writes; the output is the input exactly when all of this holds, which is checked here:
//  - every tag is in the reader allow-list (so no <span> to unwrap), lower case, written the way sanitize-html writes
//    it: `<name attr="value" bare>`, void elements (img, br, hr) as `<name ... />` and never closed;
//  - parsing gives the same tree: no opening tag implies closing the open element (htmlparser2's openImpliesClose),
//    every closing tag closes the innermost open element, nothing is left open;
//  - text re-escapes to itself: no raw `<` or `>`, `&` only in `&amp; &lt; &gt;` (sanitize-html escapes exactly
//    `& < >` in text, and `& < > "` in attribute values, which may hold those four entities and nothing else);
//  - the empty-element filter drops nothing: every <p> and <a> holds non-whitespace text or a direct <img> child.
// Attributes need no check beyond their syntax: the pass filters each (tag, name, value) by the same deterministic
// rules as the first pass, whose output it is (class filtering and scheme checks keep what they kept), and values
// round-trip through decode and escape unchanged.
import { IMPLIES_CLOSE } from './fast-text.js';

/** The reader allow-list (sanitize.ts ALLOWED_TAGS), without the first pass's <span>. */
export function isSecondPassFixpoint(html: string, allowedTags: ReadonlySet<string>): boolean {
  const names: string[] = [];
  const hasText: boolean[] = [];
  const hasImage: boolean[] = [];
  const n = html.length;
  let i = 0;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 60 /* < */) {
      if (html.charCodeAt(i + 1) === 47 /* / */) {
        const end = html.indexOf('>', i + 2);
        if (end < 0) return false;
        const name = html.slice(i + 2, end);
        const top = names.length - 1;
        if (top < 0 || names[top] !== name) return false;
        const text = hasText[top]!;
        if ((name === 'p' || name === 'a') && !text && !hasImage[top]) return false;
        names.pop();
        hasText.pop();
        hasImage.pop();
        if (text && top > 0) hasText[top - 1] = true; // a frame's text joins its parent's
        i = end + 1;
        continue;
      }
      let k = i + 1;
      let e = html.charCodeAt(k);
      while ((e >= 97 && e <= 122) || (e >= 48 && e <= 57)) e = html.charCodeAt(++k);
      const name = html.slice(i + 1, k);
      if (!allowedTags.has(name)) return false;
      const isVoid = name === 'img' || name === 'br' || name === 'hr';
      // Attributes: ` name="value"` or ` name`, then `>` (or ` />` on a void element).
      for (;;) {
        if (e === 62 /* > */) {
          if (isVoid) return false;
          k++;
          break;
        }
        if (e !== 32) return false;
        e = html.charCodeAt(++k);
        if (e === 47 /* / */) {
          if (!isVoid || html.charCodeAt(k + 1) !== 62) return false;
          k += 2;
          break;
        }
        if (e < 97 || e > 122) return false;
        while (e >= 97 && e <= 122) e = html.charCodeAt(++k);
        if (e === 61 /* = */) {
          if (html.charCodeAt(k + 1) !== 34) return false;
          const close = html.indexOf('"', k + 2);
          if (close < 0 || !isEscapedValue(html, k + 2, close)) return false;
          k = close + 1;
          e = html.charCodeAt(k);
        }
      }
      const top = names.length - 1;
      if (name === 'img' && top >= 0) hasImage[top] = true;
      if (!isVoid) {
        const implied = IMPLIES_CLOSE.get(name);
        if (implied && top >= 0 && implied.has(names[top]!)) return false;
        names.push(name);
        hasText.push(false);
        hasImage.push(false);
      }
      i = k;
      continue;
    }
    // Text up to the next tag.
    let end = html.indexOf('<', i);
    if (end < 0) end = n;
    for (let k = i; k < end; k++) {
      const t = html.charCodeAt(k);
      if (t === 62) return false;
      if (t === 38 && !entityAt(html, k + 1, false)) return false;
    }
    const top = names.length - 1;
    if (top >= 0 && !hasText[top]! && NON_WHITESPACE.test(html.slice(i, end))) hasText[top] = true;
    i = end;
  }
  return names.length === 0;
}

/** What trim() keeps (and the exclusive filter's `text.trim()` tests for); the entities all decode to such. */
const NON_WHITESPACE = /\S/;

function entityAt(html: string, at: number, quote: boolean): boolean {
  return (
    html.startsWith('amp;', at) ||
    html.startsWith('lt;', at) ||
    html.startsWith('gt;', at) ||
    (quote && html.startsWith('quot;', at))
  );
}

/** An attribute value as sanitize-html escapes it: no raw `<` `>`, `&` only in the four entities it writes. */
function isEscapedValue(html: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = html.charCodeAt(k);
    if (t === 60 || t === 62) return false;
    if (t === 38 && !entityAt(html, k + 1, true)) return false;
  }
  return true;
}
