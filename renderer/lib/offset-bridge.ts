// Translates offsets between the archive's plain text and the text the rendered DOM yields.
// They are equal when both follow the same rule; if the browser's second sanitizing pass dropped something,
// passages are found again by their text near the expected place instead of drifting silently.

export interface Span {
  start: number;
  end: number;
}

function nearest(haystack: string, needle: string, around: number): number {
  if (!needle) return -1;
  let best = -1;
  let bestDistance = Infinity;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    const d = Math.abs(i - around);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
    if (i > around + bestDistance) break;
  }
  return best;
}

function translate(from: string, to: string, start: number, end: number): Span | null {
  if (from === to) return end > start ? { start, end } : null;
  const exact = from.slice(start, end);
  const at = nearest(to, exact, Math.round((start / Math.max(1, from.length)) * to.length));
  return at >= 0 ? { start: at, end: at + exact.length } : null;
}

export function archiveToDom(archiveText: string, domText: string, start: number, end: number): Span | null {
  return translate(archiveText, domText, start, end);
}

export function domToArchive(archiveText: string, domText: string, start: number, end: number): Span | null {
  return translate(domText, archiveText, start, end);
}
