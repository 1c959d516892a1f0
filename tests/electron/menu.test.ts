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

  it('offers the update check in Help as an unticked opt-in, plus a check on demand', () => {
    const updates = { enabled: false, toggle: vi.fn(), checkNow: vi.fn() };
    const actions = {
      importFiles: vi.fn(),
      importFolder: vi.fn(),
      cancelImport: vi.fn(),
      focusSearch: vi.fn(),
      updates,
    };
    const help = buildMenuTemplate(actions, 'linux', false).find((m) => m.role === 'help')!;
    const items = help.submenu as MenuItemConstructorOptions[];
    const auto = items.find((i) => i.label === 'Check for Updates Automatically')!;
    expect(auto).toMatchObject({ type: 'checkbox', checked: false });
    (auto.click as () => void)();
    (items.find((i) => i.label === 'Check for Updates Now…')!.click as () => void)();
    expect(updates.toggle).toHaveBeenCalledOnce();
    expect(updates.checkNow).toHaveBeenCalledOnce();
    const on = buildMenuTemplate({ ...actions, updates: { ...updates, enabled: true } }, 'linux', false);
    const onItems = on.find((m) => m.role === 'help')!.submenu as MenuItemConstructorOptions[];
    expect(onItems.find((i) => i.label === 'Check for Updates Automatically')!.checked).toBe(true);
  });
});
