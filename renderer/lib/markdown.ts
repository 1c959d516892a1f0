// Annotation notes are Markdown: rendered by marked, then cleaned by DOMPurify to a small allow-list (no raw HTML, no images).
import { Marked, type Tokens } from 'marked';
import DOMPurify from 'dompurify';
import { html, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { neuterLink } from './external-links.js';

/** Only text structure survives: a note never loads anything, runs anything or styles anything. */
const NOTE_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
];
const NOTE_ATTR = ['href', 'title', 'start'];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Raw HTML in a note is shown as the text the person typed; images become their alt text (nothing is fetched).
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    image(token: Tokens.Image): string {
      return escapeHtml(token.text || '');
    },
  },
});

let purifier: ReturnType<typeof DOMPurify> | null = null;

function purify(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    // Links leave the offline archive only after the person confirms (the app shell asks).
    if (el.tagName === 'A') neuterLink(el);
  });
  purifier = p;
  return p;
}

/** Sanitized HTML string of a Markdown note. */
export function noteHtml(markdown: string): string {
  const raw = marked.parse(markdown) as string;
  return purify().sanitize(raw, {
    ALLOWED_TAGS: NOTE_TAGS,
    ALLOWED_ATTR: NOTE_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  });
}

/** A note as a Lit template: DOMPurify has run before the HTML reaches unsafeHTML. */
export function renderNote(markdown: string): TemplateResult {
  return html`${unsafeHTML(noteHtml(markdown))}`;
}
