// htmlToPlainText streams through htmlparser2; it must give exactly what walking linkedom's DOM gives.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { htmlToPlainText, htmlToPlainTextViaDom } from '../../../db/importers/plain-text.js';
import { sanitizeReaderHtml } from '../../../db/importers/sanitize.js';

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

describe('htmlToPlainText (streaming) equals the DOM walk', () => {
  it('on hand-written snippets, raw and sanitized', () => {
    for (const html of SNIPPETS) {
      expect(htmlToPlainText(html), html).toBe(htmlToPlainTextViaDom(html));
      const clean = sanitizeReaderHtml(html);
      expect(htmlToPlainText(clean), clean).toBe(htmlToPlainTextViaDom(clean));
    }
  });

  it('on every HTML fixture page, raw and sanitized', () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const html = fs.readFileSync(path.join(FIXTURES, f), 'latin1');
      expect(htmlToPlainText(html), f).toBe(htmlToPlainTextViaDom(html));
      const clean = sanitizeReaderHtml(html);
      expect(htmlToPlainText(clean), f).toBe(htmlToPlainTextViaDom(clean));
    }
  });
});
