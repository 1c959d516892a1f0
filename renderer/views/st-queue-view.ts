// Reading queue views: "Later" in the reader's own order (drag, or Alt+Up/Down, to move) and "Continue reading".
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ArticleId, ArticleSummary } from '../../db/contract/types.js';
import { ArchiveChangedEvent, ToastEvent } from '../events.js';
import { href } from '../router.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatCount, formatDate, formatDateTime, readingMinutes, siteOf } from '../lib/format.js';
import { collectPages } from '../lib/paging.js';

export type QueueMode = 'later' | 'continue';

/** Where a dragged article would land: before or after the item under the pointer. */
interface DropMark {
  index: number;
  after: boolean;
}

@customElement('st-queue-view')
export class StQueueView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; overflow-y: auto; }
    .intro { margin: 0 28px 14px; color: var(--muted); font-size: 13.5px; max-width: 70ch; line-height: 1.5; }
    .count { color: var(--muted); font-size: 13px; }
    ol { list-style: none; margin: 0; padding: 0 28px 40px; display: grid; gap: 8px; max-width: 920px; }
    .item { position: relative; display: grid; grid-template-columns: auto 1fr auto; gap: 12px; align-items: center; background: var(--surface);
      border: 1px solid var(--border); border-radius: var(--radius); padding: 10px 10px 10px 8px; }
    .continue .item { grid-template-columns: 1fr auto; padding-left: 16px; }
    .item:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
    .item.dragging { opacity: 0.45; }
    .item.drop-before::before, .item.drop-after::after { content: ''; position: absolute; left: 0; right: 0; height: 3px; border-radius: 2px; background: var(--accent); }
    .item.drop-before::before { top: -6px; }
    .item.drop-after::after { bottom: -6px; }
    .grip { color: var(--muted); cursor: grab; display: grid; place-items: center; width: 24px; }
    .place { font-variant-numeric: tabular-nums; color: var(--muted); font-size: 12px; text-align: center; }
    .main { min-width: 0; display: grid; gap: 3px; }
    .title { color: var(--text); text-decoration: none; font-weight: 600; font-size: 14.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .title:hover { color: var(--accent); }
    .meta { display: flex; gap: 6px; color: var(--muted); font-size: 12.5px; white-space: nowrap; overflow: hidden; }
    .actions { display: flex; gap: 2px; }
    .bar { height: 4px; border-radius: 2px; background: var(--surface-2); overflow: hidden; margin-top: 4px; max-width: 360px; }
    .bar span { display: block; height: 100%; background: var(--accent); }
    .resume { white-space: nowrap; }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property() mode: QueueMode = 'later';
  @property({ type: Number }) revision = 0;

  @state() private items: ArticleSummary[] = [];
  @state() private total = -1;
  @state() private error = '';
  @state() private dragId: ArticleId | null = null;
  @state() private drop: DropMark | null = null;
  /** What the last move did, read out by screen readers. */
  @state() private announcement = '';
  private loadSeq = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('mode') || changed.has('revision')) void this.load();
  }

  private async load(): Promise<void> {
    const seq = ++this.loadSeq;
    try {
      const list =
        this.mode === 'later'
          ? await collectPages((offset, limit) => this.client.listLater({ offset, limit }))
          : await collectPages((offset, limit) => this.client.listContinueReading({ offset, limit }), 200);
      if (seq !== this.loadSeq) return;
      this.items = list.items;
      this.total = list.total;
      this.error = '';
    } catch (err) {
      if (seq === this.loadSeq) this.error = (err as Error).message;
    }
  }

  /** Moves the article at `from` to place `to` on screen at once, then in the archive (reloaded if that fails). */
  private async move(from: number, to: number, refocus: boolean): Promise<void> {
    const item = this.items[from];
    if (!item || to < 0 || to >= this.items.length || to === from) return;
    const next = [...this.items];
    next.splice(from, 1);
    next.splice(to, 0, item);
    this.items = next;
    this.announcement = `Moved “${item.title}” to place ${to + 1} of ${next.length}`;
    if (refocus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`.item[data-id="${item.id}"]`)?.focus(),
      );
    try {
      await this.client.moveInLater({ id: item.id, to });
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: `Could not move: ${(err as Error).message}`, tone: 'error' }));
      void this.load();
    }
  }

  private async removeItem(item: ArticleSummary): Promise<void> {
    const ids = [item.id];
    try {
      await this.client.removeFromLater({ ids });
      this.dispatchEvent(new ArchiveChangedEvent());
      this.dispatchEvent(
        new ToastEvent({
          message: `Removed “${item.title}” from Later`,
          action: {
            label: 'Undo',
            run: async () => {
              await this.client.addToLater({ ids });
              this.dispatchEvent(new ArchiveChangedEvent());
            },
          },
        }),
      );
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  /** On a focused item: Alt+Up/Down moves it, Up/Down moves the focus, Enter opens it, Delete removes it. */
  private onItemKey(e: KeyboardEvent, index: number): void {
    if (e.target !== e.currentTarget) return; // the item's own buttons and link keep their keys
    const item = this.items[index];
    if (!item) return;
    const step = e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0;
    if (step && e.altKey && this.mode === 'later') {
      e.preventDefault();
      void this.move(index, index + step, true);
    } else if (step && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      this.renderRoot.querySelector<HTMLElement>(`.item[data-index="${index + step}"]`)?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      location.hash = href('article', {}, item.id);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && this.mode === 'later') {
      e.preventDefault();
      void this.removeItem(item);
    }
  }

  private onDragStart(e: DragEvent, item: ArticleSummary): void {
    this.dragId = item.id;
    e.dataTransfer?.setData('text/plain', String(item.id));
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  }

  private onDragOver(e: DragEvent, index: number): void {
    if (this.dragId === null) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const after = e.clientY > box.top + box.height / 2;
    if (this.drop?.index !== index || this.drop.after !== after) this.drop = { index, after };
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    const from = this.items.findIndex((i) => i.id === this.dragId);
    const mark = this.drop;
    this.endDrag();
    if (from < 0 || !mark) return;
    // the place counted in the list without the dragged item
    const slot = mark.index + (mark.after ? 1 : 0);
    void this.move(from, slot > from ? slot - 1 : slot, false);
  }

  private endDrag(): void {
    this.dragId = null;
    this.drop = null;
  }

  private renderLaterItem(item: ArticleSummary, index: number) {
    const site = item.siteName || siteOf(item.sourceUrl);
    const last = index === this.items.length - 1;
    const dropClass =
      this.drop?.index === index && this.dragId !== item.id ? (this.drop.after ? 'drop-after' : 'drop-before') : '';
    return html`<li class="item ${this.dragId === item.id ? 'dragging' : ''} ${dropClass}" data-id=${item.id} data-index=${index}
        tabindex="0" draggable="true" aria-label="${index + 1}. ${item.title}"
        aria-describedby="queue-help"
        @keydown=${(e: KeyboardEvent) => this.onItemKey(e, index)}
        @dragstart=${(e: DragEvent) => this.onDragStart(e, item)} @dragover=${(e: DragEvent) => this.onDragOver(e, index)}
        @drop=${(e: DragEvent) => this.onDrop(e)} @dragend=${() => this.endDrag()}>
      <span class="grip" title="Drag to move">${icon('grip', 16)}<span class="place" aria-hidden="true">${index + 1}</span></span>
      <div class="main">
        <a class="title" href=${href('article', {}, item.id)} tabindex="-1" draggable="false">${item.title || 'Untitled'}</a>
        <div class="meta">
          ${site ? html`<span>${site}</span><span aria-hidden="true">·</span>` : nothing}
          <span>${item.linkOnly ? 'Not captured yet' : readingMinutes(item.wordCount)}</span>
          ${item.progress > 0.02 && !item.isRead ? html`<span aria-hidden="true">·</span><span>${Math.round(item.progress * 100)}% read</span>` : nothing}
          ${item.isRead ? html`<span aria-hidden="true">·</span><span>Read</span>` : nothing}
        </div>
      </div>
      <div class="actions">
        <button class="btn ghost icon-only" aria-label="Move “${item.title}” up" ?disabled=${index === 0} @click=${() => this.move(index, index - 1, false)}>${icon('chevron-up', 16)}</button>
        <button class="btn ghost icon-only" aria-label="Move “${item.title}” down" ?disabled=${last} @click=${() => this.move(index, index + 1, false)}>${icon('chevron-down', 16)}</button>
        <button class="btn ghost icon-only" aria-label="Remove “${item.title}” from Later" @click=${() => this.removeItem(item)}>${icon('x', 16)}</button>
      </div>
    </li>`;
  }

  private renderContinueItem(item: ArticleSummary, index: number) {
    const site = item.siteName || siteOf(item.sourceUrl);
    const percent = Math.round(item.progress * 100);
    return html`<li class="item" data-id=${item.id} data-index=${index} tabindex="0" aria-label=${item.title}
        @keydown=${(e: KeyboardEvent) => this.onItemKey(e, index)}>
      <div class="main">
        <a class="title" href=${href('article', {}, item.id)} tabindex="-1">${item.title || 'Untitled'}</a>
        <div class="meta">
          ${site ? html`<span>${site}</span><span aria-hidden="true">·</span>` : nothing}
          <span>${percent}% read</span><span aria-hidden="true">·</span>
          <span title=${formatDateTime(item.lastReadAt)}>last read ${formatDate(item.lastReadAt)}</span>
        </div>
        <div class="bar" role="progressbar" aria-label="Read so far" aria-valuenow=${percent} aria-valuemin="0" aria-valuemax="100"><span style="width:${percent}%"></span></div>
      </div>
      <a class="btn resume" href=${href('article', {}, item.id)} aria-label="Resume “${item.title}”">${icon('resume', 16)} Resume</a>
    </li>`;
  }

  override render() {
    const later = this.mode === 'later';
    const heading = later ? 'Later' : 'Continue reading';
    return html`
      <header class="view-header">
        <h1>${heading}</h1>
        <span class="count" aria-live="polite">${this.total >= 0 ? formatCount(this.total, 'article', 'articles') : this.error ? '' : 'Loading…'}</span>
      </header>
      <p class="intro" id="queue-help">${
        later
          ? 'Your reading queue, in the order you choose: drag an article, or focus it and press Alt+↑ or Alt+↓ to move it. Add articles from the reader or from the library’s selection.'
          : 'Articles you started and have not finished, the most recently read first. Opening one takes you back to where you stopped.'
      }</p>
      ${this.error ? html`<div class="empty"><div class="error-box" role="alert">${icon('alert')}<span>${this.error}</span></div></div>` : nothing}
      ${
        this.total === 0
          ? html`<div class="empty"><div class="badge">${icon(later ? 'clock' : 'resume', 26)}</div>
          <h2>${later ? 'Nothing in Later' : 'Nothing to continue'}</h2>
          <p>${later ? 'Press “Later” in the reader, or select articles in the library and choose Later.' : 'Articles you scroll into and leave before the end show up here.'}</p></div>`
          : nothing
      }
      ${
        this.items.length
          ? html`<ol class=${this.mode} aria-label=${later ? 'Later, in reading order' : 'Continue reading'} @dragleave=${(
              e: DragEvent,
            ) => {
              if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) this.drop = null;
            }}>
          ${repeat(
            this.items,
            (item) => item.id,
            (item, i) => (later ? this.renderLaterItem(item, i) : this.renderContinueItem(item, i)),
          )}</ol>`
          : nothing
      }
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-queue-view': StQueueView;
  }
}
