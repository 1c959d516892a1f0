// The application menu: usual roles and shortcuts, archives (New, Open, Open Recent), Import File…, Import Folder…,
// Cancel Import and the opt-in update check.
import type { MenuItemConstructorOptions } from 'electron';
import type { RecentArchive } from '../db/contract/notices.js';

export interface MenuActions {
  newArchive(): void;
  openArchive(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  importFiles(): void;
  importFolder(): void;
  /** Stops a running menu import after the files in flight; what was committed stays. */
  cancelImport(): void;
  focusSearch(): void;
  /** Help › update entries; the check is off until the user ticks "Check for Updates Automatically". */
  updates?: { enabled: boolean; toggle(): void; checkNow(): void };
}

export function buildMenuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform,
  isDev: boolean,
  recent: RecentArchive[] = [],
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'New Archive…', accelerator: 'CmdOrCtrl+N', click: () => actions.newArchive() },
        { label: 'Open Archive…', accelerator: 'CmdOrCtrl+Shift+A', click: () => actions.openArchive() },
        { label: 'Open Recent', submenu: recentSubmenu(actions, recent) },
        { type: 'separator' },
        { label: 'Import File…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.importFolder() },
        { label: 'Cancel Import', accelerator: 'CmdOrCtrl+.', click: () => actions.cancelImport() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Search', accelerator: 'CmdOrCtrl+F', click: () => actions.focusSearch() },
        { type: 'separator' },
        { role: 'reload' },
        ...(isDev ? [{ role: 'toggleDevTools' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        ...(actions.updates
          ? [
              {
                label: 'Check for Updates Automatically',
                type: 'checkbox',
                checked: actions.updates.enabled,
                click: () => actions.updates?.toggle(),
              } as const,
              { label: 'Check for Updates Now…', click: () => actions.updates?.checkNow() },
              { type: 'separator' } as const,
            ]
          : []),
        { role: 'about' },
      ],
    },
  );
  return template;
}

/** Newest first; an archive whose drive is not connected stays listed but greyed out. */
function recentSubmenu(actions: MenuActions, recent: RecentArchive[]): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Archives', enabled: false }];
  return [
    ...recent.map((r): MenuItemConstructorOptions => ({
      label: r.available ? r.name : `${r.name} (not connected)`,
      toolTip: r.path,
      enabled: r.available,
      click: () => actions.openRecent(r.path),
    })),
    { type: 'separator' },
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ];
}
