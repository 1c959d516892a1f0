// One article as a self-contained HTML file: the sanitized reader HTML, its archived images inlined as data: URIs,
// a metadata header, no scripts and nothing that loads from elsewhere (a CSP meta tag makes sure of it).
import type { ArticleDetail } from '../../contract/types.js';
import { sanitizeReaderHtml } from '../../extract/sanitize.js';

export interface InlineAsset {
  mediaType: string;
  bytes: Uint8Array;
}

export type InlineAssetLookup = (sha256: string) => InlineAsset | null;

/** Nothing runs and nothing is fetched: images only from the file itself, styles only inline. */
export const EXPORT_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{margin:0;background:#fff;color:#1d1d1f;font:18px/1.6 Georgia,'Times New Roman',serif}
main{max-width:42rem;margin:2rem auto;padding:0 1.25rem}
header{border-bottom:1px solid #ccc;margin-bottom:1.5rem;padding-bottom:1rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .5rem}
.meta{font:14px/1.5 system-ui,sans-serif;color:#555;margin:0}
.meta a{color:inherit;word-break:break-all}
img{max-width:100%;height:auto}
figure{margin:1.5rem 0}
pre{white-space:pre-wrap;background:#f5f5f5;padding:.75rem}
blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1rem;color:#444}
.missing-image{display:inline-block;font:13px system-ui,sans-serif;color:#666;border:1px dashed #aaa;padding:.25rem .5rem}
footer{font:12px system-ui,sans-serif;color:#777;border-top:1px solid #ccc;margin-top:2rem;padding-top:.5rem}
`;

const IMG_SRC = /(<img\b[^>]*?\ssrc=")asset:([0-9a-f]{64}|not-archived)("[^>]*>)/g;
/** Any reference the sanitizer would let through that is not an inlined image (belt and braces). */
const REMOTE_MEDIA = /\s(?:src|srcset|poster|background)="(?!data:)[^"]*"/g;

/** The reader HTML with each archived image as a data: URI and each missing one as a short note. */
export function inlineImages(html: string, lookup: InlineAssetLookup): string {
  return sanitizeReaderHtml(html)
    .replace(IMG_SRC, (whole, before: string, sha: string, after: string) => {
      const asset = sha === 'not-archived' ? null : lookup(sha);
      if (!asset || !asset.mediaType.startsWith('image/')) {
        const alt = /\salt="([^"]*)"/.exec(whole)?.[1];
        return `<span class="missing-image">Image not archived${alt ? `: ${alt}` : ''}</span>`;
      }
      const data = Buffer.from(asset.bytes.buffer, asset.bytes.byteOffset, asset.bytes.byteLength).toString('base64');
      return `${before}data:${asset.mediaType};base64,${data}${after}`;
    })
    .replace(REMOTE_MEDIA, '');
}

function metaLine(a: ArticleDetail): string {
  const captured = a.captures[0]?.capturedAt ?? a.addedAt;
  const parts = [
    a.byline && `By ${escapeHtml(a.byline)}`,
    a.siteName && escapeHtml(a.siteName),
    a.publishedAt && `Published ${escapeHtml(a.publishedAt.slice(0, 10))}`,
    `Captured ${escapeHtml(captured.slice(0, 10))}`,
  ].filter(Boolean);
  const url = a.canonicalUrl ?? a.sourceUrl;
  const source = url ? `<p class="meta">Source: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : '';
  return `<p class="meta">${parts.join(' · ')}</p>${source}`;
}

export function articleHtmlDocument(a: ArticleDetail, lookup: InlineAssetLookup, now = new Date()): string {
  const lang = a.language ? ` lang="${escapeHtml(a.language)}"` : '';
  return `<!doctype html>
<html${lang}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(a.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(a.title)}</h1>
${metaLine(a)}
</header>
<article>
${inlineImages(a.html, lookup)}
</article>
<footer>Exported from Stacks on ${now.toISOString().slice(0, 10)}.</footer>
</main>
</body>
</html>
`;
}
