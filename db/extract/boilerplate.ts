// Recognizers for lines that are page chrome (navigation, ads, cookie banners) or image captions/credits.
import { isWhitespaceCode } from './util.js';

/** Whole lines that are navigation remnants when a page is copied as text. Compared case-insensitively. */
export const CHROME_LINES: ReadonlySet<string> = new Set([
  'skip to content',
  'skip to main content',
  'skip to navigation',
  'skip to main navigation',
  'skip to footer',
  'skip to search',
  'skip navigation',
  'jump to content',
  'jump to navigation',
  'main menu',
  'menu',
  'open menu',
  'close menu',
  'toggle menu',
  'toggle navigation',
  'navigation',
  'home',
  'search',
  'open search',
  'close',
  'advertisement',
  'advertisment',
  'ad',
  'sponsored',
  'sponsored content',
  'share',
  'share this',
  'share this article',
  'share this story',
  'share on facebook',
  'share on twitter',
  'share on x',
  'share on linkedin',
  'share via email',
  'facebook',
  'twitter',
  'x',
  'linkedin',
  'whatsapp',
  'reddit',
  'email',
  'print',
  'copy link',
  'link copied',
  'subscribe',
  'subscribe now',
  'sign in',
  'sign up',
  'log in',
  'login',
  'register',
  'my account',
  'newsletter',
  'sign up for our newsletter',
  'follow us',
  'back to top',
  'return to top',
  'read more',
  'continue reading',
  'related',
  'related articles',
  'related stories',
  'more stories',
  'recommended',
  'most popular',
  'trending',
  'comments',
  'show comments',
  'hide comments',
  'listen to this article',
  'listen',
  'save',
  'save article',
  'gift this article',
  'accept',
  'accept all',
  'reject all',
  'manage cookies',
  'cookie settings',
  'got it',
  'loading...',
  'loading',
  'view comments',
  'leave a comment',
  'donate',
  'support us',
]);

const COOKIE_BANNER =
  /\b(we use cookies|this (web)?site uses cookies|accept (all )?cookies|cookie (policy|settings|preferences|consent)|by continuing to (use|browse))\b/i;
const READ_TIME = /^\d+\s*(min|mins|minute|minutes)\s*(read|listen)$/i;
// "Home › World › Asia": only arrow-like separators, so "Photo: Jane Doe / Reuters" is not taken for one.
const BREADCRUMB = /^(\S+( \S+){0,2})( [>›»] \S+( \S+){0,2}){1,5}$/;

/** The longest entry: a line whose key is longer cannot be one (lowercasing never shortens a string). */
const LONGEST_CHROME_LINE = Math.max(...[...CHROME_LINES].map((l) => l.length));
// Every COOKIE_BANNER alternative holds one of these words, so a line without them skips the slower regex.
const COOKIE_HINT = /cookie|by continuing to/i;

/** True for the characters CHROME_KEY_END strips from the end of a line: whitespace and `:.!›»>|`. */
function isKeyEndNoise(code: number): boolean {
  return (
    isWhitespaceCode(code) ||
    code === 0x3a ||
    code === 0x2e ||
    code === 0x21 ||
    code === 0x203a ||
    code === 0xbb ||
    code === 0x3e ||
    code === 0x7c
  );
}

/**
 * The line without trailing `[\s:.!›»>|]` and leading whitespace; lowercased, it is the key CHROME_LINES is
 * keyed by (the same as `line.toLowerCase().replace(/[\s:.!›»>|]+$/u, '').trim()`: lowercasing maps no
 * character into or out of those, and its only context rule, the final sigma, ignores them), found without
 * lowercasing or regex-scanning the long lines of prose that can never be chrome.
 */
function chromeCore(line: string): string {
  let end = line.length;
  while (end > 0 && isKeyEndNoise(line.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end && isWhitespaceCode(line.charCodeAt(start))) start++;
  return line.slice(start, end);
}

function startsWithDigit(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 0x30 && c <= 0x39;
}

/** True when a line (already trimmed) is page chrome rather than article text. */
export function isChromeLine(line: string): boolean {
  const core = chromeCore(line);
  if (core.length <= LONGEST_CHROME_LINE && CHROME_LINES.has(core.toLowerCase())) return true;
  // READ_TIME starts with a digit, and lowercasing makes no digits.
  if (startsWithDigit(core) && READ_TIME.test(core.toLowerCase())) return true;
  if (line.length < 400 && COOKIE_HINT.test(line) && COOKIE_BANNER.test(line)) return true;
  if (line.length < 80 && hasBreadcrumbArrow(line) && BREADCRUMB.test(line) && !/[.?!]$/.test(line)) return true;
  return false;
}

function hasBreadcrumbArrow(line: string): boolean {
  return line.includes('>') || line.includes('›') || line.includes('»');
}

// "Photo:", "Image credit:", "Caption |" ... a label and a delimiter; a bare "Image recognition is" is prose.
const CAPTION_START =
  /^(photo|photograph|image|picture|pictured|illustration|graphic|caption|source)s?( credits?)?\s*[:|]/i;
const CREDIT_START = /^(photo |image )?credits?\s*[:|]/i;
// A caption copied without its (image-hosted) credit text ends in a dangling "Credit:".
const CREDIT_END = /\bcredits?\s*:\s*$|\b(photo|image) credits?\s*:?\s*$/i;
// "(AP Photo/Lee Jin-man)", "(Reuters/Maxim Shemetov)": an agency name with a photographer, at the end.
const AGENCY_CREDIT =
  /\((AP|AFP|Reuters|Getty Images|EPA|Xinhua|Sputnik|TASS|Bloomberg|Shutterstock)\b[^)]*(photo|\/)[^)]*\)\s*\.?$/i;
const PHOTO_BY = /^(photo|photograph|image|illustration)\s+(by|courtesy( of)?)\s+\S/i;
const WIRE_SUFFIX = /\s[/|]\s*(AP|AFP|Reuters|Getty Images|EPA|Shutterstock|Alamy)\s*\.?$/i;

/** The index just past the last non-whitespace character before `end`. */
function trimmedEnd(line: string, end = line.length): number {
  while (end > 0 && isWhitespaceCode(line.charCodeAt(end - 1))) end--;
  return end;
}

/** CREDIT_END can only match a line ending (before whitespace) in ":" or in "credit"/"credits". */
function mayEndInCredit(line: string): boolean {
  const c = line.charCodeAt(trimmedEnd(line) - 1);
  return c === 0x3a || c === 0x74 || c === 0x54 || c === 0x73 || c === 0x53; // : t T s S
}

/** AGENCY_CREDIT can only match a line ending in ")", then optional whitespace, then an optional ".". */
function mayEndInParenthesis(line: string): boolean {
  const end = line.endsWith('.') ? line.length - 1 : line.length;
  return line.charCodeAt(trimmedEnd(line, end) - 1) === 0x29;
}

/**
 * True when a line is an image caption or photo credit (kept, but marked as such). The anchored patterns fail
 * at the first character; the others scan the whole line, so a constant-time check on its end or a search
 * for a character they need comes first (this runs on every line of every clipping).
 */
export function isCaptionLine(line: string): boolean {
  if (line.length > 500) return false;
  return (
    CAPTION_START.test(line) ||
    CREDIT_START.test(line) ||
    (mayEndInCredit(line) && CREDIT_END.test(line)) ||
    (mayEndInParenthesis(line) && AGENCY_CREDIT.test(line)) ||
    /^\((AP|AFP) Photo\//i.test(line) ||
    PHOTO_BY.test(line) ||
    ((line.includes('/') || line.includes('|')) && WIRE_SUFFIX.test(line))
  );
}
