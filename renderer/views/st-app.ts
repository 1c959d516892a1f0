// The app shell: provides the archive client, routes the hash to a view, hosts the sidebar and toasts, follows archive switches.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { provide } from '@lit/context';
import { archiveNameContext, clientContext, shellContext } from '../client/contexts.js';
import type { ShellClient } from '../client/shell-client.js';
import type { RendererClient } from '../client/types.js';
import { ArchiveChangedEvent, OpenExternalEvent, ToastEvent, type ToastDetail } from '../events.js';
import type { ShellNotices } from '../../db/contract/notices.js';
import type { ImportProgress, ImportReport } from '../../db/contract/types.js';
import { forgetPrefetched } from '../lib/article-prefetch.js';
import { onNotice, progressSummary, reportSummary } from '../lib/shell-notices.js';
import { openOutside } from '../components/st-link-dialog.js';
import { installLinkGuard } from '../lib/external-links.js';
import { navigate, parseRoute, type Route } from '../router.js';
import { onKeydown } from '../controllers/listener.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { isTyping } from '../lib/keys.js';
import { formatCount } from '../lib/format.js';
import { UndoStack } from '../lib/undo-stack.js';
import './st-sidebar.js';
import './st-library-view.js';
import './st-search-view.js';
import './st-reader.js';
import './st-versions-view.js';
import './st-highlights-view.js';
import './st-import-view.js';
import './st-timeline-view.js';
import './st-export-view.js';
import './st-start-view.js';
import '../components/st-shortcut-sheet.js';
import '../components/st-command-palette.js';
import { appCommands } from '../lib/app-commands.js';
import { appPrintStyles } from '../styles/print.js';
import { registerCommands } from '../lib/commands.js';
import './st-backups-view.js';
import './st-clipper-view.js';
import './st-queue-view.js';

interface Toast extends ToastDetail {
  id: number;
  /** The undo stack entry this toast's Undo button takes. */
  undoId?: number;
}

