// Library: every article in a windowed list (only visible rows are in the DOM), with sort, filters and bulk actions.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ArticleId, ArticleListFilter, ArticleSort, ArticleSummary } from '../../db/contract/types.js';
import { ArchiveChangedEvent, ToastEvent } from '../events.js';
import { href, navigate } from '../router.js';
import { onKeydown } from '../controllers/listener.js';
import { PagedListController } from '../controllers/paged-list.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatCount, formatDate, formatMonth, readingMinutes, siteOf } from '../lib/format.js';
import { isTyping } from '../lib/keys.js';
import { prefetchArticle } from '../lib/article-prefetch.js';
import {
  loadLayout,
  renderTableHead,
  renderTablePlaceholder,
  renderTableRow,
  saveLayout,
  tableStyles,
  TABLE_HEAD,
  TABLE_ROW,
  type LibraryLayout,
} from './library-table.js';
import '../components/st-start-panel.js';
import '../components/st-link-capture.js';
import '../components/st-purge-dialog.js';
import '../components/st-cite-menu.js';

const ROW = 68;
const PAGE = 100;
const BUFFER = 8;
/** Rows beyond the visible ones whose page is fetched ahead, so a fling rarely shows placeholders. */
const PREFETCH = 60;

type BulkPrompt = 'tag' | 'collection' | null;
type BulkKind = 'read' | 'unread' | 'favorite' | 'trash' | 'restore' | 'tag' | 'collection' | 'later';

