// htmlToPlainText (fast scanner, else htmlparser2) must give exactly what walking linkedom's DOM gives, and what the
// htmlparser2 path gives on its own; the scanner must give up on HTML outside the subset it handles.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { htmlToPlainText, htmlToPlainTextViaDom, htmlToPlainTextViaParser } from '../../../db/extract/plain-text.js';
import { Parser } from 'htmlparser2';
import { IMPLIES_CLOSE, SCANNED_TAGS, scanPlainText } from '../../../db/extract/fast-text.js';
import { sanitizeReaderHtml } from '../../../db/extract/sanitize.js';
import { Corpus, mulberry32 } from '../../../bench/corpus.js';
import { toHtmlPage, toMarkdown } from '../../../bench/formats.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/importers/', import.meta.url));

const SNIPPETS = [
  '<p>One</p><p>Two <b>bold</b> and <i>it</i></p>',
  '<h1>Title</h1><p>Line one<br>Line two<br><br>Line three</p>',
  '<pre>  keep\n   spaces\r\n\n</pre><p>after</p>',
  '<ul><li>a</li><li>b <a href="https://x">link</a></li></ul><hr><p>end</p>',
  '<div>loose text<p>para</p>more loose</div>',
  '<p>Ümlaut &amp; &lt;tag&gt; &nbsp;&nbsp;nbsp &#8212; dash</p>',
  '<table><tr><td>1</td><td>2</td></tr></table>',
  '<blockquote><p>quoted</p></blockquote><figure><img src="asset:abc" alt="x"><figcaption>cap</figcaption></figure>',
  '<p>unclosed <em>em<p>next',
  '<script>var x = "<p>no</p>";</script><style>p{}</style><template><p>no</p><br></template><p>yes</p>',
  '<pre><code>fn main() {\n    x\n}</code></pre>',
  'bare text\n with   spaces',
  '<p>a</p>\n\n   \n<p>b</p>',
  '<div><pre>in pre<div>div in pre</div>  tail</pre>after</div>',
  '<p>日本語の<ruby>漢字<rt>かんじ</rt></ruby>です</p>',
];

/** The scanner, when it answers, and the public function must both equal the htmlparser2 path and the DOM walk. */
function expectSameText(html: string, label: string): void {
  const reference = htmlToPlainTextViaDom(html);
  expect(htmlToPlainTextViaParser(html), label).toBe(reference);
  expect(htmlToPlainText(html), label).toBe(reference);
  const scanned = scanPlainText(html);
  if (scanned !== undefined) expect(scanned, label).toBe(reference);
}

/** Sanitized HTML is what the scanner exists for: it must answer (not fall back) and be right. */
function expectScanned(html: string, label: string): void {
  const scanned = scanPlainText(html);
  expect(scanned, `scanner gave up on ${label}`).toBeDefined();
  expect(scanned, label).toBe(htmlToPlainTextViaParser(html));
  expect(scanned, label).toBe(htmlToPlainTextViaDom(html));
}

const WHITESPACE = [' ', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', ' \n ', '\u2003', '\u3000', '\f'];
const ENTITIES = ['&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&#39;', '&#x2003;'];
const WORDS = ['alpha', 'Beta', 'x', '42', 'éte', '日本', '—', '"q"', "it's", 'a>b'];
const INLINE = ['em', 'strong', 'a', 'code', 'span', 'b', 'i', 'sup', 'q', 'mark'];
const BLOCK = [
  'p',
  'div',
  'li',
  'ul',
  'blockquote',
  'h2',
  'pre',
  'figure',
  'figcaption',
  'td',
  'tr',
  'table',
  'section',
  'dd',
];

/** Seeded random HTML: nested inline and block tags, whitespace of every kind, entities, <pre>, <br>, <hr>, <img>. */
function randomHtml(rng: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  let out = '';
  const parts = 1 + Math.floor(rng() * 5);
  for (let k = 0; k < parts; k++) {
    const r = rng();
    if (r < 0.3) out += pick(WORDS);
    else if (r < 0.45) out += pick(WHITESPACE);
    else if (r < 0.52) out += pick(ENTITIES);
    else if (r < 0.58) out += rng() < 0.5 ? '<br>' : '<br />';
    else if (r < 0.61) out += rng() < 0.5 ? '<hr />' : '<img src="asset:x" alt="pic" />';
    else if (depth > 0) {
      const tag = rng() < 0.55 ? pick(INLINE) : pick(BLOCK);
      const attrs = rng() < 0.3 ? ' title="t &amp; &quot;u&quot;" lang="en"' : '';
      out += `<${tag}${attrs}>${randomHtml(rng, depth - 1)}</${tag}>`;
    }
  }
  return out;
}

describe('htmlToPlainText equals the DOM walk and the htmlparser2 path', () => {
  it('on hand-written snippets, raw and sanitized', () => {
    for (const html of SNIPPETS) {
      expectSameText(html, html);
      const clean = sanitizeReaderHtml(html);
      expectSameText(clean, clean);
      expectScanned(clean, clean);
    }
  });

  it('on every HTML fixture page, raw and sanitized', () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const html = fs.readFileSync(path.join(FIXTURES, f), 'latin1');
      expectSameText(html, f);
      expectScanned(sanitizeReaderHtml(html), f);
    }
  });

  it('on Markdown rendered by marked, raw and sanitized', () => {
    const marked = new Marked({ gfm: true, breaks: false, async: false });
    const notes = fs
      .readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.md'))
      .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
    notes.push(
      [
        '# Title',
        '',
        'Some *emphasis*, **strong**, `code`, a [link](https://example.org "T") and a [relative](/x) one.',
        'A hard-wrapped',
        'line  ',
        'with a break.',
        '',
        '> quote',
        '> more',
        '',
        '- one',
        '- two',
        '  - nested',
        '',
        '1. first',
        '2. second',
        '',
        '```js',
        'const a = 1 < 2 && "x";',
        '',
        '  indented',
        '```',
        '',
        '| a | b |',
        '|---|---|',
        '| 1 | 2 |',
        '',
        '---',
        '',
        '![img](https://remote/x.png) & <b>inline html</b> &amp; &copy; 5 > 3',
        '',
        'Term<br>next line',
        '',
        '    indented code\tblock',
      ].join('\n'),
    );
    for (const md of notes) {
      const html = marked.parse(md, { async: false }) as string;
      expectSameText(html, md.slice(0, 40));
      expectScanned(sanitizeReaderHtml(html), md.slice(0, 40));
    }
  });

  it("on the bench corpus' generated Markdown notes and web pages", () => {
    const corpus = new Corpus({ seed: 20240601 });
    const marked = new Marked({ gfm: true, breaks: false, async: false });
    for (let i = 0; i < 25; i++) {
      const a = corpus.article(i);
      const md = sanitizeReaderHtml(marked.parse(toMarkdown(a), { async: false }) as string);
      expectScanned(md, `markdown ${i}`);
      const page = toHtmlPage(corpus, a);
      expectSameText(page, `page ${i}`);
      expectScanned(sanitizeReaderHtml(page), `page ${i}`);
    }
  });

  it('on seeded random nests of tags, whitespace, entities, <pre> and <br>, raw and sanitized', () => {
    const rng = mulberry32(0x7e47);
    let scannedRaw = 0;
    let scannedClean = 0;
    for (let n = 0; n < 600; n++) {
      const html = randomHtml(rng, 4);
      expectSameText(html, html);
      if (scanPlainText(html) !== undefined) scannedRaw++;
      const clean = sanitizeReaderHtml(html);
      expectSameText(clean, clean);
      if (scanPlainText(clean) !== undefined) scannedClean++;
    }
    // The raw inputs mix in-subset and out-of-subset HTML: both paths must have been taken. Sanitized HTML is nearly
    // always in the subset (it can still hold a closing tag htmlparser2 pairs with an outer element).
    expect(scannedRaw).toBeGreaterThan(50);
    expect(scannedRaw).toBeLessThan(600);
    expect(scannedClean).toBeGreaterThan(590);
  });
});