@customElement('st-app')
export class StApp extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: grid; grid-template-columns: 248px 1fr; height: 100vh; overflow: hidden; }
    main { min-width: 0; height: 100vh; overflow: hidden; display: flex; flex-direction: column; background: var(--bg); }
    main > * { flex: 1; min-height: 0; }
    main > .unavailable { flex: none; display: flex; gap: 10px; align-items: flex-start; margin: 12px 28px 0; padding: 10px 14px;
      border-radius: var(--radius); background: color-mix(in srgb, var(--danger) 12%, var(--surface)); color: var(--text); font-size: 13.5px; line-height: 1.45; }
    main > .unavailable svg { color: var(--danger); flex: none; }
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
    /* the narrow bar with the menu button, shown only when the sidebar is folded away */
    .navbar { display: none; flex: none; align-items: center; gap: 10px; padding: 6px 12px; border-bottom: 1px solid var(--border); background: var(--surface); font-size: 13.5px; }
    .navbar .where { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .scrim { display: none; }
    /* Below 1100 px the sidebar folds away instead of squeezing the text: the menu button opens it over the view. */
    @media (max-width: 1099px) {
      :host { grid-template-columns: 1fr; }
      st-sidebar { position: fixed; top: 0; left: 0; bottom: 0; width: 272px; z-index: 45; box-shadow: var(--shadow-lg); }
      :host(:not([nav-open])) st-sidebar { display: none; }
      .navbar { display: flex; }
      :host([nav-open]) .scrim { display: block; position: fixed; inset: 0; z-index: 44; background: color-mix(in srgb, #000 28%, transparent); }
    }
    /* focus mode (reader): the text alone */
    :host([focus-mode]) { grid-template-columns: 1fr; }
    :host([focus-mode]) st-sidebar, :host([focus-mode]) .navbar, :host([focus-mode]) .scrim { display: none; }
  `,
    appPrintStyles,
  ];

  @provide({ context: clientContext })
  @property({ attribute: false })
  client!: RendererClient;

  /** The desktop shell's commands; null in a browser tab. */
  @provide({ context: shellContext })
  @property({ attribute: false })
  shell: ShellClient | null = null;

  @provide({ context: archiveNameContext })
  @state()
  private archiveName = '';
  /** Bumped at each archive switch: every view and the sidebar are made anew, so nothing of the last archive stays. */
  @state() private archiveEpoch = 0;
  /** Set when the open archive's file cannot be reached (its drive was disconnected, say). */
  @state() private unavailable: ShellNotices['archive-unavailable'] | null = null;
  private stopNotices: Array<() => void> = [];

  @state() private route: Route = parseRoute(location.hash);
  @state() private revision = 0;
  @state() private toasts: Toast[] = [];
  @state() private externalUrl: string | null = null;
  /** Set while the Electron shell imports files chosen from its menu (null: no import running). */
  @state() private shellImport: { files: number; progress?: ImportProgress } | null = null;
  /** The last report of a menu import, shown by the Import view. */
  @state() private shellReport: ImportReport | null = null;
  private toastSeq = 0;
  /** The keyboard shortcut sheet (`?`) is open. */
  @state() private shortcuts = false;
  /** The command palette (Ctrl+K) is open. */
  @state() private palette = false;
  private removeCommands: (() => void) | null = null;
  /** Focus mode: the reader asked for the sidebars out of the way. */
  @state() private focusMode = false;
  /** The folded sidebar is open over the view (narrow windows only). */
  @state() private navOpen = false;
  private removeLinkGuard: (() => void) | null = null;

  private readonly onHash = () => {
    this.route = parseRoute(location.hash);
    // following a link of the folded sidebar closes it
    if (this.navOpen) this.setNav(false, false);
  };

  /** Opens or closes the folded sidebar; the focus goes into it, and back to the menu button when it closes. */
  private setNav(open: boolean, refocus = true): void {
    this.navOpen = open;
    void this.updateComplete.then(() => {
      if (open) this.renderRoot.querySelector('st-sidebar')?.focusFirst();
      else if (refocus) this.renderRoot.querySelector<HTMLElement>('.navbar .menu')?.focus();
    });
  }

  /** Every "Undo" of every view, newest last: Ctrl+Z and the toasts' buttons both take from it. */
  private readonly undos = new UndoStack();

  private async undo(id?: number): Promise<void> {
    try {
      const done = await this.undos.undo(id);
      this.revision++;
      this.showToast({ message: done ? `Undone: ${done.message}` : 'Nothing to undo' });
    } catch (err) {
      this.showToast({ message: `Could not undo: ${(err as Error).message}`, tone: 'error' });
    }
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
      // The palette answers even from a text field: Ctrl+K types nothing there.
      e.preventDefault();
      this.palette = !this.palette;
      return;
    }
    if (!e.defaultPrevented && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z') {
      if (isTyping(e)) return; // a field's own undo
      e.preventDefault();
      void this.undo();
      return;
    }
    if (e.key === 'Escape' && this.shortcuts) {
      this.shortcuts = false;
      return;
    }
    if (e.key === 'Escape' && this.navOpen) {
      this.setNav(false);
      return;
    }
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e)) return;
    if (e.key === '?') {
      e.preventDefault();
      this.shortcuts = !this.shortcuts;
      return;
    }
    if (e.key === '/') {
      e.preventDefault();
      this.focusSearch();
    }
  };
  protected readonly keys = onKeydown(this, (e) => this.onKey(e));

  private onImportReport(report: ImportReport | null): void {
    this.shellImport = null;
    this.revision++;
    if (!report) return;
    this.shellReport = report;
    this.showToast({
      message: reportSummary(report),
      tone: report.failed && !report.imported ? 'error' : 'info',
      action: this.route.name === 'import' ? undefined : { label: 'Show report', run: () => navigate('#/import') },
    });
  }

  /**
   * Another archive is open now. Everything the page holds (views and their pages of rows, the search and its
   * results, a prefetched article, the last import report) belongs to the previous one, so all of it goes.
   */
  private onArchiveSwitched(info: ShellNotices['archive-switched']): void {
    forgetPrefetched();
    this.archiveName = info.name;
    this.unavailable = null;
    this.shellImport = null;
    this.shellReport = null;
    this.archiveEpoch++;
    this.revision++;
    navigate('#/library', true);
    this.showToast({ message: `Opened the archive ${info.name}` });
  }

  private async loadArchiveName(): Promise<void> {
    try {
      // The shell knows the archive it opened; under `stacks serve` the archive's path tells its name.
      this.archiveName = this.shell
        ? (await this.shell.currentArchive()).name
        : (await this.client.archiveFile({})).name;
    } catch {
      // the title simply goes without the name
    }
  }

  /** The desktop app's Find (Ctrl+F) while reading finds in the article, not in the whole archive. */
  private readonly onFocusSearch = () => {
    const reader = this.route.name === 'article' ? this.renderRoot.querySelector('st-reader') : null;
    if (reader) reader.openFind();
    else this.focusSearch();
  };

  private focusSearch(): void {
    if (this.route.name !== 'search') navigate('#/search');
    void this.updateComplete.then(() => this.renderRoot.querySelector('st-search-view')?.focusInput());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!location.hash || location.hash === '#') navigate('#/library', true);
    window.addEventListener('hashchange', this.onHash);
    this.stopNotices = [
      onNotice('import-started', (p) => {
        this.shellImport = { files: p.paths.length };
      }),
      onNotice('import-progress', (progress) => {
        this.shellImport = { files: this.shellImport?.files ?? 0, progress };
      }),
      onNotice('archive-changed', (report) => this.onImportReport(report)),
      onNotice('focus-search', this.onFocusSearch),
      onNotice('archive-switched', (info) => this.onArchiveSwitched(info)),
      onNotice('archive-unavailable', (gone) => {
        this.unavailable = gone;
      }),
    ];
    void this.loadArchiveName();
    this.addEventListener(ToastEvent.type, (e) => this.showToast(e.detail));
    this.addEventListener(OpenExternalEvent.type, (e) => this.openExternal(e.detail.url));
    // every way of following a link out of the archive, in every view, ends in openExternal
    this.removeLinkGuard = installLinkGuard((url) => this.openExternal(url));
    this.addEventListener(ArchiveChangedEvent.type, () => this.revision++);
    this.removeCommands = registerCommands(
      appCommands({
        focusSearch: () => this.focusSearch(),
        shortcuts: () => (this.shortcuts = true),
        undo: () => void this.undo(),
        importFiles: this.shell ? () => void this.shell?.importFiles() : null,
        importFolder: this.shell ? () => void this.shell?.importFolder() : null,
      }),
    );
    this.addEventListener('st-focus-mode', (e) => {
      this.focusMode = (e as CustomEvent<boolean>).detail;
    });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    for (const stop of this.stopNotices.splice(0)) stop();
    this.removeLinkGuard?.();
    this.removeLinkGuard = null;
    this.removeCommands?.();
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // focus mode belongs to the reader: leaving it shows the sidebar again
    this.toggleAttribute('focus-mode', this.focusMode && this.route.name === 'article');
    this.toggleAttribute('nav-open', this.navOpen);
    // The window's title bar shows the view and which archive is open.
    if (changed.has('route' as keyof StApp) || changed.has('archiveName' as keyof StApp))
      document.title = [TITLES[this.route.name], this.archiveName, 'Stacks'].filter(Boolean).join(' · ');
  }

  private openExternal(url: string): void {
    // In Electron the main process asks with a native dialog before anything opens (it must: it is the
    // defence that holds even if the page misbehaves), so asking here too would ask twice.
    if (this.client.transport === 'ipc') openOutside(url);
    else this.externalUrl = url;
  }

  private showToast(detail: ToastDetail): void {
    const toast: Toast = { ...detail, id: ++this.toastSeq };
    // an Undo goes on the one stack; the toast's button takes that very entry
    if (detail.action?.label === 'Undo') toast.undoId = this.undos.push(detail.message, detail.action.run).id;
    // one toast at a time: a new one replaces the last, so its Undo is always for the newest action
    this.toasts = [toast];
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
      case 'start':
        return html`<st-start-view></st-start-view>`;
      case 'backups':
        return html`<st-backups-view></st-backups-view>`;
      case 'clipper':
        return html`<st-clipper-view></st-clipper-view>`;
      case 'later':
      case 'continue':
        return html`<st-queue-view .mode=${r.name} .revision=${this.revision}></st-queue-view>`;
      default:
        return html`<st-library-view .params=${r.params} .revision=${this.revision}></st-library-view>`;
    }
  }

  override render() {
    return html`
      ${keyed(
        this.archiveEpoch,
        html`<st-sidebar role="complementary" aria-label="Sidebar" .route=${this.route} .revision=${this.revision}></st-sidebar>`,
      )}
      <div class="scrim" @click=${() => this.setNav(false)}></div>
      <main id="main"><div class="navbar">
        <button class="btn ghost icon-only menu" aria-label="Menu" aria-expanded=${this.navOpen ? 'true' : 'false'} title="Show the sidebar"
          @click=${() => this.setNav(!this.navOpen)}>${icon('menu', 18)}</button>
        <span class="where">${[TITLES[this.route.name], this.archiveName].filter(Boolean).join(' · ')}</span>
      </div>${
        this.unavailable
          ? html`<div class="unavailable" role="alert">${icon('alert')}<span><strong>${this.unavailable.name} cannot be reached.</strong>
              ${this.unavailable.message}</span></div>`
          : nothing
      }${keyed(this.archiveEpoch, this.renderView())}</main>
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
              ? html`<button class="action" title=${t.undoId !== undefined ? 'Undo (Ctrl+Z)' : nothing} @click=${() => {
                  if (t.undoId !== undefined) void this.undo(t.undoId);
                  else void t.action!.run();
                  this.dismiss(t.id);
                }}>${t.action.label}</button>`
              : nothing
          }
          <button class="close" aria-label="Dismiss" @click=${() => this.dismiss(t.id)}>${icon('x', 15)}</button>
        </div>`,
        )}
      </div>
      ${this.palette ? html`<st-command-palette @st-close=${() => (this.palette = false)} @click=${() => (this.palette = false)}></st-command-palette>` : nothing}
      ${this.shortcuts ? html`<st-shortcut-sheet @st-close=${() => (this.shortcuts = false)} @click=${() => (this.shortcuts = false)}></st-shortcut-sheet>` : nothing}
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
  start: 'Start',
  backups: 'Backups',
  clipper: 'Browser clipper',
  later: 'Later',
  continue: 'Continue reading',
};

declare global {
  interface HTMLElementTagNameMap {
    'st-app': StApp;
  }
}
