// marked's GFM inline-text rule as a character scan: the same token, ~10x cheaper, for text with no e-mail autolink.
import { Lexer, Tokenizer, type MarkedExtension, type Token, type Tokens } from 'marked';
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
 * The text the scans run over, with the answers of its forward searches kept. marked hands inlineText what is
 * left of one inline run (a suffix of it) once per token: searching that suffix to its end for each token ("is
 * there an @ anywhere after here?", "where is the next double space and newline?") made a paragraph of many
 * `*` or `_` cost quadratic time (256 KB took 7 s). Asked of the whole run instead, each search is made once
 * per position it passes: a forward search from `from` that found `at` answers every later question from a
 * position up to `at`, and questions come in increasing positions while marked walks the run.
 */
class ScanText {
  private breakFrom = -1;
  private breakAt = -1;
  private stopFrom = -1;
  private stopAt = -1;
  private stopText = '';
  private emailMark: number | null = null;
  /** Characters the searches looked at: tests hold this to a multiple of the text's length. */
  work = 0;

  constructor(readonly text: string) {}

  /** Start of the first "  \n" at or after `from`, or -1. */
  nextBreak(from: number): number {
    if (this.breakFrom < 0 || from < this.breakFrom || (this.breakAt >= 0 && from > this.breakAt)) {
      const at = this.text.indexOf('  \n', from);
      this.work += (at < 0 ? this.text.length : at + 3) - from;
      this.breakFrom = from;
      this.breakAt = at;
    }
    return this.breakAt;
  }

  /** The first MAY_STOP match at or after `from`: its index (or -1) and text. */
  nextStop(from: number): [number, string] {
    if (this.stopFrom < 0 || from < this.stopFrom || (this.stopAt >= 0 && from > this.stopAt)) {
      MAY_STOP.lastIndex = from;
      const m = MAY_STOP.exec(this.text);
      this.work += (m ? m.index + m[0].length : this.text.length) - from;
      this.stopFrom = from;
      this.stopAt = m ? m.index : -1;
      this.stopText = m ? m[0] : '';
    }
    return [this.stopAt, this.stopText];
  }

  /** True when the text from `from` on holds "@", "mailto:" or "xmpp:" (an e-mail autolink may start there). */
  mayHoldEmailFrom(from: number): boolean {
    if (this.emailMark === null) {
      // Where the last of them starts: the suffix from `from` holds one exactly when that is at or after `from`.
      this.emailMark = Math.max(
        this.text.lastIndexOf('@'),
        this.text.lastIndexOf('mailto:'),
        this.text.lastIndexOf('xmpp:'),
      );
      this.work += this.text.length;
    }
    return this.emailMark >= from;
  }
}

/**
 * Length of the GFM text rule's match at `offset` in `scan.text`, for text holding no "@", "mailto:" or "xmpp:"
 * from there on (the alternatives that need those can then never match, so what is left is scanned here). The
 * rule takes a run of backticks, a run of tildes or one character, then stops before a character that may start
 * other syntax, before "http"/"ftp://" or a "www." after a space or `*_~(`, at the end, or after a character that
 * two or more spaces and a newline follow.
 */
function textLengthAt(scan: ScanText, offset: number): number {
  const src = scan.text;
  const length = src.length;
  const first = src.charCodeAt(offset);
  let p = offset + 1;
  if (first === BACKTICK || first === TILDE) while (p < length && src.charCodeAt(p) === first) p++;
  if (p < length && (src.charCodeAt(p) === BACKTICK || src.charCodeAt(p) === TILDE)) return p - offset;
  if (spacesThenNewline(src, p)) return p - offset;
  // The first run of 2+ spaces and a newline after p starts after a non-space: the rule stops there at the latest.
  let limit = scan.nextBreak(p);
  if (limit === -1) limit = length;
  else while (limit > p && src.charCodeAt(limit - 1) === SPACE) limit--;
  for (let [at, text] = scan.nextStop(p); at >= 0 && at < limit; [at, text] = scan.nextStop(at + 1)) {
    if (text !== 'www.') return at - offset;
    const before = src.charCodeAt(at - 1); // at > offset: the first character is always taken
    if (isWhitespaceCode(before) || before === 0x2a || before === 0x5f || before === TILDE || before === 0x28)
      return at - offset;
  }
  return limit - offset;
}

/**
 * Length of the GFM text rule's match at the start of `src`, for `src` holding no "@", "mailto:" or "xmpp:".
 * tests/db/extract/markdown-inline-text.test.ts compares it with the regex.
 */
export function gfmTextLength(src: string): number {
  return textLengthAt(new ScanText(src), 0);
}

/**
 * The inline runs marked is lexing, innermost last (an emphasis lexes its own content inside its run). inlineText
 * is only ever called from marked's inline loop, on what is left of the innermost run: a suffix of it.
 */
const runs: ScanText[] = [];

/**
 * marked's Lexer, telling the fast path which inline run it is in, so the scans' answers carry over from token to
 * token (see ScanText). Lexes exactly as marked's own: `new InlineRunLexer(marked.defaults).lex(src)` is what
 * `marked.lexer(src)` does, plus that.
 */
export class InlineRunLexer extends Lexer {
  /** Characters the fast path's searches looked at in this lexer's runs (tests hold this to the text's length). */
  scanWork = 0;

  override inlineTokens(src: string, tokens?: Token[]): Token[] {
    const scan = new ScanText(src);
    runs.push(scan);
    try {
      return super.inlineTokens(src, tokens);
    } finally {
      runs.pop();
      this.scanWork += scan.work;
    }
  }
}

/** Where `src` starts in the innermost run being lexed, or -1 when it is not lexed by an InlineRunLexer. */
function offsetInRun(src: string): number {
  const run = runs[runs.length - 1];
  if (!run || src.length > run.text.length) return -1;
  const offset = run.text.length - src.length;
  // A cheap check that `src` is that suffix; it always is when marked's inline loop is the caller.
  return run.text.charCodeAt(offset) === src.charCodeAt(0) ? offset : -1;
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
      if (!FAST_INLINE_TEXT_APPLIES || this.rules.inline.text !== GFM_TEXT) return false;
      const offset = offsetInRun(src);
      // Outside an InlineRunLexer (marked.lexer itself), each token scans its own suffix: correct, not linear.
      const scan = offset >= 0 ? runs[runs.length - 1]! : new ScanText(src);
      const at = offset >= 0 ? offset : 0;
      if (scan.mayHoldEmailFrom(at)) return false;
      scanned[0] = src.slice(0, textLengthAt(scan, at));
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
