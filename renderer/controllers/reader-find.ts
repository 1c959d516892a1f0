// Find in the article: every match of a query marked (CSS Custom Highlights, the DOM untouched), a current one
// stepped through with next/previous; opened by Ctrl+F or by a search hit, whose passage it selects.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { findTermMatches, queryTerms, type TextSpan } from '../lib/query-terms.js';
import { rangeFor, type TextMap } from '../lib/text-map.js';

export interface FindSurface {
  map(): TextMap | null;
  /** Scrolls a match into the middle of the view. */
  scrollToRect(rect: DOMRect): void;
}

const ALL = 'st-find';
const CURRENT = 'st-find-current';

/** The page's highlight registry (CSS Custom Highlight API); absent in old engines, where find still counts. */
function registry(): HighlightRegistry | null {
  return typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
}

export class FindController implements ReactiveController {
  open = false;
  query = '';
  matches: TextSpan[] = [];
  current = -1;
  private paintedMap: TextMap | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly surface: FindSurface,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    registry()?.delete(ALL);
    registry()?.delete(CURRENT);
  }

  /** Finds `query` in the text; the current match is the first at or after `near` (rendered-text offset). */
  search(query: string, near = 0): void {
    this.query = query;
    const map = this.surface.map();
    this.matches = map && query.trim() ? findTermMatches(map.text, queryTerms(query)) : [];
    const at = this.matches.findIndex((m) => m.end > near);
    this.current = this.matches.length ? Math.max(0, at) : -1;
    this.paint();
    this.host.requestUpdate();
  }

  /** The text was mounted again (a highlight added): the same matches, on the new nodes. */
  refresh(): void {
    if (this.surface.map() !== this.paintedMap && this.query) {
      const keep = this.matches[this.current]?.start ?? 0;
      this.search(this.query, keep);
    }
  }

  step(dir: 1 | -1): TextSpan | null {
    if (!this.matches.length) return null;
    this.current = (this.current + dir + this.matches.length) % this.matches.length;
    this.paint();
    const range = this.currentRange();
    if (range) this.surface.scrollToRect(range.getBoundingClientRect());
    this.host.requestUpdate();
    return this.matches[this.current] ?? null;
  }

  currentRange(): Range | null {
    const map = this.surface.map();
    const m = this.matches[this.current];
    return map && m ? rangeFor(map, m.start, m.end) : null;
  }

  close(): void {
    this.open = false;
    this.query = '';
    this.matches = [];
    this.current = -1;
    this.paint();
    this.host.requestUpdate();
  }

  /** "3 of 12", or what there is to say without a current match. */
  label(): string {
    if (!this.query.trim()) return '';
    if (!this.matches.length) return 'No matches';
    return `${this.current + 1} of ${this.matches.length}`;
  }

  private paint(): void {
    const reg = registry();
    const map = this.surface.map();
    this.paintedMap = map;
    if (!reg) return;
    reg.delete(ALL);
    reg.delete(CURRENT);
    if (!map || !this.matches.length) return;
    const ranges = this.matches.map((m) => rangeFor(map, m.start, m.end)).filter((r): r is Range => r !== null);
    reg.set(ALL, new Highlight(...ranges));
    const current = this.currentRange();
    if (current) reg.set(CURRENT, new Highlight(current));
  }
}
