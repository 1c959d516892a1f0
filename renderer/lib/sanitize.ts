// Second sanitizing pass, in the browser, on the archive's already-sanitized reader HTML (defense in depth).
import { purifyToFragment } from './purify.js';
import { neuterLink } from './external-links.js';

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'nav',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
];
const ALLOWED_ATTR = [
  'href',
  'src',
  'alt',
  'title',
  'colspan',
  'rowspan',
  'lang',
  'dir',
  'datetime',
  'cite',
  'open',
  'class',
];
/** Classes the importer writes and the reader styles; any other class a page carried is dropped. */
const KEPT_CLASSES = /^(st-missing-image|caption|credit|language-[a-z0-9+#-]{1,40})$/i;

const ASSET = /^asset:([0-9a-f]{64})$/i;
/** An image the page showed that the archive does not hold (db/extract/sanitize.ts MISSING_IMAGE_SRC). */
const NOT_ARCHIVED = 'asset:not-archived';

/**
 * A small placeholder for an image that was not archived, its alt text shown as a caption through CSS (`attr()`), so
 * it is not text of the article: annotation offsets and the text map see nothing, as the stored text has nothing.
 */
function notArchivedPlaceholder(img: Element): Element {
  const alt = (img.getAttribute('alt') ?? '').trim();
  const span = img.ownerDocument.createElement('span');
  span.className = 'image-missing';
  span.setAttribute('role', 'img');
  span.setAttribute('aria-label', alt ? `Image not archived: ${alt}` : 'Image not archived');
  span.setAttribute('data-caption', alt);
  return span;
}

/**
 * Returns a fragment safe to insert: no scripts, handlers, styles, forms or frames; images only from the
 * archive (asset:SHA -> assetUrl), links only http(s)/mailto and unfollowable but through the app's confirmation.
 */
export function sanitizeArticle(html: string, assetUrl: (sha: string) => string): DocumentFragment {
  const fragment = purifyToFragment(
    html,
    {
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOW_DATA_ATTR: false,
      ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|asset:|\/asset\/)/i,
      FORBID_TAGS: [
        'style',
        'script',
        'iframe',
        'object',
        'embed',
        'form',
        'input',
        'button',
        'svg',
        'math',
        'link',
        'meta',
        'base',
      ],
    },
    (el) => {
      if (el.tagName === 'IMG') {
        const src = el.getAttribute('src') ?? '';
        const m = ASSET.exec(src.trim());
        if (m) el.setAttribute('src', assetUrl(m[1]!.toLowerCase()));
        else if (src.trim() === NOT_ARCHIVED)
          return; // replaced by a placeholder once sanitized (below)
        else el.remove(); // nothing is ever fetched from the network, and data: URLs were stored as assets on import
        el.setAttribute('loading', 'lazy');
      }
      if (el.tagName === 'A') neuterLink(el);
      if (el.hasAttribute('class')) {
        const kept = [...el.classList].filter((c) => KEPT_CLASSES.test(c));
        if (kept.length) el.setAttribute('class', kept.join(' '));
        else el.removeAttribute('class');
      }
    },
  );
  // Replaced after sanitizing, so DOMPurify never walks (and strips) the placeholder's own attributes.
  for (const img of [...fragment.querySelectorAll(`img[src="${NOT_ARCHIVED}"]`)])
    img.replaceWith(notArchivedPlaceholder(img));
  return fragment;
}
