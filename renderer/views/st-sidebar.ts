// Sidebar navigation: views, the reading queue, saved searches, tags, collections and the trash, with live counts.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import { href, type Route } from '../router.js';
import { shared } from '../styles/shared.js';
import { icon, type IconName } from '../lib/icons.js';
import { formatNumber } from '../lib/format.js';

@customElement('st-sidebar')
export class StSidebar extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: flex; flex-direction: column; background: var(--surface); border-right: 1px solid var(--border); height: 100vh; overflow-y: auto; padding: 16px 12px 24px; gap: 2px; }
    .brand { display: flex; align-items: center; gap: 10px; padding: 4px 10px 18px; font-weight: 700; font-size: 16px; letter-spacing: -0.01em; }
    .logo { width: 28px; height: 28px; border-radius: 8px; background: linear-gradient(135deg, var(--accent), color-mix(in srgb, var(--accent) 55%, #e0a100)); display: grid; place-items: center; color: var(--accent-contrast); }
    nav ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 1px; }
    a.item { display: flex; align-items: center; gap: 10px; padding: 7px 10px; border-radius: 7px; color: var(--text); text-decoration: none; font-size: 13.5px; }
    a.item:hover { background: var(--hover); }
    a.item[aria-current="page"] { background: var(--accent-soft); color: var(--text); font-weight: 600; }
    a.item[aria-current="page"] .icon { color: var(--accent); }
    a.item .icon { color: var(--muted); }
    a.item .label { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    a.item .count { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
    h2 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 20px 10px 6px; font-weight: 650; }
    .hint { color: var(--muted); font-size: 12px; padding: 2px 10px; }
    .foot { margin-top: auto; padding: 16px 10px 0; color: var(--muted); font-size: 12px; display: flex; gap: 6px; align-items: center; }
  `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @property({ attribute: false }) route!: Route;
  @property({ type: Number }) revision = 0;

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const [tags, collections, saved] = await Promise.all([
        this.client.listTags({}, { signal }),
        this.client.listCollections({}, { signal }),
        this.client.listSavedSearches({}, { signal }),
      ]);
      return { tags, collections, saved };
    },
    args: () => [this.revision],
  });

  /**
   * The reading queue's counts, asked again at every change of view too: reading saves its position without telling
   * the rest of the app, and two counts read from indexes are cheap.
   */
  private readonly reading = new Task(this, {
    task: async (_args, { signal }) => {
      const [later, started] = await Promise.all([
        this.client.listLater({ limit: 1 }, { signal }),
        this.client.listContinueReading({ limit: 1 }, { signal }),
      ]);
      return { later: later.total, started: started.total };
    },
    args: () => [this.revision, this.route],
  });

  private isCurrent(name: Route['name'], key?: string, value?: string): boolean {
    if (this.route.name !== name) return false;
    if (name === 'library') {
      const p = this.route.params;
      const filterKeys = ['tag', 'collection', 'trashed'];
      if (!key) return filterKeys.every((k) => !p.get(k));
      return p.get(key) === value;
    }
    if (name === 'search' && key) return this.route.params.get('q') === value;
    return true;
  }

  private item(link: string, iconName: IconName, label: string, current: boolean, count?: number) {
    return html`<li><a class="item" href=${link} aria-current=${current ? 'page' : 'false'}>
      ${icon(iconName)}<span class="label">${label}</span>${count !== undefined ? html`<span class="count">${formatNumber(count)}</span>` : nothing}
    </a></li>`;
  }

  /** The first link gets the focus when the folded sidebar opens over the view. */
  focusFirst(): void {
    this.renderRoot.querySelector<HTMLElement>('a.item')?.focus();
  }

  override render() {
    const d = this.data.value;
    // article tags filter the library; tags on highlights and notes are their own list, counted apart
    const articleTags = (d?.tags ?? []).filter((t) => t.articles > 0);
    const noteTags = (d?.tags ?? []).filter((t) => t.annotations > 0);
    return html`
      <div class="brand"><span class="logo">${icon('book', 16)}</span> Stacks</div>
      <nav aria-label="Main">
        <ul>
          ${this.item('#/library', 'library', 'Library', this.isCurrent('library'))}
          ${this.item('#/search', 'search', 'Search', this.route.name === 'search')}
          ${this.item('#/highlights', 'highlight', 'Highlights', this.isCurrent('highlights'))}
          ${this.item('#/timeline', 'timeline', 'Timeline', this.isCurrent('timeline'))}
          ${this.item('#/import', 'import', 'Import', this.isCurrent('import'))}
          ${this.item('#/export', 'download', 'Export', this.isCurrent('export'))}
          ${this.item('#/start', 'archive', 'Start', this.isCurrent('start'))}
          ${this.item('#/backups', 'save', 'Backups', this.isCurrent('backups'))}
          ${this.item('#/clipper', 'external', 'Browser clipper', this.isCurrent('clipper'))}
        </ul>
      </nav>
      <nav aria-label="Reading">
        <h2>Reading</h2>
        <ul>
          ${this.item('#/later', 'clock', 'Later', this.route.name === 'later', this.reading.value?.later)}
          ${this.item('#/continue', 'resume', 'Continue reading', this.route.name === 'continue', this.reading.value?.started)}
        </ul>
      </nav>
      <nav aria-label="Saved searches">
        <h2>Saved searches</h2>
        ${
          d?.saved.length
            ? html`<ul>${d.saved.map((s) => this.item(href('search', { q: s.query }), 'bookmark', s.name, this.isCurrent('search', 'q', s.query)))}</ul>`
            : html`<p class="hint">Save a search to keep it here.</p>`
        }
      </nav>
      <nav aria-label="Tags">
        <h2>Tags</h2>
        ${
          articleTags.length
            ? html`<ul>${articleTags.slice(0, 40).map((t) => this.item(href('library', { tag: t.name }), 'tag', t.name, this.isCurrent('library', 'tag', t.name), t.articles))}</ul>`
            : html`<p class="hint">No tags yet.</p>`
        }
      </nav>
      ${
        noteTags.length
          ? html`<nav aria-label="Highlight tags">
        <h2>Highlight tags</h2>
        <ul>${noteTags.slice(0, 40).map((t) => {
          const q = /[\s"]/.test(t.name) ? `tag:"${t.name.replace(/"/g, '')}"` : `tag:${t.name}`;
          return this.item(
            href('search', { q, scope: 'annotations' }),
            'highlight',
            t.name,
            this.isCurrent('search', 'q', q),
            t.annotations,
          );
        })}</ul>
      </nav>`
          : nothing
      }
      <nav aria-label="Collections">
        <h2>Collections</h2>
        ${
          d?.collections.length
            ? html`<ul>${d.collections.map((c) => this.item(href('library', { collection: c.name }), 'folder', c.name, this.isCurrent('library', 'collection', c.name), c.count))}</ul>`
            : html`<p class="hint">No collections yet.</p>`
        }
      </nav>
      <nav aria-label="Trash">
        <ul style="margin-top:16px">${this.item(href('library', { trashed: 1 }), 'trash', 'Trash', this.isCurrent('library', 'trashed', '1'))}</ul>
      </nav>
      <div class="foot">${icon('shield', 14)} Offline · nothing leaves this machine</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-sidebar': StSidebar;
  }
}
