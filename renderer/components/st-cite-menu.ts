// "Cite…" for the library's selection: BibTeX, RIS or CSL-JSON downloaded, or plain references copied.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ArticleId, CitationFormat } from '../../db/contract/types.js';
import { ToastEvent } from '../events.js';
import { download } from '../lib/files.js';
import { icon } from '../lib/icons.js';
import { shared } from '../styles/shared.js';

const CHOICES: Array<[CitationFormat, string]> = [
  ['bibtex', 'BibTeX (.bib)'],
  ['ris', 'RIS (.ris)'],
  ['csl-json', 'CSL-JSON (.json)'],
  ['text', 'Copy as text (APA-like)'],
];

@customElement('st-cite-menu')
export class StCiteMenu extends LitElement {
  static override styles = [
    shared,
    css`
      :host { position: relative; display: inline-block; }
      .menu { position: absolute; bottom: calc(100% + 6px); left: 0; z-index: 45; min-width: 220px; display: grid; gap: 2px;
        background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow-lg); padding: 6px; }
      .menu button { justify-content: flex-start; width: 100%; }
    `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ attribute: false }) ids: ArticleId[] = [];
  @state() private open = false;

  private async cite(format: CitationFormat): Promise<void> {
    this.open = false;
    const toast = (message: string, tone?: 'error') => this.dispatchEvent(new ToastEvent({ message, tone }));
    try {
      const file = await this.client.citeArticles({ ids: this.ids, format });
      if (format === 'text') {
        await navigator.clipboard.writeText(file.content.trim());
        toast(this.ids.length === 1 ? 'Citation copied' : `${this.ids.length} citations copied`);
      } else download(file.fileName, file.mediaType, file.content);
    } catch (err) {
      toast(`Could not cite: ${(err as Error).message}`, 'error');
    }
  }

  override render() {
    return html`<button class="btn trigger" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'}
        @click=${async () => {
          this.open = !this.open;
          await this.updateComplete;
          this.renderRoot.querySelector<HTMLElement>('.menu button')?.focus();
        }}>${icon('note', 16)} Cite…</button>
      ${
        this.open
          ? html`<div class="menu" role="menu" aria-label="Cite the selection" @keydown=${(e: KeyboardEvent) => {
              if (e.key !== 'Escape') return;
              e.stopPropagation();
              this.open = false;
              this.renderRoot.querySelector<HTMLElement>('button.trigger')?.focus();
            }}>
            ${CHOICES.map(([f, label]) => html`<button class="btn ghost" role="menuitem" @click=${() => void this.cite(f)}>${label}</button>`)}
          </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-cite-menu': StCiteMenu;
  }
}
