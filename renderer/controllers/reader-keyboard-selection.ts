// Selecting text in the reader without a mouse: `v` selects the sentence at the top of the view, arrows move the
// selection by sentence (left/right) or paragraph (up/down), Shift+arrows extend or shrink it by a word or a
// sentence. The selection is the page's own, so the toolbar, `h` and `n` work on it as on a dragged one.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { spanAt, spansOf, stepSpan, type Unit } from '../lib/segments.js';
import type { TextSpan } from '../lib/query-terms.js';
import { offsetsOfRange, rangeFor, type TextMap } from '../lib/text-map.js';
import type { SelectionController } from './reader-selection.js';

export interface KeyboardSelectionSurface {
  map(): TextMap | null;
  selection: SelectionController;
  scrollEl(): HTMLElement | null;
  /** The language of the article, for sentence and word breaks. */
  locale(): string | undefined;
}

export class KeyboardSelectionController implements ReactiveController {
  private cache: { map: TextMap; unit: Unit; spans: TextSpan[] } | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly surface: KeyboardSelectionSurface,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  private spans(unit: Unit): TextSpan[] {
    const map = this.surface.map();
    if (!map) return [];
    const c = this.cache;
    if (c && c.map === map && c.unit === unit) return c.spans;
    const spans = spansOf(map.text, unit, this.surface.locale());
    this.cache = { map, unit, spans };
    return spans;
  }

  /** The article's current selection in rendered-text offsets, or null. */
  private current(): TextSpan | null {
    const map = this.surface.map();
    const sel = this.surface.selection.selection();
    if (!map || !sel || !sel.rangeCount || sel.isCollapsed) return null;
    return offsetsOfRange(map, sel.getRangeAt(0));
  }

  /** Selects rendered text [start, end) as the page's selection and keeps it in view. */
  select(span: TextSpan): void {
    const map = this.surface.map();
    const sel = this.surface.selection.selection();
    const range = map ? rangeFor(map, span.start, span.end) : null;
    if (!range || !sel) return;
    sel.removeAllRanges();
    sel.addRange(range);
    const scroll = this.surface.scrollEl();
    if (!scroll) return;
    const r = range.getBoundingClientRect();
    const box = scroll.getBoundingClientRect();
    if (r.top < box.top + 40 || r.bottom > box.bottom - 40)
      scroll.scrollTop += r.top - box.top - scroll.clientHeight / 3;
  }

  /** The first sentence whose text shows at the top of the reader. */
  private firstVisible(): TextSpan | null {
    const map = this.surface.map();
    const scroll = this.surface.scrollEl();
    if (!map || !scroll) return null;
    const top = scroll.getBoundingClientRect().top;
    const sentences = this.spans('sentence');
    for (const s of sentences) {
      const r = rangeFor(map, s.start, s.end)?.getBoundingClientRect();
      if (r && r.bottom > top + 4) return s;
    }
    return sentences[0] ?? null;
  }

  /** Handles a key; true when it was a selection key (the caller prevents the default). */
  handle(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    if (e.key === 'v' && !e.shiftKey) {
      const start = this.current() ?? this.firstVisible();
      const sentence = start ? spanAt(this.spans('sentence'), start.start) : null;
      if (sentence) this.select(sentence);
      return sentence !== null;
    }
    const arrows = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];
    if (!arrows.includes(e.key)) return false;
    const cur = this.current();
    if (!cur) return false;
    const rtl = this.surface.scrollEl()?.querySelector('.content')?.matches(':dir(rtl)') ?? false;
    const forward = e.key === 'ArrowDown' || (e.key === 'ArrowRight') !== rtl;
    const dir: 1 | -1 = forward ? 1 : -1;
    const vertical = e.key === 'ArrowUp' || e.key === 'ArrowDown';
    if (!e.shiftKey) {
      // move: the next or previous sentence (left/right) or paragraph (up/down)
      const unit: Unit = vertical ? 'paragraph' : 'sentence';
      const spans = this.spans(unit);
      const here = spanAt(spans, cur.start) ?? cur;
      const to = stepSpan(spans, dir === 1 ? { start: here.start, end: cur.end } : here, dir);
      if (to) this.select(to);
      return true;
    }
    // extend or shrink the end: by a word (left/right) or a sentence (up/down)
    const spans = this.spans(vertical ? 'sentence' : 'word');
    let end = cur.end;
    if (dir === 1) {
      const next = spans.find((s) => s.end > cur.end);
      if (next) end = next.end;
    } else {
      const prev = [...spans].reverse().find((s) => s.end < cur.end && s.end > cur.start);
      if (prev) end = prev.end;
    }
    this.select({ start: cur.start, end });
    return true;
  }
}
