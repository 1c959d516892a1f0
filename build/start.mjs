// `npm start`: checks Electron's binary, prepares better-sqlite3 for Electron when missing, builds, then opens the app.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Electron executable that electron's postinstall downloaded, or null. Read the way electron/index.js does
 * (path.txt names it), without requiring that file, which throws a multi-line error when the download never ran.
 */
export function electronExecutable(projectRoot = root) {
  const dir = path.join(projectRoot, 'node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const name = fs.existsSync(path.join(dir, 'path.txt')) ? readPathTxt(dir) : 'electron';
    const file = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name);
    return fs.existsSync(file) ? file : null;
  }
  if (!fs.existsSync(path.join(dir, 'path.txt'))) return null;
  const file = path.join(dir, 'dist', readPathTxt(dir));
  return fs.existsSync(file) ? file : null;
}

function readPathTxt(dir) {
  return fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
}

export const MISSING_ELECTRON =
  "stacks: Electron's binary is not installed (its download was skipped or blocked); fix: run `npm rebuild electron` with network access and ELECTRON_SKIP_BINARY_DOWNLOAD unset, then `npm start` again.";

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const electron = electronExecutable();
  if (!electron) {
    console.error(MISSING_ELECTRON);
    process.exit(1);
  }
  const { prepareElectronBinding } = await import('./electron-native.mjs');
  try {
    await prepareElectronBinding({ root });
  } catch (err) {
    console.error(`stacks: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, ['run', 'build:renderer']);
  run(npm, ['run', 'build:electron']);
  // Everything after `--` reaches the app: `npm start -- --archive ~/Work/client.stacks.sqlite`.
  const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}
