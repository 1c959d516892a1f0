// The keyboard shortcut sheet (`?`): every key the app answers to, by where it works.
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';

const GROUPS: ReadonlyArray<[string, ReadonlyArray<[string, string]>]> = [
  [
    'Anywhere',
    [
      ['Ctrl+K / ⌘K', 'Command palette: every action by name'],
      ['/', 'Search the archive'],
      ['?', 'This list of shortcuts'],
      ['Ctrl+Z', 'Undo the last action'],
      ['Esc', 'Close a popover, dialog or selection'],
    ],
  ],
  [
    'Lists and search',
    [
      ['j / k', 'Next / previous item'],
      ['↓ in the search box', 'Into the results'],
      ['Enter', 'Open (in the search box: the first hit)'],
      ['x', 'Select the item (library)'],
      ['Ctrl+A', 'Select every article of the list (library)'],
      ['Alt+↑ / Alt+↓', 'Move the focused article up / down (Later)'],
    ],
  ],
  [
    'Reader',
    [
      ['Ctrl+F', 'Find in the article'],
      ['Enter / Shift+Enter', 'Next / previous match'],
      ['v', 'Select the sentence at the top'],
      ['← → / ↑ ↓', 'Move the selection by sentence / paragraph'],
      ['Shift+← → / Shift+↑ ↓', 'Extend or shrink it by a word / sentence'],
      ['h', 'Highlight the selection'],
      ['n', 'Add a note to the selection'],
      ['f', 'Focus mode: hide the sidebars'],
      ['o', 'The original page beside the article'],
      ['j / k', 'Scroll'],
    ],
  ],
];

@customElement('st-shortcut-sheet')
export class StShortcutSheet extends LitElement {
  static override styles = [
    shared,
    css`
    :host { position: fixed; inset: 0; z-index: 60; display: grid; place-items: center; background: rgb(0 0 0 / 0.35); }
    .sheet { background: var(--surface); color: var(--text); border-radius: 14px; box-shadow: var(--shadow-lg); width: min(720px, calc(100vw - 32px));
      max-height: calc(100vh - 64px); overflow: auto; padding: 18px 22px 22px; }
    header { display: flex; align-items: center; margin-bottom: 6px; }
    h2 { margin: 0; font-size: 17px; flex: 1; }
    .cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 8px 28px; }
    h3 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 14px 0 6px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 12px; margin: 0; font-size: 13px; align-items: baseline; }
    dt { white-space: nowrap; }
    dd { margin: 0; color: var(--muted); }
  `,
  ];

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button.close')?.focus();
  }

  private close(): void {
    this.dispatchEvent(new Event('st-close', { bubbles: true, composed: true }));
  }

  override render() {
    return html`<div class="sheet" role="dialog" aria-modal="true" aria-labelledby="sheet-title" @click=${(e: Event) => e.stopPropagation()}>
      <header><h2 id="sheet-title">Keyboard shortcuts</h2>
        <button class="btn ghost icon-only close" aria-label="Close" @click=${() => this.close()}>${icon('x', 16)}</button></header>
      <div class="cols">${GROUPS.map(
        ([title, keys]) =>
          html`<section aria-label=${title}><h3>${title}</h3><dl>${keys.map(
            ([k, what]) => html`<dt><kbd>${k}</kbd></dt><dd>${what}</dd>`,
          )}</dl></section>`,
      )}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-shortcut-sheet': StShortcutSheet;
  }
}
