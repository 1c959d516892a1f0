// The command palette (Ctrl+K / Cmd+K): every registered action, fuzzy-filtered, arrows and Enter, Esc closes.
// ARIA combobox pattern: the input owns a listbox of options, the active one named by aria-activedescendant.
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';
import { allCommands, filterCommands, onCommandsChanged, type AppCommand } from '../lib/commands.js';

@customElement('st-command-palette')
export class StCommandPalette extends LitElement {
  static override styles = [
    shared,
    css`
      :host { position: fixed; inset: 0; z-index: 70; display: grid; justify-items: center; align-items: start;
        padding-top: 12vh; background: rgb(0 0 0 / 0.35); }
      .palette { background: var(--surface); color: var(--text); border-radius: 14px; box-shadow: var(--shadow-lg);
        width: min(620px, calc(100vw - 32px)); overflow: hidden; display: flex; flex-direction: column; max-height: 70vh; }
      h2 { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      input { font: inherit; font-size: 16px; border: 0; border-bottom: 1px solid var(--border); padding: 14px 16px;
        background: transparent; color: inherit; outline: none; }
      ul { list-style: none; margin: 0; padding: 6px; overflow: auto; }
      li { display: flex; align-items: center; gap: 10px; padding: 8px 10px; border-radius: 8px; cursor: pointer; }
      li[aria-selected='true'] { background: var(--accent-soft, var(--hover)); outline: 2px solid var(--accent); outline-offset: -2px; }
      .group { color: var(--muted); font-size: 12px; min-width: 72px; }
      .title { flex: 1; }
      kbd { font-size: 12px; }
      .empty { padding: 14px 16px; color: var(--muted); }
    `,
  ];

  @state() private query = '';
  @state() private active = 0;
  @state() private version = 0;
  @query('input') private input!: HTMLInputElement;
  private unsubscribe: (() => void) | null = null;
  /** What had the focus before the palette opened: it gets it back when the palette closes. */
  private returnFocus: Element | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.returnFocus = deepActive();
    this.unsubscribe = onCommandsChanged(() => this.version++);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    const back = this.returnFocus as HTMLElement | null;
    if (back?.isConnected) back.focus?.();
  }

  override firstUpdated(): void {
    this.input.focus();
  }

  private get found(): AppCommand[] {
    void this.version;
    return filterCommands(allCommands(), this.query);
  }

  private close(): void {
    this.dispatchEvent(new Event('st-close', { bubbles: true, composed: true }));
  }

  private run(c: AppCommand | undefined): void {
    if (!c) return;
    this.close();
    // After the palette is gone, so the action's own focus and dialogs are not undone by it closing.
    setTimeout(() => void c.run(), 0);
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.found.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (n) this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector(`#cmd-${this.active}`)?.scrollIntoView({ block: 'nearest' }),
      );
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      this.active = e.key === 'Home' ? 0 : Math.max(0, n - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.run(this.found[this.active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    } else if (e.key === 'Tab') {
      // The focus stays in the dialog: its one focusable element is the input.
      e.preventDefault();
    }
    e.stopPropagation();
  }

  override render() {
    const list = this.found;
    const active = Math.min(this.active, Math.max(0, list.length - 1));
    return html`<div class="palette" role="dialog" aria-modal="true" aria-labelledby="palette-title"
      @click=${(e: Event) => e.stopPropagation()}>
      <h2 id="palette-title">Command palette</h2>
      <input role="combobox" aria-expanded="true" aria-controls="palette-list" aria-autocomplete="list"
        aria-label="Type a command" placeholder="Type a command…" autocomplete="off" spellcheck="false"
        aria-activedescendant=${list.length ? `cmd-${active}` : ''}
        .value=${this.query}
        @input=${(e: InputEvent) => {
          this.query = (e.target as HTMLInputElement).value;
          this.active = 0;
        }}
        @keydown=${(e: KeyboardEvent) => this.onKey(e)}>
      <ul id="palette-list" role="listbox" aria-label="Commands">
        ${list.map(
          (c, i) => html`<li id="cmd-${i}" role="option" aria-selected=${i === active ? 'true' : 'false'}
            @mousemove=${() => (this.active = i)} @click=${() => this.run(c)}>
            <span class="group">${c.group}</span><span class="title">${c.title}</span>
            ${c.shortcut ? html`<kbd>${c.shortcut}</kbd>` : ''}</li>`,
        )}
      </ul>
      ${list.length ? '' : html`<div class="empty" role="status">No command matches “${this.query}”.</div>`}
    </div>`;
  }
}

/** The focused element, through open shadow roots. */
function deepActive(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

declare global {
  interface HTMLElementTagNameMap {
    'st-command-palette': StCommandPalette;
  }
}
