// The reader's Export menu: copy a citation, download the article as HTML or Markdown, PDF, print, original page.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext, shellContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ShellClient } from '../client/shell-client.js';
import type { ArticleDetail } from '../../db/contract/types.js';
import { ToastEvent } from '../events.js';
import { download } from '../lib/files.js';
import { icon } from '../lib/icons.js';
import { shared } from '../styles/shared.js';

export type ReaderExportAction = 'cite' | 'html' | 'markdown' | 'pdf' | 'print' | 'original';

/** The article's export actions, shared by this menu and the command palette. */
export async function runReaderExport(
  action: Exclude<ReaderExportAction, 'original'>,
  d: ArticleDetail,
  client: RendererClient,
  shell: ShellClient | null,
  host: EventTarget,
): Promise<void> {
  const toast = (message: string, tone?: 'error') => host.dispatchEvent(new ToastEvent({ message, tone }));
  try {
    if (action === 'cite') {
      const { content } = await client.citeArticles({ ids: [d.id], format: 'text' });
      await navigator.clipboard.writeText(content.trim());
      toast('Citation copied');
    } else if (action === 'html' || action === 'markdown') {
      const file = await client.exportArticle({ id: d.id, format: action });
      download(file.fileName, file.mediaType, file.content);
    } else if (action === 'pdf' && shell) {
      const saved = await shell.savePdf({ fileName: `${d.title || 'article'}.pdf` });
      if (saved) toast(`Saved ${saved}`);
    } else {
      // In a browser, "Save as PDF" is a destination of the print dialog; the print stylesheet shows the article alone.
      window.print();
    }
  } catch (err) {
    toast(`Could not export: ${(err as Error).message}`, 'error');
  }
}

@customElement('st-reader-export')
export class StReaderExport extends LitElement {
  static override styles = [
    shared,
    css`
      :host { position: relative; display: inline-block; }
      .menu { position: absolute; top: calc(100% + 6px); right: 0; z-index: 45; min-width: 230px; display: grid; gap: 2px;
        background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow-lg); padding: 6px; }
      .menu button { justify-content: flex-start; width: 100%; }
      hr { border: 0; border-top: 1px solid var(--border); margin: 4px 2px; width: auto; }
    `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @consume({ context: shellContext, subscribe: true }) shell: ShellClient | null = null;
  @property({ attribute: false }) article: ArticleDetail | null = null;
  @property({ type: Boolean }) original = false;
  @state() private open = false;

  private readonly onOutside = (e: Event) => {
    if (this.open && !e.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('click', this.onOutside);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('click', this.onOutside);
    super.disconnectedCallback();
  }

  private act(action: ReaderExportAction): void {
    this.open = false;
    this.renderRoot.querySelector<HTMLElement>('button.trigger')?.focus();
    if (action === 'original') {
      this.dispatchEvent(new CustomEvent('st-toggle-original', { bubbles: true, composed: true }));
      return;
    }
    if (this.article) void runReaderExport(action, this.article, this.client, this.shell, this);
  }

  private onMenuKey(e: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.menu button')];
    const at = items.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.open = false;
      this.renderRoot.querySelector<HTMLElement>('button.trigger')?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items[next]?.focus();
    }
  }

  override render() {
    const item = (action: ReaderExportAction, label: string, glyph: Parameters<typeof icon>[0]) =>
      html`<button class="btn ghost" role="menuitem" @click=${() => this.act(action)}>${icon(glyph, 16)} ${label}</button>`;
    const linkOnly = this.article?.linkOnly ?? false;
    return html`<button class="btn ghost trigger" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'}
        @click=${async () => {
          this.open = !this.open;
          await this.updateComplete;
          this.renderRoot.querySelector<HTMLElement>('.menu button')?.focus();
        }}>${icon('download', 17)} Export</button>
      ${
        this.open
          ? html`<div class="menu" role="menu" aria-label="Export" @keydown=${(e: KeyboardEvent) => this.onMenuKey(e)}>
          ${item('cite', 'Copy citation', 'note')}
          <hr role="separator">
          ${item('html', 'Download HTML', 'file')}
          ${item('markdown', 'Download Markdown', 'file')}
          ${item('pdf', this.shell ? 'Save as PDF…' : 'PDF (print dialog)…', 'save')}
          ${item('print', 'Print…', 'book')}
          ${linkOnly ? nothing : html`<hr role="separator">${item('original', this.original ? 'Hide the original page' : 'Show the original page', 'external')}`}
        </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-reader-export': StReaderExport;
  }
}
