// Where an archive lives by default: the same per-user folder Electron's app.getPath('userData') uses.
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Stacks';
export const ARCHIVE_FILE_NAME = 'archive.stacks.sqlite';

/** Electron's userData: %APPDATA%\Stacks, ~/Library/Application Support/Stacks, or $XDG_CONFIG_HOME/Stacks. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), APP_NAME);
}

/** `--archive PATH` wins, then STACKS_ARCHIVE, then the per-user default. */
export function resolveArchivePath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.STACKS_ARCHIVE) return path.resolve(env.STACKS_ARCHIVE);
  return path.join(userDataDir(env), ARCHIVE_FILE_NAME);
}
