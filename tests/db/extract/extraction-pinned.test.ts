// Pins what the text and Markdown importers produce (title, metadata, html, text, excerpt, word count), so speed work cannot change it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCapture, type NormalizedCapture } from '../../../db/extract/index.js';
import { Corpus, mulberry32 } from '../../../bench/corpus.js';
import { textFile } from '../../../bench/formats.js';
import { SAMPLE_CLIPPING } from '../../helpers/archive.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/importers');

// Clipping dates without a zone ("May 3, 2024") are read in local time: pin the zone so the snapshots hold anywhere.
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

/** Everything a reader sees of a capture; asset bytes are summarized by their hash. */
function visible(c: NormalizedCapture): Record<string, unknown> {
  const { assets, ...rest } = c;
  return {
    ...rest,
    assets: assets.map((a) => ({ sha256: a.sha256, mediaType: a.mediaType, originalRef: a.originalRef })),
  };
}

async function extract(
  content: string | Uint8Array,
  fileName: string,
  filePath?: string,
): Promise<Record<string, unknown>> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  try {
    return visible(await extractCapture({ bytes, fileName, ...(filePath ? { filePath } : {}) }));
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

/** One short digest for many generated files: the snapshot stays small, and any changed byte shows. */
async function digestOf(files: Array<{ content: string; name: string }>): Promise<string> {
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(JSON.stringify(await extract(f.content, f.name))).update('\n');
  return hash.digest('hex');
}

const HAND_CLIPPINGS: Record<string, string> = {
  header: [
    'https://news.example.org/2024/05/river',
    'Menu',
    '',
    'Home',
    '',
    'The River That Ran Backwards',
    '',
    'By Ada Lovelace and Grace Hopper',
    '',
    'May 3, 2024',
    '',
    'Advertisement',
    '',
    'For one week in spring the river turned around.',
    '',
    'We use cookies to improve your experience. Accept all cookies',
    '',
    'Photo: Jane Doe / Reuters',
    '',
    'Nobody could explain it, and nobody tried very hard.',
    '',
    'Share',
    '',
  ].join('\n'),
  chrome: [
    'www.example.com/a/b',
    '',
    'Skip to main content:',
    '',
    'Home › World › Asia',
    '',
    'Home > News',
    '',
    'A Headline With Chrome Around It',
    '',
    'Published: 2023-11-02 14:05',
    '',
    '5 min read',
    '',
    'SHARE THIS ARTICLE!',
    '',
    'Toggle navigation |',
    '',
    'The first paragraph of the story. It has two sentences.',
    '',
    'Image credit: NASA',
    'Illustration by Somebody',
    '',
    'Seoul, South Korea (AP Photo/Lee Jin-man)',
    '',
    'A boat on the river / Reuters',
    '',
    'Picture of the harbour Credit:',
    '',
    'Second paragraph, which mentions cookie policy in passing but is long enough to be prose that stays in the text of the article.',
    '',
    'Loading...',
    '',
    'Read more »',
    '',
    'Back to top',
    '',
  ].join('\n'),
  wrapped:
    'Letter\n\nThis paragraph was wrapped at sixty characters by an old\nmail program, and it should read as one flowing paragraph\nagain.\n\n- a list item that is also somewhat long, forty chars\n- and another list item that is forty chars long too\n\n1) numbered line that is long enough to be wrapped prose\n2) second numbered line of similar length to the first\n',
  poem: 'A Poem\n\nRoses are red,\nViolets are blue,\nSugar is sweet,\nAnd so are you.\n',
  noBlanks: 'A Short Title\nFirst line of the body.\nSecond line of the body.\nAdvertisement\nPhoto: someone\n',
  longStart: `${'The committee met on Tuesday to discuss the budget. '.repeat(6)}\n\nSecond paragraph.`,
  markup: 'Title here\n\nUse <script>alert(1)</script> & <b>tags</b> carefully. "Quotes" and \'apostrophes\'.',
  lineEnds:
    'Windows Title\r\n\r\nLine one of the paragraph\r\nline two\r\rOld Mac line\u2028after line separator\u2029after paragraph separator\fafter form feed\n',
  whitespace:
    '\ufeffTitle\twith\u00a0odd  spacing\u200b\n\n \t Paragraph\u00a0\u00a0with\t\ttabs and  double  spaces.\u00a0\n\n\u3000Ideographic space paragraph。Second sentence！\n',
  controls:
    'Control Title\n\nText with a carriage\rreturn, a \u0085 next line, a \u0001 control and a \u007f delete.\n\nMore.',
  onlyChrome: 'Menu\n\nHome\n\nShare\n',
  onlyTitle: 'Just A Title\n',
  dates: 'Dated Story\n\nUpdated: Tue, 4 Jun 2024 at 9.30 pm EST\n\nBody paragraph one.\n\nBody two.',
  bylines: 'Story Title\n\nvon Hans Müller und Erika Mustermann\n\nby lowercase name\n\nBody text here.',
  numbersOnly: '12345\n\n67890 is a number paragraph.',
  hugeLine: `Huge\n\n${'word '.repeat(3000)}\n\n${'Advertisement '.repeat(50)}\n`,
  captions:
    'Captions Story\n\nPhoto: A\nImage: B\nCaption | C\n\nPhotos credits: D\n\nPHOTO BY JANE\n\n(AFP Photo/Someone) at the start\n\nBody.',
};

const MARKDOWN_NOTES: Record<string, string> = {
  plainFront:
    '---\ntitle: Plain Title\nauthor: Jane Doe\nurl: https://example.org/a\ndate: 2024-06-19\n---\n\nBody *text* here with enough words to be an excerpt source.\n',
  jsonFront:
    '---\ntitle: "Quoted \\"Title\\" with \\u00e9 and \\\\ slash \\/ ok"\nauthor: "Ana María"\nsite: "Site: With Colon"\nurl: https://example.org/b?x=1&y=2\ndate: 2024-06-19T10:20:30Z\n---\n\n# Heading\n\nPara.\n',
  noTitle:
    '---\nauthor: Someone\n---\n\n# The *Real* [Title](https://x.example)\n\nBody paragraph with **bold** and `code`.\n',
  noFront: '# Only Heading\n\nText after heading.\n\n- list\n- items\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
  hrTop: '---\n\nNot front matter, a rule.\n\n---\n\nMore text.\n',
  badYaml: '---\ntitle: [unclosed\n---\n\nBody.\n',
  scalarYaml: '---\njust a string\n---\n\nBody text.\n',
  typed:
    '---\ntitle: 123\ndraft: true\nempty:\nnothing: null\ntags: one, two; #three\nkeywords:\n  - alpha\n  - beta\nlanguage: EN_gb\ndescription: >\n  Folded\n  description\n---\n\nBody.\n',
  comments: "---\n# a comment\ntitle: Commented # trailing comment\nauthor: 'Single quoted''s'\n---\n\nBody.\n",
  dotsEnd: '---\ntitle: Dots End\n...\nBody right after.\n',
  crlf: '---\r\ntitle: CRLF Title\r\nauthor: Win User\r\n---\r\n\r\nBody with CRLF.\r\n',
  bom: '\ufeff---\ntitle: BOM Title\n---\n\nBody.\n',
  dupKey: '---\ntitle: First\ntitle: Second\n---\n\nBody.\n',
  anchors: '---\nbase: &b Anchored\ntitle: *b\n---\n\nBody.\n',
  empty: '---\ntitle: Nothing Here\n---\n\n',
  images: '---\ntitle: Pics\n---\n\n![Alt](pixel.png)\n\n![Remote](https://cdn.example/x.png)\n\nText.\n',
  weirdKeys: '---\nTitle: Capital Key\n"url": "https://example.org/q"\nsource name: x\nkey:value\n---\n\nBody.\n',
  dateForms: "---\ntitle: Dates\ndate: 2024-06-19 10:20:30 +02:00\npublished: '2001-02-03'\n---\n\nBody.\n",
};

/** Markdown built from random pieces: headings, emphasis, links, lists, code, quotes, tables, raw HTML. */
function randomMarkdown(seed: number): string {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = [
    'river',
    'Ünïcödé',
    '*em*',
    '**strong**',
    '`code`',
    '[link](https://e.example/a)',
    '<b>raw</b>',
    '&amp;',
    '日本語',
    '~~del~~',
    '\\*',
    '_under_',
    'https://auto.example',
  ];
  const line = (): string => Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pick(words)).join(' ');
  const blocks = Array.from({ length: 1 + Math.floor(rand() * 8) }, () =>
    pick([
      () => `${'#'.repeat(1 + Math.floor(rand() * 3))} ${line()}`,
      () => line(),
      () => `${line()}\n${line()}`,
      () => `- ${line()}\n- ${line()}`,
      () => `> ${line()}`,
      () => `\`\`\`\n${line()}\n\`\`\``,
      () => `| a | b |\n|---|---|\n| ${pick(words)} | ${pick(words)} |`,
      () => `<div>${line()}</div>`,
    ])(),
  );
  const front =
    rand() < 0.5
      ? `---\ntitle: ${JSON.stringify(line())}\nauthor: ${pick(['Jane', '"Doe, J."', 'null'])}\n---\n\n`
      : '';
  return `${front}${blocks.join('\n\n')}\n`;
}

