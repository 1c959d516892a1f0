// "Add URL": addresses the user types are fetched now (one call each, so progress and cancel are per address).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { clientContext } from '../client/contexts.js';
import type { RendererClient } from '../client/types.js';
import type { ImportOutcome } from '../../db/contract/types.js';
import { ArchiveChangedEvent } from '../events.js';
import { href } from '../router.js';
import { shared } from '../styles/shared.js';

/** The addresses in the box: one per line (or separated by spaces), duplicates once. */
export function parseUrls(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter(Boolean))];
}

@customElement('st-capture-box')
export class StCaptureBox extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .capture-card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 16px 18px; display: grid; gap: 10px; }
      h2 { margin: 0; font-size: 15px; }
      p { margin: 0; color: var(--muted); font-size: 13px; line-height: 1.5; }
      textarea { width: 100%; box-sizing: border-box; min-height: 64px; resize: vertical; font: inherit; font-size: 13px; padding: 8px 10px; border-radius: 8px; border: 1px solid var(--border); background: var(--bg); color: var(--text); }
      .row { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
      .row .grow { flex: 1; }
      label.check { display: flex; gap: 6px; align-items: center; font-size: 13px; color: var(--muted); }
      progress { width: 100%; height: 6px; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; font-size: 13px; }
      li { display: grid; gap: 2px; padding: 6px; border-radius: 6px; }
      li:nth-child(odd) { background: var(--bg); }
      .why { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
      .failed { color: var(--danger); }
    `,
  ];

  @consume({ context: clientContext }) client!: RendererClient;
  @state() private running: { done: number; total: number; current: string } | null = null;
  @state() private outcomes: ImportOutcome[] = [];
  @state() private cancelRequested = false;

  private async capture(e: Event): Promise<void> {
    e.preventDefault();
    if (this.running) return;
    const box = this.renderRoot.querySelector<HTMLTextAreaElement>('#capture-urls')!;
    const ignoreRobots = this.renderRoot.querySelector<HTMLInputElement>('#ignore-robots')!.checked;
    const urls = parseUrls(box.value);
    if (!urls.length) return;
    this.outcomes = [];
    this.cancelRequested = false;
    this.running = { done: 0, total: urls.length, current: urls[0]! };
    for (const url of urls) {
      if (this.cancelRequested) break;
      this.running = { ...this.running, current: url };
      let outcome: ImportOutcome;
      try {
        const report = await this.client.captureUrls({ urls: [url], ...(ignoreRobots ? { ignoreRobots } : {}) });
        outcome = report.outcomes[0] ?? { file: url, status: 'failed', error: 'No answer.' };
      } catch (err) {
        outcome = { file: url, status: 'failed', error: (err as Error).message };
      }
      this.outcomes = [...this.outcomes, outcome];
      this.running = { ...this.running, done: this.running.done + 1 };
      // No network: the next addresses would fail the same way.
      if (outcome.status === 'failed' && /^No network/.test(outcome.error ?? '')) break;
    }
    this.running = null;
    if (this.outcomes.some((o) => o.status === 'imported')) box.value = '';
    this.dispatchEvent(new ArchiveChangedEvent());
  }

  override render() {
    const r = this.running;
    return html`<form class="capture-card" aria-labelledby="capture-title" @submit=${this.capture}>
      <h2 id="capture-title">Add URL</h2>
      <p>Stacks fetches these pages now, with their images, and keeps the exchange as a web archive record. This needs a network; nothing is fetched unless you ask here.</p>
      <label class="sr-only" for="capture-urls">Addresses to capture, one per line</label>
      <textarea id="capture-urls" placeholder="https://example.org/article" ?disabled=${r !== null}></textarea>
      <div class="row">
        <label class="check"><input type="checkbox" id="ignore-robots"> Ignore the site's robots.txt</label>
        <span class="grow"></span>
        ${r ? html`<button type="button" class="btn" ?disabled=${this.cancelRequested} @click=${() => (this.cancelRequested = true)}>${this.cancelRequested ? 'Cancelling…' : 'Cancel'}</button>` : nothing}
        <button type="submit" class="btn primary" ?disabled=${r !== null}>Capture</button>
      </div>
      <div role="status" aria-live="polite">
        ${r ? html`<div>Capturing ${Math.min(r.done + 1, r.total)} of ${r.total}: <span class="why">${r.current}</span></div><progress max=${r.total} .value=${r.done} aria-label="Capture progress"></progress>` : nothing}
      </div>
      ${
        this.outcomes.length
          ? html`<ul aria-label="Captured addresses">${this.outcomes.map(
              (o) => html`<li>
                ${o.status === 'failed' ? html`<span class="failed">Failed: ${o.file}</span><span class="why">${o.error}</span>` : html`<span><a href=${href('article', {}, o.id!)}>${o.title || o.file}</a>${o.newVersion ? ' (new version)' : ''}</span><span class="why">${o.file}</span>`}
                ${(o.notes ?? []).map((n) => html`<span class="why">${n}</span>`)}
              </li>`,
            )}</ul>`
          : nothing
      }
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-capture-box': StCaptureBox;
  }
}
