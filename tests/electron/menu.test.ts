// The application menu: archives (New, Open, Open Recent), import entries and search call the shell's actions.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../electron/menu.js';

function menuActions() {
  return {
    newArchive: vi.fn(),
    openArchive: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    importFiles: vi.fn(),
    importFolder: vi.fn(),
    cancelImport: vi.fn(),
    focusSearch: vi.fn(),
  };
}

describe('application menu', () => {
  it('offers New Archive…, Open Archive… and the recent archives, greying out one whose drive is gone', () => {
    const actions = menuActions();
    const recent = [
      { path: '/home/me/Client A.stacks.sqlite', name: 'Client A', openedAt: '', available: true },
      { path: '/media/usb/Field.stacks.sqlite', name: 'Field', openedAt: '', available: false },
    ];
    const file = buildMenuTemplate(actions, 'linux', false, recent).find((m) => m.label === '&File')!;
    const items = file.submenu as MenuItemConstructorOptions[];
    const byLabel = (list: MenuItemConstructorOptions[], label: string) => list.find((i) => i.label === label)!;
    (byLabel(items, 'New Archive…').click as () => void)();
    (byLabel(items, 'Open Archive…').click as () => void)();
    expect(actions.newArchive).toHaveBeenCalledOnce();
    expect(actions.openArchive).toHaveBeenCalledOnce();
    const sub = byLabel(items, 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(sub.map((i) => i.label)).toEqual(['Client A', 'Field (not connected)', undefined, 'Clear Recent']);
    expect(sub[1]!.enabled).toBe(false);
    (sub[0]!.click as () => void)();
    expect(actions.openRecent).toHaveBeenCalledWith('/home/me/Client A.stacks.sqlite');
    (byLabel(sub, 'Clear Recent').click as () => void)();
    expect(actions.clearRecent).toHaveBeenCalledOnce();
    const empty = buildMenuTemplate(actions, 'linux', false, []).find((m) => m.label === '&File')!;
    const none = byLabel(empty.submenu as MenuItemConstructorOptions[], 'Open Recent');
    expect(none.submenu).toEqual([{ label: 'No Recent Archives', enabled: false }]);
  });

  it('offers Import File…, Import Folder… and Cancel Import, each wired to its action', () => {
    const actions = menuActions();
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
    const actions = { ...menuActions(), updates };
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
