// The reader's article text and its highlights: mounts the sanitized text, paints the annotations into it, keeps the
// text map in step, and creates, edits and deletes annotations (each with its Undo).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Annotation, AnnotationId, ArticleDetail, ArticleId, HighlightColor } from '../../db/contract/types.js';
import type { RendererClient } from '../client/types.js';
import type { HighlightRequest } from '../components/st-selection-toolbar.js';
import type { PanelEvent } from '../components/st-annotation-panel.js';
import { ArchiveChangedEvent, ToastEvent } from '../events.js';
import { paintHighlights } from '../lib/highlight-dom.js';
import { archiveToDom, domToArchive } from '../lib/offset-bridge.js';
import { collectPages } from '../lib/paging.js';
import { mark, measure } from '../lib/perf.js';
import { sanitizeArticle } from '../lib/sanitize.js';
import { buildTextMap, type TextMap } from '../lib/text-map.js';
import type { SelectionController } from './reader-selection.js';

/** What the highlights need of the reader. */
export interface HighlightsSurface {
  client(): RendererClient;
  detail(): ArticleDetail | null;
  contentEl(): HTMLElement | null;
  selection: SelectionController;
  /** Scrolls a jumped-to highlight into the middle of the view. */
  scrollToRect(rect: DOMRect): void;
}

export class HighlightsController implements ReactiveController {
  annotations: Annotation[] = [];
  colors: HighlightColor[] = [];
  /** The rendered text's map to DOM nodes (rebuilt after painting splits text nodes). */
  map: TextMap | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly surface: HighlightsSurface,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** A new article: its annotations come later. */
  opened(): void {
    this.annotations = [];
  }

  loaded(colors: HighlightColor[], annotations: Annotation[]): void {
    this.colors = colors;
    this.annotations = annotations;
    this.paint();
    this.host.requestUpdate();
  }

  hexOf(color: string | null): string | undefined {
    return this.colors.find((c) => c.name === color)?.hex;
  }

  /** The sanitized article text with the current annotations painted in. */
  mount(): void {
    const detail = this.surface.detail();
    const content = this.surface.contentEl();
    if (!detail || !content) return;
    mark('reader:mount');
    content.replaceChildren(sanitizeArticle(detail.html, (sha) => this.surface.client().assetUrl(sha)));
    measure('reader:sanitize', 'reader:mount');
    this.map = buildTextMap(content);
    measure('reader:textmap', 'reader:mount');
    this.paint();
    measure('reader:mounted', 'reader:mount');
  }

  /** Paints the annotations into freshly mounted (unpainted) content and maps the split text nodes again. */
  private paint(): void {
    const detail = this.surface.detail();
    const content = this.surface.contentEl();
    const map = this.map;
    if (!detail || !map || !content) return;
    const spans = [];
    for (const a of this.annotations) {
      if (a.anchor.start === undefined || a.anchor.end === undefined || a.anchor.state === 'orphan') continue;
      const placed = archiveToDom(detail.text, map.text, a.anchor.start, a.anchor.end);
      if (!placed) continue;
      spans.push({
        id: a.id,
        start: placed.start,
        end: placed.end,
        hex: this.hexOf(a.color) ?? '#f7d154',
        hasNote: a.note.trim() !== '',
      });
    }
    if (!spans.length) return;
    paintHighlights(map, spans);
    this.map = buildTextMap(content);
  }

  async reload(): Promise<void> {
    const detail = this.surface.detail();
    if (!detail) return;
    const list = await collectPages((offset, limit) =>
      this.surface.client().listAnnotations({ articleId: detail.id as ArticleId, offset, limit }),
    );
    this.annotations = list.items;
    this.mount();
    this.host.requestUpdate();
  }

  /** Marks the annotation's highlight as current for a moment and returns its marks in text order. */
  showMarks(id: AnnotationId): HTMLElement[] {
    const content = this.surface.contentEl();
    if (!content) return [];
    const marks = [...content.querySelectorAll<HTMLElement>('mark.hl')];
    marks.forEach((m) => m.classList.remove('current'));
    const mine = marks.filter((m) => m.dataset.ids?.split(' ').includes(String(id)));
    mine.forEach((m) => m.classList.add('current'));
    setTimeout(() => mine.forEach((m) => m.classList.remove('current')), 2500);
    return mine;
  }

  /** Highlights (or notes) the current selection. */
  async create(req: HighlightRequest): Promise<void> {
    const p = this.surface.selection.pending;
    const detail = this.surface.detail();
    if (!p || !detail || !this.map) return;
    const at = domToArchive(detail.text, this.map.text, p.start, p.end);
    if (!at) {
      this.toast({ message: 'This passage cannot be anchored in the archived text.', tone: 'error' });
      return;
    }
    try {
      const created = await this.surface.client().createAnnotation({
        articleId: detail.id,
        kind: 'highlight',
        start: at.start,
        end: at.end,
        color: req.color,
        note: req.note,
        tags: req.tags,
      });
      this.surface.selection.clear();
      await this.reload();
      this.host.dispatchEvent(new ArchiveChangedEvent());
      this.toast({
        message: req.note
          ? 'Note saved'
          : `Highlighted as ${this.colors.find((c) => c.name === req.color)?.label ?? req.color}`,
        action: {
          label: 'Undo',
          run: async () => {
            await this.surface.client().deleteAnnotation({ id: created.id });
            await this.reload();
          },
        },
      });
    } catch (err) {
      this.toast({ message: (err as Error).message, tone: 'error' });
    }
  }

  /** What the side panel asks: jump to, edit or delete an annotation. */
  async onPanel(d: PanelEvent): Promise<void> {
    const client = this.surface.client();
    try {
      if (d.kind === 'jump') {
        const first = this.showMarks(d.id)[0];
        if (first) this.surface.scrollToRect(first.getBoundingClientRect());
      } else if (d.kind === 'add-note') {
        const detail = this.surface.detail();
        if (!detail) return;
        const created = await client.createAnnotation({ articleId: detail.id, kind: 'article-note', note: d.note });
        await this.reload();
        this.host.dispatchEvent(new ArchiveChangedEvent());
        this.toast({
          message: 'Note saved',
          action: {
            label: 'Undo',
            run: async () => {
              await client.deleteAnnotation({ id: created.id });
              await this.reload();
            },
          },
        });
      } else if (d.kind === 'update') {
        await client.updateAnnotation({ id: d.id, patch: d.patch });
        await this.reload();
      } else if (d.kind === 'delete') {
        await client.deleteAnnotation({ id: d.id });
        await this.reload();
        this.toast({
          message: 'Annotation deleted',
          action: {
            label: 'Undo',
            run: async () => {
              await client.restoreAnnotation({ id: d.id });
              await this.reload();
            },
          },
        });
      }
    } catch (err) {
      this.toast({ message: (err as Error).message, tone: 'error' });
    }
  }

  private toast(detail: ConstructorParameters<typeof ToastEvent>[0]): void {
    this.host.dispatchEvent(new ToastEvent(detail));
  }
}
