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

/**
 * Returns a fragment safe to insert: no scripts, handlers, styles, forms or frames; images only from the
 * archive (asset:SHA -> assetUrl), links only http(s)/mailto and unfollowable but through the app's confirmation.
 */
export function sanitizeArticle(html: string, assetUrl: (sha: string) => string): DocumentFragment {
  return purifyToFragment(
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
}
