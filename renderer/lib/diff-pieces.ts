// Cuts a capture diff into the runs a view paints: changed words and annotation marks, each side or interleaved.
import type { AnnotationDiff, CaptureDiff, DiffSegment } from '../../db/contract/types.js';

export type Side = 'from' | 'to';

export interface Piece {
  text: string;
  op: DiffSegment['op'];
  move?: number;
  /** Annotations covering this piece, by id. */
  annotations: number[];
  /** Set on the first piece of a changed run, so "next change" has somewhere to land. */
  changeStart?: boolean;
  /** Annotations whose place on this side begins with this piece. */
  starts: number[];
}

interface Span {
  id: number;
  start: number;
  end: number;
}

function spansOn(annotations: AnnotationDiff[], side: Side): Span[] {
  const out: Span[] = [];
  for (const a of annotations) {
    const place = a[side];
    if (place) out.push({ id: a.annotation.id, start: place.start, end: place.end });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** text[start, end) of one side, cut wherever an annotation begins or ends. */
function cut(
  text: string,
  start: number,
  end: number,
  s: DiffSegment,
  spans: Span[],
  out: Piece[],
  trimEnd = false,
): void {
  let stop = end;
  if (trimEnd) while (stop > start && /\s/.test(text[stop - 1]!)) stop--;
  if (stop <= start) return;
  const points = new Set([start, stop]);
  for (const sp of spans) {
    if (sp.end <= start || sp.start >= stop) continue;
    if (sp.start > start) points.add(sp.start);
    if (sp.end < stop) points.add(sp.end);
  }
  const sorted = [...points].sort((x, y) => x - y);
  for (let k = 0; k + 1 < sorted.length; k++) {
    const [a, b] = [sorted[k]!, sorted[k + 1]!];
    const covering = spans.filter((sp) => sp.start < b && sp.end > a);
    const piece: Piece = {
      text: text.slice(a, b),
      op: s.op,
      annotations: covering.map((sp) => sp.id),
      starts: covering.filter((sp) => sp.start >= a && sp.start < b).map((sp) => sp.id),
    };
    if (s.move !== undefined) piece.move = s.move;
    if (k === 0 && s.op !== 'equal') piece.changeStart = true;
    out.push(piece);
  }
}

/** One side's whole text: its equal runs and its own changes (removed words on the older side, added on the newer). */
export function sidePieces(d: CaptureDiff, side: Side): Piece[] {
  const text = d[side].text;
  const spans = spansOn(d.annotations, side);
  const out: Piece[] = [];
  for (const s of d.segments) {
    if (s.op === (side === 'from' ? 'added' : 'removed')) continue;
    if (side === 'from') cut(text, s.fromStart, s.fromEnd, s, spans, out);
    else cut(text, s.toStart, s.toEnd, s, spans, out);
  }
  return out;
}

/**
 * Both in one: the newer text with the removed words put back where they stood. A removed run keeps only its words
 * (its spacing came from the older text) and is followed by one space.
 */
export function inlinePieces(d: CaptureDiff): Piece[] {
  const fromSpans = spansOn(d.annotations, 'from');
  const toSpans = spansOn(d.annotations, 'to');
  const out: Piece[] = [];
  for (const s of d.segments) {
    if (s.op === 'removed') {
      const last = out[out.length - 1];
      if (last && !/\s$/.test(last.text)) out.push({ text: ' ', op: 'equal', annotations: [], starts: [] });
      cut(d.from.text, s.fromStart, s.fromEnd, s, fromSpans, out, true);
      // Whole removed paragraphs (starting where a paragraph starts) keep their paragraph break.
      const spacing = d.from.text.slice(s.fromStart, s.fromEnd).match(/\s*$/)![0];
      const atParagraph = !last || /\n\s*$/.test(last.text);
      out.push({
        text: atParagraph && spacing.includes('\n') ? spacing : ' ',
        op: 'equal',
        annotations: [],
        starts: [],
      });
    } else cut(d.to.text, s.toStart, s.toEnd, s, toSpans, out);
  }
  return out;
}