describe('the scanner gives up outside the subset it handles, and the text is still right', () => {
  const OUTSIDE = [
    '<p>a&nbsp;b</p>',
    '<p>a &#39; b</p>',
    '<p>a &copy b</p>',
    '<p>a & b</p>',
    '<!-- c --><p>a</p>',
    '<!doctype html><p>a</p>',
    '<?xml version="1.0"?><p>a</p>',
    '<p class=x>a</p>',
    "<p class='x'>a</p>",
    '<a title="a<b" href="https://x">a</a>',
    '<script>x()</script><p>a</p>',
    '<textarea><p>t</p></textarea>',
    '<title>t</title>',
    '<p>a</div>b',
    '<P>a</P>',
    '<span/>a',
    '<svg><p>x</p></svg>',
    'a < b',
    'a <3 b',
    '<p>a</br>b</p>',
    '<p>a</p >',
    '<unknown>x</unknown>',
    '<p\ttitle="x">a</p>',
    '<table><td>a</table>',
  ];
  it.each(OUTSIDE)('%j', (html) => {
    expect(scanPlainText(html)).toBeUndefined();
    expect(htmlToPlainText(html)).toBe(htmlToPlainTextViaParser(html));
    expect(htmlToPlainText(html)).toBe(htmlToPlainTextViaDom(html));
  });

  // Inside the subset, though not how sanitize-html writes: elements closed implicitly, by a later opening tag or by
  // the end of the input, as htmlparser2 closes them.
  const IMPLIED = {
    '<p>a<p>b': 'a\n\nb',
    '<ul><li>a<li>b': 'a\n\nb',
    '<p>a': 'a',
    '<p>x<div>y</div>': 'x\n\ny',
    '<dl><dt>t<dd>d': 't\n\nd',
    '<pre>a<p>b</p></pre>c': 'a\n\nb\n\nc',
    '<table><tr><td>a<td>b<tr><td>c': 'a\n\nb\n\nc',
  };
  it.each(Object.entries(IMPLIED))('%j', (html, text) => {
    expect(scanPlainText(html)).toBe(text);
    expect(htmlToPlainTextViaParser(html)).toBe(text);
  });
});

describe("the scanner's copy of htmlparser2's implied-close table", () => {
  it('says exactly which open element each scanned tag closes, as htmlparser2 does', () => {
    for (const outer of SCANNED_TAGS) {
      if (outer === 'img' || outer === 'br' || outer === 'hr') continue;
      for (const inner of SCANNED_TAGS) {
        const events: string[] = [];
        const parser = new Parser(
          {
            onopentag: (name) => events.push(`+${name}`),
            onclosetag: (name) => events.push(`-${name}`),
          },
          { lowerCaseTags: true },
        );
        parser.write(`<${outer}><${inner}>`);
        const closedByInner =
          events.indexOf(`-${outer}`) >= 0 && events.indexOf(`-${outer}`) < events.lastIndexOf(`+${inner}`);
        expect(IMPLIES_CLOSE.get(inner)?.has(outer) ?? false, `<${outer}><${inner}>`).toBe(closedByInner);
      }
    }
  });
});
