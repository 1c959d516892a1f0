// The reader's actions in the command palette, registered while an article is open and removed when it closes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ArticleDetail } from '../../db/contract/types.js';
import { registerCommands, type AppCommand } from '../lib/commands.js';

export interface ReaderCommandActions {
  detail(): ArticleDetail | null;
  highlight(): void;
  note(): void;
  find(): void;
  focusMode(): void;
  sidePanel(): void;
  original(): void;
  organize(): void;
  toggle(mark: 'isRead' | 'isFavorite' | 'isArchived'): void;
  trash(): void;
  export(action: 'cite' | 'html' | 'markdown' | 'pdf' | 'print'): void;
}

export class ReaderCommandsController implements ReactiveController {
  private remove: (() => void) | null = null;
  private forId: number | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly a: ReaderCommandActions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const d = this.a.detail();
    if ((d?.id ?? null) === this.forId) return;
    this.remove?.();
    this.remove = null;
    this.forId = d?.id ?? null;
    if (d) this.remove = registerCommands(this.commands(d));
  }

  hostDisconnected(): void {
    this.remove?.();
    this.remove = null;
    this.forId = null;
  }

  private commands(d: ArticleDetail): AppCommand[] {
    const c = (id: string, title: string, run: () => void, shortcut?: string, keywords?: string): AppCommand => ({
      id: `reader.${id}`,
      group: 'Reader',
      title,
      run,
      ...(shortcut ? { shortcut } : {}),
      ...(keywords ? { keywords } : {}),
    });
    const list = [
      c('highlight', 'Highlight the selection', () => this.a.highlight(), 'h', 'mark color'),
      c('note', 'Add a note to the selection', () => this.a.note(), 'n', 'annotate comment'),
      c('find', 'Find in the article', () => this.a.find(), 'Ctrl+F', 'search text'),
      c('focus', 'Toggle focus mode', () => this.a.focusMode(), 'f', 'distraction sidebar'),
      c('panel', 'Toggle the side panel', () => this.a.sidePanel(), undefined, 'annotations details'),
      c('organize', 'Tags and collections…', () => this.a.organize(), undefined, 'tag collection organize'),
      c('read', d.isRead ? 'Mark unread' : 'Mark read', () => this.a.toggle('isRead')),
      c(
        'favorite',
        d.isFavorite ? 'Remove from favorites' : 'Favorite',
        () => this.a.toggle('isFavorite'),
        undefined,
        'star',
      ),
      c('archive', d.isArchived ? 'Unarchive' : 'Archive', () => this.a.toggle('isArchived')),
      c('trash', 'Move to trash', () => this.a.trash(), undefined, 'delete remove'),
      c('cite', 'Copy citation', () => this.a.export('cite'), undefined, 'reference apa clipboard'),
      c('export-html', 'Export as HTML', () => this.a.export('html'), undefined, 'download save'),
      c('export-md', 'Export as Markdown', () => this.a.export('markdown'), undefined, 'download save md'),
      c('export-pdf', 'Export as PDF', () => this.a.export('pdf'), undefined, 'download save'),
      c('print', 'Print the article', () => this.a.export('print'), undefined, 'paper'),
    ];
    if (!d.linkOnly)
      list.push(c('original', 'Show or hide the original page', () => this.a.original(), 'o', 'capture source'));
    return list;
  }
}
