// The reader's table of contents: the article's h1-h4 headings, the one being read while scrolling, and jumping to one.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Fewer headings than this make no useful contents list. */
export const TOC_MIN_HEADINGS = 3;

export interface TocEntry {
  level: number;
  text: string;
  el: HTMLElement;
}

export interface TocSurface {
  contentEl(): HTMLElement | null;
  scrollEl(): HTMLElement | null;
}

export class TocController implements ReactiveController {
  entries: TocEntry[] = [];
  /** Index of the section being read (the last heading scrolled past the top), -1 before the first. */
  current = -1;
  /** The entry last jumped to: it stays current while its heading is on screen (a short last section cannot reach the top). */
  private pinned = -1;
  private observed: HTMLElement | null = null;
  private scroller: HTMLElement | null = null;
  private frame = 0;
  // The content is replaced whenever highlights are painted again: the list follows it.
  private readonly mutations = new MutationObserver(() => this.collect());
  private readonly onScroll = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.track();
    });
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly surface: TocSurface,
  ) {
    host.addController(this);
  }

  /** Shown only for articles with enough headings to be worth it. */
  get shown(): boolean {
    return this.entries.length >= TOC_MIN_HEADINGS;
  }

  hostUpdated(): void {
    const content = this.surface.contentEl();
    if (content !== this.observed) {
      this.mutations.disconnect();
      this.observed = content;
      if (content) this.mutations.observe(content, { childList: true });
      this.collect();
    }
    const scroller = this.surface.scrollEl();
    if (scroller !== this.scroller) {
      this.scroller?.removeEventListener('scroll', this.onScroll);
      this.scroller = scroller;
      scroller?.addEventListener('scroll', this.onScroll, { passive: true });
    }
  }

  hostDisconnected(): void {
    this.mutations.disconnect();
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.scroller = null;
    this.observed = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Reads the headings of the mounted text (empty ones, such as an anchor-only heading, are left out). */
  collect(): void {
    const content = this.surface.contentEl();
    const next: TocEntry[] = [];
    for (const el of content?.querySelectorAll<HTMLElement>('h1, h2, h3, h4') ?? []) {
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) next.push({ level: Number(el.tagName[1]), text, el });
    }
    const same =
      next.length === this.entries.length &&
      next.every((e, i) => e.el === this.entries[i]?.el && e.text === this.entries[i]?.text);
    if (same) return;
    this.entries = next;
    this.pinned = -1;
    this.track(true);
  }

  /** The section at the top of the view: the last heading whose top has passed a little below the view's top. */
  private track(force = false): void {
    const scroller = this.surface.scrollEl();
    let at = -1;
    if (scroller && this.entries.length) {
      const view = scroller.getBoundingClientRect();
      const top = view.top + 96;
      for (let i = 0; i < this.entries.length; i++) {
        if (this.entries[i]!.el.getBoundingClientRect().top <= top) at = i;
        else break;
      }
      const pinned = this.entries[this.pinned]?.el.getBoundingClientRect();
      if (pinned && pinned.top >= view.top - 1 && pinned.bottom <= view.bottom) at = this.pinned;
      else this.pinned = -1;
    }
    if (at !== this.current || force) {
      this.current = at;
      this.host.requestUpdate();
    }
  }

  /** Scrolls the heading to the top and moves the focus to it, so reading (and a screen reader) goes on from there. */
  jump(index: number): void {
    const entry = this.entries[index];
    if (!entry) return;
    if (!entry.el.hasAttribute('tabindex')) entry.el.setAttribute('tabindex', '-1');
    entry.el.scrollIntoView({ block: 'start' });
    entry.el.focus({ preventScroll: true });
    this.pinned = index;
    this.current = index;
    this.host.requestUpdate();
  }
}
