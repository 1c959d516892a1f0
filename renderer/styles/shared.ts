// Shared component styles: buttons, chips, inputs, focus rings, visually-hidden text.
import { css } from 'lit';

export const shared = css`
  :host { font-family: var(--font-ui); color: var(--text); }
  *, *::before, *::after { box-sizing: border-box; }
  :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: var(--radius-sm); }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  .icon { flex: none; display: block; }
  button { font: inherit; color: inherit; }
  .btn {
    display: inline-flex; align-items: center; gap: 6px; height: 32px; padding: 0 12px; border-radius: var(--radius-sm);
    border: 1px solid var(--border); background: var(--surface); color: var(--text); cursor: pointer; font-size: 13px; text-decoration: none;
    font-weight: 500; white-space: nowrap; transition: background 0.12s, border-color 0.12s;
  }
  .btn:hover { background: var(--hover); }
  .btn:disabled { opacity: 0.55; cursor: default; }
  .btn.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-contrast); }
  .btn.primary:hover { filter: brightness(1.08); }
  .btn.ghost { border-color: transparent; background: transparent; }
  .btn.ghost:hover { background: var(--hover); }
  .btn.danger { color: var(--danger); }
  .btn.icon-only { width: 32px; padding: 0; justify-content: center; }
  .btn[aria-pressed="true"] { background: var(--accent-soft); border-color: var(--accent); color: var(--text); }
  .chip {
    display: inline-flex; align-items: center; gap: 6px; height: 28px; padding: 0 10px; border-radius: 999px;
    border: 1px solid var(--border); background: var(--surface); color: var(--text); cursor: pointer; font-size: 12.5px;
    white-space: nowrap;
  }
  .chip:hover { background: var(--hover); }
  .chip[aria-pressed="true"], .chip[aria-checked="true"] { background: var(--accent-soft); border-color: var(--accent); font-weight: 600; }
  .chip .count { color: var(--muted); font-variant-numeric: tabular-nums; }
  input[type="text"], input[type="search"], input[type="date"], select, textarea {
    font: inherit; color: var(--text); background: var(--surface); border: 1px solid var(--border);
    border-radius: var(--radius-sm); padding: 6px 10px; min-height: 32px;
  }
  input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 2px solid var(--focus); outline-offset: 0; }
  a { color: var(--accent); }
  /* links out of the archive carry no href (see external-links.ts), so they get a link's look by hand */
  a[data-external] { text-decoration: underline; cursor: pointer; }
  mark { background: var(--mark-bg); color: var(--mark-text); border-radius: 2px; padding: 0 1px; }
  .muted { color: var(--muted); }
  .empty {
    margin: 72px auto; max-width: 440px; text-align: center; color: var(--muted); display: grid; gap: 10px;
    justify-items: center;
  }
  .empty h2 { margin: 8px 0 0; color: var(--text); font-size: 18px; font-weight: 600; }
  .empty p { margin: 0; line-height: 1.55; }
  .empty .badge { width: 56px; height: 56px; border-radius: 16px; display: grid; place-items: center; background: var(--accent-soft); color: var(--accent); }
  .view-header { display: flex; align-items: center; gap: 12px; padding: 20px 28px 12px; }
  .view-header h1 { margin: 0; font-size: 20px; font-weight: 650; letter-spacing: -0.01em; }
  .view-header .spacer { flex: 1; }
  .error-box { border: 1px solid color-mix(in srgb, var(--danger) 40%, transparent); background: color-mix(in srgb, var(--danger) 8%, var(--surface)); color: var(--text); border-radius: var(--radius-sm); padding: 10px 12px; display: flex; gap: 8px; align-items: flex-start; }
  .error-box .icon { color: var(--danger); margin-top: 1px; }
  /* Rendered Markdown notes: compact, readable, never larger than the surrounding UI. */
  .md > :first-child { margin-top: 0; }
  .md > :last-child { margin-bottom: 0; }
  .md p, .md ul, .md ol, .md blockquote, .md pre { margin: 0 0 0.5em; }
  .md ul, .md ol { padding-left: 1.3em; }
  .md h1, .md h2, .md h3, .md h4, .md h5, .md h6 { font-size: 1em; margin: 0.6em 0 0.3em; }
  .md blockquote { border-left: 3px solid var(--border); padding-left: 0.7em; color: var(--muted); }
  .md code { font-family: var(--font-mono); font-size: 0.9em; background: var(--surface-2); padding: 0 3px; border-radius: 3px; }
  .md pre { background: var(--surface-2); padding: 8px; border-radius: 6px; overflow-x: auto; }
  .md pre code { padding: 0; background: none; }
  .md a { overflow-wrap: anywhere; }
  kbd { font-family: var(--font-mono); font-size: 11px; border: 1px solid var(--border); border-bottom-width: 2px; border-radius: 4px; padding: 0 5px; background: var(--surface-2); color: var(--text); }
`;
