// The library's compact table: its columns, header (sortable, select all) and rows, and the remembered layout choice.
import { css, html, nothing } from 'lit';
import type { ArticleSort, ArticleSummary } from '../../db/contract/types.js';
import { href } from '../router.js';
import { icon } from '../lib/icons.js';
import { formatDate, siteOf } from '../lib/format.js';

export type LibraryLayout = 'cards' | 'table';

/** Height of a table row: about 30 rows fill a 900 px high window. */
export const TABLE_ROW = 26;
/** Height of the header row, which stays on top of the scrolled rows. */
export const TABLE_HEAD = 32;

const KEY = 'stacks.libraryLayout';

export function loadLayout(): LibraryLayout {
  try {
    return localStorage.getItem(KEY) === 'table' ? 'table' : 'cards';
  } catch {
    return 'cards';
  }
}

export function saveLayout(layout: LibraryLayout): void {
  try {
    localStorage.setItem(KEY, layout);
  } catch {
    // private mode or storage full: the choice lasts for this page only
  }
}

interface Column {
  label: string;
  sort?: ArticleSort;
}

/** The columns after the checkbox, in order; those with a sort can be ordered by clicking their header. */
export const COLUMNS: readonly Column[] = [
  { label: 'Title', sort: 'title' },
  { label: 'Site', sort: 'site' },
  { label: 'Author', sort: 'author' },
  { label: 'Published', sort: 'published' },
  { label: 'Added', sort: 'added' },
  { label: 'Tags' },
  { label: 'State' },
];

export const tableStyles = css`
  .thead { position: sticky; top: 0; z-index: 2; background: var(--bg); }
  .trow { display: grid; align-items: center; column-gap: 10px;
    grid-template-columns: 32px minmax(180px, 3fr) minmax(80px, 1.1fr) minmax(80px, 1.1fr) 96px 96px minmax(70px, 1fr) 92px; }
  .thead .trow { height: ${TABLE_HEAD - 1}px; margin-right: 12px; border-bottom: 1px solid var(--border); font-size: 12px; color: var(--muted); font-weight: 600; padding-right: 12px; }
  .thead [role='columnheader'] { min-width: 0; white-space: nowrap; }
  .thead .sort { display: inline-flex; align-items: center; gap: 3px; border: 0; background: none; padding: 4px 4px; margin-left: -4px; border-radius: 5px;
    font: inherit; color: inherit; cursor: pointer; }
  .thead .sort:hover { color: var(--text); background: var(--hover); }
  .thead [aria-sort='ascending'] .sort, .thead [aria-sort='descending'] .sort { color: var(--text); }
  .thead .arrow { font-size: 11px; width: 10px; }
  .row.trow { height: ${TABLE_ROW}px; border: 0; border-bottom: 1px solid color-mix(in srgb, var(--border) 70%, transparent); border-radius: 0;
    background: transparent; padding-right: 12px; font-size: 13px; color: var(--text); }
  .row.trow:hover { background: var(--hover); border-color: color-mix(in srgb, var(--border) 70%, transparent); }
  .row.trow[aria-selected='true'] { background: var(--accent-soft); }
  .trow .cell-check input { width: 14px; height: 14px; }
  .trow .tcell { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .trow .muted { color: var(--muted); }
  .trow .title { font-size: 13px; font-weight: 500; }
  .trow.unread .title { font-weight: 650; }
  .trow.unread .title::before { width: 6px; height: 6px; margin-right: 6px; vertical-align: 1px; }
  .trow .state { display: flex; align-items: center; gap: 5px; color: var(--muted); font-size: 12px; }
  .trow .state .icon { flex: none; }
  .trow .date { font-variant-numeric: tabular-nums; color: var(--muted); font-size: 12.5px; }
`;

export interface TableHeadOptions {
  sort: ArticleSort;
  order: 'asc' | 'desc';
  /** 'all', 'some' or 'none' of the listed articles are selected. */
  selection: 'all' | 'some' | 'none';
  total: number;
  onSort(sort: ArticleSort): void;
  onSelectAll(on: boolean): void;
}

