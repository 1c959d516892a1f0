// The hand-parsed front matter fast path must return exactly what the `yaml` package returns, or step aside.
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseFlatFrontMatter, splitFrontMatter } from '../../../db/extract/front-matter.js';
import { Corpus, mulberry32 } from '../../../bench/corpus.js';
import { toMarkdown } from '../../../bench/formats.js';

const KEYS = [
  'title',
  'author',
  'url',
  'date',
  'Title',
  'site_name',
  'source-url',
  'tags',
  'null',
  'True',
  'x',
  'y',
  'n',
  'no',
  'constructor',
  'toString',
  'inf',
  'NaN',
  'a1',
  'key with space',
  '_private',
  'über',
  '1',
  'k:',
];
const PLAIN_VALUES = [
  'Plain words',
  'https://example.org/a?b=1&c=2',
  'https://example.org/#frag',
  'a # not a comment',
  'a #comment',
  'ends with colon:',
  'mid: colon',
  'a:b',
  'null',
  'Null',
  'NULL',
  'nULL',
  'true',
  'False',
  'yes',
  'no',
  'on',
  '~',
  '123',
  '-1',
  '+1',
  '0x1F',
  '0o17',
  '1.5',
  '1e3',
  '.inf',
  '-.Inf',
  '.nan',
  'nan',
  'inf',
  '2024-06-19',
  '2024-06-19T10:20:30Z',
  '2024-06-19 10:20:30 +02:00',
  '20240619',
  '2024-6-1',
  'Ana María',
  'Ünïcödé',
  '日本語',
  '- dash',
  '? question',
  '* star',
  '& anchor',
  '! tag',
  '| pipe',
  '> fold',
  '% pct',
  '@ at',
  '` tick',
  'x, y',
  'x [y]',
  'x {y}',
  "it's",
  'say "hi"',
  'back\\slash',
  'trailing space ',
  'two  spaces',
  'a\tb',
  'a - b',
  'C:\\path',
  'e-mail@example.org',
  'x|y',
  'x>y',
  '50% off',
  'Q&A',
  'tab\tinside',
  'nel\u0085x',
  'ls\u2028x',
  'bom\ufeffx',
  'ctrl\u0001x',
  'del\u007fx',
  'é',
  'a:',
  'a: ',
  'a:  b',
  '',
];
const STRING_VALUES = [
  'Quoted "Title"',
  'back\\slash / slash',
  'new\nline',
  'tab\tin',
  'bell\u0007',
  'é ü 日本',
  '🙂 emoji',
  'lone \ud83d surrogate',
  'nul\u0000',
  'c1\u0085',
  '\u2028ls',
  'bom\ufeff',
  "single ' quote",
  '#hash',
  ': colon',
  '',
  ' lead',
  'trail ',
  'del\u007f',
  '\u00a0nbsp',
];

function randomBlock(seed: number): string {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const lines = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => {
    const key = pick(KEYS);
    const r = rand();
    if (r < 0.45) return `${key}: ${pick(PLAIN_VALUES)}`;
    if (r < 0.85) return `${key}: ${JSON.stringify(pick(STRING_VALUES))}`;
    if (r < 0.9) return `${key}: '${pick(PLAIN_VALUES)}'`;
    if (r < 0.95) return `${key}:${pick([' ', '  ', '\t', ''])}${pick(PLAIN_VALUES)}`;
    return pick([
      '# comment',
      '',
      '  indented: x',
      'tags:\n  - a\n  - b',
      'list: [a, b]',
      'map: {a: 1}',
      'folded: >\n  x',
    ]);
  });
  return lines.join(rand() < 0.1 ? '\r\n' : '\n');
}

function yamlResult(text: string): unknown {
  try {
    return YAML.parse(text, { schema: 'core' });
  } catch {
    return 'yaml refuses it';
  }
}

describe('front matter fast path', () => {
  it('returns what yaml returns, on 20,000 generated blocks, whenever it takes a block', () => {
    let taken = 0;
    for (let seed = 1; seed <= 20000; seed++) {
      const text = randomBlock(seed);
      const fast = parseFlatFrontMatter(text);
      if (fast === null) continue;
      taken++;
      expect({ text, data: fast }).toEqual({ text, data: yamlResult(text) });
      expect(Object.keys(fast)).toEqual(Object.keys(yamlResult(text) as object));
    }
    // The generator mixes in plenty the fast path must refuse; it still takes a good share.
    expect(taken).toBeGreaterThan(1000);
  });

  it('takes the front matter that exporters write (as the import benchmark does)', () => {
    const corpus = new Corpus({ seed: 7 });
    for (let i = 0; i < 50; i++) {
      const note = toMarkdown(corpus.article(i));
      const yamlText = /^---\n([\s\S]*?)\n---/.exec(note)![1]!;
      expect(parseFlatFrontMatter(yamlText)).toEqual(YAML.parse(yamlText, { schema: 'core' }));
    }
  });

  it('leaves nested, commented, quoted-with-single-quotes and typed values to yaml', () => {
    for (const text of [
      'tags:\n  - a',
      '# c\ntitle: x',
      "title: 'x'",
      'count: 3',
      'draft: true',
      'title: x # c',
      'title:',
      'a: b\na: c',
    ]) {
      expect(parseFlatFrontMatter(text)).toBeNull();
    }
  });

  it('splits the block off the body, and keeps a block yaml cannot read as a mapping in the body', () => {
    expect(splitFrontMatter('---\ntitle: "A \\"B\\""\nurl: https://x.example/a\n---\n\nBody')).toEqual({
      data: { title: 'A "B"', url: 'https://x.example/a' },
      body: '\nBody',
    });
    expect(splitFrontMatter('---\ntitle: a\ntitle: b\n---\nBody')).toEqual({
      data: {},
      body: '---\ntitle: a\ntitle: b\n---\nBody',
    });
    expect(splitFrontMatter('---\nkeywords:\n  - a\n---\nBody')).toEqual({ data: { keywords: ['a'] }, body: 'Body' });
  });
});
