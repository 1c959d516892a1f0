// The reader's notes on the whole article (add, edit, delete) and its annotations in text order (click to jump), orphans apart.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Annotation, AnnotationId, AnnotationPatch, HighlightColor } from '../../db/contract/types.js';
import { shared } from '../styles/shared.js';
import { icon } from '../lib/icons.js';
import { formatDate } from '../lib/format.js';
import { renderNote } from '../lib/markdown.js';

export type PanelEvent =
  | { kind: 'jump'; id: AnnotationId }
  | { kind: 'update'; id: AnnotationId; patch: AnnotationPatch }
  | { kind: 'delete'; id: AnnotationId }
  | { kind: 'add-note'; note: string };

@customElement('st-annotation-panel')
export class StAnnotationPanel extends LitElement {
  static override styles = [
    shared,
    css`
    :host { display: block; }
    /* the cards are this list's own items; a Markdown list inside a note stays a plain list */
    ol.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
    ol.cards > li { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 10px 12px; border-inline-start: 4px solid var(--c, var(--border)); }
    .note ul, .note ol { margin: 4px 0; padding-inline-start: 20px; }
    .quote { display: block; width: 100%; text-align: start; background: none; border: 0; padding: 0; cursor: pointer; font-family: var(--font-serif); font-size: 14px; line-height: 1.5; color: var(--text); }
    .quote:hover { color: var(--accent); }
    .note { margin: 8px 0 0; font-size: 13px; line-height: 1.5; overflow-wrap: break-word; }
    .meta { display: flex; align-items: center; gap: 6px; margin-top: 8px; font-size: 12px; color: var(--muted); flex-wrap: wrap; }
    .meta .grow { flex: 1; }
    .tagpill { background: var(--surface-2); border-radius: 999px; padding: 0 8px; color: var(--text); }
    h2 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 18px 0 8px; }
    .ctx { color: var(--muted); }
    textarea { width: 100%; min-height: 80px; margin-top: 8px; }
    .edit-row { display: flex; gap: 6px; margin-top: 6px; align-items: center; }
    .dot { width: 14px; height: 14px; border-radius: 50%; border: 0; cursor: pointer; box-shadow: inset 0 0 0 1px rgb(0 0 0 / 0.15); }
    .dot[aria-pressed="true"] { outline: 2px solid var(--focus); outline-offset: 1px; }
    .small { height: 26px; padding: 0 8px; font-size: 12px; }
    .none { color: var(--muted); font-size: 13px; line-height: 1.55; }
    .notes-head { display: flex; align-items: center; gap: 8px; justify-content: space-between; }
    .article-notes { margin-bottom: 6px; }
    .article-notes h2 { margin-top: 4px; }
    form.new-note { margin-bottom: 10px; }
  `,
  ];

  @property({ attribute: false }) annotations: Annotation[] = [];
  @property({ attribute: false }) colors: HighlightColor[] = [];
  @state() private editing: AnnotationId | null = null;
  /** The "Add a note" form on the whole article is open. */
  @state() private adding = false;

  private saveNew(e: SubmitEvent): void {
    e.preventDefault();
    const area = (e.target as HTMLFormElement).querySelector('textarea')!;
    const note = area.value.trim();
    if (!note) {
      area.focus();
      return;
    }
    this.adding = false;
    this.send({ kind: 'add-note', note });
  }

