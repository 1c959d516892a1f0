// Word diff of two texts (pure): jsdiff's Myers diff over words, then removed runs found again elsewhere marked moved.
import { diffArrays } from 'diff';
import type { CaptureDiffStats, DiffSegment } from '../contract/types.js';

/** Words are runs of non-space characters: punctuation stays with its word, so "end." and "end" differ. */
interface Words {
  list: string[];
  starts: number[];
  length: number;
}

function words(text: string): Words {
  const list: string[] = [];
  const starts: number[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    list.push(m[0]);
    starts.push(m.index);
  }
  return { list, starts, length: text.length };
}

/** Character offset where word `i` begins its run: the text's start for the first, its end past the last. */
function at(w: Words, i: number): number {
  if (i >= w.list.length) return w.length;
  return i === 0 ? 0 : w.starts[i]!;
}

/** A run in word indexes, before it becomes character offsets. */
interface Run {
  op: DiffSegment['op'];
  from: number;
  fromEnd: number;
  to: number;
  toEnd: number;
  move?: number;
}

/** Fewer words than this moving together is just the same common words ("of the") turning up elsewhere. */
const MIN_MOVE_WORDS = 3;
/** Looking for a run inside a longer one (a sentence moved out of a rewritten paragraph) needs more evidence. */
const MIN_PART_MOVE_WORDS = 5;
/** Edit budget: two wholly different 20,000-word texts would otherwise cost seconds; past it, one rewrite. */
const DIFF_TIMEOUT_MS = 1500;

export interface TextDiff {
  segments: DiffSegment[];
  stats: CaptureDiffStats;
}

export function diffTexts(older: string, newer: string): TextDiff {
  const a = words(older);
  const b = words(newer);
  const runs = findMoves(wordRuns(a.list, b.list), a.list, b.list);
  const stats: CaptureDiffStats = { added: 0, removed: 0, moved: 0, unchanged: 0 };
  const segments: DiffSegment[] = runs.map((r) => {
    if (r.op === 'equal') stats.unchanged += r.fromEnd - r.from;
    else if (r.move !== undefined) {
      if (r.op === 'added') stats.moved += r.toEnd - r.to;
    } else if (r.op === 'added') stats.added += r.toEnd - r.to;
    else stats.removed += r.fromEnd - r.from;
    const s: DiffSegment = {
      op: r.op,
      fromStart: at(a, r.from),
      fromEnd: at(a, r.fromEnd),
      toStart: at(b, r.to),
      toEnd: at(b, r.toEnd),
    };
    if (r.move !== undefined) s.move = r.move;
    return s;
  });
  return { segments, stats };
}

/**
 * Myers' diff costs time in proportion to words times edits: 1.2 s for 20,000 words with 3% changed. So first the
 * common ends are trimmed, then words that occur exactly once on each side and in the same order (patience diff's
 * anchors) cut the text into short gaps, and jsdiff's diffArrays runs on each gap alone.
 */
function wordRuns(a: string[], b: string[]): Run[] {
  const runs: Run[] = [];
  diffRange(a, 0, a.length, b, 0, b.length, runs);
  return merge(runs);
}

function push(runs: Run[], op: Run['op'], from: number, fromEnd: number, to: number, toEnd: number): void {
  if (fromEnd > from || toEnd > to) runs.push({ op, from, fromEnd, to, toEnd });
}

function diffRange(a: string[], i0: number, i1: number, b: string[], j0: number, j1: number, runs: Run[]): void {
  let head = 0;
  while (i0 + head < i1 && j0 + head < j1 && a[i0 + head] === b[j0 + head]) head++;
  let tail = 0;
  while (i1 - tail > i0 + head && j1 - tail > j0 + head && a[i1 - tail - 1] === b[j1 - tail - 1]) tail++;
  push(runs, 'equal', i0, i0 + head, j0, j0 + head);
  const [f0, f1, t0, t1] = [i0 + head, i1 - tail, j0 + head, j1 - tail];
  if (f1 - f0 === 0 || t1 - t0 === 0) {
    push(runs, 'removed', f0, f1, t0, t0);
    push(runs, 'added', f1, f1, t0, t1);
  } else {
    const anchors = uniqueAnchors(a, f0, f1, b, t0, t1);
    if (anchors.length === 0) myers(a, f0, f1, b, t0, t1, runs);
    else {
      let [i, j] = [f0, t0];
      for (const [ai, bj] of anchors) {
        diffRange(a, i, ai, b, j, bj, runs);
        push(runs, 'equal', ai, ai + 1, bj, bj + 1);
        [i, j] = [ai + 1, bj + 1];
      }
      diffRange(a, i, f1, b, j, t1, runs);
    }
  }
  push(runs, 'equal', i1 - tail, i1, j1 - tail, j1);
}

