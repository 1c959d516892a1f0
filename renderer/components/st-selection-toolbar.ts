// Floating toolbar over a text selection in the reader: highlight in a named color, or add a note and tags.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { HighlightColor } from '../../db/contract/types.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';

export interface HighlightRequest {
  color: string;
  note: string;
  tags: string[];
}

@customElement('st-selection-toolbar')
export class StSelectionToolbar extends LitElement {
  static override styles = [
    shared,
    css`
    :host { position: absolute; z-index: 30; transform: translate(-50%, calc(-100% - 10px)); }
    :host(.below) { transform: translate(-50%, 10px); }
    .bar { display: flex; align-items: center; gap: 4px; background: var(--surface); border: 1px solid var(--border); border-radius: 12px; padding: 5px; box-shadow: var(--shadow-lg); }
    .color { width: 30px; height: 30px; border-radius: 8px; border: 0; background: transparent; display: grid; place-items: center; cursor: pointer; }
    .color:hover { background: var(--hover); }
    .dot { width: 18px; height: 18px; border-radius: 50%; box-shadow: inset 0 0 0 1px rgb(0 0 0 / 0.15); }
    .sep { width: 1px; height: 20px; background: var(--border); margin: 0 3px; }
    form { display: grid; gap: 8px; padding: 10px; width: min(360px, 86vw); box-sizing: border-box; background: var(--surface); border: 1px solid var(--border); border-radius: 12px; box-shadow: var(--shadow-lg); margin-top: 6px; }
    textarea { min-height: 90px; resize: vertical; font-family: var(--font-ui); line-height: 1.5; }
    /* every field stays inside the card, whatever the number of colors */
    textarea, input { width: 100%; min-width: 0; box-sizing: border-box; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .row .grow { flex: 1; }
    .colors { display: flex; gap: 2px; }
    .colors .color[aria-checked="true"] { background: var(--accent-soft); box-shadow: inset 0 0 0 1px var(--accent); }
    .hint { font-size: 12px; color: var(--muted); }
  `,
  ];

  @property({ attribute: false }) colors: HighlightColor[] = [];
  @property({ type: Boolean }) noteOpen = false;
  @state() private noteColor = '';
  @query('textarea') private textarea?: HTMLTextAreaElement;

  openNote(): void {
    this.noteOpen = true;
    void this.updateComplete.then(() => this.textarea?.focus());
  }

  private emit(color: string, note = '', tags: string[] = []): void {
    this.dispatchEvent(
      new CustomEvent<HighlightRequest>('st-highlight', {
        detail: { color, note, tags },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const note = (form.querySelector('textarea') as HTMLTextAreaElement).value;
    const tags = (form.querySelector('input[name=tags]') as HTMLInputElement).value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    this.emit(this.noteColor || this.colors[0]?.name || 'yellow', note, tags);
  }

  override render() {
    return html`
      <div class="bar" role="toolbar" aria-label="Highlight selection">
        ${this.colors.map(
          (
            c,
            i,
          ) => html`<button class="color" data-color=${c.name} title="${c.label} (${c.name})${i === 0 ? ' · h' : ''}"
          aria-label="Highlight as ${c.label} (${c.name})" @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.emit(c.name)}>
          <span class="dot" style="background:${c.hex}"></span></button>`,
        )}
        <span class="sep"></span>
        <button class="btn ghost" @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.openNote()} aria-expanded=${this.noteOpen ? 'true' : 'false'}>${icon('note', 16)} Note</button>
      </div>
      ${
        this.noteOpen
          ? html`<form @submit=${this.submit} @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                (e.currentTarget as HTMLFormElement).requestSubmit();
              }
            }}>
        <textarea aria-label="Note (Markdown)" placeholder="Your note… (Markdown)" dir="auto"></textarea>
        <input type="text" name="tags" aria-label="Tags, comma separated" placeholder="Tags, comma separated">
        <div class="row">
          <div class="colors" role="radiogroup" aria-label="Color">
            ${this.colors.map((c, i) => {
              const on = (this.noteColor || this.colors[0]?.name) === c.name || (!this.noteColor && i === 0 && false);
              return html`<button type="button" class="color" role="radio" aria-checked=${on ? 'true' : 'false'} aria-label=${c.label}
                @click=${() => (this.noteColor = c.name)}><span class="dot" style="background:${c.hex}"></span></button>`;
            })}
          </div>
          <span class="grow"></span>
          <span class="hint"><kbd>Ctrl</kbd>+<kbd>Enter</kbd></span>
          <button class="btn primary" type="submit">Save note</button>
        </div>
      </form>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-selection-toolbar': StSelectionToolbar;
  }
  interface HTMLElementEventMap {
    'st-highlight': CustomEvent<HighlightRequest>;
  }
}
