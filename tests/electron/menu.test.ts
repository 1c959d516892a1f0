// The application menu: import entries (with Cancel Import for long imports) and search call the shell's actions.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../electron/menu.js';

describe('application menu', () => {
  it('offers Import File…, Import Folder… and Cancel Import, each wired to its action', () => {
    const actions = { importFiles: vi.fn(), importFolder: vi.fn(), cancelImport: vi.fn(), focusSearch: vi.fn() };
    const template = buildMenuTemplate(actions, 'linux', false);
    const file = template.find((m) => m.label === '&File')!;
    const items = file.submenu as MenuItemConstructorOptions[];
    const byLabel = (label: string) => items.find((i) => i.label === label)!;
    expect(byLabel('Import File…').accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel('Cancel Import').accelerator).toBe('CmdOrCtrl+.');
    const click = (label: string) => (byLabel(label).click as () => void)();
    click('Import File…');
    click('Import Folder…');
    click('Cancel Import');
    expect(actions.importFiles).toHaveBeenCalledOnce();
    expect(actions.importFolder).toHaveBeenCalledOnce();
    expect(actions.cancelImport).toHaveBeenCalledOnce();
    expect(template.some((m) => m.role === 'editMenu')).toBe(true);
  });
});
