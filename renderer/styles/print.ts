// Print styles: the article alone (title, byline, source address, text, highlights in their colors), no app chrome.
import { css } from 'lit';

/** For the reader's shadow root. */
export const readerPrintStyles = css`
  .print-only { display: none; }
  @media print {
    :host { display: block; background: #fff; color: #000; }
    .top, .panel, .findbar, st-original-view, st-selection-toolbar, .note-tip, .flash-layer, .progress, .skeleton { display: none !important; }
    .body, .scroll { display: block; overflow: visible !important; height: auto !important; }
    .page { max-width: none; margin: 0; padding: 0; color: #000; background: #fff; }
    .print-only { display: block; font-size: 11pt; color: #333; margin: 4pt 0 0; word-break: break-all; }
    .page header .kicker, .page header .byline { color: #333; }
    .content a { color: inherit; text-decoration: underline; }
    .content img { max-width: 100%; break-inside: avoid; }
    .content h1, .content h2, .content h3 { break-after: avoid; }
    /* Highlights keep their colors on paper (browsers drop backgrounds by default). */
    .page, .page * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  }
`;

/** For the app shell's shadow root: only the main view prints. */
export const appPrintStyles = css`
  @media print {
    :host { display: block !important; height: auto !important; overflow: visible !important; }
    st-sidebar, .toasts, st-shortcut-sheet, st-command-palette, st-link-dialog, .unavailable { display: none !important; }
    main { overflow: visible !important; height: auto !important; }
  }
`;
