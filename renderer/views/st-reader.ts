// The reader: the sanitized article in a typographic view, with highlights, notes, reading position and metadata.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { Annotation, AnnotationId, ArticleDetail, ArticleId, HighlightColor } from '../../db/contract/types.js';
import { ArchiveChangedEvent, ToastEvent } from '../events.js';
import { isAbort } from '../client/client-error.js';
import { renderNote } from '../lib/markdown.js';
import { shared } from '../styles/shared.js';
import { readerStyles } from './st-reader.styles.js';
import { readerPrintStyles } from '../styles/print.js';
import { icon } from '../lib/icons.js';
import { formatDate, readingMinutes, siteOf } from '../lib/format.js';
import { isTyping } from '../lib/keys.js';
import { loadPrefs, savePrefs, type ReaderPrefs } from '../lib/prefs.js';
import { collectPages } from '../lib/paging.js';
import { mark, measure } from '../lib/perf.js';
import { takePrefetched } from '../lib/article-prefetch.js';
import { href } from '../router.js';
import { SAFE_LINK } from '../lib/external-links.js';
import type { HighlightRequest, StSelectionToolbar } from '../components/st-selection-toolbar.js';
import { onKeydown, onWindow } from '../controllers/listener.js';
import { HighlightsController } from '../controllers/reader-highlights.js';
import { SelectionController } from '../controllers/reader-selection.js';
import { ReadingPositionController } from '../controllers/reading-position.js';
import { FindController } from '../controllers/reader-find.js';
import { KeyboardSelectionController } from '../controllers/reader-keyboard-selection.js';
import { TocController } from '../controllers/reader-toc.js';
import { archiveToDom } from '../lib/offset-bridge.js';
import { articleDirection } from '../lib/direction.js';
import type { PanelEvent } from '../components/st-annotation-panel.js';
import '../components/st-selection-toolbar.js';
import '../components/st-annotation-panel.js';
import '../components/st-metadata-panel.js';
import '../components/st-reader-settings.js';
import '../components/st-reader-export.js';
import '../components/st-original-view.js';
import { runReaderExport } from '../components/st-reader-export.js';
import { ReaderCommandsController } from '../controllers/reader-commands.js';
import { shellContext } from '../client/contexts.js';
import type { ShellClient } from '../client/shell-client.js';

@customElement('st-reader')
export class StReader extends LitElement {
  static override styles = [shared, readerStyles, readerPrintStyles];

  @consume({ context: clientContext }) client!: RendererClient;
  @consume({ context: shellContext, subscribe: true }) shell: ShellClient | null = null;
  /** The original page as captured, framed beside the article (in place of the side panel). */
  @state() private original = false;
  @property({ type: Number }) articleId = 0;
  @property({ attribute: false }) params = new URLSearchParams();

  @state() private detail: ArticleDetail | null = null;
  @state() private prefs: ReaderPrefs = loadPrefs();
  @state() private openMenu: 'appearance' | 'organize' | null = null;
  /** Open from the start when the window has room beside the text; below 1100 px it opens over the text on request. */
  @state() private panel: 'annotations' | 'details' | 'contents' | null = narrowWindow() ? null : 'annotations';
  /** Focus mode: the app's sidebar and this side panel out of the way, the text alone. */
  @state() private focusMode = false;
  /** Tag and collection names of the archive, offered as completions in the Organize popover. */
  @state() private names: { tags: string[]; collections: string[] } = { tags: [], collections: [] };
  /** Notes of the highlight under the pointer, shown as a tooltip above it. */
  /** "Capture now" on a link-only article: busy while fetching, or what went wrong (for that article only). */
  @state() private captureNow: { id: ArticleId; busy: boolean; error?: string } | null = null;
  @state() private noteTip: { x: number; y: number; ids: AnnotationId[] } | null = null;

  @query('.content') private contentEl!: HTMLElement;
  @query('.scroll') private scrollEl!: HTMLElement;
  @query('.page') private pageEl!: HTMLElement;
  @query('.flash-layer') private flashLayer!: HTMLElement;
  @query('st-selection-toolbar') private toolbar?: StSelectionToolbar;

