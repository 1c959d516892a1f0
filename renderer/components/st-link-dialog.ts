// Confirm-before-open for links that leave the archive (article links, note links, source URLs); modal, Esc cancels.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { SAFE_LINK } from '../lib/external-links.js';

@customElement('st-link-dialog')
export class StLinkDialog extends LitElement {
  static override styles = [
    shared,
    css`
    .scrim { position: fixed; inset: 0; background: rgb(0 0 0 / 0.35); display: grid; place-items: center; z-index: 100; }
    .dialog { background: var(--surface); color: var(--text); border-radius: 14px; padding: 20px 22px; width: min(460px, 90vw); box-shadow: var(--shadow-lg); }
    h2 { margin: 0 0 8px; font-size: 17px; }
    p { margin: 0 0 6px; color: var(--muted); }
    code { display: block; overflow-wrap: anywhere; background: var(--surface-2); padding: 8px 10px; border-radius: 6px; font-size: 12.5px; margin: 10px 0 16px; color: var(--text); font-family: var(--font-mono); }
    .actions { display: flex; justify-content: flex-end; gap: 8px; }
  `,
  ];

  /** The link waiting for confirmation; null hides the dialog. */
  @property() url: string | null = null;
  @query('.cancel') private cancelButton?: HTMLButtonElement;
  private returnFocus: HTMLElement | null = null;

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('url')) return;
    if (this.url) {
      this.returnFocus = deepActiveElement();
      this.cancelButton?.focus(); // the safe choice has the focus: Enter does not leave the archive by accident
    } else if (changed.get('url')) {
      this.returnFocus?.focus?.();
      this.returnFocus = null;
    }
  }

  private close(open: boolean): void {
    const url = this.url;
    this.dispatchEvent(new CustomEvent('st-link-close', { detail: { url, open } }));
    if (open && url) openOutside(url);
  }

  private onKey(e: KeyboardEvent): void {
    e.stopPropagation(); // single-letter shortcuts of the views behind the dialog must not fire
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close(false);
    } else if (e.key === 'Tab') {
      // keep the focus inside the two buttons of the modal
      const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button')];
      const at = buttons.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
      e.preventDefault();
      buttons[(at + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length]?.focus();
    }
  }

  override render() {
    if (!this.url) return nothing;
    return html`<div class="scrim" @click=${(e: Event) => {
      if (e.target === e.currentTarget) this.close(false);
    }} @keydown=${this.onKey}>
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="ext-title" aria-describedby="ext-desc">
        <h2 id="ext-title">Open this link outside Stacks?</h2>
        <p id="ext-desc">It leaves your offline archive and loads from the network in a new window.</p>
        <code>${this.url}</code>
        <div class="actions"><button class="btn cancel" @click=${() => this.close(false)}>Cancel</button>
          <button class="btn primary" @click=${() => this.close(true)}>${icon('external', 16)} Open link</button></div>
      </div></div>`;
  }
}

/** Opens a link outside Stacks. Browser build: a new window with no access back to Stacks. Electron's main
 * process turns it into the system browser, after its own native confirmation. */
export function openOutside(url: string): void {
  if (!SAFE_LINK.test(url)) return; // never a script or data URL, whoever asks
  window.open(url, '_blank', 'noopener,noreferrer');
}

/** The focused element, looking through shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'st-link-dialog': StLinkDialog;
  }
  interface HTMLElementEventMap {
    'st-link-close': CustomEvent<{ url: string | null; open: boolean }>;
  }
}
