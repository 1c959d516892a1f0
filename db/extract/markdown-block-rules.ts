// Cheap necessary conditions in front of marked's GFM table and setext-heading regexes, which run on every block.
import crypto from 'node:crypto';
import { Lexer, type MarkedExtension } from 'marked';
import { isWhitespaceCode } from './util.js';

const SPACE = 0x20;
const NEWLINE = 0x0a;

const gfm = Lexer.rules.block.gfm;
const digest = (re: RegExp): string =>
  crypto.createHash('sha256').update(`${re.source}/${re.flags}`).digest('hex').slice(0, 16);
/** The reasoning below is about marked 18's rules; a release that changes them turns these checks off. */
export const FAST_BLOCK_RULES_APPLY =
  digest(gfm.lheading) === '47ca64674a371cb5' && digest(gfm.table) === '1bef9fe929b65318';

/**
 * Whether the setext-heading rule can match at the start of `src`. Its text may run over single newlines
 * (a newline that does not open a blank line) and must then be followed by `\n {0,3}(=+|-+)`; so an underline
 * has to come before the first blank line. (The text also stops at \r, U+2028 and U+2029, which `.` does not
 * take; ignoring that only lets more through to marked.) Newline to newline with indexOf: prose has few.
 */
export function mayBeSetextHeading(src: string): boolean {
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) {
    let j = i + 1;
    while (j < i + 4 && src.charCodeAt(j) === SPACE) j++;
    const c = src.charCodeAt(j);
    if (c === 0x3d || c === 0x2d) return true; // = -
    let k = i + 1;
    while (k < src.length && src.charCodeAt(k) !== NEWLINE && isWhitespaceCode(src.charCodeAt(k))) k++;
    if (src.charCodeAt(k) === NEWLINE) return false; // a blank line: the heading text cannot run past it
  }
  return false;
}

/**
 * Whether the GFM table rule can match at the start of `src`: its header row holds no newline, so the first
 * newline must be followed by at most three spaces and the delimiter row's first character: `|`, `:` or `-`.
 */
export function mayBeTable(src: string): boolean {
  const newline = src.indexOf('\n');
  if (newline === -1) return false;
  let i = newline + 1;
  while (i < newline + 4 && src.charCodeAt(i) === SPACE) i++;
  const c = src.charCodeAt(i);
  return c === 0x7c || c === 0x3a || c === 0x2d;
}

/**
 * A marked extension that answers "no table / no setext heading here" without running those regexes when the
 * checks above rule them out, and leaves every other case to marked (returning false hands over to it).
 */
export const fastBlockRules: MarkedExtension = {
  tokenizer: {
    table(src: string): undefined | false {
      return FAST_BLOCK_RULES_APPLY && !mayBeTable(src) ? undefined : false;
    },
    lheading(src: string): undefined | false {
      return FAST_BLOCK_RULES_APPLY && !mayBeSetextHeading(src) ? undefined : false;
    },
  },
};
