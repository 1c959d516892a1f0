// Highlights: every annotation across the archive, filtered by color, tag and date, exportable as MD/JSON-LD/CSV.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type {
  AnnotationExportFormat,
  AnnotationId,
  AnnotationListRequest,
  HighlightColor,
} from '../../db/contract/types.js';
import { ArchiveChangedEvent, ToastEvent } from '../events.js';
import { renderNote } from '../lib/markdown.js';
import { href } from '../router.js';
import { onKeydown } from '../controllers/listener.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatCount, formatDate } from '../lib/format.js';
import { download } from '../lib/files.js';
import { isTyping } from '../lib/keys.js';
import { collectPages } from '../lib/paging.js';

const PAGE = 100;

@customElement('st-highlights-view')
export class StHighlightsView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; overflow-y: auto; }
    .filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 0 28px 16px; }
    .filters label { font-size: 13px; color: var(--muted); display: flex; gap: 6px; align-items: center; }
    .dot { width: 10px; height: 10px; border-radius: 50%; display: inline-block; }
    .count { color: var(--muted); font-size: 13px; }
    ol { list-style: none; margin: 0; padding: 0 28px 40px; display: grid; gap: 12px; max-width: 900px; }
    .card { position: relative; background: var(--surface); border: 1px solid var(--border); border-left: 4px solid var(--c); border-radius: var(--radius); padding: 14px 16px; }
    .card:hover { border-color: color-mix(in srgb, var(--accent) 40%, var(--border)); border-left-color: var(--c); }
    .card:focus-within { border-color: var(--focus); border-left-color: var(--c); }
    /* the whole card opens the highlight; links inside the note sit above that layer and stay their own */
    a.open { display: block; text-decoration: none; color: var(--text); }
    a.open::after { content: ''; position: absolute; inset: 0; border-radius: var(--radius); }
    a.open:focus-visible { outline: none; }
    a.open:focus-visible::after { outline: 2px solid var(--focus); outline-offset: 2px; }
    blockquote { margin: 0; font-family: var(--font-serif); font-size: 16px; line-height: 1.55; }
    .note { margin: 8px 0 0; font-size: 13.5px; line-height: 1.5; overflow-wrap: break-word; }
    .note a { position: relative; z-index: 1; }
    .meta { margin-top: 10px; font-size: 12.5px; color: var(--muted); display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
    .meta strong { color: var(--text); font-weight: 600; }
    .tagpill { background: var(--surface-2); border-radius: 999px; padding: 0 8px; color: var(--text); }
    .orphan { font-size: 11.5px; border: 1px solid var(--border); border-radius: 999px; padding: 0 6px; }
    .exports { display: flex; gap: 6px; }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ type: Number }) revision = 0;
  @state() private color = '';
  @state() private tag = '';
  @state() private since = '';
  @state() private until = '';
  @state() private limit = PAGE;
  /** The annotation trash: deleted annotations, each with Restore. */
  @state() private trash = false;

  private readonly meta = new Task(this, {
    task: async (_args, { signal }) => {
      const [colors, tags] = await Promise.all([
        this.client.listColors({}, { signal }),
        this.client.listTags({}, { signal }),
      ]);
      return { colors, tags };
    },
    args: () => [this.revision],
  });

  private readonly list = new Task(this, {
    task: async ([color, tag, since, until, limit, , trash], { signal }) => {
      const req: AnnotationListRequest = {};
      if (trash) req.deleted = true;
      if (color) req.color = color;
      if (tag) req.tag = tag;
      if (since) req.since = since;
      if (until) req.until = `${until}T23:59:59.999Z`;
      return collectPages(
        (offset, pageLimit) => this.client.listAnnotations({ ...req, offset, limit: pageLimit }, { signal }),
        limit,
      );
    },
    args: () => [this.color, this.tag, this.since, this.until, this.limit, this.revision, this.trash] as const,
  });

  private readonly onKey = (e: KeyboardEvent) => {
    if (isTyping(e) || e.ctrlKey || e.metaKey || e.altKey || (e.key !== 'j' && e.key !== 'k')) return;
    const links = [...this.renderRoot.querySelectorAll<HTMLAnchorElement>('ol a.open')];
    if (!links.length) return;
    e.preventDefault();
    const i = links.indexOf(this.shadowRoot?.activeElement as HTMLAnchorElement);
    links[i < 0 ? 0 : Math.max(0, Math.min(links.length - 1, i + (e.key === 'j' ? 1 : -1)))]?.focus();
  };

  protected readonly keys = onKeydown(this, (e) => this.onKey(e));

  private async exportAs(format: AnnotationExportFormat): Promise<void> {
    try {
      const query = [this.color ? `color:${this.color}` : '', this.tag ? `tag:"${this.tag}"` : '']
        .filter(Boolean)
        .join(' ');
      const file = await this.client.exportAnnotations(query ? { format, query } : { format });
      download(file.fileName, file.mediaType, file.content);
      this.dispatchEvent(new ToastEvent({ message: `Exported ${file.fileName}` }));
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  private async restore(id: AnnotationId): Promise<void> {
    try {
      await this.client.restoreAnnotation({ id });
      this.list.run();
      this.dispatchEvent(new ArchiveChangedEvent());
      this.dispatchEvent(new ToastEvent({ message: 'Annotation restored' }));
    } catch (err) {
      this.dispatchEvent(new ToastEvent({ message: (err as Error).message, tone: 'error' }));
    }
  }

  private hex(colors: HighlightColor[], name: string | null): string {
    return colors.find((c) => c.name === name)?.hex ?? 'var(--border)';
  }

  override render() {
    const colors = this.meta.value?.colors ?? [];
    const tags = this.meta.value?.tags ?? [];
    const list = this.list.value;
    return html`
      <header class="view-header">
        <h1>${this.trash ? 'Deleted annotations' : 'Highlights'}</h1>
        <span class="count" aria-live="polite">${list ? formatCount(list.total, 'annotation', 'annotations') : ''}</span>
        <span class="spacer"></span>
        <div class="exports" role="group" aria-label="Export">
          <button class="btn" @click=${() => this.exportAs('markdown')}>${icon('download', 16)} Markdown</button>
          <button class="btn" @click=${() => this.exportAs('jsonld')}>JSON-LD</button>
          <button class="btn" @click=${() => this.exportAs('csv')}>CSV</button>
        </div>
      </header>
      <div class="filters" role="group" aria-label="Filters">
        <button class="chip" aria-pressed=${this.color === '' ? 'true' : 'false'} @click=${() => (this.color = '')}>All colors</button>
        ${colors.map(
          (
            c,
          ) => html`<button class="chip" aria-pressed=${this.color === c.name ? 'true' : 'false'} @click=${() => (this.color = this.color === c.name ? '' : c.name)}>
          <span class="dot" style="background:${c.hex}"></span>${c.label}</button>`,
        )}
        ${
          tags.some((t) => t.annotations > 0)
            ? html`<select aria-label="Filter by tag" @change=${(e: Event) => (this.tag = (e.target as HTMLSelectElement).value)}>
          <option value="">All tags</option>${tags.filter((t) => t.annotations > 0).map((t) => html`<option value=${t.name}>${t.name} (${t.annotations})</option>`)}</select>`
            : nothing
        }
        <label>From <input type="date" aria-label="From date" .value=${this.since} @change=${(e: Event) => (this.since = (e.target as HTMLInputElement).value)}></label>
        <label>To <input type="date" aria-label="To date" .value=${this.until} @change=${(e: Event) => (this.until = (e.target as HTMLInputElement).value)}></label>
        <button class="chip" aria-pressed=${this.trash ? 'true' : 'false'} @click=${() => (this.trash = !this.trash)}>${icon('trash', 14)} Deleted</button>
      </div>
      ${this.list.render({
        pending: () => (list ? nothing : html`<p class="muted" style="padding:0 28px">Loading…</p>`),
        error: (e) =>
          html`<div style="padding:0 28px"><div class="error-box" role="alert">${icon('alert')}${(e as Error).message}</div></div>`,
        complete: () => nothing,
      })}
      ${
        list && list.items.length === 0
          ? html`<div class="empty"><div class="badge">${icon('highlight', 26)}</div>
        <h2>${this.trash ? 'No deleted annotations' : this.color || this.tag || this.since || this.until ? 'No annotations match' : 'No highlights yet'}</h2>
        <p>${this.trash ? 'Annotations you delete wait here, with their notes, until you restore them.' : 'Open an article, select a passage and pick a color. Your highlights and notes from every article gather here.'}</p></div>`
          : nothing
      }
      ${
        list?.items.length
          ? html`<ol aria-label="Annotations">${list.items.map(
              (a) => html`<li style="--c:${this.hex(colors, a.color)}">
        <div class="card">
          <a class="open" href=${href('article', { annotation: a.id }, a.articleId)} aria-label="${a.quote ? `“${a.quote.exact.slice(0, 120)}”` : 'Article note'} in ${a.articleTitle}">
            ${a.quote ? html`<blockquote>“${a.quote.exact}”</blockquote>` : html`<strong>Article note</strong>`}</a>
          ${a.note ? html`<div class="note md">${renderNote(a.note)}</div>` : nothing}
          <div class="meta"><strong>${a.articleTitle}</strong><span aria-hidden="true">·</span><span>${formatDate(a.createdAt)}</span>
            ${a.color ? html`<span aria-hidden="true">·</span><span>${colors.find((c) => c.name === a.color)?.label ?? a.color}</span>` : nothing}
            ${a.anchor.state === 'orphan' ? html`<span class="orphan">not placed</span>` : nothing}
            ${a.tags.map((t) => html`<span class="tagpill">${t}</span>`)}
            ${this.trash ? html`<span style="flex:1"></span><button class="btn small restore" style="position:relative;z-index:1" @click=${() => this.restore(a.id)}>Restore</button>` : nothing}</div>
        </div></li>`,
            )}</ol>
        ${list.total > list.items.length ? html`<div style="padding:0 28px 40px"><button class="btn" @click=${() => (this.limit += PAGE)}>Show more</button></div>` : nothing}`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-highlights-view': StHighlightsView;
  }
}
