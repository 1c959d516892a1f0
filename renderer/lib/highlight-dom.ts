// Paints annotations into the rendered article: every stretch of text covered by the same set of annotations
// becomes one <mark>, so overlapping highlights stay separate and their colors blend.
import type { TextMap } from './text-map.js';

export interface PaintSpan {
  id: number;
  start: number;
  end: number;
  hex: string;
  hasNote: boolean;
}

interface Group {
  node: Text;
  from: number;
  to: number;
  spans: PaintSpan[];
}

export function paintHighlights(map: TextMap, spans: PaintSpan[]): void {
  if (!spans.length) return;
  // Which spans cover each plain-text character; a sweep over sorted boundaries keeps it linear-ish.
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const groups: Group[] = [];
  const active: PaintSpan[] = [];
  let next = 0;
  let current: Group | null = null;
  const first = sorted[0]?.start ?? 0;
  const last = Math.max(...sorted.map((s) => s.end));
  for (let i = first; i < Math.min(last, map.nodes.length); i++) {
    while (next < sorted.length && sorted[next]!.start <= i) active.push(sorted[next++]!);
    for (let k = active.length - 1; k >= 0; k--) if (active[k]!.end <= i) active.splice(k, 1);
    const node = map.nodes[i];
    if (!node || !active.length) {
      current = null;
      continue;
    }
    const offset = map.offsets[i]!;
    if (current && current.node === node && sameSet(current.spans, active)) {
      current.to = offset + 1;
    } else {
      current = { node, from: offset, to: offset + 1, spans: [...active] };
      groups.push(current);
    }
  }
  // Split text nodes from the end backwards so earlier offsets in the same node stay valid.
  const byNode = new Map<Text, Group[]>();
  for (const g of groups) {
    const list = byNode.get(g.node) ?? [];
    list.push(g);
    byNode.set(g.node, list);
  }
  for (const [node, list] of byNode) {
    list.sort((a, b) => b.from - a.from);
    for (const g of list) {
      if (g.to < node.length) node.splitText(g.to);
      const middle = g.from > 0 ? node.splitText(g.from) : node;
      const mark = document.createElement('mark');
      mark.className = 'hl';
      mark.dataset.ids = g.spans.map((s) => s.id).join(' ');
      if (g.spans.some((s) => s.hasNote)) mark.classList.add('has-note');
      mark.style.backgroundImage = g.spans.map((s) => `linear-gradient(${tint(s.hex)}, ${tint(s.hex)})`).join(', ');
      middle.parentNode?.insertBefore(mark, middle);
      mark.appendChild(middle);
    }
  }
}

function sameSet(a: PaintSpan[], b: PaintSpan[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

/** Semi-transparent version of a color so that overlapping highlights mix visibly. */
export function tint(hex: string, alpha = 0.45): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return `color-mix(in srgb, ${hex} 45%, transparent)`;
  const n = parseInt(m[1]!, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
