// The reader's text selection: follows the page's selection, turns it into plain-text offsets and a toolbar position.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { offsetsOfRange, type TextMap } from '../lib/text-map.js';
import { onDocument } from './listener.js';

/** A selection inside the article, in the rendered text map's offsets, with where its toolbar goes. */
export interface PendingSelection {
  start: number;
  end: number;
  x: number;
  y: number;
  /** Bottom of the selection, for a toolbar placed under it. */
  bottom: number;
  /** Too near the top of the view for the toolbar and its note card above it: they go below. */
  below: boolean;
}

/** Height the toolbar with its note card open needs above a selection. */
const ROOM_FOR_NOTE = 330;

/** What the selection needs to see of the reader. */
export interface SelectionSurface {
  root(): (ShadowRoot & { getSelection?: () => Selection | null }) | null;
  contentEl(): HTMLElement | null;
  pageEl(): HTMLElement | null;
  map(): TextMap | null;
  /** True while the note editor is open: the selection must not change under it. */
  noteOpen(): boolean;
}

export class SelectionController implements ReactiveController {
  /** The current selection, or null: the toolbar shows while it is set. */
  pending: PendingSelection | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly surface: SelectionSurface,
  ) {
    host.addController(this);
    onDocument(host, 'selectionchange', () => {
      if (this.surface.noteOpen()) return;
      requestAnimationFrame(() => this.read());
    });
  }

  hostConnected(): void {}

  /** The selection object that sees inside the reader's shadow root where the browser offers one. */
  selection(): Selection | null {
    return this.surface.root()?.getSelection?.() ?? document.getSelection();
  }

  /** Reads the page's selection again (after it changed, or the text scrolled under the toolbar). */
  read(): void {
    const sel = this.selection();
    const map = this.surface.map();
    const content = this.surface.contentEl();
    const page = this.surface.pageEl();
    if (!sel || !sel.rangeCount || sel.isCollapsed || !map || !content || !page) {
      if (this.pending && !this.surface.noteOpen()) this.set(null);
      return;
    }
    const range = sel.getRangeAt(0);
    if (!content.contains(range.commonAncestorContainer)) return;
    const offsets = offsetsOfRange(map, range);
    if (!offsets) return;
    const rect = range.getBoundingClientRect();
    const box = page.getBoundingClientRect();
    const viewTop = (page.parentElement ?? page).getBoundingClientRect().top;
    this.set({
      ...offsets,
      x: Math.max(180, Math.min(box.width - 180, rect.left + rect.width / 2 - box.left)),
      y: rect.top - box.top,
      bottom: rect.bottom - box.top,
      below: rect.top - viewTop < ROOM_FOR_NOTE,
    });
  }

  clear(): void {
    this.selection()?.removeAllRanges();
    this.set(null);
  }

  /** Forgets the selection without touching the page's (a new article replaces the text anyway). */
  reset(): void {
    this.pending = null;
  }

  private set(p: PendingSelection | null): void {
    this.pending = p;
    this.host.requestUpdate();
  }
}