/** Words found exactly once in a[i0,i1) and once in b[j0,j1), in an order both sides agree on (longest run). */
function uniqueAnchors(a: string[], i0: number, i1: number, b: string[], j0: number, j1: number): [number, number][] {
  const inA = new Map<string, number>(); // word -> index, or -1 when repeated
  for (let i = i0; i < i1; i++) inA.set(a[i]!, inA.has(a[i]!) ? -1 : i);
  const inB = new Map<string, number>();
  for (let j = j0; j < j1; j++) inB.set(b[j]!, inB.has(b[j]!) ? -1 : j);
  const pairs: [number, number][] = [];
  for (const [word, i] of inA) {
    const j = inB.get(word);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  if (pairs.length === 0) return pairs;
  pairs.sort((x, y) => x[0] - y[0]);
  return longestIncreasing(pairs);
}

/** Longest subsequence of pairs (sorted by a index) whose b indexes increase: patience sorting, O(n log n). */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = []; // index into pairs of the smallest tail of each length
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const v = pairs[k]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tails[tails.length - 1]!; k >= 0; k = prev[k]!) out.push(pairs[k]!);
  return out.reverse();
}

function myers(a: string[], i0: number, i1: number, b: string[], j0: number, j1: number, runs: Run[]): void {
  const changes = diffArrays(a.slice(i0, i1), b.slice(j0, j1), { timeout: DIFF_TIMEOUT_MS });
  if (!changes) {
    // Over the budget: the passages share too little for a word diff to say anything useful.
    push(runs, 'removed', i0, i1, j0, j0);
    push(runs, 'added', i1, i1, j0, j1);
    return;
  }
  let [i, j] = [i0, j0];
  for (const c of changes) {
    const n = c.count;
    if (c.added) {
      push(runs, 'added', i, i, j, j + n);
      j += n;
    } else if (c.removed) {
      push(runs, 'removed', i, i + n, j, j);
      i += n;
    } else {
      push(runs, 'equal', i, i + n, j, j + n);
      i += n;
      j += n;
    }
  }
}

/**
 * Joins neighbouring runs of one kind, and within each stretch between two equal runs puts every removed word
 * before every added one, so a reader sees "old words, new words" once, not a zipper of single words.
 */
function merge(runs: Run[]): Run[] {
  const out: Run[] = [];
  let removed: Run | null = null;
  let added: Run | null = null;
  const flush = (): void => {
    if (removed) out.push(removed);
    if (added) out.push(added);
    removed = added = null;
  };
  for (const r of runs) {
    if (r.op === 'equal') {
      flush();
      const last = out[out.length - 1];
      if (last?.op === 'equal' && last.fromEnd === r.from && last.toEnd === r.to) {
        last.fromEnd = r.fromEnd;
        last.toEnd = r.toEnd;
      } else out.push({ ...r });
    } else if (r.op === 'removed') {
      if (removed) removed.fromEnd = r.fromEnd;
      else removed = { ...r };
    } else if (added) added.toEnd = r.toEnd;
    else added = { ...r };
  }
  flush();
  // A removed run stands where the added words begin: give both the same place on the other side.
  for (let k = 0; k < out.length; k++) {
    const r = out[k]!;
    if (r.op === 'removed') {
      const next = out[k + 1];
      if (next?.op === 'added') r.to = r.toEnd = next.to;
      continue;
    }
    if (r.op === 'added') {
      const before = out[k - 1];
      r.from = r.fromEnd = before?.op === 'removed' ? before.fromEnd : r.from;
    }
  }
  return out;
}

const key = (list: string[], from: number, to: number): string => list.slice(from, to).join(' ');
const size = (r: Run): number => (r.op === 'removed' ? r.fromEnd - r.from : r.toEnd - r.to);