/** Clippings built from random pieces, with chrome, captions, dates and odd whitespace among the paragraphs. */
function randomClipping(seed: number): string {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const pieces = [
    'word',
    'Ünïcödé',
    '&amp;',
    '<b>x</b>',
    '"q"',
    "it's",
    '\u00a0',
    '\t',
    '日本語',
    '🙂',
    'x'.repeat(45),
    'end.',
    'Menu',
    'Photo:',
    'Credit:',
    '/ Reuters',
    '›',
    '2024',
  ];
  const line = (): string =>
    Array.from({ length: 1 + Math.floor(rand() * 16) }, () => pick(pieces)).join(pick([' ', '  ', ' \t']));
  const blocks = Array.from({ length: 1 + Math.floor(rand() * 10) }, () =>
    pick([
      () => line(),
      () => `${line()}\n${line()}\n${line()}`,
      () =>
        pick([
          'Advertisement',
          'Share this',
          'Photo: Jane Doe',
          'By John Smith',
          'June 1, 2024',
          '3 min read',
          'Home › News',
          '- item one here\n- item two',
        ]),
    ])(),
  );
  return `${blocks.join(rand() < 0.2 ? '\n' : '\n\n')}\n`;
}

describe('text clipping output is pinned', () => {
  it('the sample clipping', async () => {
    const c = await extract(fs.readFileSync(SAMPLE_CLIPPING), 'sample.txt');
    expect(c.title).toBe('Putin Begins His Two-Day North Korean Visit, Signs Partnership Agreement');
    expect(c).toMatchSnapshot();
  });

  it.each(['utf8-bom.txt', 'windows-1251-clipping.txt'])('fixture %s', async (name) => {
    expect(await extract(fs.readFileSync(path.join(FIXTURES, name)), name)).toMatchSnapshot();
  });

  it.each(Object.keys(HAND_CLIPPINGS))('hand-made clipping %s', async (name) => {
    expect(await extract(HAND_CLIPPINGS[name]!, `${name}.txt`)).toMatchSnapshot();
  });

  it('400 random clippings and 60 bench corpus clippings', async () => {
    const random = Array.from({ length: 400 }, (_, i) => ({ content: randomClipping(i + 1), name: `r${i}.txt` }));
    const corpus = new Corpus({ seed: 20240601 });
    const bench = Array.from({ length: 60 }, (_, i) => ({
      content: textFile('txt', corpus.article(i)).content,
      name: `${i}.txt`,
    }));
    expect({ random: await digestOf(random), bench: await digestOf(bench) }).toMatchSnapshot();
  });
});

describe('Markdown output is pinned', () => {
  it.each(['notes.md', 'heading-only.md'])('fixture %s', async (name) => {
    const file = path.join(FIXTURES, name);
    expect(await extract(fs.readFileSync(file), name, file)).toMatchSnapshot();
  });

  it.each(Object.keys(MARKDOWN_NOTES))('hand-made note %s', async (name) => {
    expect(await extract(MARKDOWN_NOTES[name]!, `${name}.md`, path.join(FIXTURES, `${name}.md`))).toMatchSnapshot();
  });

  it('300 random notes and 60 bench corpus notes', async () => {
    const random = Array.from({ length: 300 }, (_, i) => ({ content: randomMarkdown(i + 1), name: `r${i}.md` }));
    const corpus = new Corpus({ seed: 20240601 });
    const bench = Array.from({ length: 60 }, (_, i) => ({
      content: textFile('md', corpus.article(i)).content,
      name: `${i}.md`,
    }));
    expect({ random: await digestOf(random), bench: await digestOf(bench) }).toMatchSnapshot();
  });
});