  private renderNotes(notes: Annotation[]) {
    return html`<section class="article-notes" aria-labelledby="notes-h">
      <div class="notes-head"><h2 id="notes-h">Notes on this article${notes.length ? ` (${notes.length})` : ''}</h2>
        ${
          this.adding
            ? nothing
            : html`<button class="btn ghost small" @click=${() => {
                this.adding = true;
                void this.updateComplete.then(() =>
                  this.renderRoot.querySelector<HTMLTextAreaElement>('form.new-note textarea')?.focus(),
                );
              }}>${icon('note', 14)} Add a note</button>`
        }</div>
      ${
        this.adding
          ? html`<form class="new-note" @submit=${(e: SubmitEvent) => this.saveNew(e)}>
          <textarea aria-label="Note on this article (Markdown)" dir="auto" placeholder="A note on the whole article (Markdown)" @keydown=${(
            e: KeyboardEvent,
          ) => {
            e.stopPropagation(); // typing here never reaches the reader's single-letter keys
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              (e.target as HTMLTextAreaElement).form?.requestSubmit();
            } else if (e.key === 'Escape') this.adding = false;
          }}></textarea>
          <div class="edit-row"><span style="flex:1"></span>
            <button type="button" class="btn ghost small" @click=${() => (this.adding = false)}>Cancel</button>
            <button class="btn primary small" type="submit">Save note</button></div>
        </form>`
          : nothing
      }
      ${notes.length ? html`<ol class="cards" aria-label="Notes on this article">${notes.map((a) => this.renderOne(a, false))}</ol>` : nothing}
    </section>`;
  }

  private send(detail: PanelEvent): void {
    this.dispatchEvent(new CustomEvent<PanelEvent>('st-annotation', { detail, bubbles: true, composed: true }));
  }

  private hex(name: string | null): string {
    return this.colors.find((c) => c.name === name)?.hex ?? 'var(--border)';
  }

  private label(name: string | null): string {
    return this.colors.find((c) => c.name === name)?.label ?? name ?? '';
  }

  private renderOne(a: Annotation, orphan: boolean) {
    const quote = a.quote?.exact ?? '';
    const editing = this.editing === a.id;
    return html`<li style="--c:${this.hex(a.color)}">
      ${
        a.kind === 'article-note'
          ? html`<strong>Article note</strong>`
          : orphan
            ? html`<div class="quote" dir="auto"><span class="ctx">…${a.quote?.prefix ?? ''}</span><mark>${quote}</mark><span class="ctx">${a.quote?.suffix ?? ''}…</span></div>`
            : html`<button class="quote" dir="auto" @click=${() => this.send({ kind: 'jump', id: a.id })} aria-label="Go to highlight: ${quote.slice(0, 80)}">“${quote.length > 240 ? `${quote.slice(0, 240)}…` : quote}”</button>`
      }
      ${
        editing
          ? html`<form @submit=${(e: SubmitEvent) => this.saveEdit(e, a)}>
          <textarea aria-label="Note (Markdown)" dir="auto" .value=${a.note} @keydown=${(e: KeyboardEvent) => {
            // Ctrl+Enter (Cmd+Enter) saves, as in the selection toolbar's note
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              (e.target as HTMLTextAreaElement).form?.requestSubmit();
            }
          }}></textarea>
          <input type="text" name="tags" aria-label="Tags, comma separated" placeholder="Tags, comma separated" .value=${a.tags.join(', ')} style="width:100%;margin-top:6px">
          <div class="edit-row">
            ${this.colors.map(
              (
                c,
              ) => html`<button type="button" class="dot" style="background:${c.hex}" aria-label=${c.label} aria-pressed=${a.color === c.name ? 'true' : 'false'}
              @click=${() => this.send({ kind: 'update', id: a.id, patch: { color: c.name } })}></button>`,
            )}
            <span style="flex:1"></span>
            <button type="button" class="btn ghost small" @click=${() => (this.editing = null)}>Cancel</button>
            <button class="btn primary small" type="submit">Save</button>
          </div></form>`
          : a.note
            ? html`<div class="note md" dir="auto">${renderNote(a.note)}</div>`
            : nothing
      }
      <div class="meta">
        ${a.color ? html`<span>${this.label(a.color)}</span><span aria-hidden="true">·</span>` : nothing}
        <span>${formatDate(a.createdAt)}</span>
        ${a.tags.map((t) => html`<span class="tagpill">${t}</span>`)}
        <span class="grow"></span>
        ${editing ? nothing : html`<button class="btn ghost small" @click=${() => (this.editing = a.id)} aria-label="Edit annotation">${icon('note', 14)} Edit</button>`}
        <button class="btn ghost small danger" @click=${() => this.send({ kind: 'delete', id: a.id })} aria-label="Delete annotation">${icon('trash', 14)}</button>
      </div>
    </li>`;
  }

  private saveEdit(e: SubmitEvent, a: Annotation): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const note = form.querySelector('textarea')!.value;
    const tags = (form.querySelector('input[name=tags]') as HTMLInputElement).value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    this.editing = null;
    this.send({ kind: 'update', id: a.id, patch: { note, tags } });
  }

  override render() {
    const notes = this.annotations.filter((a) => a.kind === 'article-note');
    const placed = this.annotations.filter(
      (a) => a.kind !== 'article-note' && (a.anchor.state === 'exact' || a.anchor.state === 'fuzzy'),
    );
    const orphans = this.annotations.filter((a) => a.kind !== 'article-note' && a.anchor.state === 'orphan');
    placed.sort((a, b) => (a.anchor.start ?? -1) - (b.anchor.start ?? -1));
    if (!placed.length && !orphans.length) {
      return html`${this.renderNotes(notes)}<h2>Highlights</h2><p class="none">No highlights yet. Select text to highlight it, or press <kbd>h</kbd> to highlight and <kbd>n</kbd> to add a note.</p>`;
    }
    return html`
      ${this.renderNotes(notes)}
      <h2>Highlights (${placed.length + orphans.length})</h2>
      <ol class="cards" aria-label="Annotations in text order">${placed.map((a) => this.renderOne(a, false))}</ol>
      ${
        orphans.length
          ? html`<h2>Could not be placed (${orphans.length})</h2>
        <p class="none">The text changed since these were made. They are kept with their quote and context.</p>
        <ol class="cards" aria-label="Orphaned annotations">${orphans.map((a) => this.renderOne(a, true))}</ol>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-annotation-panel': StAnnotationPanel;
  }
  interface HTMLElementEventMap {
    'st-annotation': CustomEvent<PanelEvent>;
  }
}
