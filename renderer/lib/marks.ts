// Snippets carry MARK_OPEN / MARK_CLOSE around matched words; this turns them into <mark> via Lit templates.
import { html, type TemplateResult } from 'lit';
import { MARK_CLOSE, MARK_OPEN } from '../../db/contract/types.js';

export function markedText(snippet: string): TemplateResult {
  const parts: (string | TemplateResult)[] = [];
  let rest = snippet;
  while (rest.length) {
    const open = rest.indexOf(MARK_OPEN);
    if (open < 0) {
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const close = rest.indexOf(MARK_CLOSE, open + 1);
    const inner = close < 0 ? rest.slice(open + 1) : rest.slice(open + 1, close);
    parts.push(html`<mark>${inner}</mark>`);
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return html`${parts}`;
}

/** The snippet without its markers, e.g. for aria labels. */
export function plainSnippet(snippet: string): string {
  return snippet.split(MARK_OPEN).join('').split(MARK_CLOSE).join('');
}