  // Selection, highlights and reading position each live in their own controller; the view wires them together.
  private readonly sel: SelectionController = new SelectionController(this, {
    root: () => this.shadowRoot,
    contentEl: () => this.contentEl ?? null,
    pageEl: () => this.pageEl ?? null,
    map: () => this.marks.map,
    noteOpen: () => this.toolbar?.noteOpen ?? false,
  });
  private readonly marks: HighlightsController = new HighlightsController(this, {
    client: () => this.client,
    detail: () => this.detail,
    contentEl: () => this.contentEl ?? null,
    selection: this.sel,
    scrollToRect: (rect) => this.position.scrollToRect(rect, true),
  });
  private readonly position: ReadingPositionController = new ReadingPositionController(this, {
    client: () => this.client,
    detail: () => this.detail,
    map: () => this.marks.map,
    params: () => this.params,
    scrollEl: () => this.scrollEl ?? null,
    contentEl: () => this.contentEl ?? null,
    pageEl: () => this.pageEl ?? null,
    flashLayer: () => this.flashLayer ?? null,
    showMarks: (id) => this.marks.showMarks(id),
    markedRead: (d) => {
      if (this.detail?.id === d.id) this.detail = { ...this.detail, isRead: true };
    },
  });
  private readonly find: FindController = new FindController(this, {
    map: () => this.marks.map,
    scrollToRect: (rect) => this.position.scrollToRect(rect, true),
  });
  private readonly kbSel: KeyboardSelectionController = new KeyboardSelectionController(this, {
    map: () => this.marks.map,
    selection: this.sel,
    scrollEl: () => this.scrollEl ?? null,
    locale: () => this.detail?.language ?? undefined,
  });
  private readonly toc: TocController = new TocController(this, {
    contentEl: () => this.contentEl ?? null,
    scrollEl: () => this.scrollEl ?? null,
  });
  protected readonly commands = new ReaderCommandsController(this, {
    detail: () => this.detail,
    highlight: () => void this.marks.create({ color: this.marks.colors[0]?.name ?? 'yellow', note: '', tags: [] }),
    note: () => this.toolbar?.openNote(),
    find: () => this.openFind(),
    focusMode: () => this.setFocusMode(!this.focusMode),
    sidePanel: () => (this.panel = this.panel ? null : 'annotations'),
    original: () => this.toggleOriginal(),
    organize: () => this.toggleOrganize(),
    toggle: (m) => this.detail && void this.patch({ [m]: !this.detail[m] }),
    trash: () => void this.trash(),
    export: (action) => this.detail && void runReaderExport(action, this.detail, this.client, this.shell, this),
  });
  protected readonly keys = onKeydown(this, (e) => this.onKey(e));
  protected readonly outsideClicks = onWindow(this, 'click', (e) => this.onOutsideClick(e));

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
      this.position.opened(v.article);
      this.detail = v.article;
      this.marks.opened();
      void this.updateComplete.then(() => this.showArticle(v.article, v.extras));
    },
  });

  /** Mounts the text and scrolls to the hit or saved position, then paints the highlights when they arrive. */
  private async showArticle(
    article: ArticleDetail,
    extras: Promise<[HighlightColor[], { items: Annotation[] }]>,
  ): Promise<void> {
    this.marks.mount();
    // Opening at a highlight needs its marks painted first; any other position can be restored now.
    const atHighlight = this.params.has('annotation');
    if (!atHighlight) {
      this.position.restore();
      measure('reader:positioned', 'reader:mount');
    }
    try {
      const [colors, annotations] = await extras;
      if (this.detail !== article) return; // another article was opened meanwhile
      this.marks.loaded(colors, annotations.items);
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
    if (atHighlight) this.position.restore();
    else this.showHit();
  }

  /**
   * Opened from a search hit (?offset and ?q): every match of the query is marked, and the hit's own passage is
   * selected with the focus on the article, so `h` highlights it and `n` notes it at once.
   */
  private showHit(): void {
    const d = this.detail;
    const q = this.params.get('q');
    const offset = this.params.get('offset');
    if (!d || !q || !this.marks.map) return;
    const at =
      offset && /^\d+$/.test(offset)
        ? archiveToDom(d.text, this.marks.map.text, Number(offset), Number(offset) + 1)
        : null;
    this.find.open = true;
    this.find.search(q, at?.start ?? 0);
    const hit = this.find.matches[this.find.current];
    this.pageEl?.focus({ preventScroll: true });
    if (hit) this.kbSel.select(hit);
  }

  /** Ctrl+F in the reader (and the desktop app's Find menu while reading): the find bar, its field focused. */
  openFind(): void {
    this.find.open = true;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const input = this.renderRoot.querySelector<HTMLInputElement>('.findbar input');
      input?.focus();
      input?.select();
    });
  }

  private closeFind(): void {
    this.find.close();
    this.pageEl?.focus({ preventScroll: true });
  }

  private onFindKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.find.step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.closeFind();
    }
  }

  private renderFind() {
    if (!this.find.open) return nothing;
    return html`<div class="findbar" role="search" aria-label="Find in article">
      ${icon('search', 16)}
      <input type="search" aria-label="Find in article" placeholder="Find in article" .value=${this.find.query}
        @input=${(e: InputEvent) => this.find.search((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => this.onFindKey(e)}>
      <span class="count" role="status" aria-live="polite">${this.find.label()}</span>
      <button class="btn ghost icon-only" aria-label="Previous match" ?disabled=${!this.find.matches.length} @click=${() => this.find.step(-1)}>${icon('chevron-up', 16)}</button>
      <button class="btn ghost icon-only" aria-label="Next match" ?disabled=${!this.find.matches.length} @click=${() => this.find.step(1)}>${icon('chevron-down', 16)}</button>
      <button class="btn ghost icon-only" aria-label="Close find" @click=${() => this.closeFind()}>${icon('x', 16)}</button>
    </div>`;
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      this.openFind();
      return;
    }
    if (e.key === 'Escape') {
      if (this.openMenu) {
        const which = this.openMenu;
        this.openMenu = null;
        // the focus goes back to the toolbar button that opened the popover
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>(`[data-popover="${which}"]`)?.focus(),
        );
      } else if (this.sel.pending) this.sel.clear();
      else if (this.find.open) this.closeFind();
      else if (this.panel && narrowWindow()) this.panel = null; // the panel over the text, on a narrow window
      // nothing open: Esc leaves the side panel alone (its own button hides it)
      return;
    }
    if (isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (this.detail && this.kbSel.handle(e)) {
      e.preventDefault();
      return;
    }
    // h and n act on the selection on screen now: selectionchange is read a frame later, so a key pressed right
    // after the selection moved (keyboard selection, a fast hand) would otherwise take the previous one.
    if (e.key === 'h' || e.key === 'n') this.sel.read();
    if (e.key === 'h' && this.sel.pending) {
      e.preventDefault();
      void this.marks.create({ color: this.marks.colors[0]?.name ?? 'yellow', note: '', tags: [] });
    } else if (e.key === 'n' && this.sel.pending) {
      e.preventDefault();
      this.toolbar?.openNote();
    } else if (e.key === 'f') {
      e.preventDefault();
      this.setFocusMode(!this.focusMode);
    } else if (e.key === 'o' && this.detail && !this.detail.linkOnly) {
      e.preventDefault();
      this.toggleOriginal();
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('articleId') && changed.get('articleId') !== undefined) {
      this.position.save();
      this.detail = null;
      this.sel.reset();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.find.refresh();
    // A new ?offset / ?annotation on the same article (e.g. another search hit) scrolls without reloading.
    if (changed.has('params') && changed.get('params') !== undefined && this.detail && this.marks.map) {
      this.position.restore();
      this.showHit();
    }
  }

  private onContentClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    const link = target.closest('a');
    if (link) {
      e.preventDefault(); // nothing inside an archived page navigates the app; the app's link guard confirms web links
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
      this.marks.showMarks(id as AnnotationId);
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

  /** Fetches a link-only article's page now (the only network use, on this click); the reader then shows it. */
  private async capturePage(d: ArticleDetail): Promise<void> {
    const url = d.sourceUrl?.trim();
    if (!url || this.captureNow?.busy) return;
    this.captureNow = { id: d.id, busy: true };
    try {
      const o = (await this.client.captureUrls({ urls: [url] })).outcomes[0];
      if (!o || o.status === 'failed') {
        this.captureNow = { id: d.id, busy: false, error: o?.error ?? 'The capture failed.' };
        return;
      }
      this.captureNow = null;
      this.dispatchEvent(new ArchiveChangedEvent());
      // The capture fills this article (same address); should the page have moved to another article, open that.
      if (o.id && o.id !== d.id) location.hash = `#/article/${o.id}`;
      else if (this.articleId === d.id) await this.load.run();
    } catch (err) {
      this.captureNow = { id: d.id, busy: false, error: (err as Error).message };
    }
  }

  /** A link-only article (imported from an export): what it is and where it lives, instead of a blank page. */
  private renderNotCaptured(d: ArticleDetail) {
    const url = d.sourceUrl?.trim() ?? '';
    const cap = this.captureNow?.id === d.id ? this.captureNow : null;
    return html`<section class="not-captured" role="note" aria-label="Not captured yet">
      <div class="not-captured-badge">${icon('alert', 16)}<span>Not captured yet</span></div>
      <p>${url ? 'Only the link was imported from your export: its title, address, dates and tags are archived, the page itself is not.' : 'Only the highlights were imported from your export: it gave no web address for the page.'}</p>
      ${
        url
          ? html`<p class="not-captured-url">${
              SAFE_LINK.test(url)
                ? html`<a data-external="true" data-href=${url} role="link" tabindex="0" title=${url}>${url}</a>`
                : url
            }</p>`
          : nothing
      }
      ${
        url && SAFE_LINK.test(url)
          ? html`<p class="not-captured-actions">
              <button class="capture-now" ?disabled=${cap?.busy ?? false} @click=${() => void this.capturePage(d)}>
                ${cap?.busy ? 'Capturing…' : 'Capture now'}
              </button>
              <span class="capture-hint">${cap?.busy ? `Fetching ${url}` : 'Fetches the page now, with its images, as an archival record.'}</span>
            </p>
            ${cap?.error ? html`<p class="capture-error" role="alert">Not captured: ${cap.error}</p>` : nothing}`
          : nothing
      }
    </section>`;
  }

  private renderNoteTip() {
    const tip = this.noteTip;
    if (!tip || this.sel.pending) return nothing;
    const notes = this.marks.annotations.filter((a) => tip.ids.includes(a.id) && a.note.trim());
    if (!notes.length) return nothing;
    return html`<div class="note-tip" role="tooltip" style="left:${tip.x}px;top:${tip.y}px">
      ${notes.map((a) => html`<div class="md" style="--c:${this.marks.hexOf(a.color) ?? 'var(--border)'}">${renderNote(a.note)}</div>`)}</div>`;
  }

  private onScroll(): void {
    if (this.position.onScroll() && this.sel.pending && !this.toolbar?.noteOpen) this.sel.read();
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
      if (p.isRead !== undefined) this.position.setRead(updated.isRead);
      this.dispatchEvent(new ArchiveChangedEvent());
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  /** Puts the article in the Later queue or takes it out. */
  private async toggleLater(): Promise<void> {
    const d = this.detail;
    if (!d) return;
    try {
      const ids = [d.id];
      if (d.inLater) await this.client.removeFromLater({ ids });
      else await this.client.addToLater({ ids });
      if (this.detail?.id === d.id) this.detail = { ...this.detail, inLater: !d.inLater };
      this.dispatchEvent(new ToastEvent({ message: d.inLater ? 'Removed from Later' : 'Added to Later' }));
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

  private toggleOriginal(): void {
    this.original = !this.original;
  }

  private setFocusMode(on: boolean): void {
    this.focusMode = on;
    this.dispatchEvent(new CustomEvent<boolean>('st-focus-mode', { detail: on, bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    if (this.focusMode) this.setFocusMode(false);
    super.disconnectedCallback();
  }

  private toggleOrganize(): void {
    this.openMenu = this.openMenu === 'organize' ? null : 'organize';
    if (this.openMenu !== 'organize') return;
    // the names the archive already uses, so a tag is picked rather than retyped with a typo
    void Promise.all([this.client.listTags({}), this.client.listCollections({})])
      .then(([tags, collections]) => {
        this.names = {
          tags: tags.filter((t) => t.articles > 0).map((t) => t.name),
          collections: collections.map((c) => c.name),
        };
      })
      .catch(() => undefined);
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
      <input type="text" aria-label=${label} placeholder=${label} list=${`${kind}-names`} autocomplete="off"><button class="btn" type="submit">Add</button>
      <datalist id=${`${kind}-names`}>${(kind === 'tag' ? this.names.tags.filter((t) => !d.tags.includes(t)) : this.names.collections.filter((c) => !d.collections.includes(c))).map((v) => html`<option value=${v}></option>`)}</datalist></form>`;
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
        ${toggle(!!d.inLater, 'In Later', 'Later', 'clock', () => void this.toggleLater())}
        ${d.captures.length > 1 ? html`<a class="btn ghost" href=${href('versions', {}, d.id)} title="Compare the captures of this article">${icon('timeline', 17)} Versions (${d.captures.length})</a>` : nothing}
        <st-reader-export .article=${d} .original=${this.original} @st-toggle-original=${() => this.toggleOriginal()}></st-reader-export>
        <button class="btn ghost" data-popover="organize" aria-expanded=${this.openMenu === 'organize' ? 'true' : 'false'} @click=${() => this.toggleOrganize()}>${icon('tag', 17)} Organize</button>
        <button class="btn ghost icon-only" data-popover="appearance" aria-label="Appearance" aria-expanded=${this.openMenu === 'appearance' ? 'true' : 'false'} @click=${() => (this.openMenu = this.openMenu === 'appearance' ? null : 'appearance')}>${icon('type', 17)}</button>
        <button class="btn ghost icon-only" aria-label="Move to trash" @click=${this.trash}>${icon('trash', 17)}</button>
        <button class="btn ghost icon-only" aria-label="Focus mode" aria-pressed=${this.focusMode ? 'true' : 'false'} title="Focus mode (f)" @click=${() => this.setFocusMode(!this.focusMode)}>${icon('book', 17)}</button>
        <button class="btn ghost icon-only" aria-label="Side panel" aria-pressed=${this.panel && !this.focusMode ? 'true' : 'false'} @click=${() => {
          if (this.focusMode) this.setFocusMode(false);
          else this.panel = this.panel ? null : 'annotations';
        }}>${icon('panel', 17)}</button>`
          : nothing
      }
      <div class="progress" style="width:${(this.position.percent * 100).toFixed(1)}%" aria-hidden="true"></div>
      ${this.openMenu === 'appearance' ? html`<div class="popover" role="dialog" aria-label="Appearance"><st-reader-settings .prefs=${this.prefs} @st-prefs=${(e: CustomEvent<ReaderPrefs>) => this.setPrefs(e.detail)}></st-reader-settings></div>` : nothing}
      ${this.openMenu === 'organize' && d ? this.renderOrganize(d) : nothing}
    </div>`;
  }

  /** A correction from the Details tab: the header and panel show it at once, the mounted text stays as it is. */
  private onEdited(updated: ArticleDetail): void {
    const d = this.detail;
    if (!d || d.id !== updated.id) return;
    const { title, byline, publishedAt, sourceUrl, siteName, events, asExtracted } = updated;
    this.detail = {
      ...d,
      title,
      byline,
      publishedAt,
      sourceUrl,
      siteName,
      events,
      ...(asExtracted ? { asExtracted } : {}),
    };
  }

  private renderToc() {
    const top = Math.min(...this.toc.entries.map((e) => e.level));
    return html`<nav class="toc" aria-label="Table of contents"><ol>${this.toc.entries.map(
      (
        e,
        i,
      ) => html`<li style="--depth:${e.level - top}"><button class="toc-item" dir="auto" aria-current=${i === this.toc.current ? 'location' : nothing}
        @click=${() => this.toc.jump(i)}>${e.text}</button></li>`,
    )}</ol></nav>`;
  }

  private renderPanel(d: ArticleDetail) {
    if (!this.panel) return nothing;
    // the contents tab exists only while the article has enough headings
    if (this.panel === 'contents' && !this.toc.shown) this.panel = 'annotations';
    return html`<aside class="panel" aria-label="Article side panel">
      <div class="tabs ${this.toc.shown ? 'three' : ''}" role="tablist" aria-label="Side panel">
        ${this.toc.shown ? html`<button class="btn ${this.panel === 'contents' ? '' : 'ghost'}" role="tab" aria-selected=${this.panel === 'contents' ? 'true' : 'false'} @click=${() => (this.panel = 'contents')}>${icon('sort', 15)} Contents</button>` : nothing}
        <button class="btn ${this.panel === 'annotations' ? '' : 'ghost'}" role="tab" aria-selected=${this.panel === 'annotations' ? 'true' : 'false'} @click=${() => (this.panel = 'annotations')}>
          ${icon('highlight', 15)} Annotations${this.marks.annotations.length ? ` (${this.marks.annotations.length})` : ''}</button>
        <button class="btn ${this.panel === 'details' ? '' : 'ghost'}" role="tab" aria-selected=${this.panel === 'details' ? 'true' : 'false'} @click=${() => (this.panel = 'details')}>${icon('info', 15)} Details</button>
      </div>
      <div role="tabpanel" aria-label=${this.panel === 'annotations' ? 'Annotations' : this.panel === 'contents' ? 'Contents' : 'Details'}>
        ${
          this.panel === 'contents'
            ? this.renderToc()
            : this.panel === 'annotations'
              ? html`<st-annotation-panel .annotations=${this.marks.annotations} .colors=${this.marks.colors} @st-annotation=${(e: CustomEvent<PanelEvent>) => this.marks.onPanel(e.detail)}></st-annotation-panel>`
              : html`<st-metadata-panel .article=${d} @st-article-edited=${(e: CustomEvent<ArticleDetail>) => this.onEdited(e.detail)}></st-metadata-panel>`
        }
      </div>
    </aside>`;
  }

  override render() {
    const d = this.detail;
    // the article's own direction goes on its title and text; the app's labels around them stay as they are
    const dir = d ? articleDirection(d.language, d.text) : 'ltr';
    if (this.load.status === TaskStatus.ERROR) {
      return html`${this.renderToolbar(null)}<div class="empty"><div class="badge">${icon('alert', 26)}</div><h2>This article cannot be opened</h2><p>${(this.load.error as Error)?.message ?? ''}</p><a class="btn" href="#/library">Back to the library</a></div>`;
    }
    return html`
      ${this.renderToolbar(d)}
      <div class="body">
        <div class="scroll" @scroll=${this.onScroll}>
          ${this.renderFind()}
          ${
            d
              ? html`<article class="page ${this.prefs.font}" style="--size:${this.prefs.size}px;--width:${this.prefs.width}" aria-label=${d.title} lang=${d.language ?? nothing} tabindex="-1">
            <header>
              <div class="kicker">
                ${d.siteName || siteOf(d.sourceUrl) ? html`<span>${d.siteName || siteOf(d.sourceUrl)}</span><span aria-hidden="true">·</span>` : nothing}
                <span>${formatDate(d.publishedAt ?? d.addedAt)}</span>${d.linkOnly ? nothing : html`<span aria-hidden="true">·</span><span>${readingMinutes(d.wordCount)}</span>`}
              </div>
              <h1 class="title" dir=${dir}>${d.title || 'Untitled'}</h1>
              ${d.byline ? html`<div class="byline">${d.byline}</div>` : nothing}
              ${d.canonicalUrl || d.sourceUrl ? html`<p class="print-only print-source">Source: ${d.canonicalUrl ?? d.sourceUrl}</p>` : nothing}
              ${d.tags.length ? html`<div class="tags">${d.tags.map((t) => html`<span class="tagpill">${t}</span>`)}</div>` : nothing}
            </header>
            ${d.linkOnly ? this.renderNotCaptured(d) : nothing}
            <div class="content" dir=${dir} @click=${this.onContentClick} @mouseover=${this.onContentOver} @mouseleave=${() => (this.noteTip = null)}></div>
            ${this.renderNoteTip()}
            <div class="flash-layer"></div>
            ${
              this.sel.pending
                ? html`<st-selection-toolbar class=${this.sel.pending.below ? 'below' : ''} style="left:${this.sel.pending.x}px;top:${this.sel.pending.below ? this.sel.pending.bottom : this.sel.pending.y}px" .colors=${this.marks.colors}
              @st-highlight=${(e: CustomEvent<HighlightRequest>) => this.marks.create(e.detail)}></st-selection-toolbar>`
                : nothing
            }
          </article>`
              : html`<div class="skeleton" aria-busy="true" aria-label="Loading article"><div style="width:30%"></div><div style="height:28px;width:85%"></div><div></div><div></div><div style="width:70%"></div></div>`
          }
        </div>
        ${
          d && this.original && !d.linkOnly
            ? html`<st-original-view class="original" .article=${d} @st-toggle-original=${() => this.toggleOriginal()}></st-original-view>`
            : d && !this.focusMode
              ? this.renderPanel(d)
              : nothing
        }
      </div>`;
  }
}

/** Narrower than the layout that fits the sidebar, the text and the side panel side by side. */
function narrowWindow(): boolean {
  return window.matchMedia('(max-width: 1099px)').matches;
}

declare global {
  interface HTMLElementTagNameMap {
    'st-reader': StReader;
  }
}
