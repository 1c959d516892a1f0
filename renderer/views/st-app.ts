// The app shell: provides the archive client, routes the hash to a view, hosts the sidebar and toasts.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import { ArchiveChangedEvent, OpenExternalEvent, ToastEvent, type ToastDetail } from '../events.js';
import type { ImportReport } from '../../db/contract/types.js';
import {
  ARCHIVE_CHANGED,
  FOCUS_SEARCH,
  IMPORT_PROGRESS,
  IMPORT_STARTED,
  importProgressOf,
  importReportOf,
  importStartedCount,
  progressSummary,
  reportSummary,
  type ShellImportProgress,
} from '../lib/shell-notices.js';
import { openOutside } from '../components/st-link-dialog.js';
import { installLinkGuard } from '../lib/external-links.js';
import { navigate, parseRoute, type Route } from '../router.js';
import { onKeydown } from '../controllers/listener.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { isTyping } from '../lib/keys.js';
import { formatCount } from '../lib/format.js';
import './st-sidebar.js';
import './st-library-view.js';
import './st-search-view.js';
import './st-reader.js';
import './st-versions-view.js';
import './st-highlights-view.js';
import './st-import-view.js';
import './st-timeline-view.js';
import './st-export-view.js';

interface Toast extends ToastDetail {
  id: number;
}

