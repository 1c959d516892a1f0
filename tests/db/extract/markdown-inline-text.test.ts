// The inline-text scan must stop where marked's GFM regex stops, and marked with it must render what marked renders.
import { describe, expect, it } from 'vitest';
import { Lexer, Marked } from 'marked';
import {
  FAST_INLINE_TEXT_APPLIES,
  fastInlineText,
  gfmTextLength,
  InlineRunLexer,
} from '../../../db/extract/markdown-inline-text.js';
import { mulberry32 } from '../../../bench/corpus.js';

// Characters and fragments at which the rule may stop, or nearly stops: syntax starts, URL prefixes, spaces.
const PIECES = [
  'a',
  'b',
  ' ',
  '  ',
  '   ',
  '\n',
  '\t',
  '`',
  '``',
  '~',
  '~~',
  '*',
  '_',
  '\\',
  '<',
  '!',
  '[',
  ']',
  '(',
  ')',
  'h',
  'H',
  'http',
  'HTTPS',
  'hTtP',
  'htt',
  'ftp://',
  'FTP://',
  'ftp:/',
  'ftp',
  'www.',
  'www',
  'WWW.',
  ' www.',
  '(www.',
  '_www.',
  'xwww.',
  '\u00a0www.',
  '\u3000',
  'é',
  '日本',
  '🙂',
  ':',
  '/',
  '.',
  '#',
  '&amp;',
  '\r',
  '\u2028',
  'w',
  '  \n',
  ' \n',
  'x  \n',
];

function randomText(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 30);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)]!;
  return s;
}

describe('GFM inline text scan', () => {
  it('is on for the installed marked', () => {
    expect(FAST_INLINE_TEXT_APPLIES).toBe(true);
  });

  it('stops where the regex stops, on 50,000 generated texts', () => {
    const rule = Lexer.rules.inline.gfm.text;
    const rand = mulberry32(42);
    for (let i = 0; i < 50000; i++) {
      const text = randomText(rand);
      expect({ text, length: gfmTextLength(text) }).toEqual({ text, length: rule.exec(text)![0].length });
    }
  });

  it('leaves text that may hold an e-mail or mailto: autolink to marked', () => {
    const plain = new Marked({ gfm: true, breaks: false, async: false });
    const fast = new Marked({ gfm: true, breaks: false, async: false }).use(fastInlineText);
    for (const md of [
      'Write to ada@example.org today.',
      'See mailto:ada@example.org or xmpp:bob@example.org.',
      'a.b-c@d.e and @handle',
    ]) {
      expect(fast.parse(md)).toBe(plain.parse(md));
    }
  });

  it('gives marked the same tokens and HTML on 3,000 generated Markdown documents', () => {
    const plain = new Marked({ gfm: true, breaks: false, async: false });
    const fast = new Marked({ gfm: true, breaks: false, async: false }).use(fastInlineText);
    const rand = mulberry32(7);
    const blocks = [
      '# ',
      '## ',
      '- ',
      '1. ',
      '> ',
      '```\n',
      '    ',
      '| a | b |\n|---|---|\n| ',
      '',
      '',
      '',
      '***\n',
      '<div>',
      'Text\n===\n',
    ];
    for (let i = 0; i < 3000; i++) {
      const parts: string[] = [];
      for (let b = 0; b < 1 + Math.floor(rand() * 5); b++)
        parts.push(
          blocks[Math.floor(rand() * blocks.length)]! +
            randomText(rand) +
            (rand() < 0.3 ? ' [link](https://x.example/a_b) **bold** _em_ ~~del~~ `code`' : ''),
        );
      const md = parts.join(rand() < 0.7 ? '\n\n' : '\n');
      expect(fast.lexer(md)).toEqual(plain.lexer(md));
      expect(fast.parse(md)).toBe(plain.parse(md));
    }
  });
});

describe('GFM inline text scan over whole inline runs', () => {
  const lex = (md: string) => {
    const fast = new Marked({ gfm: true, breaks: false, async: false }).use(fastInlineText);
    const lexer = new InlineRunLexer(fast.defaults);
    return { tokens: lexer.lex(md), work: lexer.scanWork };
  };

  it('gives the tokens marked gives on 2,000 generated Markdown documents', () => {
    const plain = new Marked({ gfm: true, breaks: false, async: false });
    const rand = mulberry32(11);
    for (let i = 0; i < 2000; i++) {
      const md = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => randomText(rand) + randomText(rand)).join(
        rand() < 0.5 ? '\n\n' : ' *x* ',
      );
      expect(lex(md).tokens).toEqual(plain.lexer(md));
    }
  });

  it('looks at each character a bounded number of times, however many `*` and `_` a paragraph holds', () => {
    // Counted work, not time: with a search to the end of the paragraph per token, these cost n²/2 (over 10^10
    // characters at 256 KB); linear scans stay within a few times the text's length.
    for (const unit of ['*a', '_b ', 'a* b_ ', '`x` ~y~ ', 'www.x http y  \nz ']) {
      for (const size of [16_384, 262_144]) {
        const md = unit.repeat(Math.ceil(size / unit.length));
        const { work } = lex(md);
        expect({ unit, size, perChar: Math.round(work / md.length) }).toMatchObject({ unit, size });
        expect(work / md.length).toBeLessThan(8);
      }
    }
  });
});
