// The update check: off by default (Stacks never touches the network on its own); once the user opts in, electron-updater checks at start and on demand.
import fs from 'node:fs';
import path from 'node:path';
import type { AppUpdater } from 'electron-updater';

/** The part of electron-updater's AppUpdater the check uses (a stand-in in tests). */
export type Updater = Pick<AppUpdater, 'autoDownload' | 'autoInstallOnAppQuit' | 'checkForUpdates' | 'downloadUpdate'>;

/** Loaded only when a check really runs: with the setting off, electron-updater is never even imported. */
export async function loadElectronUpdater(): Promise<Updater> {
  const { autoUpdater } = await import('electron-updater');
  return autoUpdater;
}

export interface UpdateCheckOptions {
  /** userData/settings.json; other keys in it are kept. */
  settingsFile: string;
  /** app.isPackaged: a development build has no release feed to check. */
  isPackaged: boolean;
  currentVersion: string;
  loadUpdater?: () => Promise<Updater>;
  /** Asks whether to download version `version`; true downloads it, to be installed when the app quits. */
  ask(version: string): Promise<boolean>;
  /** A one-line answer to a check the user asked for. */
  tell(message: string): void;
}

export type CheckOutcome = 'off' | 'development build' | 'up to date' | 'declined' | 'downloaded' | 'failed';

function readSettings(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export class UpdateCheck {
  readonly #options: UpdateCheckOptions;

  constructor(options: UpdateCheckOptions) {
    this.#options = options;
  }

  /** Only an explicit `true` counts: a missing, garbled or foreign settings file means off. */
  get enabled(): boolean {
    return readSettings(this.#options.settingsFile).checkForUpdates === true;
  }

  /** Saves the choice (write then rename, so a crash never leaves half a file); turning it on checks right away. */
  async setEnabled(on: boolean): Promise<CheckOutcome> {
    const { settingsFile } = this.#options;
    const settings = { ...readSettings(settingsFile), checkForUpdates: on };
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const temp = `${settingsFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(settings, null, 2));
    fs.renameSync(temp, settingsFile);
    return on ? this.check(false) : 'off';
  }

  /** At start: nothing at all unless the user opted in. */
  async checkAtStart(): Promise<CheckOutcome> {
    if (!this.enabled) return 'off';
    return this.check(false);
  }

  /** Help › Check for Updates Now: the user asked, so the answer is always said, even "up to date". */
  async checkNow(): Promise<CheckOutcome> {
    return this.check(true);
  }

  async check(userAsked: boolean): Promise<CheckOutcome> {
    const { isPackaged, currentVersion, ask, tell } = this.#options;
    if (!isPackaged) {
      if (userAsked) tell('Updates are checked in the installed app only.');
      return 'development build';
    }
    try {
      const updater = await (this.#options.loadUpdater ?? loadElectronUpdater)();
      // Nothing is downloaded without the user's yes; a downloaded update installs when the app quits.
      updater.autoDownload = false;
      updater.autoInstallOnAppQuit = true;
      const result = await updater.checkForUpdates();
      if (!result?.isUpdateAvailable) {
        if (userAsked) tell(`Stacks ${currentVersion} is up to date.`);
        return 'up to date';
      }
      if (!(await ask(result.updateInfo.version))) return 'declined';
      await updater.downloadUpdate();
      tell(`Stacks ${result.updateInfo.version} is downloaded and will be installed when you quit Stacks.`);
      return 'downloaded';
    } catch (err) {
      if (userAsked) tell(`Could not check for updates: ${err instanceof Error ? err.message : String(err)}`);
      return 'failed';
    }
  }
}
