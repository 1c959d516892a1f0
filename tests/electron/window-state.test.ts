// Window state file: remembered bounds come back; garbage or off-screen positions fall back to safe defaults.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../electron/window-state.js';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
  const file = path.join(dir, 'userData', 'window-state.json');

  it('restores what was saved', () => {
    saveWindowState(file, { x: 100, y: 80, width: 1100, height: 760, isMaximized: true });
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1100, height: 760, isMaximized: true });
  });

  it('drops a position that is on no display any more (unplugged monitor)', () => {
    saveWindowState(file, { x: 4000, y: 80, width: 1100, height: 760, isMaximized: false });
    expect(loadWindowState(file, screen)).toEqual({ width: 1100, height: 760, isMaximized: false });
  });

  it('falls back to defaults for a missing or corrupt file and clamps tiny sizes', () => {
    expect(loadWindowState(path.join(dir, 'nope.json'), screen)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, '{ not json');
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, JSON.stringify({ width: 5, height: 'tall', isMaximized: 'yes' }));
    expect(loadWindowState(file, screen)).toEqual({
      width: 480,
      height: DEFAULT_WINDOW_STATE.height,
      isMaximized: false,
    });
  });
});
