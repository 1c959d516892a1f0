// Reader appearance: theme, font family, font size and line width (persisted by the reader).
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ReaderPrefs, Theme } from '../lib/prefs.js';
import { shared } from '../styles/shared.js';

@customElement('st-reader-settings')
export class StReaderSettings extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: grid; gap: 14px; width: 280px; }
    fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: 6px; }
    legend, label { font-size: 12px; color: var(--muted); font-weight: 600; padding: 0; margin-bottom: 6px; }
    .seg { display: grid; grid-auto-flow: column; gap: 6px; }
    .seg button { height: 36px; border-radius: 8px; border: 1px solid var(--border); cursor: pointer; font-size: 13px; }
    .seg button[aria-checked="true"] { outline: 2px solid var(--accent); outline-offset: 1px; }
    .t-light { background: #ffffff; color: #1d2127; }
    .t-sepia { background: #f3ead6; color: #36291b; }
    .t-dark { background: #1c1f24; color: #e6e8eb; }
    .serif { font-family: var(--font-serif); background: var(--surface); }
    .sans { font-family: var(--font-ui); background: var(--surface); }
    input[type=range] { width: 100%; accent-color: var(--accent); }
  `,
  ];

  @property({ attribute: false }) prefs!: ReaderPrefs;

  private set(patch: Partial<ReaderPrefs>): void {
    this.dispatchEvent(
      new CustomEvent<ReaderPrefs>('st-prefs', { detail: { ...this.prefs, ...patch }, bubbles: true, composed: true }),
    );
  }

  override render() {
    const p = this.prefs;
    const themes: [Theme, string][] = [
      ['light', 'Light'],
      ['sepia', 'Sepia'],
      ['dark', 'Dark'],
    ];
    return html`
      <fieldset><legend>Theme</legend><div class="seg" role="radiogroup" aria-label="Theme">
        ${themes.map(([t, l]) => html`<button class="t-${t}" role="radio" aria-checked=${p.theme === t ? 'true' : 'false'} @click=${() => this.set({ theme: t })}>${l}</button>`)}
      </div></fieldset>
      <fieldset><legend>Font</legend><div class="seg" role="radiogroup" aria-label="Font">
        <button class="serif" role="radio" aria-checked=${p.font === 'serif' ? 'true' : 'false'} @click=${() => this.set({ font: 'serif' })}>Serif</button>
        <button class="sans" role="radio" aria-checked=${p.font === 'sans' ? 'true' : 'false'} @click=${() => this.set({ font: 'sans' })}>Sans</button>
      </div></fieldset>
      <div><label for="size">Text size · ${p.size}px</label>
        <input id="size" type="range" min="14" max="28" step="1" .value=${String(p.size)} @input=${(e: Event) => this.set({ size: Number((e.target as HTMLInputElement).value) })}></div>
      <div><label for="width">Line width · ${p.width} characters</label>
        <input id="width" type="range" min="48" max="96" step="4" .value=${String(p.width)} @input=${(e: Event) => this.set({ width: Number((e.target as HTMLInputElement).value) })}></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-reader-settings': StReaderSettings;
  }
  interface HTMLElementEventMap {
    'st-prefs': CustomEvent<ReaderPrefs>;
  }
}
