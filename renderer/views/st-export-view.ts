// Export: chosen articles, a collection, a search or everything, as a WACZ web archive, a BagIt bag (ZIP) or JSON, with progress.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ArticleId, Collection, ExportJob, ExportJobRequest, PackageFormat } from '../../db/contract/types.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatBytes, formatCount } from '../lib/format.js';
import { pollJob } from '../lib/poll-job.js';

type ScopeKind = 'selected' | 'collection' | 'search' | 'all';

const FORMATS: Array<{ value: PackageFormat; label: string; hint: string }> = [
  {
    value: 'wacz',
    label: 'WACZ web archive',
    hint: 'Opens in ReplayWeb.page: every capture as WARC records, pages with their text, annotations.',
  },
  {
    value: 'bagit',
    label: 'BagIt bag (ZIP)',
    hint: 'For archives and libraries: every capture, reader HTML, text, metadata, provenance and annotations, with checksums.',
  },
  {
    value: 'json',
    label: 'JSON',
    hint: 'Metadata of each article and its captures (hashes, dates, tags, collections).',
  },
];

@customElement('st-export-view')
export class StExportView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; overflow-y: auto; }
    .wrap { padding: 0 28px 40px; max-width: 760px; display: grid; gap: 18px; }
    h1 { font-size: 22px; margin: 24px 0 0; }
    fieldset { border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); padding: 12px 16px 14px; margin: 0; display: grid; gap: 8px; }
    legend { font-weight: 600; padding: 0 6px; }
    label.choice { display: grid; grid-template-columns: 20px 1fr; gap: 2px 8px; align-items: start; }
    label.choice small { grid-column: 2; color: var(--muted); }
    .inline { display: flex; gap: 8px; align-items: center; grid-column: 2; }
    input[type=text], select { font: inherit; padding: 6px 8px; border: 1px solid var(--border); border-radius: 8px; background: var(--bg); color: var(--fg); min-width: 260px; }
    .bag { display: grid; grid-template-columns: max-content 1fr; gap: 8px 12px; align-items: center; }
    .actions { display: flex; gap: 8px; align-items: center; }
    .card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 16px 18px; display: grid; gap: 8px; }
    progress { appearance: none; width: 100%; height: 8px; border: 0; border-radius: 999px; overflow: hidden; background: var(--surface-2); }
    progress::-webkit-progress-bar { background: var(--surface-2); border-radius: 999px; }
    progress::-webkit-progress-value { background: var(--accent); border-radius: 999px; }
    .muted { color: var(--muted); font-size: 13px; }
    .error { color: var(--danger); }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  /** Route parameters: `ids=1,2,3`, `collection=NAME` or `q=QUERY` preselect the scope. */
  @property({ attribute: false }) params = new URLSearchParams();
  @state() private scope: ScopeKind = 'all';
  @state() private format: PackageFormat = 'wacz';
  @state() private collections: Collection[] = [];
  @state() private collection = '';
  @state() private query = '';
  @state() private sourceOrganization = '';
  @state() private description = '';
  @state() private job: ExportJob | null = null;
  @state() private error: string | null = null;
  private ids: ArticleId[] = [];
  /** Aborted when the view is left: its polling stops (the export goes on). */
  private leaving = new AbortController();

  override connectedCallback(): void {
    super.connectedCallback();
    this.leaving = new AbortController();
    void this.client
      .listCollections({})
      .then((c) => {
        this.collections = c;
        if (!this.collection && c[0]) this.collection = c[0].name;
      })
      .catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.leaving.abort();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('params')) return;
    const p = this.params;
    this.ids = (p.get('ids') ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0) as ArticleId[];
    if (this.ids.length) this.scope = 'selected';
    else if (p.get('collection')) {
      this.scope = 'collection';
      this.collection = p.get('collection')!;
    } else if (p.get('q')) {
      this.scope = 'search';
      this.query = p.get('q')!;
    }
  }

  private request(): ExportJobRequest {
    const req: ExportJobRequest = { format: this.format };
    if (this.scope === 'selected') req.ids = this.ids;
    else if (this.scope === 'collection') req.collection = this.collection;
    else if (this.scope === 'search') req.query = this.query;
    if (this.format === 'bagit') {
      const info: Record<string, string> = {};
      if (this.sourceOrganization.trim()) info['Source-Organization'] = this.sourceOrganization.trim();
      if (this.description.trim()) info['External-Description'] = this.description.trim();
      if (Object.keys(info).length) req.bagInfo = info;
    }
    return req;
  }

  private async start(e: Event): Promise<void> {
    e.preventDefault();
    this.error = null;
    try {
      const started = await this.client.startExport(this.request());
      this.job = started;
      await pollJob(started, () => this.client.exportStatus({ id: started.id }), {
        delay: () => 250,
        onUpdate: (job) => (this.job = job),
        signal: this.leaving.signal,
      });
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async cancel(): Promise<void> {
    if (this.job) this.job = await this.client.cancelExport({ id: this.job.id });
  }

  private scopeChoice(kind: ScopeKind, label: string, extra: unknown = nothing, disabled = false) {
    return html`<label class="choice">
      <input type="radio" name="scope" .checked=${this.scope === kind} ?disabled=${disabled}
        @change=${() => (this.scope = kind)}><span>${label}</span>${extra}</label>`;
  }

  private renderJob(job: ExportJob) {
    const p = job.progress;
    const running = job.state === 'running';
    return html`<section class="card" aria-label="Export progress">
      <strong role="status">${
        running
          ? p.phase === 'packaging'
            ? 'Packaging…'
            : `Exporting ${p.done} of ${formatCount(p.total, 'article', 'articles')}`
          : job.state === 'done'
            ? `Ready: ${formatCount(job.articles, 'article', 'articles')}, ${formatBytes(job.byteSize ?? 0)}`
            : job.state === 'cancelled'
              ? 'Export cancelled; nothing was kept.'
              : `Export failed: ${job.error}`
      }</strong>
      ${running ? html`<progress max=${Math.max(1, p.total)} .value=${p.done} aria-label="Export progress"></progress>` : nothing}
      ${running && p.currentTitle ? html`<span class="muted">${p.currentTitle}</span>` : nothing}
      <div class="actions">
        ${running ? html`<button class="btn" @click=${this.cancel}>${icon('x', 16)} Cancel</button>` : nothing}
        ${
          job.state === 'done' && job.fileName
            ? html`<a class="btn primary" href=${this.client.exportUrl(job.id)} download=${job.fileName}>${icon('download', 16)} Download ${job.fileName}</a>`
            : nothing
        }
      </div>
    </section>`;
  }

  override render() {
    const running = this.job?.state === 'running';
    const format = FORMATS.find((f) => f.value === this.format)!;
    return html`<div class="wrap">
      <h1>Export</h1>
      <form @submit=${this.start}>
        <div class="wrap" style="padding:0">
          <fieldset>
            <legend>What</legend>
            ${this.scopeChoice(
              'selected',
              this.ids.length
                ? `The ${formatCount(this.ids.length, 'selected article', 'selected articles')}`
                : 'Selected articles',
              this.ids.length ? nothing : html`<small>Select articles in the Library, then choose Export…</small>`,
              !this.ids.length,
            )}
            ${this.scopeChoice(
              'collection',
              'A collection',
              html`<span class="inline"><select aria-label="Collection" .value=${this.collection}
                @change=${(e: Event) => {
                  this.collection = (e.target as HTMLSelectElement).value;
                  this.scope = 'collection';
                }}>${this.collections.map((c) => html`<option value=${c.name} ?selected=${c.name === this.collection}>${c.name} (${c.count})</option>`)}</select></span>`,
              !this.collections.length,
            )}
            ${this.scopeChoice(
              'search',
              'The articles a search finds',
              html`<span class="inline"><input type="text" aria-label="Search query" placeholder="e.g. tag:treaty year:2024"
                .value=${this.query} @input=${(e: Event) => {
                  this.query = (e.target as HTMLInputElement).value;
                  this.scope = 'search';
                }}></span>`,
            )}
            ${this.scopeChoice('all', 'Every article (except the trash)')}
          </fieldset>
          <fieldset>
            <legend>Format</legend>
            ${FORMATS.map(
              (f) => html`<label class="choice"><input type="radio" name="format" .checked=${this.format === f.value}
                @change=${() => (this.format = f.value)}><span>${f.label}</span><small>${f.hint}</small></label>`,
            )}
          </fieldset>
          ${
            format.value === 'bagit'
              ? html`<fieldset class="bag-fields"><legend>Bag information</legend><div class="bag">
              <label for="org">Source-Organization</label>
              <input id="org" type="text" .value=${this.sourceOrganization} @input=${(e: Event) => (this.sourceOrganization = (e.target as HTMLInputElement).value)}>
              <label for="desc">External-Description</label>
              <input id="desc" type="text" .value=${this.description} @input=${(e: Event) => (this.description = (e.target as HTMLInputElement).value)}>
            </div></fieldset>`
              : nothing
          }
          <div class="actions">
            <button class="btn primary" type="submit" ?disabled=${running || (this.scope === 'search' && !this.query.trim())}>
              ${icon('download', 16)} Export</button>
            ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
          </div>
        </div>
      </form>
      ${this.job ? this.renderJob(this.job) : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-export-view': StExportView;
  }
}
