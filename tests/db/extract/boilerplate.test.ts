// Chrome and caption recognizers: their cheap pre-checks must answer exactly as the plain regex definitions do.
import { describe, expect, it } from 'vitest';
import { CHROME_LINES, isCaptionLine, isChromeLine } from '../../../db/extract/boilerplate.js';
import { isWhitespaceCode } from '../../../db/extract/util.js';
import { mulberry32 } from '../../../bench/corpus.js';

// The definitions as they read before the pre-checks were added.
const COOKIE_BANNER =
  /\b(we use cookies|this (web)?site uses cookies|accept (all )?cookies|cookie (policy|settings|preferences|consent)|by continuing to (use|browse))\b/i;
const READ_TIME = /^\d+\s*(min|mins|minute|minutes)\s*(read|listen)$/i;
const BREADCRUMB = /^(\S+( \S+){0,2})( [>›»] \S+( \S+){0,2}){1,5}$/;
function referenceChrome(line: string): boolean {
  const key = line
    .toLowerCase()
    .replace(/[\s:.!›»>|]+$/u, '')
    .trim();
  if (CHROME_LINES.has(key)) return true;
  if (READ_TIME.test(key)) return true;
  if (line.length < 400 && COOKIE_BANNER.test(line)) return true;
  if (line.length < 80 && BREADCRUMB.test(line) && !/[.?!]$/.test(line)) return true;
  return false;
}
function referenceCaption(line: string): boolean {
  if (line.length > 500) return false;
  return (
    /^(photo|photograph|image|picture|pictured|illustration|graphic|caption|source)s?( credits?)?\s*[:|]/i.test(line) ||
    /^(photo |image )?credits?\s*[:|]/i.test(line) ||
    /\bcredits?\s*:\s*$|\b(photo|image) credits?\s*:?\s*$/i.test(line) ||
    /\((AP|AFP|Reuters|Getty Images|EPA|Xinhua|Sputnik|TASS|Bloomberg|Shutterstock)\b[^)]*(photo|\/)[^)]*\)\s*\.?$/i.test(
      line,
    ) ||
    /^\((AP|AFP) Photo\//i.test(line) ||
    /^(photo|photograph|image|illustration)\s+(by|courtesy( of)?)\s+\S/i.test(line) ||
    /\s[/|]\s*(AP|AFP|Reuters|Getty Images|EPA|Shutterstock|Alamy)\s*\.?$/i.test(line)
  );
}

const PIECES = [
  'Menu',
  'MENU',
  'Home',
  'Share',
  'Advertisement',
  'Ad',
  'X',
  'Sign up for our newsletter',
  'Loading...',
  'Read more',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u3000',
  ':',
  '.',
  '!',
  '›',
  '»',
  '>',
  '|',
  '?',
  '5',
  '12 ',
  'min read',
  'minutes listen',
  'We use cookies',
  'cookie policy',
  'By continuing to use',
  'Photo:',
  'Image credit:',
  'Credit:',
  'credits',
  'Photo credit',
  '(AP Photo/Lee)',
  '(Reuters/X)',
  '(AFP Photo/Y)',
  ' / Reuters',
  ' | AP',
  'Alamy',
  '.',
  'photo by Jane',
  'Illustration courtesy of',
  'ΑΣ',
  'İ',
  'Σ.',
  'word',
  'prose text',
  ')',
  '(',
  '/',
  'x'.repeat(60),
  'y'.repeat(390),
  '\ufeff',
  '\u200b',
];

function randomLine(rand: () => number): string {
  let line = '';
  for (let i = 0, n = 1 + Math.floor(rand() * 6); i < n; i++) line += PIECES[Math.floor(rand() * PIECES.length)]!;
  return rand() < 0.7 ? line.trim() : line;
}

describe('boilerplate recognizers', () => {
  it('treat exactly the characters regex \\s and trim treat as whitespace as whitespace', () => {
    const differing: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isWhitespaceCode(c) !== /\s/.test(String.fromCharCode(c))) differing.push(c);
    expect(differing).toEqual([]);
    expect([0x20, 0x09, 0xa0, 0x3000, 0xfeff].every(isWhitespaceCode)).toBe(true);
  });

  it('answer as the plain regex definitions on 50,000 generated lines', () => {
    const rand = mulberry32(3);
    let chrome = 0;
    let captions = 0;
    for (let i = 0; i < 50000; i++) {
      const line = randomLine(rand);
      const expected = referenceChrome(line);
      expect({ line, chrome: isChromeLine(line) }).toEqual({ line, chrome: expected });
      if (expected) chrome++;
      expect({ line, caption: isCaptionLine(line) }).toEqual({ line, caption: referenceCaption(line) });
      if (referenceCaption(line)) captions++;
    }
    expect(chrome).toBeGreaterThan(2500);
    expect(captions).toBeGreaterThan(2500);
  });
});
