// The reader: the sanitized article in a typographic view, with highlights, notes, reading position and metadata.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { Annotation, AnnotationId, ArticleDetail, ArticleId, HighlightColor } from '../../db/contract/types.js';
import { ArchiveChangedEvent, OpenExternalEvent, ToastEvent } from '../events.js';
import { isAbort } from '../client/client-error.js';
import { externalLinkOf, renderNote } from '../lib/markdown.js';
import { shared } from '../styles/shared.js';
import { readerStyles } from './st-reader.styles.js';
import { icon } from '../lib/icons.js';
import { formatDate, readingMinutes, siteOf } from '../lib/format.js';
import { isTyping } from '../lib/keys.js';
import { loadPrefs, savePrefs, type ReaderPrefs } from '../lib/prefs.js';
import { sanitizeArticle } from '../lib/sanitize.js';
import { buildTextMap, offsetsOfRange, rangeFor, type TextMap } from '../lib/text-map.js';
import { paintHighlights } from '../lib/highlight-dom.js';
import { archiveToDom, domToArchive } from '../lib/offset-bridge.js';
import { collectPages } from '../lib/paging.js';
import { mark, measure } from '../lib/perf.js';
import { takePrefetched } from '../lib/article-prefetch.js';
import { href } from '../router.js';
import type { HighlightRequest, StSelectionToolbar } from '../components/st-selection-toolbar.js';
import type { PanelEvent } from '../components/st-annotation-panel.js';
import '../components/st-selection-toolbar.js';
import '../components/st-annotation-panel.js';
import '../components/st-metadata-panel.js';
import '../components/st-reader-settings.js';

interface PendingSelection {
  start: number; // in the rendered text map
  end: number;
  x: number;
  y: number;
}

const SAVE_EVERY_MS = 1000;

