// Search: as-you-type (no debounce, at most two queries running, the newest wins), ranked hits with marked snippets, facets, saved searches.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import { ClientError } from '../client/client-error.js';
import type { FacetCount, SearchFacets, SearchHit, SearchScope, SearchSort } from '../../db/contract/types.js';
import { ArchiveChangedEvent, ToastEvent } from '../events.js';
import { href, navigate } from '../router.js';
import { onKeydown } from '../controllers/listener.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { markedText } from '../lib/marks.js';
import { formatCount, formatDate, formatNumber } from '../lib/format.js';
import { isTyping } from '../lib/keys.js';
import { mark, measure } from '../lib/perf.js';
import { typingPause } from '../lib/typing-pause.js';
import { prefetchArticle } from '../lib/article-prefetch.js';
import '../components/st-syntax-help.js';

/** No debounce: a keystroke is sent at once unless two searches are running (tiny last words wait; see typingPause). */
const DEBOUNCE_MS = 0;
/**
 * Searches sent and not yet answered, at most. The server runs searches on two reader threads and cannot drop one
 * it has started: the newest query goes out beside one still running (a slow partial word, say) instead of waiting
 * for it, on the other thread, and a third waits, so stale work never piles up behind fast typing.
 */
const MAX_IN_FLIGHT = 2;
const FACETS: ReadonlyArray<[keyof SearchFacets, string, string]> = [
  // A site facet narrows to that site exactly (from:), leaving the words' ranking as it was.
  ['site', 'Site', 'from'],
  ['year', 'Year', 'year'],
  ['tag', 'Tag', 'tag'],
  ['collection', 'Collection', 'collection'],
  ['color', 'Highlight color', 'color'],
];

