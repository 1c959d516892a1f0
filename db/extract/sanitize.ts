// The reader-HTML sanitizer: a small allow-list of article tags; no scripts, styles, handlers or remote loads.
import sanitizeHtml from 'sanitize-html';
import { isSecondPassFixpoint } from './sanitize-fixpoint.js';

/** Images may only point at archived assets: `asset:` + a SHA-256 in hex. */
export const ASSET_SRC = /^asset:[0-9a-f]{64}$/;
/** An image the page showed but the archive does not hold (remote, or missing beside the file): the reader shows a
 * placeholder with its alt text as caption; the alt text is not article text. */
export const MISSING_IMAGE_SRC = 'asset:not-archived';

const ALLOWED_TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'var',
  'figure',
  'figcaption',
  'img',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'small',
  'q',
  'cite',
  'abbr',
  'dfn',
  'time',
  'sup',
  'sub',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'hr',
  'br',
  'div',
  'section',
  'article',
  'aside',
  'details',
  'summary',
  'address',
];

/** Elements dropped together with their content (everything else that is not allowed keeps its text). <picture> is
 * not here: it is unwrapped, so its <img> stays while its <source>s (remote srcsets) go. */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'source',
  'track',
  'map',
  'textarea',
  'select',
  'option',
  'button',
  'input',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'dialog',
  'portal',
];

// Pass 1 rewrites unsafe images and links into <span>s (sanitize-html mis-closes tags when a transform
// returns a disallowed tag, so span is allowed here); pass 2 unwraps those spans, keeping their text.
const FIRST_PASS: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS, 'span'],
  nonTextTags: DROPPED_WITH_CONTENT,
  disallowedTagsMode: 'discard',
  allowedAttributes: {
    '*': ['lang', 'dir', 'title'],
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan', 'headers'],
    th: ['colspan', 'rowspan', 'scope', 'headers'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    time: ['datetime'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['datetime'],
    ins: ['datetime'],
    p: ['class'],
    figcaption: ['class'],
    code: ['class'],
  },
  // Classes carry meaning the reader styles (captions, credits, code language), nothing a page chose.
  allowedClasses: {
    p: ['caption', 'credit'],
    figcaption: ['caption', 'credit'],
    code: ['language-*'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['asset'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedStyles: {},
  parseStyleAttributes: false,
  allowVulnerableTags: false,
  transformTags: {
    // Anything but an archived asset is not loaded: the image becomes its alt text (span is not allowed, so
    // only the text stays).
    img: (tagName, attribs) => {
      if (ASSET_SRC.test(attribs.src ?? '') || attribs.src === MISSING_IMAGE_SRC) return { tagName, attribs };
      return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' };
    },
    // Only absolute web and mail links survive; relative ones (and javascript:, data: ...) lead nowhere in an
    // offline reader, so the link is unwrapped and its text kept.
    a: (tagName, attribs) => {
      const href = (attribs.href ?? '').trim();
      if (/^(https?:\/\/|mailto:)/i.test(href)) return { tagName, attribs: { ...attribs, href } };
      return { tagName: 'span', attribs: {} };
    },
  },
  exclusiveFilter: (frame) => {
    // Links and paragraphs left empty by the clean-up are noise in a reader.
    if ((frame.tag === 'a' || frame.tag === 'p') && !frame.text.trim() && !frame.mediaChildren.length) {
      return true;
    }
    return false;
  },
};

const SECOND_PASS: sanitizeHtml.IOptions = {
  ...FIRST_PASS,
  allowedTags: ALLOWED_TAGS,
  transformTags: {},
};

const READER_TAGS: ReadonlySet<string> = new Set(ALLOWED_TAGS);

/**
 * Sanitizes HTML for the reader; the renderer sanitizes again on display. Idempotent. The second pass is skipped
 * when it provably changes nothing (sanitize-fixpoint.ts): no <span> to unwrap, and the rest of its work is a no-op.
 */
export function sanitizeReaderHtml(html: string): string {
  const once = sanitizeHtml(html, FIRST_PASS);
  return (isSecondPassFixpoint(once, READER_TAGS) ? once : sanitizeHtml(once, SECOND_PASS)).trim();
}

/** Both passes always (what sanitizeReaderHtml does when the second is needed): the reference tests compare with. */
export function sanitizeReaderHtmlBothPasses(html: string): string {
  return sanitizeHtml(sanitizeHtml(html, FIRST_PASS), SECOND_PASS).trim();
}

/** The first pass alone: tests use it to check the fixpoint claim directly. */
export function sanitizeReaderHtmlFirstPass(html: string): string {
  return sanitizeHtml(html, FIRST_PASS);
}
