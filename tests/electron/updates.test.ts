// The update check with electron-updater mocked: nothing is loaded or checked unless the user opted in; once in, it asks before downloading.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const updater = vi.hoisted(() => ({
  imported: 0,
  autoDownload: true,
  autoInstallOnAppQuit: false,
  checkForUpdates: vi.fn(),
  downloadUpdate: vi.fn(),
}));
vi.mock('electron-updater', () => {
  updater.imported++;
  return { autoUpdater: updater };
});

const { UpdateCheck } = await import('../../electron/updates.js');

function makeCheck(settingsFile: string, isPackaged = true) {
  const asked: string[] = [];
  const told: string[] = [];
  const check = new UpdateCheck({
    settingsFile,
    isPackaged,
    currentVersion: '0.1.0',
    ask: async (version) => {
      asked.push(version);
      return true;
    },
    tell: (message) => void told.push(message),
  });
  return { check, asked, told };
}

describe('update check', () => {
  let settingsFile: string;
  beforeEach(() => {
    settingsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-upd-')), 'userData', 'settings.json');
    updater.checkForUpdates.mockReset();
    updater.downloadUpdate.mockReset();
    updater.autoDownload = true;
  });

  it('is off by default: at start nothing is imported, checked or written', async () => {
    const { check } = makeCheck(settingsFile);
    expect(check.enabled).toBe(false);
    expect(await check.checkAtStart()).toBe('off');
    expect(updater.imported).toBe(0);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(fs.existsSync(settingsFile)).toBe(false);
  });

  it('stays off with a garbled settings file or any value but true', async () => {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    for (const content of ['{not json', '[]', '{"checkForUpdates":"yes"}', '{"checkForUpdates":1}']) {
      fs.writeFileSync(settingsFile, content);
      expect(await makeCheck(settingsFile).check.checkAtStart()).toBe('off');
    }
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('once opted in, checks right away and at every start, asks before downloading, and keeps other settings', async () => {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ recentArchives: ['/a.sqlite'] }));
    updater.checkForUpdates.mockResolvedValue({ isUpdateAvailable: true, updateInfo: { version: '0.2.0' } });
    const { check, asked, told } = makeCheck(settingsFile);
    expect(await check.setEnabled(true)).toBe('downloaded');
    expect(updater.autoDownload).toBe(false);
    expect(asked).toEqual(['0.2.0']);
    expect(updater.downloadUpdate).toHaveBeenCalledOnce();
    expect(told).toEqual(['Stacks 0.2.0 is downloaded and will be installed when you quit Stacks.']);
    expect(JSON.parse(fs.readFileSync(settingsFile, 'utf8'))).toEqual({
      recentArchives: ['/a.sqlite'],
      checkForUpdates: true,
    });

    updater.checkForUpdates.mockResolvedValue({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } });
    const next = makeCheck(settingsFile);
    expect(await next.check.checkAtStart()).toBe('up to date');
    expect(next.told).toEqual([]); // a start-up check that finds nothing stays quiet
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('turning it off again stops the checks at start', async () => {
    updater.checkForUpdates.mockResolvedValue({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } });
    const { check } = makeCheck(settingsFile);
    await check.setEnabled(true);
    expect(await check.setEnabled(false)).toBe('off');
    expect(await makeCheck(settingsFile).check.checkAtStart()).toBe('off');
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
  });

  it('a development build never checks, and says so when asked', async () => {
    const { check, told } = makeCheck(settingsFile, false);
    expect(await check.checkNow()).toBe('development build');
    expect(told).toEqual(['Updates are checked in the installed app only.']);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('reports a failed check the user asked for, in one line', async () => {
    updater.checkForUpdates.mockRejectedValue(new Error('net::ERR_INTERNET_DISCONNECTED'));
    const { check, told } = makeCheck(settingsFile);
    expect(await check.checkNow()).toBe('failed');
    expect(told).toEqual(['Could not check for updates: net::ERR_INTERNET_DISCONNECTED']);
  });
});