@customElement('st-reader')
export class StReader extends LitElement {
  static override styles = [shared, readerStyles];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ type: Number }) articleId = 0;
  @property({ attribute: false }) params = new URLSearchParams();

  @state() private detail: ArticleDetail | null = null;
  @state() private annotations: Annotation[] = [];
  @state() private colors: HighlightColor[] = [];
  @state() private prefs: ReaderPrefs = loadPrefs();
  @state() private pending: PendingSelection | null = null;
  @state() private openMenu: 'appearance' | 'organize' | null = null;
  @state() private panel: 'annotations' | 'details' | null = window.innerWidth > 1000 ? 'annotations' : null;
  @state() private percent = 0;
  /** Notes of the highlight under the pointer, shown as a tooltip above it. */
  @state() private noteTip: { x: number; y: number; ids: AnnotationId[] } | null = null;

  @query('.content') private contentEl!: HTMLElement;
  @query('.scroll') private scrollEl!: HTMLElement;
  @query('.page') private pageEl!: HTMLElement;
  @query('.flash-layer') private flashLayer!: HTMLElement;
  @query('st-selection-toolbar') private toolbar?: StSelectionToolbar;

  private map: TextMap | null = null;
  private restored = false;
  /** scrollTop the reader itself scrolled to on opening: that scroll is not the reader moving, so nothing is saved. */
  private restoredTop = -1;
  private saveTimer = 0;
  private lastSaved = 0;
  private markedRead = false;

  private readonly load = new Task(this, {
    task: async ([id], { signal }) => {
      mark('reader:load');
      // The article is asked for first (the server answers in order); colors and annotations go out at the same
      // time, but the text does not wait for them: it paints first, the highlights follow.
      const articleCall =
        takePrefetched(id as ArticleId)?.catch(() => this.client.getArticle({ id: id as ArticleId }, { signal })) ??
        this.client.getArticle({ id: id as ArticleId }, { signal });
      const extras = Promise.all([
        this.client.listColors({}, { signal }),
        collectPages((offset, limit) =>
          this.client.listAnnotations({ articleId: id as ArticleId, offset, limit }, { signal }),
        ),
      ]);
      extras.catch(() => undefined); // handled in showArticle; never an unhandled rejection if getArticle fails first
      const article = await articleCall;
      measure('reader:fetch', 'reader:load');
      return { article, extras };
    },
    args: () => [this.articleId],
    onComplete: (v) => {
      this.restored = false;
      this.markedRead = v.article.isRead;
      this.detail = v.article;
      this.annotations = [];
      void this.updateComplete.then(() => this.showArticle(v.article, v.extras));
    },
  });

  /** Mounts the text and scrolls to the hit or saved position, then paints the highlights when they arrive. */
  private async showArticle(
    article: ArticleDetail,
    extras: Promise<[HighlightColor[], { items: Annotation[] }]>,
  ): Promise<void> {
    this.mountContent();
    // Opening at a highlight needs its marks painted first; any other position can be restored now.
    const atHighlight = this.params.has('annotation');
    if (!atHighlight) {
      this.restorePosition();
      measure('reader:positioned', 'reader:mount');
    }
    try {
      const [colors, annotations] = await extras;
      if (this.detail !== article) return; // another article was opened meanwhile
      this.colors = colors;
      this.annotations = annotations.items;
      this.paintAnnotations();
      measure('reader:highlighted', 'reader:mount');
    } catch (err) {
      if (this.detail !== article || isAbort(err)) return;
      this.dispatchEvent(
        new ToastEvent({
          message: `The highlights of this article cannot be shown: ${(err as Error).message}`,
          tone: 'error',
        }),
      );
    }
    if (atHighlight) this.restorePosition();
  }

  private readonly onSelectionChange = () => {
    if (this.toolbar?.noteOpen) return;
    requestAnimationFrame(() => this.readSelection());
  };

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      if (this.openMenu) {
        const which = this.openMenu;
        this.openMenu = null;
        // the focus goes back to the toolbar button that opened the popover
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>(`[data-popover="${which}"]`)?.focus(),
        );
      } else if (this.pending) this.clearSelection();
      else if (this.panel) this.panel = null;
      return;
    }
    if (isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'h' && this.pending) {
      e.preventDefault();
      void this.createHighlight({ color: this.colors[0]?.name ?? 'yellow', note: '', tags: [] });
    } else if (e.key === 'n' && this.pending) {
      e.preventDefault();
      this.toolbar?.openNote();
    } else if (e.key === 'j' || e.key === 'k') {
      this.scrollEl?.scrollBy({ top: (e.key === 'j' ? 1 : -1) * this.scrollEl.clientHeight * 0.15 });
    }
  };

  private readonly onOutsideClick = (e: MouseEvent) => {
    if (!this.openMenu) return;
    const path = e.composedPath();
    if (!path.some((n) => n instanceof HTMLElement && (n.classList.contains('popover') || n.dataset.popover)))
      this.openMenu = null;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('selectionchange', this.onSelectionChange);
    window.addEventListener('keydown', this.onKey);
    window.addEventListener('click', this.onOutsideClick);
    window.addEventListener('pagehide', this.onPageHide);
  }

  // Closing the window or reloading does not disconnect elements: save the position the person is at now.
  private readonly onPageHide = () => this.savePosition();

  override disconnectedCallback(): void {
    document.removeEventListener('selectionchange', this.onSelectionChange);
    window.removeEventListener('keydown', this.onKey);
    window.removeEventListener('click', this.onOutsideClick);
    window.removeEventListener('pagehide', this.onPageHide);
    this.savePosition();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('articleId') && changed.get('articleId') !== undefined) {
      this.savePosition();
      this.detail = null;
      this.pending = null;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A new ?offset / ?annotation on the same article (e.g. another search hit) scrolls without reloading.
    if (changed.has('params') && changed.get('params') !== undefined && this.detail && this.map) this.restorePosition();
  }

  // ---------- content and highlights ----------

  /** The sanitized article text with the current annotations painted in. */
  private mountContent(): void {
    const detail = this.detail;
    if (!detail || !this.contentEl) return;
    mark('reader:mount');
    this.contentEl.replaceChildren(sanitizeArticle(detail.html, (sha) => this.client.assetUrl(sha)));
    measure('reader:sanitize', 'reader:mount');
    this.map = buildTextMap(this.contentEl);
    measure('reader:textmap', 'reader:mount');
    this.paintAnnotations();
    measure('reader:mounted', 'reader:mount');
  }

  /** Paints this.annotations into freshly mounted (unpainted) content and maps the split text nodes again. */
  private paintAnnotations(): void {
    const detail = this.detail;
    const map = this.map;
    if (!detail || !map || !this.contentEl) return;
    const spans = [];
    for (const a of this.annotations) {
      if (a.anchor.start === undefined || a.anchor.end === undefined || a.anchor.state === 'orphan') continue;
      const placed = archiveToDom(detail.text, map.text, a.anchor.start, a.anchor.end);
      if (!placed) continue;
      spans.push({
        id: a.id,
        start: placed.start,
        end: placed.end,
        hex: this.colors.find((c) => c.name === a.color)?.hex ?? '#f7d154',
        hasNote: a.note.trim() !== '',
      });
    }
    if (!spans.length) return;
    paintHighlights(map, spans);
    this.map = buildTextMap(this.contentEl);
  }

  private async reloadAnnotations(): Promise<void> {
    const list = await collectPages((offset, limit) =>
      this.client.listAnnotations({ articleId: this.articleId as ArticleId, offset, limit }),
    );
    this.annotations = list.items;
    this.mountContent();
  }

  private onContentClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const link = target.closest('a');
    if (link) {
      e.preventDefault(); // nothing inside an archived page navigates the app
      const url = link.getAttribute('href');
      if (url && link.dataset.external) this.dispatchEvent(new OpenExternalEvent(url));
      return;
    }
    const mark = target.closest('mark.hl') as HTMLElement | null;
    if (
      mark?.dataset.ids &&
      (this.shadowRoot as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.()?.isCollapsed !==
        false
    ) {
      this.panel = 'annotations';
      const id = Number(mark.dataset.ids.split(' ')[0]);
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`st-annotation-panel`)?.scrollIntoView?.({ block: 'nearest' }),
      );
      this.highlightMarks(id as AnnotationId);
    }
  }

  private onContentOver(e: MouseEvent): void {
    const mark = (e.target as HTMLElement).closest?.('mark.hl.has-note') as HTMLElement | null;
    if (!mark?.dataset.ids) {
      if (this.noteTip) this.noteTip = null;
      return;
    }
    const ids = mark.dataset.ids.split(' ').map(Number) as AnnotationId[];
    if (this.noteTip && this.noteTip.ids.join() === ids.join()) return;
    const rect = mark.getBoundingClientRect();
    const page = this.pageEl.getBoundingClientRect();
    this.noteTip = {
      ids,
      x: Math.max(160, Math.min(page.width - 160, e.clientX - page.left)),
      y: rect.bottom - page.top + 6,
    };
  }

  private renderNoteTip() {
    const tip = this.noteTip;
    if (!tip || this.pending) return nothing;
    const notes = this.annotations.filter((a) => tip.ids.includes(a.id) && a.note.trim());
    if (!notes.length) return nothing;
    return html`<div class="note-tip" role="tooltip" style="left:${tip.x}px;top:${tip.y}px">
      ${notes.map((a) => html`<div class="md" style="--c:${this.colors.find((c) => c.name === a.color)?.hex ?? 'var(--border)'}">${renderNote(a.note)}</div>`)}</div>`;
  }

  private highlightMarks(id: AnnotationId): HTMLElement | null {
    const marks = [...this.contentEl.querySelectorAll<HTMLElement>('mark.hl')];
    marks.forEach((m) => m.classList.remove('current'));
    const mine = marks.filter((m) => m.dataset.ids?.split(' ').includes(String(id)));
    mine.forEach((m) => m.classList.add('current'));
    setTimeout(() => mine.forEach((m) => m.classList.remove('current')), 2500);
    return mine[0] ?? null;
  }

  // ---------- selection and annotating ----------

  private selection(): Selection | null {
    const root = this.shadowRoot as (ShadowRoot & { getSelection?: () => Selection | null }) | null;
    return root?.getSelection?.() ?? document.getSelection();
  }

  private readSelection(): void {
    const sel = this.selection();
    if (!sel || !sel.rangeCount || sel.isCollapsed || !this.map || !this.contentEl) {
      if (this.pending && !this.toolbar?.noteOpen) this.pending = null;
      return;
    }
    const range = sel.getRangeAt(0);
    if (!this.contentEl.contains(range.commonAncestorContainer)) return;
    const offsets = offsetsOfRange(this.map, range);
    if (!offsets) return;
    const rect = range.getBoundingClientRect();
    const page = this.pageEl.getBoundingClientRect();
    this.pending = {
      ...offsets,
      x: Math.max(180, Math.min(page.width - 180, rect.left + rect.width / 2 - page.left)),
      y: rect.top - page.top,
    };
  }

  private clearSelection(): void {
    this.selection()?.removeAllRanges();
    this.pending = null;
  }

  private async createHighlight(req: HighlightRequest): Promise<void> {
    const p = this.pending;
    const detail = this.detail;
    if (!p || !detail || !this.map) return;
    const at = domToArchive(detail.text, this.map.text, p.start, p.end);
    if (!at) {
      this.dispatchEvent(
        new ToastEvent({ message: 'This passage cannot be anchored in the archived text.', tone: 'error' }),
      );
      return;
    }
    try {
      const created = await this.client.createAnnotation({
        articleId: detail.id,
        kind: 'highlight',
        start: at.start,
        end: at.end,
        color: req.color,
        note: req.note,
        tags: req.tags,
      });
      this.clearSelection();
      await this.reloadAnnotations();
      this.dispatchEvent(new ArchiveChangedEvent());
      this.dispatchEvent(
        new ToastEvent({
          message: req.note
            ? 'Note saved'
            : `Highlighted as ${this.colors.find((c) => c.name === req.color)?.label ?? req.color}`,
          action: {
            label: 'Undo',
            run: async () => {
              await this.client.deleteAnnotation({ id: created.id });
              await this.reloadAnnotations();
            },
          },
        }),
      );
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  private async onPanel(e: CustomEvent<PanelEvent>): Promise<void> {
    const d = e.detail;
    try {
      if (d.kind === 'jump') {
        const mark = this.highlightMarks(d.id);
        if (mark) this.scrollToRect(mark.getBoundingClientRect(), true);
      } else if (d.kind === 'update') {
        await this.client.updateAnnotation({ id: d.id, patch: d.patch });
        await this.reloadAnnotations();
      } else if (d.kind === 'delete') {
        await this.client.deleteAnnotation({ id: d.id });
        await this.reloadAnnotations();
        this.dispatchEvent(
          new ToastEvent({
            message: 'Annotation deleted',
            action: {
              label: 'Undo',
              run: async () => {
                await this.client.restoreAnnotation({ id: d.id });
                await this.reloadAnnotations();
              },
            },
          }),
        );
      }
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  // ---------- position: hits, reading position ----------

  private scrollToRect(rect: DOMRect, center: boolean): void {
    const box = this.scrollEl.getBoundingClientRect();
    const delta = center
      ? rect.top - box.top - (this.scrollEl.clientHeight - rect.height) / 2
      : rect.top - box.top - 24;
    this.scrollEl.scrollTop += delta;
  }

  private flash(range: Range): void {
    const page = this.pageEl.getBoundingClientRect();
    this.flashLayer.dataset.text = range.toString(); // what was jumped to, for assistive tech and tests
    for (const r of Array.from(range.getClientRects())) {
      const div = document.createElement('div');
      div.className = 'flash';
      Object.assign(div.style, {
        left: `${r.left - page.left - 2}px`,
        top: `${r.top - page.top - 1}px`,
        width: `${r.width + 4}px`,
        height: `${r.height + 2}px`,
      });
      this.flashLayer.appendChild(div);
      setTimeout(() => div.remove(), 2700);
    }
  }

  private rangeAtArchiveOffset(offset: number, length?: number): Range | null {
    if (!this.map || !this.detail) return null;
    const text = this.detail.text;
    let end = offset + (length ?? 0);
    if (!length) {
      // no length: mark the word (or phrase up to punctuation) starting there
      const m = /^[^\s.,;:!?)"”]+/.exec(text.slice(offset, offset + 80));
      end = offset + Math.max(1, m?.[0].length ?? 1);
    }
    const placed = archiveToDom(text, this.map.text, offset, end);
    return placed ? rangeFor(this.map, placed.start, placed.end) : null;
  }

  private restorePosition(): void {
    if (!this.detail || !this.map) return;
    const offset = this.params.get('offset');
    const annotation = this.params.get('annotation');
    if (annotation) {
      const id = Number(annotation) as AnnotationId;
      const mark = this.highlightMarks(id);
      if (mark) {
        const marks = [...this.contentEl.querySelectorAll<HTMLElement>('mark.hl')].filter((m) =>
          m.dataset.ids?.split(' ').includes(String(id)),
        );
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
    } else if (this.detail.readingPosition) {
      const pos = this.detail.readingPosition;
      let at = pos.offset;
      // the quote wins over the offset when the text moved (re-extraction, new version)
      if (pos.quote && this.detail.text.slice(at, at + pos.quote.length) !== pos.quote) {
        const found = this.detail.text.indexOf(pos.quote);
        at = found >= 0 ? found : -1;
      }
      const range = at >= 0 ? this.rangeAtArchiveOffset(at, 1) : null;
      if (range) this.scrollToRect(range.getBoundingClientRect(), false);
      else this.scrollEl.scrollTop = pos.percent * (this.scrollEl.scrollHeight - this.scrollEl.clientHeight);
    }
    this.markRestored();
  }

  private markRestored(): void {
    this.restored = true;
    this.restoredTop = this.scrollEl.scrollTop;
    this.updatePercent();
  }

  private updatePercent(): void {
    const el = this.scrollEl;
    if (!el) return;
    const max = el.scrollHeight - el.clientHeight;
    this.percent = max > 0 ? Math.min(1, el.scrollTop / max) : 1;
  }

  private onScroll(): void {
    this.updatePercent();
    if (!this.restored) return;
    // Opening scrolled to the hit or the saved position: writing that back would only be an extra write per
    // article opened (and every write invalidates the archive's search caches).
    if (this.restoredTop >= 0 && Math.abs(this.scrollEl.scrollTop - this.restoredTop) < 2) return;
    this.restoredTop = -1;
    if (this.pending && !this.toolbar?.noteOpen) this.readSelection();
    clearTimeout(this.saveTimer);
    const wait = Math.max(0, SAVE_EVERY_MS - (Date.now() - this.lastSaved));
    this.saveTimer = window.setTimeout(() => this.savePosition(), wait);
    if (this.percent > 0.97 && !this.markedRead && this.detail) {
      this.markedRead = true;
      void this.client.updateArticle({ id: this.detail.id, patch: { isRead: true } }).then((d) => {
        if (this.detail?.id === d.id) this.detail = { ...this.detail, isRead: true };
      });
    }
  }

  /** First paragraph visible at the top of the reader -> archive offset + a quote that survives re-extraction. */
  private savePosition(): void {
    clearTimeout(this.saveTimer);
    const detail = this.detail;
    if (!detail || !this.map || !this.restored || !this.scrollEl || !this.contentEl) return;
    if (this.restoredTop >= 0) return; // not moved since it opened: nothing new to remember, and no write
    const top = this.scrollEl.getBoundingClientRect().top;
    let offset = 0;
    for (let i = 0; i < this.map.nodes.length; i++) {
      const node = this.map.nodes[i];
      if (!node || node.parentElement === null) continue;
      if (node.parentElement.getBoundingClientRect().bottom > top + 8) {
        offset = i;
        break;
      }
      // skip the rest of this node quickly
      while (i + 1 < this.map.nodes.length && this.map.nodes[i + 1] === node) i++;
    }
    const at = domToArchive(detail.text, this.map.text, offset, offset + 1)?.start ?? 0;
    const quote = detail.text.slice(at, at + 64);
    this.lastSaved = Date.now();
    void this.client
      .setReadingPosition({ id: detail.id, position: { percent: this.percent, offset: at, quote } })
      .catch(() => undefined);
  }

  // ---------- article state ----------

  private async patch(p: { isRead?: boolean; isFavorite?: boolean; isArchived?: boolean }): Promise<void> {
    if (!this.detail) return;
    try {
      const updated = await this.client.updateArticle({ id: this.detail.id, patch: p });
      this.detail = {
        ...this.detail,
        isRead: updated.isRead,
        isFavorite: updated.isFavorite,
        isArchived: updated.isArchived,
      };
      if (p.isRead !== undefined) this.markedRead = updated.isRead;
      this.dispatchEvent(new ArchiveChangedEvent());
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  private async organize(kind: 'tag' | 'untag' | 'collect' | 'uncollect', value: string): Promise<void> {
    const detail = this.detail;
    if (!detail || !value.trim()) return;
    const ids = [detail.id];
    try {
      if (kind === 'tag')
        await this.client.tagArticles({
          ids,
          tags: value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        });
      if (kind === 'untag') await this.client.untagArticles({ ids, tags: [value] });
      if (kind === 'collect') await this.client.addToCollection({ ids, collection: value.trim() });
      if (kind === 'uncollect') await this.client.removeFromCollection({ ids, collection: value });
      const fresh = await this.client.getArticle({ id: detail.id });
      this.detail = { ...detail, tags: fresh.tags, collections: fresh.collections };
      this.dispatchEvent(new ArchiveChangedEvent());
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  private async trash(): Promise<void> {
    if (!this.detail) return;
    const ids = [this.detail.id];
    await this.client.trashArticles({ ids });
    this.dispatchEvent(new ArchiveChangedEvent());
    this.dispatchEvent(
      new ToastEvent({
        message: 'Moved to the trash',
        action: {
          label: 'Undo',
          run: async () => {
            await this.client.restoreArticles({ ids });
            this.dispatchEvent(new ArchiveChangedEvent());
          },
        },
      }),
    );
    location.hash = '#/library';
  }

  private setPrefs(p: ReaderPrefs): void {
    this.prefs = p;
    savePrefs(p);
  }

  // ---------- rendering ----------

  private renderOrganize(d: ArticleDetail) {
    const pill = (v: string, kind: 'untag' | 'uncollect') =>
      html`<span class="pill">${v}<button aria-label="Remove ${v}" @click=${() => this.organize(kind, v)}>${icon('x', 12)}</button></span>`;
    const form = (kind: 'tag' | 'collect', label: string) => html`<form @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const i = (e.target as HTMLFormElement).querySelector('input')!;
      void this.organize(kind, i.value);
      i.value = '';
    }}>
      <input type="text" aria-label=${label} placeholder=${label}><button class="btn" type="submit">Add</button></form>`;
    return html`<div class="popover organize" role="dialog" aria-label="Tags and collections">
      <h3>Tags</h3><div class="pills">${d.tags.length ? d.tags.map((t) => pill(t, 'untag')) : html`<span class="muted">No tags</span>`}</div>
      ${form('tag', 'Add tags, comma separated')}
      <h3>Collections</h3><div class="pills">${d.collections.length ? d.collections.map((c) => pill(c, 'uncollect')) : html`<span class="muted">In no collection</span>`}</div>
      ${form('collect', 'Add to collection')}
    </div>`;
  }

  private renderToolbar(d: ArticleDetail | null) {
    const toggle = (
      on: boolean,
      label: string,
      offLabel: string,
      iconName: Parameters<typeof icon>[0],
      run: () => void,
    ) =>
      html`<button class="btn ghost" aria-pressed=${on ? 'true' : 'false'} @click=${run} title=${on ? label : offLabel}>${icon(iconName, 17)}<span>${on ? label : offLabel}</span></button>`;
    return html`<div class="top" role="toolbar" aria-label="Reader">
      <button class="btn ghost icon-only" aria-label="Back" @click=${() => (history.length > 1 ? history.back() : (location.hash = '#/library'))}>${icon('back')}</button>
      <span class="crumb">${d ? d.siteName || siteOf(d.sourceUrl) || 'Article' : ''}</span>
      <span class="spacer"></span>
      ${
        d
          ? html`
        ${toggle(d.isRead, 'Read', 'Mark read', 'check', () => this.patch({ isRead: !d.isRead }))}
        ${toggle(d.isFavorite, 'Favorite', 'Favorite', 'star', () => this.patch({ isFavorite: !d.isFavorite }))}
        ${toggle(d.isArchived, 'Archived', 'Archive', 'archive', () => this.patch({ isArchived: !d.isArchived }))}
        ${d.captures.length > 1 ? html`<a class="btn ghost" href=${href('versions', {}, d.id)} title="Compare the captures of this article">${icon('timeline', 17)} Versions (${d.captures.length})</a>` : nothing}
        <button class="btn ghost" data-popover="organize" aria-expanded=${this.openMenu === 'organize' ? 'true' : 'false'} @click=${() => (this.openMenu = this.openMenu === 'organize' ? null : 'organize')}>${icon('tag', 17)} Organize</button>
        <button class="btn ghost icon-only" data-popover="appearance" aria-label="Appearance" aria-expanded=${this.openMenu === 'appearance' ? 'true' : 'false'} @click=${() => (this.openMenu = this.openMenu === 'appearance' ? null : 'appearance')}>${icon('type', 17)}</button>
        <button class="btn ghost icon-only" aria-label="Move to trash" @click=${this.trash}>${icon('trash', 17)}</button>
        <button class="btn ghost icon-only" aria-label="Side panel" aria-pressed=${this.panel ? 'true' : 'false'} @click=${() => (this.panel = this.panel ? null : 'annotations')}>${icon('panel', 17)}</button>`
          : nothing
      }
      <div class="progress" style="width:${(this.percent * 100).toFixed(1)}%" aria-hidden="true"></div>
      ${this.openMenu === 'appearance' ? html`<div class="popover" role="dialog" aria-label="Appearance"><st-reader-settings .prefs=${this.prefs} @st-prefs=${(e: CustomEvent<ReaderPrefs>) => this.setPrefs(e.detail)}></st-reader-settings></div>` : nothing}
      ${this.openMenu === 'organize' && d ? this.renderOrganize(d) : nothing}
    </div>`;
  }

  private renderPanel(d: ArticleDetail) {
    if (!this.panel) return nothing;
    return html`<aside class="panel" aria-label="Article side panel">
      <div class="tabs" role="tablist" aria-label="Side panel">
        <button class="btn ${this.panel === 'annotations' ? '' : 'ghost'}" role="tab" aria-selected=${this.panel === 'annotations' ? 'true' : 'false'} @click=${() => (this.panel = 'annotations')}>
          ${icon('highlight', 15)} Annotations${this.annotations.length ? ` (${this.annotations.length})` : ''}</button>
        <button class="btn ${this.panel === 'details' ? '' : 'ghost'}" role="tab" aria-selected=${this.panel === 'details' ? 'true' : 'false'} @click=${() => (this.panel = 'details')}>${icon('info', 15)} Details</button>
      </div>
      <div role="tabpanel" aria-label=${this.panel === 'annotations' ? 'Annotations' : 'Details'}>
        ${
          this.panel === 'annotations'
            ? html`<st-annotation-panel .annotations=${this.annotations} .colors=${this.colors} @st-annotation=${this.onPanel}></st-annotation-panel>`
            : html`<st-metadata-panel .article=${d} @click=${(e: MouseEvent) => {
                const url = externalLinkOf(e);
                if (url) {
                  e.preventDefault();
                  this.dispatchEvent(new OpenExternalEvent(url));
                }
              }}></st-metadata-panel>`
        }
      </div>
    </aside>`;
  }

  override render() {
    const d = this.detail;
    if (this.load.status === 3 /* ERROR */) {
      return html`${this.renderToolbar(null)}<div class="empty"><div class="badge">${icon('alert', 26)}</div><h2>This article cannot be opened</h2><p>${(this.load.error as Error)?.message ?? ''}</p><a class="btn" href="#/library">Back to the library</a></div>`;
    }
    return html`
      ${this.renderToolbar(d)}
      <div class="body">
        <div class="scroll" @scroll=${this.onScroll}>
          ${
            d
              ? html`<article class="page ${this.prefs.font}" style="--size:${this.prefs.size}px;--width:${this.prefs.width}" aria-label=${d.title} lang=${d.language ?? nothing}>
            <header>
              <div class="kicker">
                ${d.siteName || siteOf(d.sourceUrl) ? html`<span>${d.siteName || siteOf(d.sourceUrl)}</span><span aria-hidden="true">·</span>` : nothing}
                <span>${formatDate(d.publishedAt ?? d.addedAt)}</span><span aria-hidden="true">·</span><span>${readingMinutes(d.wordCount)}</span>
              </div>
              <h1 class="title">${d.title || 'Untitled'}</h1>
              ${d.byline ? html`<div class="byline">${d.byline}</div>` : nothing}
              ${d.tags.length ? html`<div class="tags">${d.tags.map((t) => html`<span class="tagpill">${t}</span>`)}</div>` : nothing}
            </header>
            <div class="content" @click=${this.onContentClick} @mouseover=${this.onContentOver} @mouseleave=${() => (this.noteTip = null)}></div>
            ${this.renderNoteTip()}
            <div class="flash-layer"></div>
            ${
              this.pending
                ? html`<st-selection-toolbar style="left:${this.pending.x}px;top:${this.pending.y}px" .colors=${this.colors}
              @st-highlight=${(e: CustomEvent<HighlightRequest>) => this.createHighlight(e.detail)}></st-selection-toolbar>`
                : nothing
            }
          </article>`
              : html`<div class="skeleton" aria-busy="true" aria-label="Loading article"><div style="width:30%"></div><div style="height:28px;width:85%"></div><div></div><div></div><div style="width:70%"></div></div>`
          }
        </div>
        ${d ? this.renderPanel(d) : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-reader': StReader;
  }
}
