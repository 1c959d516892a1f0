// The original page as captured, beside the reader: the archive's inert copy in a sandboxed frame (no scripts;
// the server's CSP allows images from the archive only), for checking what extraction left out.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ArticleDetail } from '../../db/contract/types.js';
import { icon } from '../lib/icons.js';
import { formatDate } from '../lib/format.js';
import { shared } from '../styles/shared.js';

@customElement('st-original-view')
export class StOriginalView extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: flex; flex-direction: column; flex: 1 1 0; min-width: 0; min-height: 0; border-left: 1px solid var(--border); background: var(--surface); }
      header { display: flex; align-items: center; gap: 8px; padding: 8px 10px 8px 14px; border-bottom: 1px solid var(--border); font-size: 13px; }
      header .grow { flex: 1; min-width: 0; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      h2 { font-size: 13px; margin: 0; white-space: nowrap; }
      iframe { flex: 1; width: 100%; border: 0; background: #fff; }
    `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ attribute: false }) article!: ArticleDetail;

  override render() {
    const capture = this.article.captures[0];
    if (!capture) return html``;
    return html`<header>
        <h2 id="original-title">Original page</h2>
        <span class="grow" title=${capture.sourceUrl ?? ''}>as captured ${formatDate(capture.capturedAt)} · no scripts, nothing remote</span>
        <button class="btn ghost icon-only" aria-label="Close the original page" @click=${() =>
          this.dispatchEvent(
            new CustomEvent('st-toggle-original', { bubbles: true, composed: true }),
          )}>${icon('x', 16)}</button>
      </header>
      <iframe sandbox="allow-same-origin" referrerpolicy="no-referrer" title="Original page as captured"
        src=${this.client.originalUrl(capture.id)}></iframe>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-original-view': StOriginalView;
  }
}
