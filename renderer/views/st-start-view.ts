// Start: the first-run choices (archive, import, sample) at any time, reached from the sidebar.
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';
import '../components/st-start-panel.js';

@customElement('st-start-view')
export class StStartView extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; overflow-y: auto; }
    .body { padding: 0 28px 28px; max-width: 1100px; }
    .lead { color: var(--muted); margin: 0 0 18px; font-size: 14px; }
  `,
  ];

  override render() {
    return html`<header class="view-header"><h1>Start</h1></header>
      <div class="body">
        <p class="lead">Choose or create an archive, import pages and notes, or open the sample article.</p>
        <st-start-panel></st-start-panel>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-start-view': StStartView;
  }
}