@customElement('st-search-view')
export class StSearchView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: flex; flex-direction: column; min-height: 0; overflow-y: auto; }
    .bar { position: sticky; top: 0; z-index: 5; background: var(--bg); padding: 20px 28px 12px; display: grid; gap: 10px; }
    .field { display: flex; align-items: center; gap: 10px; background: var(--surface); border: 1px solid var(--border); border-radius: 12px; padding: 0 8px 0 14px; box-shadow: var(--shadow); }
    .field:focus-within { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent-soft); }
    .field .icon { color: var(--muted); }
    .field input { flex: 1; border: 0; background: transparent; font-size: 17px; padding: 12px 0; min-width: 0; outline: none; }
    .field input:focus-visible { outline: none; }
    .options { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; font-size: 13px; color: var(--muted); }
    .options .spacer { flex: 1; }
    .popover { position: absolute; right: 28px; top: 74px; width: min(620px, calc(100% - 56px)); background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow-lg); padding: 16px 18px; z-index: 20; max-height: 70vh; overflow: auto; }
    .layout { display: grid; grid-template-columns: 1fr 220px; gap: 28px; padding: 4px 0 40px; align-items: start; }
    .status { font-size: 13px; color: var(--muted); margin: 0 0 10px; min-height: 20px; }
    .warnings { display: grid; gap: 6px; margin-bottom: 12px; }
    .warn { display: flex; gap: 8px; align-items: center; font-size: 13px; background: color-mix(in srgb, #e0a100 12%, var(--surface)); border: 1px solid color-mix(in srgb, #e0a100 40%, transparent); border-radius: var(--radius-sm); padding: 8px 10px; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
    /* hits below the fold skip style, layout and paint until scrolled near: the first screen paints sooner */
    ol > li { content-visibility: auto; contain-intrinsic-size: auto 130px; }
    .hit { display: block; text-decoration: none; color: var(--text); background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 14px 16px; }
    .hit:hover { border-color: color-mix(in srgb, var(--accent) 45%, var(--border)); }
    .hit:focus-visible { outline-offset: 0; }
    .hit .hit-title { margin: 0 0 4px; font-size: 15.5px; font-weight: 620; color: var(--accent); }
    .hit .meta { font-size: 12.5px; color: var(--muted); display: flex; gap: 6px; align-items: center; }
    .hit .not-captured { border: 1px dashed var(--muted); border-radius: 999px; padding: 0 8px; font-size: 11.5px; color: var(--text); }
    .hit p { margin: 8px 0 0; font-family: var(--font-serif); font-size: 15px; line-height: 1.55; color: var(--text); }
    .swatch { width: 10px; height: 10px; border-radius: 3px; display: inline-block; }
    aside h2 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 6px 0 6px; }
    aside section { margin-bottom: 18px; }
    aside ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
    aside button { width: 100%; display: flex; justify-content: space-between; gap: 8px; background: transparent; border: 0; padding: 5px 8px; border-radius: 6px; cursor: pointer; font-size: 13px; text-align: left; }
    aside button:hover { background: var(--hover); }
    aside button span:first-child { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    aside .n { color: var(--muted); font-variant-numeric: tabular-nums; }
    .save-form { display: flex; gap: 6px; }
    .more { margin-top: 14px; }
    @media (max-width: 980px) { .layout { grid-template-columns: 1fr; } }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ attribute: false }) params = new URLSearchParams();
  @property({ type: Number }) revision = 0;

  @state() private query = '';
  @state() private debounced = '';
  @state() private scope: SearchScope = 'articles';
  @state() private sort: SearchSort = 'relevance';
  @state() private limit = 30;
  @state() private helpOpen = false;
  @state() private saving = false;
  @query('#q') private input!: HTMLInputElement;
  private timer = 0;
  /** Searches sent and not yet answered (or aborted). */
  private inFlight = 0;
  /** The box holds a query that waits for the running search to return. */
  private queued = false;
  /** The q this view last put in the address; its hashchange echo must not overwrite newer typing. */
  private echo: string | null = null;
  /** The results object whose render was last measured (st:search:rendered). */
  private measured: unknown = null;

  /** Named highlight colors, so the color facet reads "Key claim" with its swatch rather than "yellow". */
  private readonly colors = new Task(this, {
    task: async (_args, { signal }) => this.client.listColors({}, { signal }),
    args: () => [this.revision],
  });

  private readonly results = new Task(this, {
    // No abort signal: a superseded search is left to finish, its answer dropped (Task keeps the newest run's), so
    // that it counts as in flight for as long as the server works on it (aborting the request would not stop that).
    task: async ([q, scope, sort, limit]) => {
      if (!q.trim()) return null;
      this.inFlight++;
      mark('search:request');
      try {
        const result = await this.client.search({ query: q, scope, sort, limit, offset: 0 });
        measure('search:server', 'search:request');
        return result;
      } finally {
        this.inFlight--;
        // The newest query goes out now; the answer on screen, already stale, shows (aria-busy) until it arrives.
        if (this.queued && this.inFlight < MAX_IN_FLIGHT && this.isConnected) this.apply();
      }
    },
    args: () => [this.debounced, this.scope, this.sort, this.limit, this.revision] as const,
  });

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.helpOpen) {
      this.helpOpen = false;
      // the focus goes back to the control that opened the popover
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLButtonElement>('button[aria-controls="syntax"]')?.focus(),
      );
      return;
    }
    if (isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    const inHits = this.hitLinks().includes(this.shadowRoot?.activeElement as HTMLAnchorElement);
    const down = e.key === 'j' || (inHits && e.key === 'ArrowDown');
    const up = e.key === 'k' || (inHits && e.key === 'ArrowUp');
    if ((down || up) && this.moveInHits(down ? 1 : -1)) e.preventDefault();
  };

  protected readonly keys = onKeydown(this, (e) => this.onKey(e));

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    this.queued = false;
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('params')) {
      const q = this.params.get('q') ?? '';
      if (q !== this.query && q !== this.echo) {
        this.query = q;
        this.debounced = q;
      }
      const scope = this.params.get('scope');
      this.scope = scope === 'annotations' ? 'annotations' : 'articles';
    }
  }

  protected override firstUpdated(): void {
    this.focusInput();
  }

  focusInput(): void {
    this.input?.focus();
    this.input?.select();
  }

  private setQuery(q: string, immediate = false): void {
    this.query = q;
    this.limit = 30;
    clearTimeout(this.timer);
    const wait = immediate ? 0 : Math.max(DEBOUNCE_MS, typingPause(q));
    if (wait) this.timer = window.setTimeout(() => this.submit(), wait);
    else this.submit();
  }

  /**
   * Sends the query at once unless MAX_IN_FLIGHT searches are running; then it waits for one of them (the newest
   * query of the box goes, whatever was typed meanwhile). The previous results stay on screen (aria-busy) meanwhile.
   */
  private submit(): void {
    this.queued = true;
    if (this.inFlight < MAX_IN_FLIGHT) this.apply();
  }

  private apply(): void {
    this.queued = false;
    this.debounced = this.query;
    this.echo = this.query;
    navigate(href('search', { q: this.query, scope: this.scope === 'annotations' ? 'annotations' : undefined }), true);
  }

  protected override updated(): void {
    if (this.results.status === TaskStatus.COMPLETE && this.results.value !== this.measured) {
      if (this.openFirstHit && this.debounced === this.query) {
        this.openFirstHit = false;
        this.openHit(0);
      }
      this.measured = this.results.value;
      measure('search:rendered', 'search:request');
    }
  }

  private addTerm(term: string): void {
    const q = this.query.trim();
    this.setQuery(q ? `${q} ${term}` : term, true);
    this.helpOpen = false;
    this.input.focus();
  }

  private facetTerm(prefix: string, value: string): string {
    return /[\s"]/.test(value) ? `${prefix}:"${value.replace(/"/g, '')}"` : `${prefix}:${value}`;
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const name = (e.target as HTMLFormElement).querySelector('input')?.value.trim();
    if (!name) return;
    try {
      await this.client.saveSearch({ name, query: this.query.trim() });
      this.saving = false;
      this.dispatchEvent(new ToastEvent({ message: `Saved search “${name}”` }));
      this.dispatchEvent(new ArchiveChangedEvent());
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  private hitLink(hit: SearchHit): string {
    // the query goes along, so the reader marks every match and selects the hit's passage
    const q = hit.annotationId ? undefined : this.debounced.trim() || undefined;
    return href('article', { offset: hit.matchOffset, annotation: hit.annotationId, q }, hit.id);
  }

  private hitLinks(): HTMLAnchorElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLAnchorElement>('a.hit')];
  }

  /** Moves the focus among the hits (j/k, arrows); above the first one it goes back to the query box. */
  private moveInHits(dir: 1 | -1): boolean {
    const links = this.hitLinks();
    if (!links.length) return false;
    const current = links.indexOf(this.shadowRoot?.activeElement as HTMLAnchorElement);
    if (current === 0 && dir === -1) {
      this.input.focus();
      return true;
    }
    const next = current < 0 ? 0 : Math.max(0, Math.min(links.length - 1, current + dir));
    links[next]?.focus();
    links[next]?.scrollIntoView({ block: 'nearest' });
    return true;
  }

  /** Enter in the query box opens the first hit once the results are those of what is typed. */
  private openFirstHit = false;

  private onQueryKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown') {
      if (this.moveInHits(1)) e.preventDefault();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.query.trim() && this.debounced === this.query && this.results.status === TaskStatus.COMPLETE) {
        this.openHit(0);
      } else {
        this.openFirstHit = true;
        this.setQuery(this.query, true);
      }
    } else if (e.key === 'Escape' && !this.helpOpen) this.input.blur();
  }

  private openHit(index: number): void {
    const hit = this.results.value?.hits[index];
    if (hit) navigate(this.hitLink(hit));
  }

  private renderHit(hit: SearchHit) {
    return html`<li><a class="hit" href=${this.hitLink(hit)} @pointerdown=${(e: PointerEvent) => prefetchArticle(this.client, hit.id, e)}>
      <h2 class="hit-title">${hit.title || 'Untitled'}</h2>
      <div class="meta">
        ${hit.color ? html`<span class="swatch" style="background:${cssColor(hit.color)}"></span>` : nothing}
        ${hit.annotationId ? html`<span>Annotation</span><span aria-hidden="true">·</span>` : nothing}
        ${hit.siteName ? html`<span>${hit.siteName}</span><span aria-hidden="true">·</span>` : nothing}
        <span>${formatDate(hit.publishedAt ?? hit.addedAt)}</span>
        ${hit.linkOnly ? html`<span class="not-captured" title="Imported as a link from an export: only its title, address and dates are archived">Not captured yet</span>` : nothing}
      </div>
      ${hit.snippet ? html`<p>${markedText(hit.snippet)}</p>` : nothing}
    </a></li>`;
  }

  private renderFacet(key: keyof SearchFacets, label: string, prefix: string, counts: FacetCount[]) {
    if (!counts.length) return nothing;
    return html`<section aria-labelledby="facet-${key}">
      <h2 id="facet-${key}">${label}</h2>
      <ul>${counts.slice(0, 8).map((f) => {
        const color = key === 'color' ? this.colors.value?.find((c) => c.name === f.value) : undefined;
        return html`<li><button @click=${() => this.addTerm(this.facetTerm(prefix, f.value))} title="Add ${prefix}:${f.value} to the query">
          <span>${color ? html`<span class="swatch" style="background:${color.hex}"></span> ${color.label}` : f.value}</span><span class="n">${formatNumber(f.count)}</span></button></li>`;
      })}</ul>
    </section>`;
  }

  private renderResults() {
    return this.results.render({
      initial: () => nothing,
      pending: () =>
        this.results.value
          ? this.renderResultList(this.results.value, true)
          : html`<p class="status" role="status">Searching…</p>`,
      complete: (r) => (r ? this.renderResultList(r, false) : this.renderIntro()),
      error: (err) => {
        const e = err as ClientError;
        if (e.code === 'ABORTED') return nothing;
        return html`<div class="error-box" role="alert">${icon('alert')}<div><strong>${e.code === 'INVALID_QUERY' ? 'This query cannot be read' : 'Search failed'}</strong><br>${e.message}</div></div>`;
      },
    });
  }

  private renderIntro() {
    return html`<div class="empty">
      <div class="badge">${icon('search', 26)}</div>
      <h2>Search everything you have saved</h2>
      <p>Type to search titles, full text, highlights and notes. Use the <button class="btn ghost" style="height:auto;padding:0 4px" @click=${() => (this.helpOpen = true)}>syntax</button> for phrases, sites, dates, tags and colors.</p>
    </div>`;
  }

  private renderResultList(r: NonNullable<typeof this.results.value>, stale: boolean) {
    return html`<div class="layout" aria-busy=${stale ? 'true' : 'false'}>
      <div>
        <p class="status" role="status" aria-live="polite">${formatCount(r.total, 'result', 'results')}${r.total > r.hits.length ? ` · showing ${r.hits.length}` : ''}</p>
        ${r.indexing?.catchingUp ? html`<div class="warnings"><div class="warn indexing" role="note">${icon('info', 16)}<span>Search is catching up: ${r.indexing.percent}% of the archive is indexed. Results cover what is indexed so far.</span></div></div>` : nothing}
        ${r.warnings.length ? html`<div class="warnings">${r.warnings.map((w) => html`<div class="warn" role="note">${icon('info', 16)}<span>${w}</span></div>`)}</div>` : nothing}
        ${
          r.hits.length
            ? html`<ol aria-label="Search results">${r.hits.map((h) => this.renderHit(h))}</ol>`
            : html`<div class="empty"><div class="badge">${icon('search', 26)}</div><h2>No matches</h2><p>Try fewer words, a prefix like <code>strat*</code>, or <code>OR</code> between alternatives.</p></div>`
        }
        ${r.total > r.hits.length && this.limit < 200 ? html`<button class="btn more" @click=${() => (this.limit = Math.min(200, this.limit + 30))}>Show more results</button>` : nothing}
      </div>
      <aside aria-label="Refine">${FACETS.map(([key, label, prefix]) => this.renderFacet(key, label, prefix, r.facets[key]))}</aside>
    </div>`;
  }

  override render() {
    return html`
      <div class="bar">
        <h1 class="sr-only">Search</h1>
        <div class="field">
          ${icon('search', 20)}
          <input id="q" type="search" placeholder="Search your archive" aria-label="Search" autocomplete="off" spellcheck="false"
            .value=${this.query} @input=${(e: InputEvent) => this.setQuery((e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => this.onQueryKey(e)}>
          <button class="btn ghost icon-only" aria-label="Search syntax" aria-expanded=${this.helpOpen ? 'true' : 'false'} aria-controls="syntax"
            @click=${() => (this.helpOpen = !this.helpOpen)}>${icon('help')}</button>
        </div>
        <div class="options">
          <div role="radiogroup" aria-label="Search in" style="display:flex;gap:6px">
            ${(['articles', 'annotations'] as const).map(
              (s) => html`<button class="chip" role="radio" aria-checked=${this.scope === s ? 'true' : 'false'}
              @click=${() => {
                this.scope = s;
                this.setQuery(this.query, true);
              }}>${s === 'articles' ? 'Articles' : 'Highlights & notes'}</button>`,
            )}
          </div>
          <label>Sort <select aria-label="Sort results" @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as SearchSort)}>
            <option value="relevance">Best match</option><option value="newest">Newest</option><option value="oldest">Oldest</option></select></label>
          <span class="spacer"></span>
          ${
            this.query.trim()
              ? this.saving
                ? html`<form class="save-form" @submit=${this.save}><input type="text" aria-label="Name for this search" placeholder="Name this search" autofocus
                @keydown=${(e: KeyboardEvent) => {
                  if (e.key === 'Escape') this.saving = false;
                }}><button class="btn primary" type="submit">Save</button></form>`
                : html`<button class="btn" @click=${() => (this.saving = true)}>${icon('bookmark', 16)} Save search</button>`
              : nothing
          }
        </div>
      </div>
      ${
        this.helpOpen
          ? html`<div class="popover" id="syntax" role="dialog" aria-label="Search syntax" @st-syntax-pick=${(e: CustomEvent<string>) => this.addTerm(e.detail)}>
        <st-syntax-help></st-syntax-help></div>`
          : nothing
      }
      <div style="padding:0 28px">${this.renderResults()}</div>`;
  }
}

/** Colors arrive by name (yellow) or hex; both are valid CSS. */
function cssColor(c: string): string {
  return /^#?[0-9a-f]{6}$/i.test(c) ? (c.startsWith('#') ? c : `#${c}`) : c;
}

declare global {
  interface HTMLElementTagNameMap {
    'st-search-view': StSearchView;
  }
}
