// The plain-text rule that defines the annotation coordinate space, shared by the importer (db/extract) and the
// reader (renderer/lib/text-map.ts) so both walk HTML into the same characters from one definition.
//
//  - block elements (BLOCK_TAGS) end the current paragraph; paragraphs are joined with "\n\n";
//  - inside a paragraph, runs of whitespace (incl. NBSP) become one space, and each line is trimmed;
//  - <br> is a line break ("\n") inside its paragraph; empty lines inside a paragraph are dropped;
//  - text inside <pre> keeps its spaces and line breaks (CRLF -> LF; leading/trailing blank lines dropped);
//  - script, style and template contents, images, comments and anything non-text contribute nothing.

/** The elements that end a paragraph. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
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
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose contents are never text. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'template']);

/** The minimal node shape walked here: a browser DOM and linkedom both satisfy it. */
export interface TextWalkNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<TextWalkNode>;
}

/** What the walk reports; each side collects it in its own form (strings, or characters with their source). */
export interface TextRuleSink<N extends TextWalkNode> {
  /** A text node's value, raw; `inPre` says whether whitespace is kept. */
  text(node: N, value: string, inPre: boolean): void;
  /** A <br>. */
  lineBreak(): void;
  /** A block boundary: the paragraph so far ends; `nextIsPre` says how the next one treats whitespace. */
  flush(nextIsPre: boolean): void;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

/** Walks `node` by the rule, reporting to `sink`. The caller flushes once at the end. */
export function walkTextRule<N extends TextWalkNode>(node: N, sink: TextRuleSink<N>, inPre = false): void {
  if (node.nodeType === TEXT_NODE) {
    sink.text(node, node.nodeValue ?? '', inPre);
    return;
  }
  if (node.nodeType !== ELEMENT_NODE && node.nodeType !== DOCUMENT_NODE && node.nodeType !== DOCUMENT_FRAGMENT_NODE)
    return;
  const tag = node.nodeName.toLowerCase();
  if (tag === 'br') {
    sink.lineBreak();
    return;
  }
  if (SKIPPED_TAGS.has(tag)) return;
  const block = BLOCK_TAGS.has(tag);
  const pre = inPre || tag === 'pre';
  if (block) sink.flush(pre);
  const children = node.childNodes;
  for (let i = 0; i < children.length; i++) walkTextRule(children[i] as N, sink, pre);
  if (block) sink.flush(inPre);
}
