// Styles of the reader: toolbar, typographic page (themes via tokens), highlights, side panel.
import { css } from 'lit';

export const readerStyles = css`
  :host { display: flex; flex-direction: column; min-height: 0; background: var(--surface); }
  .top { display: flex; align-items: center; gap: 4px; padding: 8px 12px; border-bottom: 1px solid var(--border); background: var(--surface); position: relative; z-index: 10; }
  .top .spacer { flex: 1; }
  .top .crumb { font-size: 13px; color: var(--muted); max-width: 40ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; margin-left: 6px; }
  .progress { position: absolute; left: 0; bottom: -1px; height: 2px; background: var(--accent); transition: width 0.2s; }
  .body { flex: 1; min-height: 0; display: flex; }
  .scroll { flex: 1; overflow-y: auto; min-width: 0; scroll-behavior: auto; }
  .page { position: relative; margin: 0 auto; padding: 48px 32px 30vh; max-width: calc(var(--width, 68) * 1ch + 64px); font-size: var(--size, 19px); }
  .page.serif { font-family: var(--font-serif); }
  .page.sans { font-family: var(--font-ui); }
  .page header { margin-bottom: 2em; font-family: var(--font-ui); }
  .page .kicker { color: var(--muted); font-size: 13px; display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
  .page h1.title { font-family: inherit; font-size: 2em; line-height: 1.15; letter-spacing: -0.015em; margin: 0.35em 0 0.3em; font-weight: 700; }
  .page.serif h1.title { font-family: var(--font-serif); }
  .page .byline { color: var(--muted); font-size: 14px; }
  .tags { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 12px; }
  .not-captured { margin: 8px 0 24px; padding: 16px 18px; border: 1px dashed var(--muted); border-radius: 12px; font-family: system-ui, sans-serif; font-size: 15px; }
  .not-captured p { margin: 8px 0 0; line-height: 1.5; }
  .not-captured-badge { display: inline-flex; gap: 6px; align-items: center; font-weight: 600; }
  .not-captured-url { word-break: break-all; }
  .not-captured-actions { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
  .capture-now { font: inherit; padding: 4px 12px; border-radius: 8px; border: 1px solid var(--muted); background: var(--bg, transparent); color: var(--text); cursor: pointer; }
  .capture-now[disabled] { cursor: progress; opacity: 0.7; }
  .capture-hint { color: var(--muted); font-size: 13px; }
  .capture-error { color: var(--danger, #b3261e); }
  .tagpill { background: var(--surface-2); border-radius: 999px; padding: 1px 10px; font-size: 12px; color: var(--text); }
  .content { line-height: 1.7; color: var(--text); overflow-wrap: break-word; }
  .content > :first-child { margin-top: 0; }
  .content p { margin: 0 0 1.1em; }
  .content h1, .content h2, .content h3, .content h4 { line-height: 1.25; margin: 1.6em 0 0.6em; letter-spacing: -0.01em; }
  .content h2 { font-size: 1.4em; } .content h3 { font-size: 1.2em; }
  .content a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
  .content img { max-width: 100%; height: auto; border-radius: 6px; display: block; margin: 1.2em auto; }
  .content .image-missing { display: inline-block; max-width: 100%; margin: 0.2em 0; padding: 0.3em 0.6em; border: 1px dashed var(--border); border-radius: 4px; font-family: var(--font-ui); font-size: 12px; color: var(--muted); user-select: none; }
  .content .image-missing::before { content: 'Image not archived'; font-style: italic; }
  .content .image-missing:not([data-caption=''])::after { content: ': ' attr(data-caption); }
  .content figure { margin: 1.5em 0; } .content figcaption { font-family: var(--font-ui); font-size: 13px; color: var(--muted); text-align: center; }
  .content blockquote { margin: 1.2em 0; padding-block: 0.1em; padding-inline: 1.2em 0; border-inline-start: 3px solid var(--border); color: var(--muted); }
  .content pre { font-family: var(--font-mono); font-size: 0.8em; background: var(--surface-2); padding: 1em; border-radius: 8px; overflow-x: auto; line-height: 1.5; }
  .content code { font-family: var(--font-mono); font-size: 0.88em; }
  .content table { border-collapse: collapse; font-size: 0.85em; margin: 1.2em 0; }
  .content td, .content th { border: 1px solid var(--border); padding: 6px 10px; }
  .content hr { border: 0; border-top: 1px solid var(--border); margin: 2em 0; }
  .content mark.hl { color: inherit; background-color: transparent; border-radius: 2px; padding: 0; cursor: pointer; }
  .content mark.hl.has-note { border-bottom: 2px dotted color-mix(in srgb, var(--text) 55%, transparent); }
  .content mark.hl.current { outline: 2px solid var(--focus); outline-offset: 1px; }
  .note-tip { position: absolute; z-index: 25; transform: translateX(-50%); width: max-content; max-width: 320px; pointer-events: none;
    background: var(--surface); color: var(--text); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow-lg);
    padding: 10px 12px; font-family: var(--font-ui); font-size: 13px; line-height: 1.5; display: grid; gap: 8px; }
  .note-tip > div { border-inline-start: 3px solid var(--c); padding-inline-start: 8px; }
  .flash-layer { position: absolute; inset: 0; pointer-events: none; }
  .flash { position: absolute; border-radius: 3px; background: color-mix(in srgb, var(--accent) 35%, transparent); animation: flash 2.6s ease-out forwards; }
  @keyframes flash { 0%, 40% { opacity: 1; } 100% { opacity: 0; } }
  .panel { width: 340px; flex: none; border-left: 1px solid var(--border); background: var(--bg); overflow-y: auto; padding: 0 16px 24px; }
  .tabs { display: flex; gap: 4px; position: sticky; top: 0; background: var(--bg); padding: 12px 0 10px; z-index: 1; }
  .tabs button { flex: 1; }
  .popover { position: absolute; top: 48px; right: 12px; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow-lg); padding: 16px; z-index: 40; }
  .organize { width: 320px; display: grid; gap: 8px; font-size: 13px; }
  .organize h3 { margin: 6px 0 0; font-size: 12px; color: var(--muted); }
  .organize .pills { display: flex; flex-wrap: wrap; gap: 6px; }
  .organize .pill { display: inline-flex; gap: 4px; align-items: center; background: var(--surface-2); border-radius: 999px; padding: 2px 4px 2px 10px; }
  .organize .pill button { border: 0; background: transparent; cursor: pointer; padding: 2px; border-radius: 50%; display: grid; color: var(--muted); }
  .organize form { display: flex; gap: 6px; } .organize form input { flex: 1; min-width: 0; }
  .skeleton { max-width: 680px; margin: 64px auto; display: grid; gap: 14px; padding: 0 32px; }
  .skeleton div { height: 14px; border-radius: 7px; background: var(--surface-2); }
  /* an image the page showed but the archive does not hold (it was remote): a small, quiet placeholder */
  .content .st-missing-image { display: flex; align-items: center; gap: 8px; margin: 1.2em 0; padding: 10px 14px; border: 1px dashed var(--border);
    border-radius: 8px; background: var(--surface-2); color: var(--muted); font-family: var(--font-ui); font-size: 13px; line-height: 1.45; }
  .content .st-missing-image::before { content: ''; flex: none; width: 18px; height: 14px; border: 1.5px solid currentColor; border-radius: 3px;
    background: linear-gradient(135deg, transparent 55%, currentColor 55% 62%, transparent 62%); opacity: 0.7; }
  .content .st-missing-image figcaption, .content .st-missing-image p { margin: 0; text-align: start; font-size: inherit; color: inherit; }
  .page:focus { outline: none; }
  .page:focus-visible { outline: 2px solid color-mix(in srgb, var(--focus) 30%, transparent); outline-offset: 4px; border-radius: 4px; }
  /* find in the article: every match, and the current one stronger (CSS Custom Highlights, no DOM change) */
  ::highlight(st-find) { background-color: color-mix(in srgb, #f2b400 38%, transparent); }
  ::highlight(st-find-current) { background-color: #f29f00; color: #000; }
  .findbar { position: sticky; top: 8px; z-index: 20; margin: 8px 12px 0 auto; width: max-content; max-width: calc(100% - 24px);
    display: flex; align-items: center; gap: 4px; padding: 4px 4px 4px 10px; background: var(--surface); border: 1px solid var(--border);
    border-radius: var(--radius); box-shadow: var(--shadow-lg); font-family: var(--font-ui); font-size: 13px; color: var(--muted); }
  .findbar input { width: 200px; border: 0; background: transparent; padding: 6px 4px; color: var(--text); font-size: 14px; }
  .findbar input:focus-visible { outline: none; }
  .findbar:focus-within { border-color: var(--accent); }
  .findbar .count { min-width: 64px; text-align: end; font-variant-numeric: tabular-nums; }
  .scroll:has(.findbar) .page { margin-top: -42px; }
  /* the table of contents: nested by heading level (inline-start, so it mirrors in right-to-left text) */
  /* three tabs (Contents shown) share the panel's width: no icons, tighter padding, nothing clipped */
  .tabs.three button { min-width: 0; padding-inline: 6px; font-size: 12.5px; }
  .tabs.three button .icon { display: none; }
  .toc ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
  .toc li { padding-inline-start: calc(var(--depth, 0) * 14px); }
  .toc-item { display: block; width: 100%; text-align: start; background: none; border: 0; border-inline-start: 2px solid transparent; border-radius: 0 6px 6px 0;
    padding: 5px 8px; font: inherit; font-size: 13px; line-height: 1.4; color: var(--muted); cursor: pointer; }
  .toc-item:hover { color: var(--text); background: var(--surface-2); }
  .toc-item[aria-current] { color: var(--text); font-weight: 600; border-inline-start-color: var(--accent); background: var(--surface-2); }
  .content :is(h1, h2, h3, h4):focus { outline: none; }
  .content :is(h1, h2, h3, h4):focus-visible { outline: 2px solid color-mix(in srgb, var(--focus) 40%, transparent); outline-offset: 4px; }
  @media (max-width: 1100px) { .panel { width: 300px; } }
  /* Below 1100 px the side panel opens over the text (its button, or Esc, closes it) instead of narrowing it. */
  @media (max-width: 1099px) {
    .body { position: relative; }
    .panel { position: absolute; top: 0; right: 0; bottom: 0; width: min(340px, 90%); z-index: 15; box-shadow: var(--shadow-lg); }
  }
`;
