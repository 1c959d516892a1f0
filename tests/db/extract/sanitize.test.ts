// The reader sanitizer and the plain-text rule that annotation offsets depend on.
import { describe, expect, it } from 'vitest';
import { sanitizeReaderHtml } from '../../../db/extract/sanitize.js';
import { htmlToPlainText } from '../../../db/extract/plain-text.js';

const ASSET = `asset:${'ab'.repeat(32)}`;

describe('sanitizeReaderHtml', () => {
  it('strips every script vector while keeping the article text', () => {
    const out =
      sanitizeReaderHtml(`<p onclick="x()">Hi <a href="javascript:alert(1)">one</a> <a href="JaVaScRiPt:alert(1)">two</a>
      <a href="java&#x09;script:alert(1)">three</a> <a href="data:text/html,<script>x</script>">four</a></p>
      <ScRiPt>bad()</ScRiPt><svg onload="x()"><script>y()</script></svg><iframe srcdoc="<script>z()</script>"></iframe>
      <img src="x" onerror="alert(1)"><object data="x.swf"></object><embed src="y"><style>*{}</style><noscript>ns</noscript>
      <a href="https://ok.example/" target="_blank" style="color:red">ok</a><form><input value="v"><textarea>t</textarea></form>`);
    expect(out).not.toMatch(
      /script|onerror|onclick|onload|iframe|srcdoc|object|embed|style|noscript|textarea|<input|<form|data:/i,
    );
    expect(out).toContain('<a href="https://ok.example/">ok</a>');
    expect(htmlToPlainText(out)).toBe('Hi one two three four\n\nok');
  });

  it('allows only asset: images; any other src becomes the alt text', () => {
    const out = sanitizeReaderHtml(
      `<p><img src="${ASSET}" alt="kept"><img src="https://remote/x.png" alt="remote"><img src="rel.png" alt="relative"><img src="data:image/png;base64,AAAA" alt="inline"><img src="asset:../../etc" alt="bad asset"></p>`,
    );
    expect(out).toBe(`<p><img src="${ASSET}" alt="kept" />remoterelativeinlinebad asset</p>`);
  });

  it('keeps the reader tag set, caption classes and mailto links; drops other classes and ids', () => {
    const out =
      sanitizeReaderHtml(`<h2 id="x" class="big">H</h2><figure><img src="${ASSET}"><figcaption class="caption wp-caption">Cap</figcaption></figure>
      <p class="caption">Credit</p><blockquote><p>Q</p></blockquote><pre><code class="language-ts hljs">let a</code></pre>
      <table><tr><th colspan="2">T</th></tr></table><p><sup>1</sup><sub>2</sub><a href="mailto:a@b.c">m</a><a href="/relative">r</a></p>`);
    expect(out).toContain('<h2>H</h2>');
    expect(out).toContain('<figcaption class="caption">Cap</figcaption>');
    expect(out).toContain('<p class="caption">Credit</p>');
    expect(out).toContain('<code class="language-ts">let a</code>');
    expect(out).toContain('<th colspan="2">T</th>');
    expect(out).toContain('<a href="mailto:a@b.c">m</a>');
    expect(out).toContain('r</p>');
    expect(out).not.toContain('/relative');
  });

  it('unwraps <picture>: the archived image stays, remote <source> sets go', () => {
    const out = sanitizeReaderHtml(
      `<picture><source srcset="https://cdn.example/a.webp 2x" type="image/webp"><img src="${ASSET}" alt="pic"></picture>`,
    );
    expect(out).toBe(`<img src="${ASSET}" alt="pic" />`);
  });

  it('is idempotent', () => {
    const once = sanitizeReaderHtml(
      '<div><p>a <a href="javascript:x">b</a> <img src="https://x" alt="c"></p><p></p></div>',
    );
    expect(sanitizeReaderHtml(once)).toBe(once);
  });
});

describe('htmlToPlainText', () => {
  it('separates blocks with blank lines, collapses whitespace, keeps <br> as a line break', () => {
    expect(
      htmlToPlainText(
        '<h1> Title </h1><p>one\n  two&nbsp;&nbsp;three</p><ul><li>a</li><li>b <em>c</em></li></ul><p>x<br>y<br><br>z</p>',
      ),
    ).toBe('Title\n\none two three\n\na\n\nb c\n\nx\ny\nz');
  });

  it('keeps preformatted text as it is', () => {
    expect(htmlToPlainText('<p>code:</p><pre><code>if (a) {\n    b();\n}\n</code></pre>')).toBe(
      'code:\n\nif (a) {\n    b();\n}',
    );
  });

  it('gives nothing for images and empty blocks, and is the same every time', () => {
    const html = `<div><p></p><figure><img src="${ASSET}"><figcaption>Cap</figcaption></figure><p>After</p></div>`;
    expect(htmlToPlainText(html)).toBe('Cap\n\nAfter');
    expect(htmlToPlainText(html)).toBe(htmlToPlainText(html));
  });
});
