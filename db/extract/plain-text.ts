// Sanitized reader HTML -> the plain text that search indexes and annotation offsets point into.
//
// The rule is small on purpose, so the renderer can walk its own DOM the same way and map offsets:
//  - block elements (BLOCK_TAGS) end the current paragraph; paragraphs are joined with "\n\n";
//  - inside a paragraph, runs of whitespace (incl. NBSP) become one space, and each line is trimmed;
//  - <br> is a line break ("\n") inside its paragraph; empty lines inside a paragraph are dropped;
//  - text inside <pre> keeps its spaces and line breaks (CRLF -> LF; leading/trailing blank lines dropped);
//  - images, comments and anything non-text contribute nothing.
// Same HTML in, same text out.
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { BLOCK_TAGS } from './block-tags.js';
import { NEEDS_FOLDING, scanPlainText, tidyPre } from './fast-text.js';

export { BLOCK_TAGS };
export { countWords } from './word-count.js';

/** The minimal node shape walked here: a browser DOM and linkedom both satisfy it. */
export interface TextWalkNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<TextWalkNode>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

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

function walk(node: TextWalkNode, out: ParagraphCollector, inPre: boolean): void {
  if (node.nodeType === TEXT_NODE) {
    const value = node.nodeValue ?? '';
    // Outside <pre>, source newlines are just whitespace; only <br> makes a line break.
    out.append(inPre ? value : value.replace(/[\s\u00a0]+/g, ' '));
    return;
  }
  if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return;
  const tag = node.nodeName.toLowerCase();
  if (tag === 'br') {
    out.append('\n');
    return;
  }
  if (tag === 'script' || tag === 'style' || tag === 'template') return;
  const block = BLOCK_TAGS.has(tag);
  const pre = inPre || tag === 'pre';
  if (block) out.flush(pre);
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) walk(children[i]!, out, pre);
  if (block) out.flush(inPre);
}

/** Plain text of a DOM subtree by the rule above. */
export function domToPlainText(root: TextWalkNode): string {
  const out = new ParagraphCollector();
  walk(root, out, false);
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
const SKIPPED_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'template']);
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