/**
 * A removed run whose words come back as an added run elsewhere moved. First whole runs (a paragraph moved as it
 * was), then a long removed run found inside a longer added run or the other way round, which is split around it.
 */
function findMoves(runs: Run[], a: string[], b: string[]): Run[] {
  let nextMove = 1;
  const removedByKey = new Map<string, Run[]>();
  for (const r of runs) {
    if (r.op !== 'removed' || size(r) < MIN_MOVE_WORDS) continue;
    const k = key(a, r.from, r.fromEnd);
    const list = removedByKey.get(k);
    if (list) list.push(r);
    else removedByKey.set(k, [r]);
  }
  for (const r of runs) {
    if (r.op !== 'added' || size(r) < MIN_MOVE_WORDS) continue;
    const twin = removedByKey.get(key(b, r.to, r.toEnd))?.shift();
    if (twin) twin.move = r.move = nextMove++;
  }

  return movedParts(runs, a, b, nextMove);
}

/**
 * Moved passages that were also edited (a paragraph moved and corrected): stretches of at least
 * MIN_PART_MOVE_WORDS words that a removed run and an added run share, found through 5-word shingles of the added
 * runs, extended as far as they agree; both runs are split around each stretch.
 */
function movedParts(runs: Run[], a: string[], b: string[], firstMove: number): Run[] {
  let nextMove = firstMove;
  const K = MIN_PART_MOVE_WORDS;
  const added = runs.filter((r) => r.op === 'added' && r.move === undefined && size(r) >= K);
  const removed = runs.filter((r) => r.op === 'removed' && r.move === undefined && size(r) >= K);
  if (added.length === 0 || removed.length === 0) return runs;
  const shingles = new Map<string, { run: Run; at: number }[]>();
  const used = new Map<Run, Uint8Array>();
  for (const r of added) {
    used.set(r, new Uint8Array(size(r)));
    for (let k = 0; k + K <= size(r); k++) {
      const s = key(b, r.to + k, r.to + k + K);
      const list = shingles.get(s);
      if (!list) shingles.set(s, [{ run: r, at: k }]);
      else if (list.length < 8) list.push({ run: r, at: k });
    }
  }
  const cuts = new Map<Run, { at: number; length: number; move: number }[]>();
  const cut = (r: Run, at: number, length: number, move: number): void => {
    const list = cuts.get(r);
    if (list) list.push({ at, length, move });
    else cuts.set(r, [{ at, length, move }]);
  };
  for (const r of removed) {
    const n = size(r);
    for (let k = 0; k + K <= n;) {
      let best: { run: Run; at: number; length: number } | null = null;
      for (const c of shingles.get(key(a, r.from + k, r.from + k + K)) ?? []) {
        const taken = used.get(c.run)!;
        let length = 0;
        while (
          k + length < n &&
          c.at + length < taken.length &&
          !taken[c.at + length] &&
          a[r.from + k + length] === b[c.run.to + c.at + length]
        )
          length++;
        if (length >= K && (!best || length > best.length)) best = { ...c, length };
      }
      if (!best) {
        k++;
        continue;
      }
      used.get(best.run)!.fill(1, best.at, best.at + best.length);
      const move = nextMove++;
      cut(r, k, best.length, move);
      cut(best.run, best.at, best.length, move);
      k += best.length;
    }
  }
  if (cuts.size === 0) return runs;
  return runs.flatMap((r) => {
    const list = cuts.get(r);
    return list ? splitRun(r, list) : [r];
  });
}

/** Splits a removed or added run into its moved stretches and the words between them. */
function splitRun(w: Run, stretches: { at: number; length: number; move: number }[]): Run[] {
  const pieces: Run[] = [];
  const piece = (from: number, to: number, move?: number): void => {
    if (to <= from) return;
    const r: Run =
      w.op === 'removed'
        ? { op: 'removed', from: w.from + from, fromEnd: w.from + to, to: w.to, toEnd: w.to }
        : { op: 'added', from: w.from, fromEnd: w.from, to: w.to + from, toEnd: w.to + to };
    if (move !== undefined) r.move = move;
    pieces.push(r);
  };
  let k = 0;
  for (const s of [...stretches].sort((x, y) => x.at - y.at)) {
    piece(k, s.at);
    piece(s.at, s.at + s.length, s.move);
    k = s.at + s.length;
  }
  piece(k, size(w));
  return pieces;
}