@customElement('st-library-view')
export class StLibraryView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: flex; flex-direction: column; min-height: 0; }
    /* the first-run choices need more room than a one-line empty state */
    .empty:has(st-start-panel) { max-width: 1000px; margin: 32px auto; padding: 0 28px; overflow-y: auto; }
    st-start-panel.start { width: 100%; margin-top: 14px; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 0 28px 12px; }
    .toolbar .spacer { flex: 1; }
    .sortbox { display: flex; align-items: center; gap: 6px; color: var(--muted); font-size: 13px; }
    .count { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
    .bulk { display: flex; align-items: center; gap: 8px; margin: 0 28px 10px; padding: 8px 10px 8px 14px; background: var(--accent-soft); border: 1px solid color-mix(in srgb, var(--accent) 35%, transparent); border-radius: var(--radius); }
    .bulk strong { margin-right: auto; font-size: 13px; }
    .bulk form { display: flex; gap: 6px; }
    .scroller { flex: 1; overflow-y: auto; position: relative; margin: 0 16px 0 28px; outline: none; contain: strict; }
    .scroller[hidden] { display: none; }
    .scroller:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; border-radius: var(--radius); }
    .spacer-box { position: relative; width: 100%; }
    .row { position: absolute; left: 0; right: 12px; height: ${ROW - 6}px; display: grid; grid-template-columns: 36px 1fr auto; align-items: center;
      border-radius: var(--radius); background: var(--surface); border: 1px solid var(--border); padding-right: 14px;
      contain: layout paint style; /* fixed height, nothing inside reaches out: a row's layout and paint stay its own */ }
    .row:hover { border-color: color-mix(in srgb, var(--accent) 30%, var(--border)); }
    .row[aria-selected="true"] { background: var(--accent-soft); }
    .scroller:focus .row.active { box-shadow: 0 0 0 2px var(--focus); }
    .cell-check { display: grid; place-items: center; height: 100%; }
    .cell-check input { width: 16px; height: 16px; accent-color: var(--accent); cursor: pointer; }
    .cell-main { min-width: 0; display: grid; gap: 3px; }
    .title { color: var(--text); text-decoration: none; font-weight: 600; font-size: 14.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .title:hover { color: var(--accent); }
    .unread .title::before { content: ''; display: inline-block; width: 7px; height: 7px; border-radius: 50%; background: var(--accent); margin-right: 8px; vertical-align: 2px; }
    .meta { display: flex; gap: 6px; align-items: center; color: var(--muted); font-size: 12.5px; white-space: nowrap; overflow: hidden; }
    .meta .site { background: none; border: 0; padding: 0; color: inherit; cursor: pointer; font-size: inherit; }
    .meta .site:hover { color: var(--accent); text-decoration: underline; }
    .tagpill { background: var(--surface-2); border-radius: 999px; padding: 0 8px; font-size: 11.5px; color: var(--text); }
    .cell-side { display: flex; gap: 10px; align-items: center; color: var(--muted); font-size: 12px; }
    .fav { color: #d4a017; }
    .not-captured { border: 1px dashed var(--muted); border-radius: 999px; padding: 0 8px; font-size: 11.5px; color: var(--text); }
    .placeholder { height: 10px; width: 40%; border-radius: 5px; background: var(--surface-2); }
    .month-chip { background: var(--accent-soft); }
    .layout { display: inline-flex; border: 1px solid var(--border); border-radius: var(--radius-sm, 8px); overflow: hidden; }
    .layout button { border: 0; border-radius: 0; background: var(--surface); color: var(--muted); padding: 5px 8px; display: grid; place-items: center; cursor: pointer; }
    .layout button + button { border-left: 1px solid var(--border); }
    .layout button[aria-pressed='true'] { background: var(--accent-soft); color: var(--text); }
  `,
    tableStyles,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ attribute: false }) params = new URLSearchParams();
  @property({ type: Number }) revision = 0;

  @state() private scrollPos = 0;
  @state() private viewport = 600;
  @state() private selected = new Set<ArticleId>();
  @state() private active = 0;
  @state() private prompt: BulkPrompt = null;
  @state() private tagNames: string[] = [];
  @state() private collectionNames: string[] = [];
  /** Link-only articles waiting for a capture, and the capture run shown above the list (selected ids or all). */
  @state() private linkOnlyCount = 0;
  @state() private linkCapture: ArticleId[] | 'all' | null = null;
  /** Delete permanently: the selected articles, or the whole trash, waiting for confirmation. */
  @state() private purge: ArticleId[] | 'trash' | null = null;
  /** Cards or the compact table, remembered across sessions. */
  @state() private layout: LibraryLayout = loadLayout();
  @query('.scroller') private scroller!: HTMLElement;

  /** The articles, fetched a page at a time as rows come into view. */
  private readonly list = new PagedListController<ArticleSummary>(
    this,
    (offset, limit) =>
      this.client.listArticles({ sort: this.sort, order: this.order, offset, limit, filter: this.filter }),
    PAGE,
  );
  private lastClicked = -1;
  private resize = new ResizeObserver(([entry]) => {
    if (entry) this.viewport = entry.contentRect.height;
  });

  private readonly onKey = (e: KeyboardEvent) => {
    // a row's checkbox is not a text field: the list's keys (Esc, Ctrl+A, j/k) work from it too
    const target = e.composedPath()[0];
    const onCheckbox = target instanceof HTMLInputElement && target.type === 'checkbox';
    if ((isTyping(e) && !onCheckbox) || this.list.total <= 0) return;
    // Ctrl+A selects every article of the list (not the page's text); Esc clears the selection again
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      void this.selectAll(true);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j' || e.key === 'k') {
      e.preventDefault();
      this.moveActive(e.key === 'j' ? 1 : -1);
    } else if (e.key === 'Enter' && e.composedPath()[0] === this.scroller) {
      const item = this.itemAt(this.active);
      if (item) navigate(href('article', {}, item.id));
    } else if (e.key === 'x' && e.composedPath()[0] === this.scroller) {
      const item = this.itemAt(this.active);
      if (item) this.toggle(item.id, this.active, false);
    } else if (e.key === 'Escape' && (this.selected.size || this.prompt)) {
      this.selected = new Set();
      this.prompt = null;
    }
  };

  protected readonly keys = onKeydown(this, (e) => this.onKey(e));

  override disconnectedCallback(): void {
    this.resize.disconnect();
    super.disconnectedCallback();
  }

  protected override firstUpdated(): void {
    this.resize.observe(this.scroller);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params') || changed.has('revision')) this.reset(changed.has('params'));
    // The rows about to be drawn, and some beyond them either way, are asked for here rather than from render().
    const count = Math.max(this.list.total, 0);
    if (count > 0) {
      const { first, last } = this.windowRows(count);
      this.list.ensureRows(first, last - 1, Math.min(count - 1, last + PREFETCH), Math.max(0, first - PREFETCH));
    }
  }

  /** Height of one row in the current layout. */
  private get rowHeight(): number {
    return this.layout === 'table' ? TABLE_ROW : ROW;
  }

  /** Height of the table's header row above the rows (none for cards). */
  private get headHeight(): number {
    return this.layout === 'table' ? TABLE_HEAD : 0;
  }

  /** The rows in (or near) the visible window. */
  private windowRows(count: number): { first: number; last: number } {
    const row = this.rowHeight;
    const top = Math.max(0, this.scrollPos - this.headHeight);
    const first = Math.max(0, Math.floor(top / row) - BUFFER);
    const last = Math.min(count, Math.ceil((top + this.viewport) / row) + BUFFER);
    return { first, last };
  }

  private get filter(): ArticleListFilter {
    const p = this.params;
    const f: ArticleListFilter = {};
    const stateParam = p.get('state');
    if (stateParam === 'read' || stateParam === 'unread') f.state = stateParam;
    if (p.get('favorite') === '1') f.favorite = true;
    if (p.get('archived') === '1') f.archived = true;
    if (p.get('trashed') === '1') f.trashed = true;
    for (const key of ['tag', 'collection', 'site', 'month'] as const) {
      const v = p.get(key);
      if (v) f[key] = v;
    }
    const by = p.get('by');
    if (f.month && (by === 'added' || by === 'published')) f.dateBy = by;
    if (p.get('undated') === '1') f.undated = true;
    return f;
  }

  private get sort(): ArticleSort {
    const s = this.params.get('sort');
    return s === 'published' || s === 'title' || s === 'site' || s === 'author' ? s : 'added';
  }

  /** Text columns read A to Z first, dates newest first. */
  private defaultOrder(sort: ArticleSort): 'asc' | 'desc' {
    return sort === 'title' || sort === 'site' || sort === 'author' ? 'asc' : 'desc';
  }

  private get order(): 'asc' | 'desc' {
    return this.params.get('order') === 'asc'
      ? 'asc'
      : this.params.get('order') === 'desc'
        ? 'desc'
        : this.defaultOrder(this.sort);
  }

  private reset(scrollToTop: boolean): void {
    if (scrollToTop) {
      this.selected = new Set();
      this.active = 0;
      if (this.scroller) this.scroller.scrollTop = 0;
      this.scrollPos = 0;
    }
    this.list.reset();
    void Promise.all([
      this.client.listTags({}),
      this.client.listCollections({}),
      this.client.listArticles({ filter: { linkOnly: true }, limit: 1 }),
    ])
      .then(([t, c, l]) => {
        this.tagNames = t.map((x) => x.name);
        this.collectionNames = c.map((x) => x.name);
        this.linkOnlyCount = l.total;
      })
      .catch(() => undefined);
  }

  private itemAt(index: number): ArticleSummary | undefined {
    return this.list.itemAt(index);
  }

  /** Re-renders only when the range of rows in the window changes (not per pixel scrolled). */
  private onScroll(): void {
    const top = this.scroller.scrollTop;
    const row = this.rowHeight;
    if (Math.floor(top / row) !== Math.floor(this.scrollPos / row)) this.scrollPos = top;
  }

  private moveActive(delta: number): void {
    this.active = Math.max(0, Math.min(this.list.total - 1, this.active + delta));
    const row = this.rowHeight;
    const head = this.headHeight;
    // the table's header stays on top of the rows: a row is in view below it
    const top = this.active * row;
    const scrollTop = this.scroller.scrollTop;
    if (top < scrollTop) this.scroller.scrollTop = top;
    else if (top + row + head > scrollTop + this.viewport) this.scroller.scrollTop = top + row + head - this.viewport;
    if (this.shadowRoot?.activeElement !== this.scroller) this.scroller.focus({ preventScroll: true });
  }

  /** Cards or table; the list keeps its place (the same first row stays on top). */
  private setLayout(layout: LibraryLayout): void {
    if (layout === this.layout) return;
    const firstRow = Math.floor(Math.max(0, this.scrollPos - this.headHeight) / this.rowHeight);
    this.layout = layout;
    saveLayout(layout);
    void this.updateComplete.then(() => {
      if (!this.scroller) return;
      this.scroller.scrollTop = firstRow * this.rowHeight;
      this.scrollPos = this.scroller.scrollTop;
    });
  }

  /** Which column the table sorts by: a new column in its natural order, the same column again reversed. */
  private sortBy(sort: ArticleSort): void {
    const p = new URLSearchParams(this.params);
    if (sort === this.sort) p.set('order', this.order === 'asc' ? 'desc' : 'asc');
    else p.delete('order');
    p.set('sort', sort);
    navigate(`#/library?${p}`);
  }

  /**
   * Select all: every article the list holds (its pages need not be loaded), asked of the archive by the same
   * filter, so the bulk actions act on all of them. `on` false clears the selection.
   */
  private async selectAll(on: boolean): Promise<void> {
    if (!on) {
      this.selected = new Set();
      return;
    }
    try {
      const { ids } = await this.client.listArticleIds({ filter: this.filter, sort: this.sort, order: this.order });
      this.selected = new Set(ids);
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  private get selectionState(): 'all' | 'some' | 'none' {
    if (!this.selected.size) return 'none';
    return this.selected.size >= this.list.total ? 'all' : 'some';
  }

  private toggle(id: ArticleId, index: number, shift: boolean): void {
    const next = new Set(this.selected);
    if (shift && this.lastClicked >= 0) {
      const on = !this.selected.has(id);
      const [a, b] = [Math.min(this.lastClicked, index), Math.max(this.lastClicked, index)];
      for (let i = a; i <= b; i++) {
        const item = this.itemAt(i);
        if (item && on) next.add(item.id);
        else if (item) next.delete(item.id);
      }
    } else if (next.has(id)) next.delete(id);
    else next.add(id);
    this.lastClicked = index;
    this.selected = next;
  }

  private setParam(key: string, value: string | null): void {
    const p = new URLSearchParams(this.params);
    if (value === null) p.delete(key);
    else p.set(key, value);
    const q = p.toString();
    navigate(`#/library${q ? `?${q}` : ''}`);
  }

  private async bulk(kind: BulkKind, value?: string): Promise<void> {
    const ids = [...this.selected];
    if (!ids.length) return;
    try {
      let message = '';
      if (kind === 'read' || kind === 'unread') {
        await this.client.markArticles({ ids, isRead: kind === 'read' });
        message = `Marked ${formatCount(ids.length, 'article', 'articles')} as ${kind}`;
      } else if (kind === 'favorite') {
        await this.client.markArticles({ ids, isFavorite: true });
        message = `Added ${formatCount(ids.length, 'article', 'articles')} to favorites`;
      } else if (kind === 'trash') {
        await this.client.trashArticles({ ids });
        this.dispatchEvent(
          new ToastEvent({
            message: `Moved ${formatCount(ids.length, 'article', 'articles')} to the trash`,
            action: {
              label: 'Undo',
              run: async () => {
                await this.client.restoreArticles({ ids });
                this.dispatchEvent(new ArchiveChangedEvent());
              },
            },
          }),
        );
      } else if (kind === 'later') {
        const { changed } = await this.client.addToLater({ ids });
        message =
          changed === ids.length
            ? `Added ${formatCount(ids.length, 'article', 'articles')} to Later`
            : `Added ${formatCount(changed, 'article', 'articles')} to Later (${ids.length - changed} already there)`;
      } else if (kind === 'restore') {
        await this.client.restoreArticles({ ids });
        message = `Restored ${formatCount(ids.length, 'article', 'articles')}`;
      } else if (kind === 'tag' && value) {
        await this.client.tagArticles({
          ids,
          tags: value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        });
        message = `Tagged ${formatCount(ids.length, 'article', 'articles')} “${value}”`;
      } else if (kind === 'collection' && value) {
        await this.client.addToCollection({ ids, collection: value.trim() });
        message = `Added ${formatCount(ids.length, 'article', 'articles')} to “${value}”`;
      }
      if (message) this.dispatchEvent(new ToastEvent({ message }));
      this.selected = new Set();
      this.prompt = null;
      this.dispatchEvent(new ArchiveChangedEvent());
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  private onPromptSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input');
    const value = input?.value.trim();
    if (value && this.prompt) void this.bulk(this.prompt, value);
  }

  /** The month filter, saying which date it looks at. */
  private monthLabel(): string {
    const f = this.filter;
    if (!f.month) return '';
    const when = f.month.length === 4 ? f.month : formatMonth(f.month);
    if (f.dateBy === 'added') return `Added in ${when}`;
    if (f.dateBy === 'published') return `Published in ${when}`;
    return `Published in ${when} (added, when undated)`;
  }

  private heading(): string {
    const f = this.filter;
    if (f.undated) return 'No published date';
    if (f.trashed) return 'Trash';
    if (f.tag) return `Tag: ${f.tag}`;
    if (f.collection) return f.collection;
    if (f.month) return f.month.length === 4 ? f.month : formatMonth(f.month);
    return 'Library';
  }

  private renderChips() {
    const p = this.params;
    const chip = (label: string, key: string, value: string) => {
      const on = p.get(key) === value;
      return html`<button class="chip" aria-pressed=${on ? 'true' : 'false'} @click=${() => this.setParam(key, on ? null : value)}>${label}</button>`;
    };
    const removable = (key: string, label: string) =>
      p.get(key)
        ? html`<button class="chip month-chip" aria-pressed="true" @click=${() => this.setParam(key, null)} aria-label="Remove filter ${label}">${label} ${icon('x', 14)}</button>`
        : nothing;
    return html`
      <div class="toolbar" role="toolbar" aria-label="Filters">
        ${chip('Unread', 'state', 'unread')} ${chip('Read', 'state', 'read')}
        ${chip('Favorites', 'favorite', '1')} ${chip('Archived', 'archived', '1')}
        ${
          this.tagNames.length
            ? html`<select aria-label="Filter by tag" .value=${p.get('tag') ?? ''} @change=${(e: Event) => this.setParam('tag', (e.target as HTMLSelectElement).value || null)}>
          <option value="">All tags</option>${this.tagNames.map((t) => html`<option value=${t} ?selected=${p.get('tag') === t}>${t}</option>`)}</select>`
            : nothing
        }
        ${
          this.collectionNames.length
            ? html`<select aria-label="Filter by collection" @change=${(e: Event) => this.setParam('collection', (e.target as HTMLSelectElement).value || null)}>
          <option value="">All collections</option>${this.collectionNames.map((c) => html`<option value=${c} ?selected=${p.get('collection') === c}>${c}</option>`)}</select>`
            : nothing
        }
        ${removable('site', `Site: ${p.get('site') ?? ''}`)}
        ${removable('month', this.monthLabel())}
        ${removable('undated', 'No published date')}
        ${
          this.linkOnlyCount && !this.linkCapture
            ? html`<button class="btn capture-all" title="Fetches each page now: the only network use, on this click" @click=${() => (this.linkCapture = 'all')}>Capture all not captured yet (${this.linkOnlyCount})</button>`
            : nothing
        }
        <span class="spacer"></span>
        <label class="sortbox">${icon('sort', 16)} Sort
          <select aria-label="Sort by" @change=${(e: Event) => {
            const p2 = new URLSearchParams(this.params);
            p2.set('sort', (e.target as HTMLSelectElement).value);
            p2.delete('order');
            navigate(`#/library?${p2}`);
          }}>
            <option value="added" ?selected=${this.sort === 'added'}>Date added</option>
            <option value="published" ?selected=${this.sort === 'published'}>Date published</option>
            <option value="title" ?selected=${this.sort === 'title'}>Title</option>
            <option value="site" ?selected=${this.sort === 'site'}>Site</option>
            <option value="author" ?selected=${this.sort === 'author'}>Author</option>
          </select>
        </label>
        <button class="btn ghost icon-only" aria-label=${this.order === 'asc' ? 'Ascending; switch to descending' : 'Descending; switch to ascending'}
          @click=${() => this.setParam('order', this.order === 'asc' ? 'desc' : 'asc')}>${this.order === 'asc' ? '↑' : '↓'}</button>
        <span class="layout" role="group" aria-label="Layout">
          <button aria-pressed=${this.layout === 'cards' ? 'true' : 'false'} aria-label="Cards" title="Cards" @click=${() => this.setLayout('cards')}>${icon('cards', 16)}</button>
          <button aria-pressed=${this.layout === 'table' ? 'true' : 'false'} aria-label="Table" title="Table" @click=${() => this.setLayout('table')}>${icon('rows', 16)}</button>
        </span>
      </div>`;
  }

  private renderBulk() {
    if (!this.selected.size) return nothing;
    const trash = this.filter.trashed;
    return html`<div class="bulk" role="region" aria-label="Bulk actions">
      <strong>${formatCount(this.selected.size, 'article', 'articles')} selected</strong>
      ${
        this.prompt
          ? html`<form @submit=${this.onPromptSubmit}>
          <input type="text" aria-label=${this.prompt === 'tag' ? 'Tags, comma separated' : 'Collection name'} placeholder=${this.prompt === 'tag' ? 'Tags, comma separated' : 'Collection name'}
            list="bulk-options" autofocus @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Escape') this.prompt = null;
            }}>
          <datalist id="bulk-options">${(this.prompt === 'tag' ? this.tagNames : this.collectionNames).map((v) => html`<option value=${v}></option>`)}</datalist>
          <button class="btn primary" type="submit">Apply</button>
          <button class="btn ghost" type="button" @click=${() => (this.prompt = null)}>Cancel</button>
        </form>`
          : trash
            ? html`<button class="btn" @click=${() => this.bulk('restore')}>Restore</button>
              <button class="btn danger" @click=${() => (this.purge = [...this.selected])}>${icon('trash', 16)} Delete permanently…</button>`
            : html`
          <button class="btn" @click=${() => this.bulk('read')}>${icon('check', 16)} Mark read</button>
          <button class="btn" @click=${() => this.bulk('favorite')}>${icon('star', 16)} Favorite</button>
          <button class="btn" @click=${() => this.bulk('later')}>${icon('clock', 16)} Later</button>
          <button class="btn" @click=${() => (this.prompt = 'tag')}>${icon('tag', 16)} Tag…</button>
          <button class="btn" @click=${() => (this.prompt = 'collection')}>${icon('folder', 16)} Add to collection…</button>
          <a class="btn" href=${href('export', { ids: [...this.selected].join(',') })}>${icon('download', 16)} Export…</a>
          <st-cite-menu .ids=${[...this.selected] as ArticleId[]}></st-cite-menu>
          ${this.linkOnlyCount && !this.linkCapture ? html`<button class="btn capture-selected" title="Fetches the pages of the selected articles not captured yet" @click=${() => (this.linkCapture = [...this.selected])}>Capture</button>` : nothing}
          <button class="btn danger" @click=${() => this.bulk('trash')}>${icon('trash', 16)} Trash</button>`
      }
      <button class="btn ghost icon-only" aria-label="Clear selection" @click=${() => (this.selected = new Set())}>${icon('x', 16)}</button>
    </div>`;
  }

  /**
   * The row's date, saying which one it is: the added date, or (sorting by published date, or in a timeline
   * month, which places an article by its published date) the published one, "added" when it has none.
   */
  private dateLabel(item: ArticleSummary): string {
    const f = this.filter;
    if (f.dateBy === 'added') return `Added ${formatDate(item.addedAt)}`;
    const byPublished = this.sort === 'published' || !!f.month;
    if (byPublished && item.publishedAt) return `Published ${formatDate(item.publishedAt)}`;
    return `Added ${formatDate(item.addedAt)}`;
  }

  private renderRow(index: number) {
    const item = this.itemAt(index);
    if (!item) {
      return html`<div class="row" role="row" aria-rowindex=${index + 1} id="row-${index}" style="top:${index * ROW}px" aria-busy="true">
        <div role="gridcell" class="cell-check"></div><div role="gridcell" class="cell-main"><span class="placeholder"></span></div><div role="gridcell"></div></div>`;
    }
    const selected = this.selected.has(item.id);
    const site = item.siteName || siteOf(item.sourceUrl);
    return html`<div class="row ${item.isRead ? '' : 'unread'} ${index === this.active ? 'active' : ''}" role="row" id="row-${index}"
        aria-rowindex=${index + 1} aria-selected=${selected ? 'true' : 'false'} style="top:${index * ROW}px"
        @click=${() => (this.active = index)}>
      <div role="gridcell" class="cell-check">
        <input type="checkbox" .checked=${selected} aria-label="Select ${item.title}"
          @click=${(e: MouseEvent) => {
            e.stopPropagation();
            this.toggle(item.id, index, e.shiftKey);
          }}>
      </div>
      <div role="gridcell" class="cell-main">
        <a class="title" href=${href('article', {}, item.id)} tabindex="-1" @pointerdown=${(e: PointerEvent) => prefetchArticle(this.client, item.id, e)}>${item.title || 'Untitled'}</a>
        <div class="meta">
          ${
            site
              ? html`<button class="site" tabindex="-1" title="Show only ${site}" @click=${(e: Event) => {
                  e.stopPropagation();
                  this.setParam('site', item.siteName || site);
                }}>${site}</button><span aria-hidden="true">·</span>`
              : nothing
          }
          <span class="date">${this.dateLabel(item)}</span><span aria-hidden="true">·</span>
          ${
            item.linkOnly
              ? html`<span class="not-captured" title="Imported as a link from an export: only its title, address and dates are archived">Not captured yet</span>`
              : html`<span>${readingMinutes(item.wordCount)}</span>`
          }
          ${item.progress > 0.02 && item.progress < 0.98 ? html`<span aria-hidden="true">·</span><span>${Math.round(item.progress * 100)}% read</span>` : nothing}
          ${item.tags.slice(0, 4).map((t) => html`<span class="tagpill">${t}</span>`)}
        </div>
      </div>
      <div role="gridcell" class="cell-side">
        ${item.annotationCount ? html`<span title="Annotations">${icon('highlight', 15)}</span><span>${item.annotationCount}</span>` : nothing}
        ${item.inLater ? html`<span role="img" aria-label="In Later" title="In Later">${icon('clock', 16)}</span>` : nothing}
        ${item.isFavorite ? html`<span class="fav" role="img" aria-label="Favorite">${icon('star', 16)}</span>` : nothing}
        ${item.isArchived ? html`<span role="img" aria-label="Archived">${icon('archive', 16)}</span>` : nothing}
      </div>
    </div>`;
  }

  private renderEmpty() {
    if (this.list.error)
      return html`<div class="empty"><div class="error-box" role="alert">${icon('alert')}<span>${this.list.error}</span></div></div>`;
    if (this.list.total === 0) {
      const filtered = Object.keys(this.filter).length > 0;
      return html`<div class="empty">
        <div class="badge">${icon(filtered ? 'search' : 'library', 26)}</div>
        <h2>${this.filter.trashed ? 'The trash is empty' : filtered ? 'Nothing matches these filters' : 'Your library is empty'}</h2>
        <p>${
          this.filter.trashed
            ? 'Articles you trash wait here until you restore them.'
            : filtered
              ? 'Remove a filter to see more of your archive.'
              : 'Choose an archive, import pages and notes, or open the sample article to see how Stacks works.'
        }</p>
        ${!filtered ? html`<st-start-panel class="start" .level=${3}></st-start-panel>` : nothing}
      </div>`;
    }
    return nothing;
  }

  /**
   * Rows keyed by index: a row that stays in the window keeps its DOM untouched while scrolling (its top is
   * fixed by its index), so a frame only builds the one or two rows entering and drops those leaving.
   */
  private renderList() {
    const { first, last } = this.windowRows(Math.max(this.list.total, 0));
    const indexes = Array.from({ length: Math.max(0, last - first) }, (_, k) => first + k);
    return repeat(
      indexes,
      (i) => i,
      (i) => (this.layout === 'table' ? this.renderTableRowAt(i) : this.renderRow(i)),
    );
  }

  private renderTableRowAt(index: number) {
    const item = this.itemAt(index);
    const top = index * TABLE_ROW;
    if (!item) return renderTablePlaceholder(index, top);
    return renderTableRow(item, {
      index,
      top,
      active: index === this.active,
      selected: this.selected.has(item.id),
      onActivate: () => (this.active = index),
      onToggle: (shift) => this.toggle(item.id, index, shift),
      onPrefetch: (e) => prefetchArticle(this.client, item.id, e),
    });
  }

  override render() {
    const count = Math.max(this.list.total, 0);
    return html`
      <header class="view-header">
        <h1>${this.heading()}</h1>
        <span class="count" aria-live="polite">${this.list.total >= 0 ? formatCount(this.list.total, 'article', 'articles') : this.list.error ? '' : 'Loading…'}</span>
        <span class="spacer"></span>
        ${this.filter.trashed && this.list.total > 0 ? html`<button class="btn danger" @click=${() => (this.purge = 'trash')}>${icon('trash', 16)} Empty trash…</button>` : nothing}
        <a class="btn" href="#/import">${icon('import', 16)} Import</a>
      </header>
      <st-purge-dialog .target=${this.purge} @st-purge-close=${(e: CustomEvent<{ done: boolean }>) => {
        this.purge = null;
        if (e.detail.done) this.selected = new Set();
      }}></st-purge-dialog>
      ${this.renderChips()}
      ${this.renderBulk()}
      ${this.linkCapture ? html`<st-link-capture .ids=${this.linkCapture} @close=${() => (this.linkCapture = null)}></st-link-capture>` : nothing}
      ${this.renderEmpty()}
      <div class="scroller ${this.layout}" ?hidden=${this.list.total === 0 || !!this.list.error} role="grid" tabindex="0" aria-label="Articles"
        aria-rowcount=${this.layout === 'table' ? count + 1 : count} aria-multiselectable="true"
        aria-activedescendant=${count > 0 && this.itemAt(this.active) ? `row-${this.active}` : nothing}
        @scroll=${this.onScroll}>
        ${
          this.layout === 'table'
            ? renderTableHead({
                sort: this.sort,
                order: this.order,
                selection: this.selectionState,
                total: count,
                onSort: (sort) => this.sortBy(sort),
                onSelectAll: (on) => void this.selectAll(on),
              })
            : nothing
        }
        <div class="spacer-box" role="rowgroup" style="height:${count * this.rowHeight}px">${this.renderList()}</div>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-library-view': StLibraryView;
  }
}
