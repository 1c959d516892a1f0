// The table and setext-heading pre-checks may only say "no" where marked's regexes cannot match; output stays marked's.
import { describe, expect, it } from 'vitest';
import { Lexer, Marked } from 'marked';
import {
  FAST_BLOCK_RULES_APPLY,
  fastBlockRules,
  mayBeSetextHeading,
  mayBeTable,
} from '../../../db/extract/markdown-block-rules.js';
import { fastInlineText } from '../../../db/extract/markdown-inline-text.js';
import { mulberry32 } from '../../../bench/corpus.js';

// Lines that are, or nearly are, table rows, delimiter rows, setext underlines, blank lines and other blocks.
const LINES = [
  'Some text',
  'a | b',
  '| a | b |',
  '|---|---|',
  '---|---',
  ':--|--:',
  ' | x |',
  '   |-|',
  '    |-|',
  '-',
  '--',
  '===',
  '=',
  '  ===  ',
  '    ===',
  '   ---',
  '   ==',
  ' -',
  '    -',
  '- item',
  '1. item',
  '> quote',
  '# heading',
  '```',
  '<div>',
  '',
  ' ',
  '\t',
  'text\r',
  'a\u2028b',
  '***',
  '___',
  '| 1 | 2 |',
  'plain words here',
  '= not',
  '-- dash',
  ':',
  '|',
];

function randomDoc(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 8);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(LINES[Math.floor(rand() * LINES.length)]!);
  return lines.join('\n') + (rand() < 0.5 ? '\n' : '');
}

describe('marked block rule pre-checks', () => {
  it('are on for the installed marked', () => {
    expect(FAST_BLOCK_RULES_APPLY).toBe(true);
  });

  it('never rule out a table or setext heading the regexes find, on 50,000 generated sources', () => {
    const { table, lheading } = Lexer.rules.block.gfm;
    const rand = mulberry32(11);
    let tables = 0;
    let headings = 0;
    for (let i = 0; i < 50000; i++) {
      const src = randomDoc(rand);
      if (table.exec(src)) {
        tables++;
        expect({ src, table: mayBeTable(src) }).toEqual({ src, table: true });
      }
      if (lheading.exec(src)) {
        headings++;
        expect({ src, heading: mayBeSetextHeading(src) }).toEqual({ src, heading: true });
      }
    }
    expect(tables).toBeGreaterThan(1000);
    expect(headings).toBeGreaterThan(1000);
  });

  it('rule out the common case: prose paragraphs', () => {
    const prose = 'A paragraph of prose that goes on.\n\nAnother paragraph follows it.\n';
    expect(mayBeTable(prose)).toBe(false);
    expect(mayBeSetextHeading(prose)).toBe(false);
    expect(mayBeSetextHeading('Title\n===\n')).toBe(true);
    expect(mayBeTable('a | b\n|---|---|\n')).toBe(true);
  });

  it('give marked the same tokens and HTML on 5,000 generated documents', () => {
    const plain = new Marked({ gfm: true, breaks: false, async: false });
    const fast = new Marked({ gfm: true, breaks: false, async: false }).use(fastInlineText).use(fastBlockRules);
    const rand = mulberry32(5);
    for (let i = 0; i < 5000; i++) {
      const md = randomDoc(rand);
      expect(fast.lexer(md)).toEqual(plain.lexer(md));
      expect(fast.parse(md)).toBe(plain.parse(md));
    }
  });
});
