// The application menu: usual roles and shortcuts, plus Import File…, Import Folder…, Cancel Import and the opt-in update check.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
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
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: '&File',
      submenu: [
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
