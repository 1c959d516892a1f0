// Inline SVG icons (24px grid, stroke style), as Lit templates: no icon font, nothing fetched.
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

const paths: Record<string, SVGTemplateResult> = {
  library: svg`<path d="M4 19.5V5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2.5Z"/><path d="M8 7h7M8 11h5"/>`,
  search: svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/>`,
  highlight: svg`<path d="m9 11-6 6v3h9l3-3"/><path d="m22 12-4.6 4.6a2 2 0 0 1-2.8 0l-5.2-5.2a2 2 0 0 1 0-2.8L14 4"/>`,
  import: svg`<path d="M12 3v12M7 10l5 5 5-5"/><path d="M5 21h14"/>`,
  timeline: svg`<path d="M4 20V10M10 20V4M16 20v-7M22 20H2"/>`,
  bookmark: svg`<path d="M19 21 12 16 5 21V5a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2Z"/>`,
  tag: svg`<path d="M20.6 13.4 13.4 20.6a2 2 0 0 1-2.8 0L3 13V3h10l7.6 7.6a2 2 0 0 1 0 2.8Z"/><circle cx="7.5" cy="7.5" r="1.5"/>`,
  folder: svg`<path d="M4 20h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-7.9a2 2 0 0 1-1.7-.9l-.8-1.2A2 2 0 0 0 7.9 3H4a2 2 0 0 0-2 2v13c0 1.1.9 2 2 2Z"/>`,
  trash: svg`<path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6"/>`,
  star: svg`<path d="m12 2 3.1 6.3 6.9 1-5 4.9 1.2 6.8L12 17.8 5.8 21l1.2-6.8-5-4.9 6.9-1Z"/>`,
  check: svg`<path d="M20 6 9 17l-5-5"/>`,
  circle: svg`<circle cx="12" cy="12" r="8"/>`,
  archive: svg`<rect x="2" y="3" width="20" height="5" rx="1"/><path d="M4 8v11a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8M10 12h4"/>`,
  type: svg`<path d="M4 7V4h16v3M9 20h6M12 4v16"/>`,
  info: svg`<circle cx="12" cy="12" r="9"/><path d="M12 16v-4M12 8h.01"/>`,
  x: svg`<path d="M18 6 6 18M6 6l12 12"/>`,
  back: svg`<path d="m15 18-6-6 6-6"/>`,
  external: svg`<path d="M15 3h6v6M10 14 21 3M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6"/>`,
  note: svg`<path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9Z"/><path d="M14 3v6h6M8 13h8M8 17h5"/>`,
  download: svg`<path d="M12 15V3M7 10l5 5 5-5M5 21h14"/>`,
  help: svg`<circle cx="12" cy="12" r="9"/><path d="M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01"/>`,
  panel: svg`<rect x="3" y="3" width="18" height="18" rx="2"/><path d="M15 3v18"/>`,
  sort: svg`<path d="M3 6h18M6 12h12M10 18h4"/>`,
  file: svg`<path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9Z"/><path d="M14 3v6h6"/>`,
  alert: svg`<path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0ZM12 9v4M12 17h.01"/>`,
  save: svg`<path d="M19 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11l5 5v11a2 2 0 0 1-2 2Z"/><path d="M17 21v-8H7v8M7 3v5h8"/>`,
  book: svg`<path d="M2 4h6a4 4 0 0 1 4 4v13a3 3 0 0 0-3-3H2ZM22 4h-6a4 4 0 0 0-4 4v13a3 3 0 0 1 3-3h7Z"/>`,
  shield: svg`<path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10Z"/><path d="m9 12 2 2 4-4"/>`,
  'chevron-up': svg`<path d="m6 15 6-6 6 6"/>`,
  'chevron-down': svg`<path d="m6 9 6 6 6-6"/>`,
  clock: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>`,
  resume: svg`<circle cx="12" cy="12" r="9"/><path d="m10 8 6 4-6 4Z"/>`,
  menu: svg`<path d="M4 6h16M4 12h16M4 18h16"/>`,
  rows: svg`<path d="M3 5h18M3 10h18M3 15h18M3 20h18"/>`,
  cards: svg`<rect x="3" y="4" width="18" height="7" rx="1.5"/><rect x="3" y="13" width="18" height="7" rx="1.5"/>`,
  grip: svg`<path d="M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01" stroke-width="3"/>`,
};

export type IconName = keyof typeof paths;

/** Decorative by default (aria-hidden); give a label when the icon is the only content of a control. */
export function icon(name: IconName, size = 18): TemplateResult {
  return html`<svg class="icon" width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths[name]}</svg>`;
}
