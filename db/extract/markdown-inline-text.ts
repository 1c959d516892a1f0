// marked's GFM inline-text rule as a character scan: the same token, ~10x cheaper, for text with no e-mail autolink.
import { Lexer, Tokenizer, type MarkedExtension, type Tokens } from 'marked';
import { isWhitespaceCode } from './util.js';

/**
 * The rule this scan reproduces (marked 18). A marked release that changes it turns the fast path off rather
 * than make it wrong.
 */
const GFM_TEXT_SOURCE =
  String.raw`^(?:[^a-zA-Z0-9](?=(?:mailto|xmpp):)|(` +
  '`' +
  String.raw`+|~+|[^` +
  '`' +
  String.raw`~])(?:(?=[` +
  '`' +
  String.raw`~])|(?= {2,}\n)|(?=[a-zA-Z0-9.!#$%&'*+\/=?_` +
  '`' +
  String.raw`{\|}~-]+@)|[\s\S]*?(?:(?=[\\<!\[` +
  '`' +
  String.raw`*~_]|\b_|[hH][tT][tT][pP][sS]?|[fF][tT][pP]:\/\/|(?<![^\s*_~(])www\.|$)|[^ ](?= {2,}\n)|[^a-zA-Z0-9](?=(?:mailto|xmpp):)|[^a-zA-Z0-9.!#$%&'*+\/=?_` +
  '`' +
  String.raw`{\|}~-](?=[a-zA-Z0-9.!#$%&'*+\/=?_` +
  '`' +
  String.raw`{\|}~-]+@))))`;
const GFM_TEXT = Lexer.rules.inline.gfm.text;
export const FAST_INLINE_TEXT_APPLIES = GFM_TEXT.source === GFM_TEXT_SOURCE && GFM_TEXT.flags === '';

const BACKTICK = 0x60;
const TILDE = 0x7e;
const SPACE = 0x20;
const NEWLINE = 0x0a;

/** `(?= {2,}\n)` at i. */
function spacesThenNewline(src: string, i: number): boolean {
  let j = i;
  while (src.charCodeAt(j) === SPACE) j++;
  return j - i >= 2 && src.charCodeAt(j) === NEWLINE;
}

// Where the rule may stop: a character that may start other syntax (`[\\<!\[`*~_]`; `\b_` needs `_`, so it
// is covered too), "http", "ftp://" or "www." (stops only after a space or `*_~(`). One regex scan finds the
// first; runs of two or more spaces before a newline (it stops where the run starts) are found apart, as
// spaces are too common a character to be where that scan looks more closely.
const MAY_STOP = /[\\<![`*~_]|[hH][tT][tT][pP]|[fF][tT][pP]:\/\/|www\./g;

/**
 * Length of the GFM text rule's match at the start of `src`, for `src` holding no "@", "mailto:" or "xmpp:"
 * (the alternatives that need those can then never match, so what is left is scanned here). The rule takes a
 * run of backticks, a run of tildes or one character, then stops before a character that may start other
 * syntax, before "http"/"ftp://" or a "www." after a space or `*_~(`, at the end, or after a character that
 * two or more spaces and a newline follow. tests/db/extract/markdown-inline-text.test.ts compares it with
 * the regex.
 */
export function gfmTextLength(src: string): number {
  const length = src.length;
  const first = src.charCodeAt(0);
  let p = 1;
  if (first === BACKTICK || first === TILDE) while (p < length && src.charCodeAt(p) === first) p++;
  if (p < length && (src.charCodeAt(p) === BACKTICK || src.charCodeAt(p) === TILDE)) return p;
  if (spacesThenNewline(src, p)) return p;
  // The first run of 2+ spaces and a newline after p starts after a non-space: the rule stops there at the latest.
  let limit = src.indexOf('  \n', p);
  if (limit === -1) limit = length;
  else while (limit > p && src.charCodeAt(limit - 1) === SPACE) limit--;
  MAY_STOP.lastIndex = p;
  for (let m = MAY_STOP.exec(src); m && m.index < limit; m = MAY_STOP.exec(src)) {
    const at = m.index;
    if (m[0] !== 'www.') return at;
    const before = src.charCodeAt(at - 1); // at >= 1: the first character is always taken
    if (isWhitespaceCode(before) || before === 0x2a || before === 0x5f || before === TILDE || before === 0x28)
      return at;
    MAY_STOP.lastIndex = at + 1;
  }
  return limit;
}

function mayHoldEmailAutolink(src: string): boolean {
  return src.includes('@') || src.includes('mailto:') || src.includes('xmpp:');
}

// What marked's own inlineText is handed as `this`: a "rule" whose exec returns the scanned match. Reused, so
// that no objects or closures are made per text token.
const scanned: [string] = [''];
const view = {
  rules: { inline: { text: { exec: (): [string] => scanned } } },
  lexer: null as Tokenizer['lexer'] | null,
};

/**
 * A marked extension replacing the inline-text regex by gfmTextLength where that is exact; the token itself is
 * still built by marked's own inlineText, so it is the same object marked makes.
 */
export const fastInlineText: MarkedExtension = {
  tokenizer: {
    inlineText(this: Tokenizer, src: string): Tokens.Text | undefined | false {
      if (!FAST_INLINE_TEXT_APPLIES || this.rules.inline.text !== GFM_TEXT || mayHoldEmailAutolink(src)) return false;
      scanned[0] = src.slice(0, gfmTextLength(src));
      view.lexer = this.lexer;
      try {
        return Tokenizer.prototype.inlineText.call(view as unknown as Tokenizer, src);
      } finally {
        view.lexer = null;
        scanned[0] = '';
      }
    },
  },
};
