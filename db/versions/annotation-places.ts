// Where each annotation of an article sits in two captures, and whether it stayed, moved, changed or was orphaned.
import type {
  AnchorPlacement,
  Annotation,
  AnnotationDiff,
  AnnotationDiffPlace,
  AnnotationDiffStatus,
  DiffSegment,
} from '../contract/types.js';
import { anchor } from '../annotations/anchor.js';
import { selectorsOf } from '../annotations/mapping.js';

export interface DiffText {
  text: string;
  sha256: string;
}

/**
 * Anchors every passage annotation on both texts from the selectors of the capture it was made on (as re-anchoring
 * does), so a placement never depends on what another version did. On the capture it was made on, the recorded
 * position is the place.
 */
export function annotationPlaces(
  annotations: Annotation[],
  from: DiffText,
  to: DiffText,
  segments: DiffSegment[],
): AnnotationDiff[] {
  const out: AnnotationDiff[] = [];
  const equal = segments.filter((s) => s.op === 'equal');
  const texts = { from: from.text, to: to.text };
  for (const a of annotations) {
    if (!a.quote || a.deletedAt) continue;
    // Anchor on the capture it was made on (or the nearer guess), then carry the place across the diff when the
    // passage lies in unchanged words: anchoring a quote on a long text costs far more than following the diff.
    const madeOnTo = a.captureSha256 === to.sha256;
    let f: AnnotationDiffPlace | null;
    let t: AnnotationDiffPlace | null;
    let across: AnnotationDiffPlace | null;
    if (madeOnTo) {
      t = placeOn(a, to);
      across = t && carried(equal, 'to', to.text, from.text, t);
      f = across ?? placeOn(a, from);
    } else {
      f = placeOn(a, from);
      across = f && carried(equal, 'from', from.text, to.text, f);
      t = across ?? placeOn(a, to);
    }
    // Carried through an unchanged run: the same words in the same place by construction.
    const status = across ? 'unchanged' : statusOf(f, t, texts, equal);
    out.push({ annotation: a, status, from: f, to: t });
  }
  const order = (d: AnnotationDiff): number => d.to?.start ?? d.from?.start ?? Infinity;
  return out.sort((x, y) => order(x) - order(y) || x.annotation.id - y.annotation.id);
}

function placeOn(a: Annotation, side: DiffText): AnnotationDiffPlace | null {
  let placed: AnchorPlacement;
  const p = a.position;
  if (a.captureSha256 === side.sha256 && p && p.end <= side.text.length) {
    placed = { state: 'exact', start: p.start, end: p.end };
  } else {
    const selectors = selectorsOf(a);
    placed = selectors && side.text ? anchor(side.text, selectors) : { state: 'orphan' };
  }
  if (placed.state === 'orphan' || placed.start === undefined || placed.end === undefined) return null;
  return { state: placed.state, start: placed.start, end: placed.end, text: side.text.slice(placed.start, placed.end) };
}

/** The same passage on the other side when all of it lies inside one unchanged run, else null. */
function carried(
  equal: DiffSegment[],
  side: 'from' | 'to',
  text: string,
  other: string,
  place: AnnotationDiffPlace,
): AnnotationDiffPlace | null {
  const run = equal.find((c) =>
    side === 'from'
      ? c.fromStart <= place.start && place.end <= c.fromEnd
      : c.toStart <= place.start && place.end <= c.toEnd,
  );
  if (!run) return null;
  const shift = side === 'from' ? run.toStart - run.fromStart : run.fromStart - run.toStart;
  const start = place.start + shift;
  const end = place.end + shift;
  // Same spacing inside the run (the usual case): the same characters at the shifted place.
  if (other.slice(start, end) !== text.slice(place.start, place.end)) return null;
  return { state: 'exact', start, end, text: other.slice(start, end) };
}

function statusOf(
  f: AnnotationDiffPlace | null,
  t: AnnotationDiffPlace | null,
  texts: { from: string; to: string },
  equal: DiffSegment[],
): AnnotationDiffStatus {
  if (!t) return 'orphaned';
  if (!f) return 'new';
  if (normalize(f.text) !== normalize(t.text)) return 'changed';
  const mapped = mapsTo(equal, texts.from, texts.to, skipSpace(texts.from, f.start));
  return mapped === skipSpace(texts.to, t.start) ? 'unchanged' : 'moved';
}

const normalize = (s: string): string => s.replace(/\s+/g, ' ').trim();

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/**
 * Where a (non-space) offset of the older text lands in the newer one when it lies in an unchanged run, else null.
 * Equal runs hold the same words but maybe other spacing (a line break become a space), so the offset is carried
 * over by counting non-space characters from the run's start.
 */
export function mapsTo(equal: DiffSegment[], from: string, to: string, offset: number): number | null {
  let lo = 0;
  let hi = equal.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = equal[mid]!;
    if (c.fromEnd <= offset) lo = mid + 1;
    else if (c.fromStart > offset) hi = mid - 1;
    else {
      let ink = 0;
      for (let i = c.fromStart; i < offset; i++) if (!isSpace(from.charCodeAt(i))) ink++;
      let j = skipSpace(to, c.toStart);
      while (ink > 0 && j < c.toEnd) {
        if (!isSpace(to.charCodeAt(j))) ink--;
        j++;
      }
      return j < c.toEnd ? skipSpace(to, j) : null;
    }
  }
  return null;
}

/** JavaScript's \\s by character code: this runs per character of long unchanged runs. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