/** The header row: a select-all checkbox and one column header per column, the sorted one saying its direction. */
export function renderTableHead(o: TableHeadOptions) {
  return html`<div class="thead" role="rowgroup">
    <div class="trow" role="row" aria-rowindex="1">
      <div role="columnheader" class="cell-check">
        <input type="checkbox" aria-label="Select all ${o.total} articles" .checked=${o.selection === 'all'}
          .indeterminate=${o.selection === 'some'} @click=${(e: MouseEvent) => {
            e.stopPropagation();
            o.onSelectAll((e.target as HTMLInputElement).checked);
          }}>
      </div>
      ${COLUMNS.map((c) => {
        if (!c.sort) return html`<div role="columnheader">${c.label}</div>`;
        const on = o.sort === c.sort;
        const sortState = on ? (o.order === 'asc' ? 'ascending' : 'descending') : 'none';
        const sort = c.sort;
        return html`<div role="columnheader" aria-sort=${sortState}>
          <button class="sort" title="Sort by ${c.label.toLowerCase()}" @click=${() => o.onSort(sort)}>${c.label}<span class="arrow" aria-hidden="true">${
            on ? (o.order === 'asc' ? '↑' : '↓') : ''
          }</span></button></div>`;
      })}
    </div>
  </div>`;
}

/** What the State column says: read, unread, or how far the reading went. */
function stateOf(item: ArticleSummary) {
  const later = item.inLater
    ? html`<span role="img" aria-label="In Later" title="In Later">${icon('clock', 13)}</span>`
    : nothing;
  if (item.isRead) return html`${later}<span>Read</span>`;
  if (item.progress > 0.02) return html`${later}<span>${Math.round(item.progress * 100)}% read</span>`;
  return html`${later}<span>Unread</span>`;
}

export interface TableRowOptions {
  index: number;
  top: number;
  active: boolean;
  selected: boolean;
  onActivate(): void;
  onToggle(shift: boolean): void;
  onPrefetch(e: PointerEvent): void;
}

export function renderTableRow(item: ArticleSummary, o: TableRowOptions) {
  const site = item.siteName || siteOf(item.sourceUrl);
  return html`<div class="row trow ${item.isRead ? '' : 'unread'} ${o.active ? 'active' : ''}" role="row" id="row-${o.index}"
      aria-rowindex=${o.index + 2} aria-selected=${o.selected ? 'true' : 'false'} style="top:${o.top}px" @click=${o.onActivate}>
    <div role="gridcell" class="cell-check">
      <input type="checkbox" .checked=${o.selected} aria-label="Select ${item.title}" @click=${(e: MouseEvent) => {
        e.stopPropagation();
        o.onToggle(e.shiftKey);
      }}>
    </div>
    <div role="gridcell" class="tcell"><a class="title" href=${href('article', {}, item.id)} tabindex="-1" title=${item.title}
      @pointerdown=${o.onPrefetch}>${item.title || 'Untitled'}</a></div>
    <div role="gridcell" class="tcell site" title=${site}>${site}</div>
    <div role="gridcell" class="tcell author" title=${item.byline ?? ''}>${item.byline ?? ''}</div>
    <div role="gridcell" class="tcell date published">${formatDate(item.publishedAt)}</div>
    <div role="gridcell" class="tcell date added">${formatDate(item.addedAt)}</div>
    <div role="gridcell" class="tcell muted tags" title=${item.tags.join(', ')}>${item.tags.join(', ')}</div>
    <div role="gridcell" class="tcell state">${stateOf(item)}</div>
  </div>`;
}

/** A row whose page is still on its way. */
export function renderTablePlaceholder(index: number, top: number) {
  return html`<div class="row trow" role="row" aria-rowindex=${index + 2} id="row-${index}" style="top:${top}px" aria-busy="true">
    <div role="gridcell" class="cell-check"></div><div role="gridcell"><span class="placeholder"></span></div></div>`;
}
