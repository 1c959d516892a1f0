// Provenance and fixity of an article: source, capture dates, SHA-256, sizes, versions and events.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ArticleDetail } from '../../db/contract/types.js';
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
    h3 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 20px 0 8px; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    /* long paths, addresses and hashes wrap instead of running out of the panel */
    li { border-inline-start: 2px solid var(--border); padding-inline-start: 10px; min-width: 0; overflow-wrap: anywhere; }
    li .k { font-weight: 600; text-transform: capitalize; }
    li .d { color: var(--muted); font-size: 12px; }
  `,
  ];

  @property({ attribute: false }) article!: ArticleDetail;
  @consume({ context: clientContext }) client!: RendererClient;
  /** What the last "Capture again" did, or null before one. */
  @state() private captured: { ok: boolean; text: string } | null = null;
  @state() private capturing = false;

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
        ${a.byline ? html`<dt>Byline</dt><dd>${a.byline}</dd>` : nothing}
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
      <h3>Versions (${a.captures.length})</h3>
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
      <h3>Provenance</h3>
      <ol>${a.events.map((e) => html`<li><span class="k">${e.kind.replace('-', ' ')}</span><div class="d">${formatDateTime(e.at)}</div>${e.detail ? html`<div class="d">${e.detail}</div>` : nothing}</li>`)}</ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-metadata-panel': StMetadataPanel;
  }
}
