// The query-syntax popover: every term the search language understands, with an example to click.
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';

export const SYNTAX: ReadonlyArray<[string, string]> = [
  ['climate policy', 'Articles with both words (any form: “policies” matches too)'],
  ['"exact phrase"', 'Words next to each other, in this order'],
  ['strat*', 'Words starting with “strat”'],
  ['nuclear OR atomic', 'Either word'],
  ['-opinion', 'Leave out articles with this word'],
  ['title:treaty', 'Word in the title'],
  ['author:smith', 'Byline contains'],
  ['site:reuters', 'Site name contains this word'],
  ['from:"Reuters"', 'From this site (its whole name): what a site facet adds'],
  ['url:2024/06', 'Source URL contains'],
  ['after:2024-01-01 before:2024-07-01', 'Published (or added) in a date range'],
  ['year:2023', 'Published (or added) in a year'],
  ['tag:research', 'Articles with this tag'],
  ['collection:thesis', 'Articles in this collection'],
  ['color:yellow', 'Articles with highlights of this color'],
  ['is:unread  is:read  is:favorite  is:archived', 'Reading state'],
  ['has:annotations  has:notes', 'Articles you have annotated'],
  ['in:annotations', 'Search your highlights and notes instead of articles'],
];

@customElement('st-syntax-help')
export class StSyntaxHelp extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; }
    h2 { font-size: 14px; margin: 0 0 8px; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 6px 16px; margin: 0; font-size: 13px; }
    dt button { font-family: var(--font-mono); font-size: 12px; background: var(--surface-2); border: 1px solid var(--border); border-radius: 5px; padding: 2px 6px; cursor: pointer; color: var(--text); text-align: left; }
    dt button:hover { border-color: var(--accent); }
    dd { margin: 0; color: var(--muted); align-self: center; }
    p { margin: 10px 0 0; color: var(--muted); font-size: 12.5px; }
  `,
  ];

  override render() {
    return html`<h2 id="syntax-title">Search syntax</h2>
      <dl>${SYNTAX.map(([term, meaning]) => html`<dt><button type="button" @click=${() => this.pick(term)}>${term}</button></dt><dd>${meaning}</dd>`)}</dl>
      <p>Combine freely: <code>tag:thesis "sea level" -opinion after:2020-01-01</code>. Unknown <code>word:</code> prefixes are searched as text.</p>`;
  }

  private pick(term: string): void {
    this.dispatchEvent(new CustomEvent<string>('st-syntax-pick', { detail: term, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-syntax-help': StSyntaxHelp;
  }
  interface HTMLElementEventMap {
    'st-syntax-pick': CustomEvent<string>;
  }
}
