// Turns a synthetic article into the files people import: a text clipping, and a saved web page with chrome.
import zlib from 'node:zlib';
import { bodyText, mixSeed, mulberry32, type Corpus, type SyntheticArticle } from './corpus.js';

/** A text clipping as copied from a browser: URL, title, byline, date, then the paragraphs. */
export function toClipping(a: SyntheticArticle): string {
  return `${a.url}\n\n${a.title}\n\nBy ${a.byline}\n\n${a.publishedAt}\n\n${bodyText(a)}\n`;
}

/** A Markdown note with YAML front matter (as Obsidian or a read-later export writes it): full metadata. */
export function toMarkdown(a: SyntheticArticle): string {
  const q = (v: string): string => JSON.stringify(v); // JSON strings are valid YAML double-quoted scalars
  return `---\ntitle: ${q(a.title)}\nauthor: ${q(a.byline)}\nsite: ${q(a.site.name)}\nurl: ${a.url}\ndate: ${a.publishedAt}\n---\n\n${bodyText(a)}\n`;
}

export type TextFormat = 'md' | 'txt';

/** The file a text-format article is imported from: its extension and its content. */
export function textFile(format: TextFormat, a: SyntheticArticle): { ext: string; content: string } {
  return format === 'md' ? { ext: '.md', content: toMarkdown(a) } : { ext: '.txt', content: toClipping(a) };
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const NAV = [
  'World',
  'Politics',
  'Business',
  'Technology',
  'Science',
  'Health',
  'Culture',
  'Books',
  'Opinion',
  'Sport',
  'Travel',
  'Video',
];

/**
 * A saved web page around the article text: head metadata, tracking scripts, navigation, a cookie banner, an
 * inline data: image, an ad slot, related links, comments and a footer: what Readability has to see through.
 */
export function toHtmlPage(corpus: Corpus, a: SyntheticArticle): string {
  const rng = mulberry32(mixSeed(corpus.options.seed ^ 0x4854, a.index));
  const site = escapeHtml(a.site.name);
  const title = escapeHtml(a.title);
  const related = Array.from({ length: 8 }, () => corpus.article(Math.floor(rng() * 1_000_000) + 10_000_000));
  const comments = Array.from({ length: 3 + Math.floor(rng() * 5) }, (_, k) => related[k % related.length]!);
  const body = a.paragraphs
    .map((p, k) => {
      const para = `<p>${escapeHtml(p)}</p>`;
      if (k === 2)
        return `${para}\n<div class="ad-slot" data-ad-unit="mid-article"><script>googletag.cmd.push(function(){googletag.display("ad-${a.index}")})</script><p>Advertisement</p></div>`;
      if (k === 4)
        return `${para}\n<aside class="inline-promo"><a href="/newsletter">Sign up for our newsletter</a></aside>`;
      return para;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | ${site}</title>
<link rel="canonical" href="${a.url}">
<meta property="og:url" content="${a.url}">
<meta property="og:title" content="${title}">
<meta property="og:site_name" content="${site}">
<meta name="author" content="${escapeHtml(a.byline)}">
<meta property="article:published_time" content="${a.publishedAt}T08:00:00Z">
<meta name="description" content="${escapeHtml(a.paragraphs[0]!.slice(0, 150))}">
<link rel="stylesheet" href="https://${a.site.domain}/static/main.${a.index % 97}.css">
<style>body{font-family:Georgia,serif;margin:0}.site-header{display:flex;gap:1rem}.ad-slot{min-height:250px}</style>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-${a.index}"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-${a.index}');
window.__PRELOADED_STATE__=${JSON.stringify({ article: { id: a.index, section: NAV[a.index % NAV.length], tags: related.slice(0, 3).map((r) => r.title) } })};</script>
</head>
<body class="article-page">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="logo" href="/">${site}</a>
<nav aria-label="Sections"><ul>${NAV.map((n) => `<li><a href="/${n.toLowerCase()}">${n}</a></li>`).join('')}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"><button>Search</button></form>
<a class="subscribe" href="/subscribe">Subscribe</a>
</header>
<div class="cookie-banner" role="dialog">We use cookies to improve your experience. <button onclick="document.cookie='ok=1';this.parentNode.remove()">Accept all</button></div>
<main id="main">
<article>
<header>
<p class="kicker"><a href="/${NAV[a.index % NAV.length]!.toLowerCase()}">${NAV[a.index % NAV.length]}</a></p>
<h1>${title}</h1>
<p class="byline">By <a rel="author" href="/authors/${a.byline.toLowerCase().replace(/\s+/g, '-')}">${escapeHtml(a.byline)}</a> · <time datetime="${a.publishedAt}">${a.publishedAt}</time></p>
</header>
<figure><img src="${pngDataUrl(rng)}" alt="Illustration for ${title}" width="16" height="16"><figcaption>Photo: ${escapeHtml(related[0]!.byline)} / ${site}</figcaption></figure>
${body}
<p class="share"><a href="https://twitter.com/intent/tweet?url=${encodeURIComponent(a.url)}">Share</a> <a href="mailto:?subject=${encodeURIComponent(a.title)}">Email</a></p>
</article>
<aside class="related"><h2>More from ${site}</h2><ul>
${related.map((r) => `<li><a href="${r.url}">${escapeHtml(r.title)}</a> <span class="date">${r.publishedAt}</span></li>`).join('\n')}
</ul></aside>
<section class="comments"><h2>${comments.length} comments</h2>
${comments.map((c) => `<div class="comment"><p class="author">${escapeHtml(c.byline)}</p><p>${escapeHtml(c.paragraphs[0]!.slice(0, 240))}</p><button class="reply">Reply</button></div>`).join('\n')}
</section>
</main>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li><li><a href="/contact">Contact</a></li></ul><p>© ${a.publishedAt.slice(0, 4)} ${site}. All rights reserved.</p></footer>
<img src="https://pixel.${a.site.domain}/t.gif?id=${a.index}" width="1" height="1" alt="" onerror="this.remove()">
<script>(function(){var s=document.createElement('script');s.src='https://comments.example.net/embed.js';document.body.appendChild(s)})();</script>
</body>
</html>
`;
}

// ---------- a tiny, valid PNG per page (different bytes, so assets are really stored, not deduplicated) ----------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function pngDataUrl(rng: () => number): string {
  const size = 16;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc(size * (1 + size * 3));
  const [r, g, b] = [rng() * 255, rng() * 255, rng() * 255].map(Math.floor) as [number, number, number];
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    for (let x = 0; x < size; x++) raw.set([(r + x * 8) & 255, (g + y * 8) & 255, b], row + 1 + x * 3);
  }
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}
