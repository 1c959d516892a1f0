// Capture for link-only articles from the library: the selected ones or all not captured yet, one address per call;
// stopped when the library is left, and pages a robots.txt refused can be fetched again on request.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ArticleId, ImportOutcome } from '../../db/contract/types.js';
import { ArchiveChangedEvent } from '../events.js';
import { href } from '../router.js';
import { shared } from '../styles/shared.js';

@customElement('st-link-capture')
export class StLinkCapture extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; margin: 0 28px 10px; }
      .card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 12px 14px; display: grid; gap: 8px; }
      .row { display: flex; gap: 10px; align-items: center; }
      .row strong { flex: 1; font-size: 13px; }
      progress { width: 100%; height: 6px; }
      ul { margin: 0; padding: 0; list-style: none; max-height: 180px; overflow: auto; font-size: 13px; }
      li { padding: 2px 0; word-break: break-all; }
      li.failed { color: var(--danger, #b3261e); }
    `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  /** The articles to capture (only the link-only ones among them are fetched), or every link-only article. */
  @property({ attribute: false }) ids: ArticleId[] | 'all' = 'all';
  @state() private total = 0;
  @state() private running = false;
  @state() private outcomes: ImportOutcome[] = [];
  @state() private message = '';
  private cancelled = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.run();
  }

  /** Leaving the library ends the run after the page in flight: nothing fetches on where the user cannot see it. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancelled = true;
  }

  /** The addresses a site's robots.txt refused in this run. */
  private blockedByRobots(): string[] {
    return this.outcomes.filter((o) => o.status === 'failed' && /robots\.txt/.test(o.error ?? '')).map((o) => o.file);
  }

  /** The address of each link-only article asked for. */
  private async targets(): Promise<string[]> {
    const wanted = this.ids === 'all' ? null : new Set<number>(this.ids);
    const urls: string[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.client.listArticles({
        filter: { linkOnly: true },
        sort: 'added',
        order: 'asc',
        offset,
        limit: 200,
      });
      for (const a of page.items) {
        if ((!wanted || wanted.has(a.id)) && a.sourceUrl && /^https?:\/\//i.test(a.sourceUrl.trim()))
          urls.push(a.sourceUrl.trim());
      }
      if (page.items.length < 200) return urls;
    }
  }

  /**
   * One call per address: progress moves per page, and Cancel stops before the next one (nothing half-stored).
   * `retry` fetches again, with robots.txt ignored, the addresses it refused (only when the user asks).
   */
  private async run(retry?: string[]): Promise<void> {
    this.running = true;
    const ignoreRobots = retry !== undefined;
    try {
      const urls = retry ?? (await this.targets());
      if (retry) this.outcomes = this.outcomes.filter((o) => !retry.includes(o.file));
      const before = this.outcomes.length;
      this.total = before + urls.length;
      if (!urls.length) {
        this.message =
          this.ids === 'all' ? 'Every article is captured.' : 'None of the selected articles is waiting for a capture.';
        return;
      }
      for (const url of urls) {
        if (this.cancelled) break;
        this.message = `Fetching ${url}`;
        try {
          const o = (await this.client.captureUrls({ urls: [url], ...(ignoreRobots ? { ignoreRobots } : {}) }))
            .outcomes[0];
          this.outcomes = [...this.outcomes, o ?? { file: url, status: 'failed', error: 'No answer.' }];
        } catch (err) {
          this.outcomes = [...this.outcomes, { file: url, status: 'failed', error: (err as Error).message }];
        }
        this.dispatchEvent(new ArchiveChangedEvent());
      }
      const failed = this.outcomes.filter((o) => o.status === 'failed').length;
      this.message = `${this.cancelled ? 'Cancelled: ' : ''}${this.outcomes.length - failed} captured, ${failed} failed${
        this.cancelled ? `, ${before + urls.length - this.outcomes.length} not tried` : ''
      }.`;
    } catch (err) {
      this.message = (err as Error).message;
    } finally {
      this.running = false;
    }
  }

  override render() {
    return html`<section class="card" role="region" aria-label="Capture not captured yet">
      <div class="row">
        <strong role="status">${this.message}</strong>
        ${
          this.running
            ? html`<button class="btn" @click=${() => (this.cancelled = true)} ?disabled=${this.cancelled}>Cancel</button>`
            : html`${
                this.blockedByRobots().length
                  ? html`<button class="btn retry-robots" title="Fetches these pages although their sites' robots.txt asks robots not to" @click=${() => void this.run(this.blockedByRobots())}>Capture ${this.blockedByRobots().length} anyway, ignoring robots.txt</button>`
                  : nothing
              }<button class="btn ghost" @click=${() => this.dispatchEvent(new Event('close'))}>Close</button>`
        }
      </div>
      ${this.total ? html`<progress aria-label="Capture progress" max=${this.total} value=${this.outcomes.length}></progress>` : nothing}
      ${
        this.outcomes.length
          ? html`<ul aria-label="Captured addresses">${this.outcomes.map((o) =>
              o.status === 'failed'
                ? html`<li class="failed">Failed: ${o.file}: ${o.error}</li>`
                : html`<li><a href=${href('article', {}, o.id!)}>${o.title ?? o.file}</a></li>`,
            )}</ul>`
          : nothing
      }
    </section>`;
  }
}
