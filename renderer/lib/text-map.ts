// Maps the article's plain text (the annotation coordinate space) to rendered DOM text nodes and back.
//
// It walks the DOM by the shared rule of db/contract/text-rule.ts, as the importer does (block elements make paragraphs joined
// by "\n\n", whitespace collapsed and lines trimmed outside <pre>, <br> is "\n"), but keeps, for every
// character it emits, the text node and offset it came from. Separators it invents have no source.

import { walkTextRule, type TextWalkNode } from '../../db/contract/text-rule.js';

/** One emitted character and where it came from (null for invented separators). */
interface SourcedChar {
  ch: string;
  node: Text | null;
  offset: number;
}

export interface TextMap {
  /** The plain text, equal to the archive's `article.text` when both follow the same rule. */
  text: string;
  /** For each character of `text`: its source text node, or null. */
  nodes: (Text | null)[];
  offsets: number[];
}

const WS = /[\s\u00a0]/;

function tidyFlow(buffer: SourcedChar[]): SourcedChar[] {
  // split into lines at "\n" (only <br> makes them), collapse whitespace runs to one space, trim, drop empty lines
  const lines: SourcedChar[][] = [];
  let line: SourcedChar[] = [];
  for (const c of buffer) {
    if (c.ch === '\n') {
      lines.push(line);
      line = [];
    } else line.push(c);
  }
  lines.push(line);
  const out: SourcedChar[] = [];
  for (const l of lines) {
    const collapsed: SourcedChar[] = [];
    for (const c of l) {
      if (WS.test(c.ch)) {
        const prev = collapsed[collapsed.length - 1];
        if (prev && prev.ch === ' ') continue;
        collapsed.push({ ch: ' ', node: c.node, offset: c.offset });
      } else collapsed.push(c);
    }
    while (collapsed.length && collapsed[0]!.ch === ' ') collapsed.shift();
    while (collapsed.length && collapsed[collapsed.length - 1]!.ch === ' ') collapsed.pop();
    if (!collapsed.length) continue;
    if (out.length) out.push({ ch: '\n', node: null, offset: 0 });
    out.push(...collapsed);
  }
  return out;
}

function tidyPre(buffer: SourcedChar[]): SourcedChar[] {
  const out: SourcedChar[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i]!;
    if (c.ch === '\r') {
      out.push({ ch: '\n', node: c.node, offset: c.offset });
      if (buffer[i + 1]?.ch === '\n') i++;
    } else out.push(c);
  }
  while (out.length && out[0]!.ch === '\n') out.shift();
  while (out.length && /\s/.test(out[out.length - 1]!.ch)) out.pop();
  return out;
}

class Collector {
  readonly paragraphs: SourcedChar[][] = [];
  private buffer: SourcedChar[] = [];
  private preformatted = false;

  push(c: SourcedChar): void {
    this.buffer.push(c);
  }

  flush(nextIsPre: boolean): void {
    const p = this.preformatted ? tidyPre(this.buffer) : tidyFlow(this.buffer);
    if (p.length) this.paragraphs.push(p);
    this.buffer = [];
    this.preformatted = nextIsPre;
  }
}

/** Walks `root` (its children; the root itself is treated as a block container). */
export function buildTextMap(root: Node): TextMap {
  const out = new Collector();
  walkTextRule(root as unknown as TextWalkNode, {
    text(node, value, inPre) {
      const text = node as unknown as Text;
      // outside <pre> source newlines are plain whitespace: only <br> breaks a line
      for (let i = 0; i < value.length; i++) {
        const ch = value[i]!;
        out.push({ ch: !inPre && WS.test(ch) ? ' ' : ch, node: text, offset: i });
      }
    },
    lineBreak: () => out.push({ ch: '\n', node: null, offset: 0 }),
    flush: (nextIsPre) => out.flush(nextIsPre),
  });
  out.flush(false);
  const chars: SourcedChar[] = [];
  out.paragraphs.forEach((p, i) => {
    if (i > 0) chars.push({ ch: '\n', node: null, offset: 0 }, { ch: '\n', node: null, offset: 0 });
    chars.push(...p);
  });
  return {
    text: chars.map((c) => c.ch).join(''),
    nodes: chars.map((c) => c.node),
    offsets: chars.map((c) => c.offset),
  };
}

/** DOM position of plain-text offset `start` (first sourced character at or after it). */
export function domStart(map: TextMap, start: number): { node: Text; offset: number } | null {
  for (let i = Math.max(0, start); i < map.nodes.length; i++) {
    const node = map.nodes[i];
    if (node) return { node, offset: map.offsets[i]! };
  }
  return null;
}

/** DOM position just after the last sourced character before plain-text offset `end`. */
export function domEnd(map: TextMap, end: number): { node: Text; offset: number } | null {
  for (let i = Math.min(end, map.nodes.length) - 1; i >= 0; i--) {
    const node = map.nodes[i];
    if (node) return { node, offset: map.offsets[i]! + 1 };
  }
  return null;
}

/** A DOM Range covering plain-text [start, end), or null when nothing there is rendered text. */
export function rangeFor(map: TextMap, start: number, end: number): Range | null {
  const a = domStart(map, start);
  const b = domEnd(map, Math.max(end, start + 1));
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

/** Plain-text offset of a DOM boundary point (node, offset): the first emitted character at or after it. */
export function textOffsetOf(map: TextMap, node: Node, offset: number): number {
  // Resolve element boundaries to the text node that follows them.
  let target: Node | null = node;
  let targetOffset = offset;
  if (node.nodeType !== Node.TEXT_NODE) {
    const child = node.childNodes[offset];
    target = child ? (firstTextIn(child) ?? nextText(child)) : nextText(node, true);
    targetOffset = 0;
    if (!target) return map.text.length;
  }
  let best = -1;
  for (let i = 0; i < map.nodes.length; i++) {
    if (map.nodes[i] === target) {
      if (map.offsets[i]! >= targetOffset) return i;
      best = i + 1;
    }
  }
  if (best >= 0) return best;
  // A text node that emitted nothing (pure whitespace): use the next one that did.
  const following = nextText(target);
  return following ? textOffsetOf(map, following, 0) : map.text.length;
}

function firstTextIn(node: Node): Text | null {
  if (node.nodeType === Node.TEXT_NODE) return node as Text;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const t = firstTextIn(c);
    if (t) return t;
  }
  return null;
}

function nextText(node: Node, skipChildren = false): Text | null {
  let current: Node | null = node;
  if (!skipChildren && node.firstChild) {
    const t = firstTextIn(node.firstChild);
    if (t) return t;
  }
  while (current) {
    if (current.nextSibling) {
      const t = firstTextIn(current.nextSibling);
      if (t) return t;
      current = current.nextSibling;
    } else current = current.parentNode;
  }
  return null;
}

/** Plain-text [start, end) of a DOM range, or null when it covers no text. */
export function offsetsOfRange(map: TextMap, range: Range): { start: number; end: number } | null {
  const start = textOffsetOf(map, range.startContainer, range.startOffset);
  let end = textOffsetOf(map, range.endContainer, range.endOffset);
  // trim invented separators and whitespace at both ends, as a person selecting a passage means
  let s = start;
  let e = Math.min(end, map.text.length);
  while (s < e && /\s/.test(map.text[s]!)) s++;
  while (e > s && /\s/.test(map.text[e - 1]!)) e--;
  end = e;
  return end > s ? { start: s, end } : null;
}
