// Import: drop files or folders (or pick them), each imported in the background in turn (startImport), with progress and a report.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ImportFileRequest, ImportOutcome, ImportReport } from '../../db/contract/types.js';
import { ArchiveChangedEvent } from '../events.js';
import { href } from '../router.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatBytes, formatCount } from '../lib/format.js';
import { filesFromDrop, filesFromInput, groupPageFiles, toBase64, type PickedFile } from '../lib/files.js';
import { pollJob } from '../lib/poll-job.js';
import '../components/st-capture-box.js';

const MAX_BYTES = 200 * 1024 * 1024;

interface Progress {
  done: number;
  total: number;
  current: string;
  startedAt: number;
  bytesDone: number;
  bytesTotal: number;
  /** The current file's own items (a web archive's pages, an export's entries), once it has more than one. */
  inner: { done: number; total: number } | null;
  /** Bytes of the current file, for the estimate while its items are stored. */
  currentBytes: number;
}

/**
 * How often a running file's progress is asked for: soon at first (a note or a page is done in a few milliseconds,
 * and a folder of a thousand must not wait 150 ms each), then every 150 ms for a file with many items.
 */
const pollDelay = (attempt: number): number => Math.min(150, 4 * 2 ** attempt);

@customElement('st-import-view')
export class StImportView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; overflow-y: auto; }
    .wrap { padding: 0 28px 40px; max-width: 920px; display: grid; gap: 20px; }
    .drop { border: 2px dashed color-mix(in srgb, var(--accent) 35%, var(--border)); border-radius: 16px; background: var(--surface); padding: 44px 24px; display: grid; justify-items: center; gap: 12px; text-align: center; transition: background 0.15s, border-color 0.15s; }
    .drop.over { background: var(--accent-soft); border-color: var(--accent); }
    .drop .badge { width: 60px; height: 60px; border-radius: 18px; display: grid; place-items: center; background: var(--accent-soft); color: var(--accent); }
    .drop h2 { margin: 4px 0 0; font-size: 18px; }
    .drop p { margin: 0; color: var(--muted); max-width: 520px; line-height: 1.55; }
    .drop .actions { display: flex; gap: 8px; margin-top: 6px; }
    input[type=file] { display: none; }
    .card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 16px 18px; }
    .progress-head { display: flex; gap: 12px; align-items: baseline; }
    .progress-head strong { font-size: 14px; }
    .progress-head .grow { flex: 1; }
    progress { appearance: none; width: 100%; height: 8px; margin: 12px 0 8px; border: 0; border-radius: 999px; overflow: hidden; background: var(--surface-2); }
    progress::-webkit-progress-bar { background: var(--surface-2); border-radius: 999px; }
    progress::-webkit-progress-value { background: var(--accent); border-radius: 999px; transition: width 0.2s; }
    progress::-moz-progress-bar { background: var(--accent); border-radius: 999px; }
    .current { color: var(--muted); font-size: 12.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .summary { display: flex; gap: 10px; flex-wrap: wrap; margin-bottom: 12px; }
    .stat { border-radius: 999px; padding: 4px 12px; font-size: 13px; font-weight: 600; background: var(--surface-2); }
    .stat.ok { background: color-mix(in srgb, #2e9d5b 16%, var(--surface)); }
    .stat.bad { background: color-mix(in srgb, var(--danger) 14%, var(--surface)); }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; max-height: 50vh; overflow-y: auto; }
    li { display: grid; grid-template-columns: 22px 1fr auto; gap: 10px; align-items: center; padding: 7px 6px; border-radius: 6px; font-size: 13px; }
    li:nth-child(odd) { background: var(--bg); }
    li .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    li .why { color: var(--muted); font-size: 12px; }
    .s-imported { color: #2e8a52; } .s-duplicate { color: var(--muted); } .s-failed { color: var(--danger); }
    :host-context([data-theme="dark"]) .s-imported { color: #6fd39a; }
    /* the live region keeps its place for screen readers but takes no room in the layout when it only holds hidden text */
    .live:not(:has(section)) { position: absolute; }
    .formats { color: var(--muted); font-size: 12.5px; }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  /** Report of an import the Electron shell ran from its menu; shown until this view runs its own. */
  @property({ attribute: false }) shellReport: ImportReport | null = null;
  @state() private over = false;
  @state() private progress: Progress | null = null;
  @state() private outcomes: ImportOutcome[] = [];
  @state() private cancelled = false;
  /** Files left out when the run was cancelled. */
  @state() private skipped = 0;
  @state() private cancelRequested = false;

  private async run(picked: PickedFile[]): Promise<void> {
    if (!picked.length || this.progress) return;
    // a saved page's `_files` folder travels with its page, as in a CLI import of the same folder
    const items = groupPageFiles(picked);
    const files = items.map((i) => i.main);
    const withPage = new Map(items.map((i) => [i.main, i.pageFiles]));
    this.outcomes = [];
    this.cancelled = false;
    this.cancelRequested = false;
    const sizeOf = (f: PickedFile) => f.file.size + (withPage.get(f) ?? []).reduce((n, p) => n + p.file.size, 0);
    const bytesTotal = files.reduce((n, f) => n + sizeOf(f), 0);
    this.progress = {
      done: 0,
      total: files.length,
      current: '',
      startedAt: performance.now(),
      bytesDone: 0,
      bytesTotal,
      inner: null,
      currentBytes: 0,
    };
    for (const f of files) {
      if (this.cancelRequested) {
        this.cancelled = true;
        this.skipped = files.length - this.progress.done;
        break;
      }
      this.progress = { ...this.progress, current: f.path, inner: null, currentBytes: sizeOf(f) };
      let outcome: ImportOutcome;
      const pageFiles = withPage.get(f) ?? [];
      if (sizeOf(f) > MAX_BYTES)
        outcome = { file: f.path, status: 'failed', error: `Larger than ${formatBytes(MAX_BYTES)}` };
      else {
        try {
          const dataBase64 = await toBase64(f.file);
          const extra = await Promise.all(
            pageFiles.map(async (p) => ({ path: p.path, dataBase64: await toBase64(p.file) })),
          );
          outcome = await this.importInBackground({
            fileName: f.path,
            dataBase64,
            ...(f.file.type ? { mediaType: f.file.type } : {}),
            ...(extra.length ? { pageFiles: extra } : {}),
          });
        } catch (err) {
          outcome = { file: f.path, status: 'failed', error: (err as Error).message };
        }
      }
      // A web archive (WARC, WACZ) answers with one outcome per page: the report lists the pages.
      const shown = outcome.items?.length ? outcome.items : [{ ...outcome, file: outcome.file || f.path }];
      this.outcomes = [...this.outcomes, ...shown];
      this.progress = {
        ...this.progress,
        done: this.progress.done + 1,
        bytesDone: this.progress.bytesDone + sizeOf(f),
        inner: null,
      };
    }
    this.progress = null;
    this.dispatchEvent(new ArchiveChangedEvent());
  }

  /**
   * One file imported in the background: its items (a bookmark export's links, a WARC's pages) show as they are
   * stored, and Cancel stops inside the file, keeping what was stored (a re-run adds only the rest).
   */
  private async importInBackground(req: ImportFileRequest): Promise<ImportOutcome> {
    const started = await this.client.startImport(req);
    let cancelSent = false;
    const job = await pollJob(
      started,
      () => {
        if (!this.cancelRequested || cancelSent) return this.client.importStatus({ id: started.id });
        cancelSent = true;
        return this.client.cancelImport({ id: started.id });
      },
      {
        delay: pollDelay,
        onUpdate: ({ progress: { done, total } }) => {
          if (this.progress && total > 1) this.progress = { ...this.progress, inner: { done, total } };
        },
      },
    );
    if (job.state === 'cancelled') this.cancelled = true;
    return job.outcome ?? { file: req.fileName, status: 'failed', error: 'The import ended without a report.' };
  }

  private eta(p: Progress): string {
    const bytesDone = p.bytesDone + (p.inner ? (p.currentBytes * p.inner.done) / p.inner.total : 0);
    if ((!p.done && !p.inner?.done) || !p.bytesTotal) return '';
    const elapsed = (performance.now() - p.startedAt) / 1000;
    const left = (elapsed / Math.max(1, bytesDone)) * (p.bytesTotal - bytesDone);
    if (!Number.isFinite(left)) return '';
    return left < 1
      ? 'almost done'
      : left < 60
        ? `about ${Math.ceil(left)} s left`
        : `about ${Math.ceil(left / 60)} min left`;
  }

  private async onDrop(e: DragEvent): Promise<void> {
    e.preventDefault();
    this.over = false;
    if (e.dataTransfer?.items) await this.run(await filesFromDrop(e.dataTransfer.items));
  }

  private onPick(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = filesFromInput(input.files);
    input.value = '';
    void this.run(files);
  }

  private renderReport() {
    // this view's own run wins; otherwise the last import the Electron shell ran from its menu
    const own = this.outcomes.length > 0 || this.progress !== null;
    const outcomes = own ? this.outcomes : (this.shellReport?.outcomes ?? []);
    const cancelled = own ? this.cancelled : this.shellReport?.cancelled === true;
    if (!outcomes.length) return nothing;
    const n = (s: ImportOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    // failures first: they are what a person has to act on
    const ordered = [
      ...outcomes.filter((o) => o.status === 'failed'),
      ...outcomes.filter((o) => o.status !== 'failed').reverse(),
    ];
    const statusIcon = (o: ImportOutcome) =>
      o.status === 'imported' ? icon('check', 16) : o.status === 'duplicate' ? icon('circle', 16) : icon('alert', 16);
    return html`<section class="card" aria-labelledby="report-title">
      <h2 id="report-title" style="margin:0 0 10px;font-size:15px">${this.progress ? 'Imported so far' : cancelled ? 'Import cancelled' : 'Import report'}</h2>
      ${
        cancelled && own
          ? html`<p class="muted cancelled-note" style="margin:-4px 0 12px">${
              this.skipped
                ? `Cancelled: ${formatCount(this.skipped, 'file was', 'files were')} not imported. Run the import again to add them; files already archived are skipped.`
                : 'Cancelled part-way through the file: what was stored is kept. Import it again to add the rest; entries already archived are skipped.'
            }</p>`
          : nothing
      }
      <div class="summary">
        <span class="stat ok">${n('imported')} imported</span>
        ${n('duplicate') ? html`<span class="stat">${n('duplicate')} already in the archive</span>` : nothing}
        ${n('failed') ? html`<span class="stat bad">${n('failed')} failed</span>` : nothing}
      </div>
      <ul aria-label="Imported files">${ordered.map(
        (o) => html`<li>
        <span class="s-${o.status}" role="img" aria-label=${o.status}>${statusIcon(o)}</span>
        <span class="name">${o.id && o.status !== 'failed' ? html`<a href=${href('article', {}, o.id)}>${o.title || o.file}</a>` : o.title || o.file}
          ${o.status === 'failed' ? html`<div class="why">${o.error ?? 'Unknown error'}</div>` : o.status === 'duplicate' ? html`<div class="why">Same bytes already archived</div>` : o.newVersion ? html`<div class="why">Saved as a new version</div>` : nothing}</span>
        <span class="why">${o.file !== (o.title || o.file) ? o.file : ''}</span>
      </li>`,
      )}</ul>
    </section>`;
  }

  override render() {
    const p = this.progress;
    return html`
      <header class="view-header"><h1>Import</h1></header>
      <div class="wrap">
        <div class="drop ${this.over ? 'over' : ''}" @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.over = true;
        }}
          @dragleave=${() => (this.over = false)} @drop=${this.onDrop}>
          <div class="badge">${icon('import', 28)}</div>
          <h2>Drop files or folders here</h2>
          <p>Saved web pages (HTML), text clippings and Markdown. Original bytes are kept with a SHA-256 fingerprint; nothing is fetched from the network.</p>
          <div class="actions">
            <label class="btn primary" for="files" tabindex="0" @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                this.renderRoot.querySelector<HTMLInputElement>('#files')?.click();
              }
            }}>${icon('file', 16)} Choose files…</label>
            <label class="btn" for="folder" tabindex="0" @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                this.renderRoot.querySelector<HTMLInputElement>('#folder')?.click();
              }
            }}>${icon('folder', 16)} Choose a folder…</label>
          </div>
          <input id="files" type="file" multiple accept=".html,.htm,.xhtml,.txt,.text,.md,.markdown,.warc,.gz,.wacz,.mhtml,.mht,.webarchive,.csv,.json,.zip,text/html,text/plain,text/markdown" aria-label="Choose files to import" @change=${this.onPick}>
          <input id="folder" type="file" webkitdirectory multiple aria-label="Choose a folder to import" @change=${this.onPick}>
          <span class="formats">.html · .htm · .txt · .md · .mhtml · .webarchive · web archives: .warc · .warc.gz · .wacz · exports: Pocket, Instapaper, Omnivore, Wallabag, Readwise, bookmarks</span>
        </div>
        <st-capture-box></st-capture-box>
        <div class="live" aria-live="polite" role="status">
          ${
            p
              ? html`<section class="card" aria-label="Import progress">
            <div class="progress-head"><strong>Importing ${p.done + 1 > p.total ? p.total : p.done + 1} of ${p.total}</strong><span class="muted">${this.eta(p)}</span><span class="grow"></span>
              <button class="btn" ?disabled=${this.cancelRequested} @click=${() => (this.cancelRequested = true)}>${this.cancelRequested ? 'Cancelling…' : 'Cancel'}</button></div>
            <progress max=${p.total} .value=${p.done + (p.inner ? p.inner.done / p.inner.total : 0)} aria-label="Import progress">${p.done}/${p.total}</progress>
            <div class="current">${p.current}${p.inner ? html` <span class="muted items">· ${p.inner.done.toLocaleString('en-US')} of ${p.inner.total.toLocaleString('en-US')} items</span>` : nothing}</div>
          </section>`
              : this.outcomes.length && !this.cancelled
                ? html`<span class="sr-only">Import finished: ${formatCount(this.outcomes.length, 'file', 'files')}</span>`
                : nothing
          }
        </div>
        ${this.renderReport()}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-import-view': StImportView;
  }
}
