// Sanitized reader HTML -> the plain text that search indexes and annotation offsets point into, by the shared
// rule of db/contract/text-rule.ts (the reader walks its DOM by the same rule to map offsets). Same HTML in, same text out.
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { BLOCK_TAGS, SKIPPED_TAGS, walkTextRule, type TextWalkNode } from '../contract/text-rule.js';
import { NEEDS_FOLDING, scanPlainText, tidyPre } from './fast-text.js';

export { BLOCK_TAGS, type TextWalkNode };
export { countWords } from './word-count.js';

class ParagraphCollector {
  readonly paragraphs: string[] = [];
  private buffer = '';
  private preformatted = false;

  append(text: string): void {
    this.buffer += text;
  }

  /** Ends the current paragraph; `pre` says how the next one treats whitespace. */
  flush(nextIsPre: boolean): void {
    const paragraph = this.preformatted ? tidyPre(this.buffer) : tidyFlow(this.buffer);
    if (paragraph) this.paragraphs.push(paragraph);
    this.buffer = '';
    this.preformatted = nextIsPre;
  }
}

/** A flowing paragraph's text: whitespace runs folded, lines trimmed, empty lines dropped. */
export function tidyFlow(raw: string): string {
  // One line (the usual case): folding then trimming it is all the rule does; skip the fold when nothing needs it.
  if (!raw.includes('\n')) return (NEEDS_FOLDING.test(raw) ? raw.replace(/[\s\u00a0]+/g, ' ') : raw).trim();
  return raw
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '') // <br><br> is one line break: "\n\n" only ever separates paragraphs
    .join('\n')
    .trim();
}

/** Plain text of a DOM subtree by the rule above. */
export function domToPlainText(root: TextWalkNode): string {
  const out = new ParagraphCollector();
  walkTextRule(root, {
    // Outside <pre>, source newlines are just whitespace; only <br> makes a line break.
    text: (_node, value, inPre) => out.append(inPre ? value : value.replace(/[\s\u00a0]+/g, ' ')),
    lineBreak: () => out.append('\n'),
    flush: (nextIsPre) => out.flush(nextIsPre),
  });
  out.flush(false);
  return out.paragraphs.join('\n\n');
}

/**
 * Plain text of an HTML fragment (normally sanitized reader HTML), by the same rule as domToPlainText. It runs for
 * every imported article, so sanitized HTML goes through a hand-rolled scanner for the subset sanitize-html writes
 * (fast-text.ts); anything outside that subset is streamed through htmlparser2 instead.
 * tests/db/extract/plain-text-stream.test.ts holds all three to the same output.
 */
export function htmlToPlainText(html: string): string {
  return scanPlainText(html) ?? htmlToPlainTextViaParser(html);
}

/**
 * The same, streamed through htmlparser2 (the parser linkedom builds its DOM with) instead of building a DOM: about
 * 3x cheaper than the DOM walk, and right for any HTML.
 */
export function htmlToPlainTextViaParser(html: string): string {
  const out = new ParagraphCollector();
  const preStack: boolean[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (skipDepth > 0 || SKIPPED_TAGS.has(name)) {
          skipDepth++;
          return;
        }
        if (name === 'br') {
          out.append('\n');
          return;
        }
        if (VOID_TAGS.has(name)) {
          if (BLOCK_TAGS.has(name)) {
            const inPre = preStack.at(-1) ?? false;
            out.flush(inPre);
            out.flush(inPre);
          }
          return;
        }
        const pre = (preStack.at(-1) ?? false) || name === 'pre';
        preStack.push(pre);
        if (BLOCK_TAGS.has(name)) out.flush(pre);
      },
      onclosetag(name, isImplied) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (name === 'br' || VOID_TAGS.has(name)) return;
        void isImplied;
        preStack.pop();
        if (BLOCK_TAGS.has(name)) out.flush(preStack.at(-1) ?? false);
      },
      ontext(value) {
        if (skipDepth > 0) return;
        out.append((preStack.at(-1) ?? false) ? value : value.replace(/[\s\u00a0]+/g, ' '));
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  out.flush(false);
  return out.paragraphs.join('\n\n');
}

/** Elements whose content is never text (the DOM walk skips them whole). */
/** Elements without content or closing tag: htmlparser2 reports them as opened and closed at once. */
const VOID_TAGS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** The DOM-building reference for htmlToPlainText (tests compare the two). */
export function htmlToPlainTextViaDom(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return domToPlainText(document.body as unknown as TextWalkNode);
}
