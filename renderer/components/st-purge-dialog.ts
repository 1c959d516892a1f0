// Delete permanently / empty the trash: a modal that states what goes (with counts), then deletes in batches with progress.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ArticleId, PurgeSummary } from '../../db/contract/types.js';
import { ArchiveChangedEvent, ToastEvent } from '../events.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatBytes, formatCount } from '../lib/format.js';
import { deepActiveElement } from './st-link-dialog.js';

/** Articles per call: each batch commits on its own, so Cancel stops between batches with the archive sound. */
const BATCH = 50;

@customElement('st-purge-dialog')
export class StPurgeDialog extends LitElement {
  static override styles = [
    shared,
    css`
    .scrim { position: fixed; inset: 0; background: rgb(0 0 0 / 0.35); display: grid; place-items: center; z-index: 100; }
    .dialog { background: var(--surface); color: var(--text); border-radius: 14px; padding: 20px 22px; width: min(500px, 92vw); box-shadow: var(--shadow-lg); }
    h2 { margin: 0 0 10px; font-size: 17px; }
    p { margin: 0 0 10px; line-height: 1.5; }
    ul { margin: 0 0 12px; padding-inline-start: 20px; line-height: 1.6; }
    .muted { color: var(--muted); }
    progress { width: 100%; height: 8px; margin: 4px 0 12px; accent-color: var(--danger, #b3261e); }
    .actions { display: flex; justify-content: flex-end; gap: 8px; }
    .error { color: var(--danger, #b3261e); }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  /** The articles to delete, or 'trash' for everything in the trash; null hides the dialog. */
  @property({ attribute: false }) target: ArticleId[] | 'trash' | null = null;
  @state() private summary: PurgeSummary | null = null;
  @state() private error = '';
  @state() private progress: { done: number; total: number } | null = null;
  private cancelled = false;
  private returnFocus: HTMLElement | null = null;

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('target')) return;
    if (this.target) {
      this.returnFocus = deepActiveElement();
      this.summary = null;
      this.error = '';
      this.progress = null;
      void this.preview();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.cancel')?.focus());
    } else if (changed.get('target')) {
      this.returnFocus?.focus?.();
      this.returnFocus = null;
    }
  }

  private async preview(): Promise<void> {
    const target = this.target;
    try {
      const s = await this.client.previewPurge(target === 'trash' ? { trash: true } : { ids: target ?? [] });
      if (this.target === target) this.summary = s;
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  private async ids(): Promise<ArticleId[]> {
    if (this.target !== 'trash') return this.target ?? [];
    const ids: ArticleId[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.client.listArticles({ filter: { trashed: true }, offset, limit: 200 });
      ids.push(...page.items.map((a) => a.id));
      if (page.items.length < 200) return ids;
    }
  }

  private async run(): Promise<void> {
    this.cancelled = false;
    let deleted = 0;
    try {
      const ids = await this.ids();
      this.progress = { done: 0, total: ids.length };
      for (let i = 0; i < ids.length && !this.cancelled; i += BATCH) {
        deleted += (await this.client.purgeArticles({ ids: ids.slice(i, i + BATCH) })).articles;
        this.progress = { done: Math.min(i + BATCH, ids.length), total: ids.length };
      }
      this.dispatchEvent(new ArchiveChangedEvent());
      this.dispatchEvent(
        new ToastEvent({
          message: this.cancelled
            ? `Stopped: ${formatCount(deleted, 'article', 'articles')} deleted permanently, the rest kept`
            : `Deleted ${formatCount(deleted, 'article', 'articles')} permanently`,
        }),
      );
      this.close(true);
    } catch (err) {
      this.progress = null;
      this.error = (err as Error).message;
      if (deleted) this.dispatchEvent(new ArchiveChangedEvent());
    }
  }

  private close(done: boolean): void {
    if (this.progress && !done) {
      this.cancelled = true; // stops after the batch in flight
      return;
    }
    this.dispatchEvent(new CustomEvent('st-purge-close', { detail: { done } }));
  }

  private onKey(e: KeyboardEvent): void {
    e.stopPropagation(); // the views' single-letter shortcuts must not fire behind the dialog
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close(false);
    } else if (e.key === 'Tab') {
      const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
      const at = buttons.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
      e.preventDefault();
      buttons[(at + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length]?.focus();
    }
  }

  private renderSummary(s: PurgeSummary) {
    return html`<p id="purge-desc">${s.articles === 1 ? 'This article goes' : `These ${formatCount(s.articles, 'article', 'articles')} go`} for good, with:</p>
      <ul aria-label="What is deleted">
        <li>${formatCount(s.captures, 'captured version', 'captured versions')} (the original files as archived)</li>
        <li>${formatCount(s.assets, 'image or file', 'images and files')} no other article uses</li>
        <li>${formatCount(s.annotations, 'highlight or passage note', 'highlights and passage notes')}</li>
        <li>${formatCount(s.notes, 'article note', 'article notes')}</li>
      </ul>
      <p class="muted">${formatBytes(s.bytes)} freed. This cannot be undone; backups made before keep them.</p>`;
  }

  override render() {
    if (!this.target) return nothing;
    const s = this.summary;
    const title = this.target === 'trash' ? 'Empty the trash?' : 'Delete permanently?';
    return html`<div class="scrim" @click=${(e: Event) => {
      if (e.target === e.currentTarget && !this.progress) this.close(false);
    }} @keydown=${this.onKey}>
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="purge-title" aria-describedby="purge-desc">
        <h2 id="purge-title">${title}</h2>
        ${s ? this.renderSummary(s) : this.error ? nothing : html`<p id="purge-desc" class="muted">Counting what would be deleted…</p>`}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${
          this.progress
            ? html`<p role="status">Deleting ${this.progress.done.toLocaleString()} of ${formatCount(this.progress.total, 'article', 'articles')}…</p>
              <progress max=${this.progress.total} .value=${this.progress.done} aria-label="Deleting"></progress>`
            : nothing
        }
        <div class="actions">
          <button class="btn cancel" @click=${() => this.close(false)}>${this.progress ? 'Stop' : 'Cancel'}</button>
          <button class="btn danger" ?disabled=${!s || s.articles === 0 || !!this.progress} @click=${() => void this.run()}>${icon('trash', 16)} ${this.target === 'trash' ? 'Empty trash' : 'Delete permanently'}</button>
        </div>
      </div></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-purge-dialog': StPurgeDialog;
  }
  interface HTMLElementEventMap {
    'st-purge-close': CustomEvent<{ done: boolean }>;
  }
}
