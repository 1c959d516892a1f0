// The app's own commands for the palette: going to each view, search, import, add a URL, shortcuts, undo.
import { navigate } from '../router.js';
import type { AppCommand } from './commands.js';

export interface AppActions {
  focusSearch(): void;
  shortcuts(): void;
  undo(): void;
  /** The desktop shell's native dialogs; null in a browser tab (the Import view's pickers are used instead). */
  importFiles: (() => void) | null;
  importFolder: (() => void) | null;
}

const VIEWS: Array<[string, string, string]> = [
  ['library', 'Library', 'articles list all'],
  ['search', 'Search', 'find query'],
  ['highlights', 'Highlights', 'annotations notes'],
  ['timeline', 'Timeline', 'months dates'],
  ['import', 'Import', 'files folder add'],
  ['export', 'Export', 'wacz bagit package download'],
  ['start', 'Start', 'archives open new'],
  ['backups', 'Backups', 'restore keep'],
];

export function appCommands(a: AppActions): AppCommand[] {
  const go: AppCommand[] = VIEWS.map(([route, title, keywords]) => ({
    id: `go.${route}`,
    group: 'Go to',
    title,
    keywords,
    run: () => navigate(`#/${route}`),
  }));
  const library = (filter: string, title: string): AppCommand => ({
    id: `go.library.${filter}`,
    group: 'Go to',
    title,
    run: () => navigate(`#/library?${filter}`),
  });
  return [
    ...go,
    library('state=unread', 'Unread articles'),
    library('favorite=1', 'Favorites'),
    library('trashed=1', 'Trash'),
    { id: 'app.search', group: 'Archive', title: 'Search the archive', shortcut: '/', run: a.focusSearch },
    {
      id: 'app.add-url',
      group: 'Archive',
      title: 'Add a URL (capture a page)',
      keywords: 'capture link web',
      run: () => navigate('#/import'),
    },
    {
      id: 'app.import-files',
      group: 'Archive',
      title: 'Import files…',
      keywords: 'html warc markdown',
      run: a.importFiles ?? (() => navigate('#/import')),
    },
    ...(a.importFolder
      ? [{ id: 'app.import-folder', group: 'Archive', title: 'Import a folder…', run: a.importFolder }]
      : []),
    { id: 'app.undo', group: 'Edit', title: 'Undo the last action', shortcut: 'Ctrl+Z', run: a.undo },
    { id: 'app.shortcuts', group: 'Help', title: 'Keyboard shortcuts', shortcut: '?', run: a.shortcuts },
  ];
}
