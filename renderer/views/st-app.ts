// The app shell: provides the archive client, routes the hash to a view, hosts the sidebar and toasts.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import { ArchiveChangedEvent, ToastEvent, type ToastDetail } from '../events.js';
import { navigate, parseRoute, type Route } from '../router.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { isTyping } from '../lib/keys.js';
import './st-sidebar.js';
import './st-library-view.js';
import './st-search-view.js';
import './st-reader.js';
import './st-highlights-view.js';
import './st-import-view.js';
import './st-timeline-view.js';

interface Toast extends ToastDetail {
  id: number;
}

@customElement('st-app')
export class StApp extends LitElement {
  static override styles = [shared, css`
    :host { display: grid; grid-template-columns: 248px 1fr; height: 100vh; overflow: hidden; }
    main { min-width: 0; height: 100vh; overflow: hidden; display: flex; flex-direction: column; background: var(--bg); }
    main > * { flex: 1; min-height: 0; }
    .toasts { position: fixed; bottom: 20px; left: 50%; transform: translateX(-50%); display: grid; gap: 8px; z-index: 50; }
    .toast { display: flex; align-items: center; gap: 12px; background: var(--text); color: var(--bg); padding: 10px 12px 10px 16px;
      border-radius: var(--radius); box-shadow: var(--shadow-lg); font-size: 13.5px; min-width: 280px; }
    .toast.error { background: var(--danger); color: #fff; }
    .toast .grow { flex: 1; }
    .toast button { background: transparent; border: 0; color: inherit; font-weight: 650; cursor: pointer; padding: 4px 8px; border-radius: 6px; text-decoration: underline; }
    .toast button:focus-visible { outline-color: currentColor; }
    @media (max-width: 760px) { :host { grid-template-columns: 1fr; } st-sidebar { display: none; } }
  `];

  @provide({ context: clientContext })
  @property({ attribute: false })
  client!: RendererClient;

  @state() private route: Route = parseRoute(location.hash);
  @state() private revision = 0;
  @state() private toasts: Toast[] = [];
  private toastSeq = 0;

  private readonly onHash = () => {
    this.route = parseRoute(location.hash);
  };

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e)) return;
    if (e.key === '/') {
      e.preventDefault();
      if (this.route.name !== 'search') navigate('#/search');
      void this.updateComplete.then(() => this.renderRoot.querySelector('st-search-view')?.focusInput());
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (!location.hash || location.hash === '#') navigate('#/library', true);
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('keydown', this.onKey);
    this.addEventListener(ToastEvent.type, (e) => this.showToast(e.detail));
    this.addEventListener(ArchiveChangedEvent.type, () => this.revision++);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('route' as keyof StApp)) document.title = `${TITLES[this.route.name]} · Stacks`;
  }

  private showToast(detail: ToastDetail): void {
    const toast = { ...detail, id: ++this.toastSeq };
    this.toasts = [...this.toasts, toast].slice(-3);
    setTimeout(() => (this.toasts = this.toasts.filter((t) => t.id !== toast.id)), detail.action ? 8000 : 4000);
  }

  private renderView() {
    const r = this.route;
    switch (r.name) {
      case 'search': return html`<st-search-view .params=${r.params} .revision=${this.revision}></st-search-view>`;
      case 'article': return html`<st-reader .articleId=${r.id ?? 0} .params=${r.params}></st-reader>`;
      case 'highlights': return html`<st-highlights-view .revision=${this.revision}></st-highlights-view>`;
      case 'import': return html`<st-import-view></st-import-view>`;
      case 'timeline': return html`<st-timeline-view .revision=${this.revision}></st-timeline-view>`;
      default: return html`<st-library-view .params=${r.params} .revision=${this.revision}></st-library-view>`;
    }
  }

  override render() {
    return html`
      <st-sidebar role="complementary" aria-label="Sidebar" .route=${this.route} .revision=${this.revision}></st-sidebar>
      <main id="main">${this.renderView()}</main>
      <div class="toasts" role="status" aria-live="polite">
        ${this.toasts.map((t) => html`<div class="toast ${t.tone === 'error' ? 'error' : ''}">
          ${t.tone === 'error' ? icon('alert') : icon('check')}
          <span class="grow">${t.message}</span>
          ${t.action ? html`<button @click=${() => { void t.action!.run(); this.toasts = this.toasts.filter((x) => x.id !== t.id); }}>${t.action.label}</button>` : ''}
        </div>`)}
      </div>`;
  }
}

const TITLES: Record<Route['name'], string> = {
  library: 'Library', search: 'Search', article: 'Reader', highlights: 'Highlights', import: 'Import', timeline: 'Timeline',
};

declare global {
  interface HTMLElementTagNameMap {
    'st-app': StApp;
  }
}
