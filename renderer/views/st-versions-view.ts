// The Versions view: any two captures of an article compared word by word, with where its annotations went.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type {
  AnnotationDiff,
  AnnotationDiffStatus,
  ArticleDetail,
  ArticleId,
  CaptureDiff,
  CaptureId,
  HighlightColor,
} from '../../db/contract/types.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatDateTime, formatNumber } from '../lib/format.js';
import { isTyping } from '../lib/keys.js';
import { inlinePieces, sidePieces, type Piece } from '../lib/diff-pieces.js';
import { href, navigate } from '../router.js';

type Mode = 'side' | 'inline';

const STATUS_LABEL: Record<AnnotationDiffStatus, string> = {
  unchanged: 'Unchanged',
  moved: 'Moved',
  changed: 'Quote changed',
  orphaned: 'Orphaned',
  new: 'Only in newer',
};

@customElement('st-versions-view')
export class StVersionsView extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: flex; flex-direction: column; height: 100%; min-height: 0; }
      .top { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; padding: 10px 20px; border-bottom: 1px solid var(--border); background: var(--surface); }
      .top h1 { font-size: 16px; margin: 0; flex: 1 1 240px; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      select { max-width: 250px; }
      label { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; color: var(--muted); }
      .seg { display: inline-flex; border: 1px solid var(--border); border-radius: var(--radius-sm); overflow: hidden; }
      .seg .btn { border: 0; border-radius: 0; }
      .summary { display: flex; gap: 14px; flex-wrap: wrap; align-items: center; padding: 8px 20px; font-size: 13px; border-bottom: 1px solid var(--border); background: var(--surface-2); }
      .summary .n { font-weight: 600; font-variant-numeric: tabular-nums; }
      .body { flex: 1; min-height: 0; display: grid; grid-template-columns: 1fr 300px; }
      .cols { min-height: 0; overflow: auto; display: grid; gap: 0; }
      .cols.side { grid-template-columns: 1fr 1fr; }
      .col { padding: 18px 24px 48px; min-width: 0; }
      .cols.side .col + .col { border-left: 1px solid var(--border); }
      .col h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 0 0 12px; position: sticky; top: -18px; background: var(--bg); padding: 6px 0; }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: var(--font-serif); font-size: 16px; line-height: 1.65; max-width: 46em; }
      ins, del { text-decoration: none; border-radius: 3px; padding: 0 1px; }
      ins { background: #d3f2dc; color: #0b4d1f; box-shadow: inset 0 -2px 0 #2f9e55; }
      del { background: #fbdcdc; color: #7a1010; text-decoration: line-through; text-decoration-thickness: 1px; }
      ins.moved, del.moved { background: #dfe8fb; color: #1c3a7a; box-shadow: inset 0 -2px 0 #5877c8; text-decoration: none; }
      del.moved { text-decoration: line-through; }
      mark.ann { background: color-mix(in srgb, var(--c, #f7d154) 45%, transparent); color: inherit; border-radius: 2px; }
      mark.ann.s-moved { outline: 2px dashed #5877c8; outline-offset: 1px; }
      mark.ann.s-changed { text-decoration: underline wavy #b45309; text-decoration-thickness: 1.5px; }
      mark.ann.s-orphaned { outline: 2px dotted var(--danger); }
      mark.ann.flash { outline: 3px solid var(--focus); }
      aside { border-left: 1px solid var(--border); overflow: auto; padding: 14px 16px; background: var(--surface); font-size: 13px; }
      aside h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 0 0 10px; }
      aside ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
      aside li button { all: unset; box-sizing: border-box; display: grid; gap: 4px; width: 100%; cursor: pointer; padding: 8px 10px; border-radius: var(--radius-sm); border: 1px solid var(--border); border-left: 4px solid var(--c, var(--border)); }
      aside li button:hover { background: var(--hover); }
      aside li button:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
      .badge { justify-self: start; font-size: 11px; font-weight: 600; border-radius: 999px; padding: 1px 8px; border: 1px solid currentColor; }
      .b-unchanged { color: var(--muted); }
      .b-moved { color: #2c4fa8; }
      .b-changed { color: #8a3c00; }
      .b-orphaned { color: var(--danger); }
      .b-new { color: #11652c; }
      .q { font-family: var(--font-serif); font-size: 14px; }
      .now { color: var(--muted); }
      .legend { display: flex; gap: 10px; flex-wrap: wrap; align-items: center; margin-left: auto; color: var(--muted); }
      .empty { margin: 72px auto; }
      @media (max-width: 1100px) {
        .body { grid-template-columns: 1fr; grid-template-rows: 1fr auto; }
        aside { border-left: 0; border-top: 1px solid var(--border); max-height: 34vh; }
      }
      :host-context([data-theme='dark']) ins { background: #16351f; color: #b6f0c6; }
      :host-context([data-theme='dark']) del { background: #3d1717; color: #ffc9c9; }
      :host-context([data-theme='dark']) ins.moved, :host-context([data-theme='dark']) del.moved { background: #1b2747; color: #c9d8ff; }
    `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ type: Number }) articleId = 0;
  @property({ attribute: false }) params: URLSearchParams = new URLSearchParams();
  @state() private mode: Mode = 'side';

  private readonly load = new Task(this, {
    task: async ([id, from, to], { signal }) => {
      const articleId = id as ArticleId;
      const [article, colors] = await Promise.all([
        this.client.getArticle({ id: articleId }, { signal }),
        this.client.listColors({}, { signal }),
      ]);
      const request: { id: ArticleId; from?: CaptureId; to?: CaptureId } = { id: articleId };
      if (from) request.from = from as CaptureId;
      if (to) request.to = to as CaptureId;
      const diff = await this.client.diffCaptures(request, { signal });
      return { article, colors, diff };
    },
    args: () => [this.articleId, Number(this.params.get('from')) || 0, Number(this.params.get('to')) || 0] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = localStorage.getItem('stacks.versions.mode');
    if (saved === 'inline' || saved === 'side') this.mode = saved;
    window.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  /** `n` / `p` jump to the next / previous change; Esc goes back to the article. */
  private onKey = (e: KeyboardEvent): void => {
    if (isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'n' || e.key === 'p') {
      e.preventDefault();
      this.jump(e.key === 'n' ? 1 : -1);
    } else if (e.key === 'Escape') navigate(href('article', {}, this.articleId));
  };

  private changeIndex = -1;

  private jump(step: 1 | -1): void {
    const col = this.renderRoot.querySelector<HTMLElement>(this.mode === 'side' ? '.col.to' : '.col');
    const changes = [...(col?.querySelectorAll<HTMLElement>('[data-change]') ?? [])];
    if (changes.length === 0) return;
    this.changeIndex = (this.changeIndex + step + changes.length) % changes.length;
    const target = changes[this.changeIndex]!;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    localStorage.setItem('stacks.versions.mode', mode);
  }

  private pick(which: 'from' | 'to', value: string, diff: CaptureDiff): void {
    const from = which === 'from' ? value : String(diff.from.capture.id);
    const to = which === 'to' ? value : String(diff.to.capture.id);
    navigate(href('versions', { from, to }, this.articleId), true);
  }

  private show(a: AnnotationDiff): void {
    const side = a.to ? 'to' : 'from';
    const scope = this.mode === 'side' ? `.col.${side} ` : '.col ';
    const target =
      this.renderRoot.querySelector<HTMLElement>(`${scope}mark[data-start~="${a.annotation.id}"]`) ??
      this.renderRoot.querySelector<HTMLElement>(`mark[data-start~="${a.annotation.id}"]`);
    if (!target) return;
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.classList.add('flash');
    setTimeout(() => target.classList.remove('flash'), 1200);
  }

  private renderPieces(pieces: Piece[], diff: CaptureDiff, colors: HighlightColor[]) {
    const byId = new Map(diff.annotations.map((a) => [a.annotation.id as number, a]));
    const hex = (name: string | null): string => colors.find((c) => c.name === name)?.hex ?? '#f7d154';
    return pieces.map((p) => {
      // A changed run's trailing line breaks stay outside its box, or each paragraph end shows a sliver of color.
      const body = p.op === 'equal' ? p.text : p.text.trimEnd();
      const trail = p.text.slice(body.length);
      if (!body) return trail;
      let inner: unknown = body;
      if (p.annotations.length) {
        const a = byId.get(p.annotations[p.annotations.length - 1]!)!;
        inner = html`<mark class="ann s-${a.status}" style="--c:${hex(a.annotation.color)}" data-start=${p.starts.join(' ') || nothing}
          title=${`${STATUS_LABEL[a.status]} annotation`}>${body}</mark>`;
      }
      if (p.op === 'equal') return inner;
      const moved = p.move !== undefined;
      const label = moved ? (p.op === 'removed' ? 'moved away from here' : 'moved here') : p.op;
      const attrs = p.changeStart ? { tab: '-1', change: '' } : null;
      return p.op === 'removed'
        ? html`<del class=${moved ? 'moved' : ''} title=${label} tabindex=${attrs?.tab ?? nothing} ?data-change=${!!attrs}>${inner}</del>${trail}`
        : html`<ins class=${moved ? 'moved' : ''} title=${label} tabindex=${attrs?.tab ?? nothing} ?data-change=${!!attrs}>${inner}</ins>${trail}`;
    });
  }

  private renderControls(article: ArticleDetail, diff: CaptureDiff) {
    const versions = [...article.captures].reverse(); // oldest first: version 1
    const options = (selected: number) =>
      versions.map(
        (c, i) =>
          html`<option value=${c.id} ?selected=${c.id === selected}>Version ${i + 1} · ${formatDateTime(c.capturedAt)}${i === versions.length - 1 ? ' (current)' : ''}</option>`,
      );
    return html`<div class="top" role="toolbar" aria-label="Versions">
      <a class="btn ghost icon-only" href=${href('article', {}, this.articleId)} aria-label="Back to the article">${icon('back')}</a>
      <h1>Versions: ${diff.title || 'Untitled'}</h1>
      <label>From <select aria-label="Older version" @change=${(e: Event) => this.pick('from', (e.target as HTMLSelectElement).value, diff)}>${options(diff.from.capture.id)}</select></label>
      <label>To <select aria-label="Newer version" @change=${(e: Event) => this.pick('to', (e.target as HTMLSelectElement).value, diff)}>${options(diff.to.capture.id)}</select></label>
      <div class="seg" role="group" aria-label="Layout">
        <button class="btn" aria-pressed=${this.mode === 'side' ? 'true' : 'false'} @click=${() => this.setMode('side')}>Side by side</button>
        <button class="btn" aria-pressed=${this.mode === 'inline' ? 'true' : 'false'} @click=${() => this.setMode('inline')}>Inline</button>
      </div>
      <button class="btn ghost" @click=${() => this.jump(-1)} title="Previous change (p)">Previous change</button>
      <button class="btn ghost" @click=${() => this.jump(1)} title="Next change (n)">Next change</button>
    </div>`;
  }

  private renderSummary(diff: CaptureDiff) {
    const s = diff.stats;
    const counts = (status: AnnotationDiffStatus) => diff.annotations.filter((a) => a.status === status).length;
    return html`<div class="summary" role="status">
      <span><span class="n">${formatNumber(s.added)}</span> words added</span>
      <span><span class="n">${formatNumber(s.removed)}</span> removed</span>
      <span><span class="n">${formatNumber(s.moved)}</span> moved</span>
      <span><span class="n">${formatNumber(s.unchanged)}</span> unchanged</span>
      <span>· ${diff.annotations.length} annotations: ${counts('moved')} moved, ${counts('changed')} quote changed, ${counts('orphaned')} orphaned</span>
      <span class="legend" aria-hidden="true"><del>removed</del><ins>added</ins><ins class="moved">moved</ins></span>
    </div>`;
  }

  private renderAnnotations(diff: CaptureDiff, colors: HighlightColor[]) {
    const hex = (name: string | null): string => colors.find((c) => c.name === name)?.hex ?? 'var(--border)';
    return html`<aside aria-label="Annotations in both versions">
      <h2>Annotations (${diff.annotations.length})</h2>
      ${diff.annotations.length === 0 ? html`<p class="muted">No highlights or notes on passages of this article.</p>` : nothing}
      <ol>${diff.annotations.map(
        (a) => html`<li><button style="--c:${hex(a.annotation.color)}" @click=${() => this.show(a)}>
          <span class="badge b-${a.status}">${STATUS_LABEL[a.status]}</span>
          <span class="q">“${a.annotation.quote?.exact ?? ''}”</span>
          ${a.status === 'changed' && a.to ? html`<span class="now">Now: “${a.to.text}”</span>` : nothing}
          ${a.annotation.note ? html`<span class="now">${a.annotation.note}</span>` : nothing}
        </button></li>`,
      )}</ol>
    </aside>`;
  }

  override render() {
    return this.load.render({
      pending: () => html`<div class="empty" aria-busy="true">Comparing versions…</div>`,
      error: (
        e,
      ) => html`<div class="empty"><h2>These versions cannot be compared</h2><p>${(e as Error)?.message ?? ''}</p>
        <a class="btn" href=${href('article', {}, this.articleId)}>Back to the article</a></div>`,
      complete: ({ article, colors, diff }) => {
        const same = diff.from.capture.id === diff.to.capture.id;
        const column = (side: 'from' | 'to') =>
          html`<section class="col ${side}" aria-label=${`Version ${diff[side].version}, captured ${formatDateTime(diff[side].capture.capturedAt)}`}>
            <h2>Version ${diff[side].version} · ${formatDateTime(diff[side].capture.capturedAt)}</h2>
            <div class="text">${this.renderPieces(sidePieces(diff, side), diff, colors)}</div>
          </section>`;
        return html`${this.renderControls(article, diff)}${this.renderSummary(diff)}
          <div class="body">
            ${
              same
                ? html`<div class="empty"><h2>${article.captures.length < 2 ? 'This article has one version' : 'The same version on both sides'}</h2>
                  <p>${article.captures.length < 2 ? 'Import it again after the page changes, and the two captures can be compared here.' : 'Pick two different versions above.'}</p></div>`
                : this.mode === 'side'
                  ? html`<div class="cols side">${column('from')}${column('to')}</div>`
                  : html`<div class="cols"><section class="col" aria-label=${`Changes from version ${diff.from.version} to version ${diff.to.version}`}>
                      <h2>Version ${diff.from.version} → version ${diff.to.version}</h2>
                      <div class="text">${this.renderPieces(inlinePieces(diff), diff, colors)}</div></section></div>`
            }
            ${this.renderAnnotations(diff, colors)}
          </div>`;
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-versions-view': StVersionsView;
  }
}
