// Annotation notes are Markdown: rendered by marked, then cleaned by DOMPurify to a small allow-list (no raw HTML, no images).
import { Marked, type Tokens } from 'marked';
import { noChange } from 'lit';
import { Directive, directive, type Part } from 'lit/directive.js';
import { purifyToFragment } from './purify.js';
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

const NOTE_CONFIG = {
  ALLOWED_TAGS: NOTE_TAGS,
  ALLOWED_ATTR: NOTE_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
};

/** A Markdown note as an inert, sanitized fragment. */
export function noteFragment(markdown: string): DocumentFragment {
  const raw = marked.parse(markdown) as string;
  // Links leave the offline archive only after the person confirms (the app shell asks).
  return purifyToFragment(raw, NOTE_CONFIG, (el) => {
    if (el.tagName === 'A') neuterLink(el);
  });
}

/**
 * A note in a Lit template, as DOM nodes rather than an HTML string (so no markup reaches an HTML sink outside
 * DOMPurify, which Trusted Types enforce); sanitized again only when the note's text changes.
 */
class NoteDirective extends Directive {
  private last: string | undefined;

  render(markdown: string): DocumentFragment {
    return noteFragment(markdown);
  }

  override update(_part: Part, [markdown]: [string]): DocumentFragment | typeof noChange {
    if (markdown === this.last) return noChange;
    this.last = markdown;
    return this.render(markdown);
  }
}

export const renderNote = directive(NoteDirective);
