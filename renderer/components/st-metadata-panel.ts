// Provenance and fixity of an article: source, capture dates, SHA-256, sizes, versions and events; metadata corrections.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ArticleDetail, ArticleMetadataEdit, MetadataField } from '../../db/contract/types.js';
import { decodeEdit, describeEdit, fieldLabel, METADATA_FIELDS } from '../../db/contract/metadata-edit.js';
import { ArchiveChangedEvent } from '../events.js';
import { shared } from '../styles/shared.js';
import { href } from '../router.js';
import { formatBytes, formatDateTime, formatNumber } from '../lib/format.js';
import { SAFE_LINK } from '../lib/external-links.js';

@customElement('st-metadata-panel')
export class StMetadataPanel extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; font-size: 13px; }
    dl { display: grid; grid-template-columns: 96px 1fr; gap: 8px 12px; margin: 0; }
    dt { color: var(--muted); }
    dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
    code { font-family: var(--font-mono); font-size: 11.5px; }
    h2 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 20px 0 8px; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    /* long paths, addresses and hashes wrap instead of running out of the panel */
    li { border-inline-start: 2px solid var(--border); padding-inline-start: 10px; min-width: 0; overflow-wrap: anywhere; }
    li .k { font-weight: 600; text-transform: capitalize; }
    li .d { color: var(--muted); font-size: 12px; }
    .head { display: flex; align-items: center; gap: 8px; margin-bottom: 12px; }
    .head .grow { flex: 1; }
    form.edit { display: grid; gap: 10px; margin-bottom: 8px; }
    form.edit label { display: grid; gap: 4px; font-size: 12px; color: var(--muted); }
    form.edit input { width: 100%; min-width: 0; font-size: 13px; color: var(--text); }
    form.edit .hint { font-size: 11.5px; }
    form.edit .row { display: flex; gap: 8px; justify-content: flex-end; }
    .error { color: var(--danger, #b3261e); margin: 0; }
    .small { height: 28px; padding: 0 10px; font-size: 12px; }
  `,
  ];

  @property({ attribute: false }) article!: ArticleDetail;
  @consume({ context: clientContext }) client!: RendererClient;
  /** What the last "Capture again" did, or null before one. */
  @state() private captured: { ok: boolean; text: string } | null = null;
  @state() private capturing = false;
  /** The metadata form is open; `editError` says why the last save was refused. */
  @state() private editing = false;
  @state() private editError = '';
  @state() private saving = false;

  private current(field: MetadataField): string {
    const a = this.article;
    return (
      { title: a.title, byline: a.byline, publishedAt: a.publishedAt, sourceUrl: a.sourceUrl, siteName: a.siteName }[
        field
      ] ?? ''
    );
  }

  /** Sends only what changed (an emptied field clears it); the reader takes the corrected article back. */
  private async saveEdit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const fields: ArticleMetadataEdit = {};
    for (const { field } of METADATA_FIELDS) {
      const value = (form.elements.namedItem(field) as HTMLInputElement).value.trim();
      if (value === this.current(field)) continue;
      if (field === 'title') {
        if (!value) {
          this.editError = 'A title cannot be empty.';
          return;
        }
        fields.title = value;
      } else fields[field] = value || null;
    }
    if (!Object.keys(fields).length) {
      this.editing = false;
      return;
    }
    this.saving = true;
    try {
      const updated = await this.client.editArticle({ id: this.article.id, fields });
      this.editing = false;
      this.editError = '';
      this.dispatchEvent(
        new CustomEvent<ArticleDetail>('st-article-edited', { detail: updated, bubbles: true, composed: true }),
      );
      this.dispatchEvent(new ArchiveChangedEvent());
    } catch (err) {
      // the contract's message names the field: "fields.publishedAt: expected a date like 2024-05-31 ..."
      this.editError = (err as Error).message
        .replace(/^Invalid input for editArticle: /, '')
        .replace(
          /fields\.(\w+)/g,
          (_m, f: string) =>
            `${fieldLabel(f as MetadataField)[0]!.toUpperCase()}${fieldLabel(f as MetadataField).slice(1)}`,
        );
    } finally {
      this.saving = false;
    }
  }

  private renderEdit() {
    const hints: Partial<Record<MetadataField, string>> = {
      publishedAt: 'YYYY-MM-DD, YYYY-MM or YYYY',
      sourceUrl: 'http:// or https:// address',
    };
    return html`<form class="edit" aria-label="Edit metadata" @submit=${(e: SubmitEvent) => void this.saveEdit(e)} @keydown=${(
      e: KeyboardEvent,
    ) => {
      e.stopPropagation(); // the reader's single-letter keys must not fire while typing here
      if (e.key === 'Escape') {
        this.editing = false;
        this.editError = '';
      }
    }}>
      ${METADATA_FIELDS.map(
        ({ field, label }) => html`<label>${label[0]!.toUpperCase()}${label.slice(1)}
          <input name=${field} type=${field === 'sourceUrl' ? 'url' : 'text'} dir="auto" .value=${this.current(field)}
            ?required=${field === 'title'} aria-describedby=${hints[field] ? `hint-${field}` : nothing}>
          ${hints[field] ? html`<span class="hint" id="hint-${field}">${hints[field]}</span>` : nothing}</label>`,
      )}
      ${this.editError ? html`<p class="error" role="alert">${this.editError}</p>` : nothing}
      <div class="row">
        <button type="button" class="btn ghost small" @click=${() => {
          this.editing = false;
          this.editError = '';
        }}>Cancel</button>
        <button type="submit" class="btn primary small" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save'}</button>
      </div>
    </form>`;
  }

  /** An 'edited' event: one line per field, old -> new. */
  private renderEditEvent(detail: string) {
    const changes = decodeEdit(detail);
    if (!changes) return html`<div class="d">${describeEdit(detail)}</div>`;
    return changes.map(
      (c) => html`<div class="d">${describeEdit(JSON.stringify({ [c.field]: [c.from, c.to] }))}</div>`,
    );
  }

  /** What extraction first found for each field corrected since. */
  private renderExtracted() {
    const original = this.article.asExtracted;
    if (!original || !Object.keys(original).length) return nothing;
    return html`<h2>As extracted</h2>
      <dl aria-label="Metadata as first extracted">${METADATA_FIELDS.filter(({ field }) => field in original).map(
        ({ field, label }) =>
          html`<dt>${label[0]!.toUpperCase()}${label.slice(1)}</dt><dd>${original[field] ?? html`<span class="muted">(none)</span>`}</dd>`,
      )}</dl>`;
  }

  /** Fetches the source address now (the only network use, on this click), as a new version of this article. */
  private async captureAgain(): Promise<void> {
    const url = this.article.sourceUrl?.trim();
    if (!url || this.capturing) return;
    this.capturing = true;
    try {
      const o = (await this.client.captureUrls({ urls: [url] })).outcomes[0];
      this.captured =
        o?.status === 'imported'
          ? { ok: true, text: o.id === this.article.id ? 'Captured as a new version.' : 'Captured as a new article.' }
          : { ok: false, text: o?.error ?? 'The capture failed.' };
      this.dispatchEvent(new ArchiveChangedEvent());
    } catch (err) {
      this.captured = { ok: false, text: (err as Error).message };
    } finally {
      this.capturing = false;
    }
  }

  override render() {
    const a = this.article;
    const c = a.captures[0];
    return html`
      <div class="head"><span class="grow"></span>${
        this.editing
          ? nothing
          : html`<button class="btn small" @click=${() => {
              this.editing = true;
              void this.updateComplete.then(() =>
                this.renderRoot.querySelector<HTMLInputElement>('input[name=title]')?.focus(),
              );
            }}>${'Edit metadata'}</button>`
      }</div>
      ${this.editing ? this.renderEdit() : nothing}
      <dl>
        ${
          a.sourceUrl
            ? html`<dt>Source</dt><dd>${
                // a link only to the web (opened through the app's confirmation); any other scheme is shown as text
                SAFE_LINK.test(a.sourceUrl.trim())
                  ? html`<a data-external="true" data-href=${a.sourceUrl.trim()} role="link" tabindex="0" title=${a.sourceUrl}>${a.sourceUrl}</a>`
                  : a.sourceUrl
              }</dd>`
            : nothing
        }
        ${a.siteName ? html`<dt>Site</dt><dd>${a.siteName}</dd>` : nothing}
        ${a.byline ? html`<dt>Author</dt><dd>${a.byline}</dd>` : nothing}
        ${a.publishedAt ? html`<dt>Published</dt><dd>${formatDateTime(a.publishedAt)}</dd>` : nothing}
        <dt>Added</dt><dd>${formatDateTime(a.addedAt)}</dd>
        ${
          c
            ? html`<dt>Captured</dt><dd>${formatDateTime(c.capturedAt)}</dd>
          <dt>SHA-256</dt><dd><code>${c.sha256}</code></dd>
          <dt>Size</dt><dd>${formatBytes(c.byteSize)} · ${c.mediaType}${c.charset ? ` · ${c.charset}` : ''}</dd>
          <dt>Importer</dt><dd>${c.importer} ${c.importerVersion}</dd>
          ${c.sourcePath ? html`<dt>File</dt><dd>${c.sourcePath}</dd>` : nothing}`
            : nothing
        }
        <dt>Words</dt><dd>${formatNumber(a.wordCount)}</dd>
        ${a.language ? html`<dt>Language</dt><dd>${a.language}</dd>` : nothing}
      </dl>
      <h2>Versions (${a.captures.length})</h2>
      ${
        a.sourceUrl && /^https?:\/\//i.test(a.sourceUrl.trim())
          ? html`<p><button class="btn" ?disabled=${this.capturing} @click=${this.captureAgain}>${this.capturing ? 'Capturing…' : 'Capture again from the web'}</button></p>
            <p role="status">${this.captured ? html`${this.captured.text}${this.captured.ok ? html` <a href=${href('versions', {}, a.id)}>Compare versions</a>` : nothing}` : nothing}</p>`
          : nothing
      }
      ${a.captures.length > 1 ? html`<p><a href=${href('versions', {}, a.id)}>Compare versions</a></p>` : nothing}
      <ol>${a.captures.map(
        (v, i) => html`<li><span class="k">${i === 0 ? 'Current' : `Version ${a.captures.length - i}`}</span>
        <div class="d">${formatDateTime(v.capturedAt)} · ${formatBytes(v.byteSize)}</div><div class="d"><code>${v.sha256.slice(0, 16)}…</code></div></li>`,
      )}</ol>
      <h2>Provenance</h2>
      <ol>${a.events.map((e) => html`<li><span class="k">${e.kind.replace('-', ' ')}</span><div class="d">${formatDateTime(e.at)}</div>${e.detail ? (e.kind === 'edited' ? this.renderEditEvent(e.detail) : html`<div class="d">${e.detail}</div>`) : nothing}</li>`)}</ol>
      ${this.renderExtracted()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-metadata-panel': StMetadataPanel;
  }
}
