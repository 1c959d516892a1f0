// Where the reader is in an article: opening at a search hit, a highlight or the saved position, the progress bar,
// saving the position as the person scrolls (offset plus a quote that survives re-extraction) and marking read.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AnnotationId, ArticleDetail } from '../../db/contract/types.js';
import type { RendererClient } from '../client/types.js';
import { archiveToDom, domToArchive } from '../lib/offset-bridge.js';
import { rangeFor, type TextMap } from '../lib/text-map.js';
import { onWindow } from './listener.js';

const SAVE_EVERY_MS = 1000;

/** What the position needs to see of the reader. */
export interface PositionSurface {
  client(): RendererClient;
  detail(): ArticleDetail | null;
  map(): TextMap | null;
  params(): URLSearchParams;
  scrollEl(): HTMLElement | null;
  contentEl(): HTMLElement | null;
  pageEl(): HTMLElement | null;
  flashLayer(): HTMLElement | null;
  /** Marks the annotation's highlight as current and returns its marks in text order. */
  showMarks(id: AnnotationId): HTMLElement[];
  /** The article was marked read by reading to its end. */
  markedRead(article: ArticleDetail): void;
}

export class ReadingPositionController implements ReactiveController {
  /** How far down the article the reader is, 0..1 (the progress bar). */
  percent = 0;
  private restored = false;
  /** scrollTop the reader itself scrolled to on opening: that scroll is not the reader moving, so nothing is saved. */
  private restoredTop = -1;
  private saveTimer = 0;
  private lastSaved = 0;
  private markedRead = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly surface: PositionSurface,
  ) {
    host.addController(this);
    // Closing the window or reloading does not disconnect elements: save the position the person is at now.
    onWindow(host, 'pagehide', () => this.save());
    // Leaving for another view removes the reader before it is told it was disconnected, when nothing can be
    // measured any more: the address changing comes first, while the text is still on screen.
    onWindow(host, 'hashchange', () => this.save());
  }

  hostDisconnected(): void {
    this.save();
  }

  /** A new article was loaded: nothing restored yet. */
  opened(article: ArticleDetail): void {
    this.restored = false;
    this.markedRead = article.isRead;
  }

  /** The read state was set by hand. */
  setRead(isRead: boolean): void {
    this.markedRead = isRead;
  }

  scrollToRect(rect: DOMRect, center: boolean): void {
    const scroll = this.surface.scrollEl();
    if (!scroll) return;
    const box = scroll.getBoundingClientRect();
    const delta = center ? rect.top - box.top - (scroll.clientHeight - rect.height) / 2 : rect.top - box.top - 24;
    scroll.scrollTop += delta;
  }

  /** Opens at ?annotation, else ?offset (a search hit), else the saved reading position. */
  restore(): void {
    const detail = this.surface.detail();
    const scroll = this.surface.scrollEl();
    if (!detail || !this.surface.map() || !scroll) return;
    const params = this.surface.params();
    const offset = params.get('offset');
    const annotation = params.get('annotation');
    if (annotation) {
      const marks = this.surface.showMarks(Number(annotation) as AnnotationId);
      if (marks.length) {
        const range = document.createRange();
        range.setStartBefore(marks[0]!);
        range.setEndAfter(marks[marks.length - 1]!);
        this.scrollToRect(range.getBoundingClientRect(), true);
        this.flash(range);
        this.markRestored();
        return;
      }
    }
    if (offset !== null && /^\d+$/.test(offset)) {
      const range = this.rangeAtArchiveOffset(Number(offset));
      if (range) {
        this.scrollToRect(range.getBoundingClientRect(), true);
        this.flash(range);
      }
    } else if (detail.readingPosition) {
      const pos = detail.readingPosition;
      let at = pos.offset;
      // the quote wins over the offset when the text moved (re-extraction, new version)
      if (pos.quote && detail.text.slice(at, at + pos.quote.length) !== pos.quote) {
        const found = detail.text.indexOf(pos.quote);
        at = found >= 0 ? found : -1;
      }
      const range = at >= 0 ? this.rangeAtArchiveOffset(at, 1) : null;
      if (range) this.scrollToRect(range.getBoundingClientRect(), false);
      else scroll.scrollTop = pos.percent * (scroll.scrollHeight - scroll.clientHeight);
    }
    this.markRestored();
  }

  /** Call from the scroller's scroll event. Returns true when the reader moved (not the restore's own scroll). */
  onScroll(): boolean {
    this.updatePercent();
    const scroll = this.surface.scrollEl();
    if (!this.restored || !scroll) return false;
    // Opening scrolled to the hit or the saved position: writing that back would only be an extra write per
    // article opened.
    if (this.restoredTop >= 0 && Math.abs(scroll.scrollTop - this.restoredTop) < 2) return false;
    this.restoredTop = -1;
    clearTimeout(this.saveTimer);
    const wait = Math.max(0, SAVE_EVERY_MS - (Date.now() - this.lastSaved));
    this.saveTimer = window.setTimeout(() => this.save(), wait);
    const detail = this.surface.detail();
    if (this.percent > 0.97 && !this.markedRead && detail) {
      this.markedRead = true;
      void this.surface
        .client()
        .updateArticle({ id: detail.id, patch: { isRead: true } })
        .then((d) => this.surface.markedRead(d));
    }
    return true;
  }

  /** First paragraph visible at the top of the reader -> archive offset + a quote that survives re-extraction. */
  save(): void {
    clearTimeout(this.saveTimer);
    const detail = this.surface.detail();
    const map = this.surface.map();
    const scroll = this.surface.scrollEl();
    if (!detail || !map || !this.restored || !scroll || !this.surface.contentEl()) return;
    // out of the page, every box measures zero and the position would read as the very top
    if (!scroll.isConnected) return;
    if (this.restoredTop >= 0) return; // not moved since it opened: nothing new to remember, and no write
    const top = scroll.getBoundingClientRect().top;
    let offset = 0;
    for (let i = 0; i < map.nodes.length; i++) {
      const node = map.nodes[i];
      if (!node || node.parentElement === null) continue;
      if (node.parentElement.getBoundingClientRect().bottom > top + 8) {
        offset = i;
        break;
      }
      // skip the rest of this node quickly
      while (i + 1 < map.nodes.length && map.nodes[i + 1] === node) i++;
    }
    const at = domToArchive(detail.text, map.text, offset, offset + 1)?.start ?? 0;
    const quote = detail.text.slice(at, at + 64);
    this.lastSaved = Date.now();
    void this.surface
      .client()
      .setReadingPosition({ id: detail.id, position: { percent: this.percent, offset: at, quote } })
      .catch(() => undefined);
  }

  private flash(range: Range): void {
    const page = this.surface.pageEl();
    const layer = this.surface.flashLayer();
    if (!page || !layer) return;
    const box = page.getBoundingClientRect();
    layer.dataset.text = range.toString(); // what was jumped to, for assistive tech and tests
    for (const r of Array.from(range.getClientRects())) {
      const div = document.createElement('div');
      div.className = 'flash';
      Object.assign(div.style, {
        left: `${r.left - box.left - 2}px`,
        top: `${r.top - box.top - 1}px`,
        width: `${r.width + 4}px`,
        height: `${r.height + 2}px`,
      });
      layer.appendChild(div);
      setTimeout(() => div.remove(), 2700);
    }
  }

  private rangeAtArchiveOffset(offset: number, length?: number): Range | null {
    const map = this.surface.map();
    const detail = this.surface.detail();
    if (!map || !detail) return null;
    const text = detail.text;
    let end = offset + (length ?? 0);
    if (!length) {
      // no length: mark the word (or phrase up to punctuation) starting there
      const m = /^[^\s.,;:!?)"”]+/.exec(text.slice(offset, offset + 80));
      end = offset + Math.max(1, m?.[0].length ?? 1);
    }
    const placed = archiveToDom(text, map.text, offset, end);
    return placed ? rangeFor(map, placed.start, placed.end) : null;
  }

  private markRestored(): void {
    this.restored = true;
    this.restoredTop = this.surface.scrollEl()?.scrollTop ?? -1;
    this.updatePercent();
  }

  private updatePercent(): void {
    const el = this.surface.scrollEl();
    if (!el) return;
    const max = el.scrollHeight - el.clientHeight;
    const percent = max > 0 ? Math.min(1, el.scrollTop / max) : 1;
    if (percent !== this.percent) {
      this.percent = percent;
      this.host.requestUpdate();
    }
  }
}