@customElement('st-app')
export class StApp extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: grid; grid-template-columns: 248px 1fr; height: 100vh; overflow: hidden; }
    main { min-width: 0; height: 100vh; overflow: hidden; display: flex; flex-direction: column; background: var(--bg); }
    main > * { flex: 1; min-height: 0; }
    /* bottom-left, over the sidebar's quiet footer rather than over the text being read */
    .toasts { position: fixed; bottom: 16px; left: 16px; display: grid; gap: 8px; z-index: 50; width: min(400px, calc(100vw - 32px)); pointer-events: none; }
    .toast { pointer-events: auto; display: flex; align-items: center; gap: 10px; background: var(--text); color: var(--bg); padding: 8px 6px 8px 14px;
      border-radius: var(--radius); box-shadow: var(--shadow-lg); font-size: 13.5px; line-height: 1.4; }
    .toast.error { background: var(--danger); color: #fff; }
    .toast .grow { flex: 1; min-width: 0; }
    .toast button { background: transparent; border: 0; color: inherit; font-weight: 650; cursor: pointer; padding: 4px 8px; border-radius: 6px; }
    .toast button.action { text-decoration: underline; text-underline-offset: 2px; }
    .toast button.close { display: grid; place-items: center; padding: 4px; opacity: 0.75; }
    .toast button.close:hover { opacity: 1; }
    .toast button:focus-visible { outline-color: currentColor; }
    .spinner { width: 16px; height: 16px; border-radius: 50%; border: 2px solid color-mix(in srgb, currentColor 30%, transparent); border-top-color: currentColor; animation: spin 0.8s linear infinite; flex: none; }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }
    @media (max-width: 760px) { :host { grid-template-columns: 1fr; } st-sidebar { display: none; } }
  `,
  ];

  @provide({ context: clientContext })
  @property({ attribute: false })
  client!: RendererClient;

  @state() private route: Route = parseRoute(location.hash);
  @state() private revision = 0;
  @state() private toasts: Toast[] = [];
  @state() private externalUrl: string | null = null;
  /** Set while the Electron shell imports files chosen from its menu (null: no import running). */
  @state() private shellImport: { files: number; progress?: ShellImportProgress } | null = null;
  /** The last report of a menu import, shown by the Import view. */
  @state() private shellReport: ImportReport | null = null;
  private toastSeq = 0;
  private removeLinkGuard: (() => void) | null = null;

  private readonly onHash = () => {
    this.route = parseRoute(location.hash);
  };

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e)) return;
    if (e.key === '/') {
      e.preventDefault();
      this.focusSearch();
    }
  };
  protected readonly keys = onKeydown(this, (e) => this.onKey(e));

  private readonly onImportStarted = (e: Event) => {
    this.shellImport = { files: importStartedCount((e as CustomEvent).detail) };
  };

  private readonly onImportProgress = (e: Event) => {
    const progress = importProgressOf((e as CustomEvent).detail);
    if (progress) this.shellImport = { files: this.shellImport?.files ?? 0, progress };
  };

  private readonly onShellArchiveChanged = (e: Event) => {
    this.shellImport = null;
    this.revision++;
    const report = importReportOf((e as CustomEvent).detail);
    if (!report) return;
    this.shellReport = report;
    this.showToast({
      message: reportSummary(report),
      tone: report.failed && !report.imported ? 'error' : 'info',
      action: this.route.name === 'import' ? undefined : { label: 'Show report', run: () => navigate('#/import') },
    });
  };

  private readonly onFocusSearch = () => this.focusSearch();

  private focusSearch(): void {
    if (this.route.name !== 'search') navigate('#/search');
    void this.updateComplete.then(() => this.renderRoot.querySelector('st-search-view')?.focusInput());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!location.hash || location.hash === '#') navigate('#/library', true);
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener(IMPORT_STARTED, this.onImportStarted);
    window.addEventListener(IMPORT_PROGRESS, this.onImportProgress);
    window.addEventListener(ARCHIVE_CHANGED, this.onShellArchiveChanged);
    window.addEventListener(FOCUS_SEARCH, this.onFocusSearch);
    this.addEventListener(ToastEvent.type, (e) => this.showToast(e.detail));
    this.addEventListener(OpenExternalEvent.type, (e) => this.openExternal(e.detail.url));
    // every way of following a link out of the archive, in every view, ends in openExternal
    this.removeLinkGuard = installLinkGuard((url) => this.openExternal(url));
    this.addEventListener(ArchiveChangedEvent.type, () => this.revision++);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener(IMPORT_STARTED, this.onImportStarted);
    window.removeEventListener(IMPORT_PROGRESS, this.onImportProgress);
    window.removeEventListener(ARCHIVE_CHANGED, this.onShellArchiveChanged);
    window.removeEventListener(FOCUS_SEARCH, this.onFocusSearch);
    this.removeLinkGuard?.();
    this.removeLinkGuard = null;
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('route' as keyof StApp)) document.title = `${TITLES[this.route.name]} · Stacks`;
  }

  private openExternal(url: string): void {
    // In Electron the main process asks with a native dialog before anything opens (it must: it is the
    // defence that holds even if the page misbehaves), so asking here too would ask twice.
    if (this.client.transport === 'ipc') openOutside(url);
    else this.externalUrl = url;
  }

  private showToast(detail: ToastDetail): void {
    const toast = { ...detail, id: ++this.toastSeq };
    this.toasts = [...this.toasts, toast].slice(-3);
    setTimeout(() => this.dismiss(toast.id), detail.action ? 8000 : 4000);
  }

  private dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  private renderView() {
    const r = this.route;
    switch (r.name) {
      case 'search':
        return html`<st-search-view .params=${r.params} .revision=${this.revision}></st-search-view>`;
      case 'article':
        return html`<st-reader .articleId=${r.id ?? 0} .params=${r.params}></st-reader>`;
      case 'versions':
        return html`<st-versions-view .articleId=${r.id ?? 0} .params=${r.params}></st-versions-view>`;
      case 'highlights':
        return html`<st-highlights-view .revision=${this.revision}></st-highlights-view>`;
      case 'import':
        return html`<st-import-view .shellReport=${this.shellReport}></st-import-view>`;
      case 'timeline':
        return html`<st-timeline-view .revision=${this.revision}></st-timeline-view>`;
      case 'export':
        return html`<st-export-view .params=${r.params}></st-export-view>`;
      default:
        return html`<st-library-view .params=${r.params} .revision=${this.revision}></st-library-view>`;
    }
  }

  override render() {
    return html`
      <st-sidebar role="complementary" aria-label="Sidebar" .route=${this.route} .revision=${this.revision}></st-sidebar>
      <main id="main">${this.renderView()}</main>
      <div class="toasts" role="status" aria-live="polite">
        ${
          this.shellImport
            ? html`<div class="toast importing"><span class="spinner" aria-hidden="true"></span>
          <span class="grow" role="status">Importing${
            this.shellImport.progress
              ? ` · ${progressSummary(this.shellImport.progress)} (File › Cancel Import stops it)`
              : this.shellImport.files
                ? ` ${formatCount(this.shellImport.files, 'item', 'items')}…`
                : '…'
          }</span></div>`
            : nothing
        }
        ${this.toasts.map(
          (t) => html`<div class="toast ${t.tone === 'error' ? 'error' : ''}">
          ${t.tone === 'error' ? icon('alert') : icon('check')}
          <span class="grow">${t.message}</span>
          ${
            t.action
              ? html`<button class="action" @click=${() => {
                  void t.action!.run();
                  this.dismiss(t.id);
                }}>${t.action.label}</button>`
              : nothing
          }
          <button class="close" aria-label="Dismiss" @click=${() => this.dismiss(t.id)}>${icon('x', 15)}</button>
        </div>`,
        )}
      </div>
      <st-link-dialog .url=${this.externalUrl} @st-link-close=${() => {
        this.externalUrl = null;
      }}></st-link-dialog>`;
  }
}

const TITLES: Record<Route['name'], string> = {
  library: 'Library',
  search: 'Search',
  article: 'Reader',
  versions: 'Versions',
  highlights: 'Highlights',
  import: 'Import',
  timeline: 'Timeline',
  export: 'Export',
};

declare global {
  interface HTMLElementTagNameMap {
    'st-app': StApp;
  }
}
