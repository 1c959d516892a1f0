// Where the main process finds better-sqlite3's Electron build (native/, prepared by build/electron-native.mjs), by path.
import fs from 'node:fs';
import path from 'node:path';

export const BINDING_FILE = 'better_sqlite3.node';

export interface BindingPlace {
  /** app.getAppPath(): the project folder in development, …/resources/app.asar when packaged. */
  appPath: string;
  /** process.versions.electron; undefined when the main bundle runs under plain Node (tests with a stand-in electron). */
  electronVersion: string | undefined;
  platform: NodeJS.Platform;
  arch: string;
}

/**
 * native/electron-v<version>-<platform>-<arch>/better_sqlite3.node under the app folder. A packaged app keeps it in
 * app.asar.unpacked, since a native module cannot load from inside an asar. Same layout as build/electron-native.mjs.
 */
export function electronBindingPath(place: BindingPlace): string | null {
  if (!place.electronVersion) return null;
  const base = place.appPath.replace(/app\.asar$/, 'app.asar.unpacked');
  return path.join(base, 'native', `electron-v${place.electronVersion}-${place.platform}-${place.arch}`, BINDING_FILE);
}

export class MissingBindingError extends Error {}

/**
 * The nativeBinding option for openArchive. Under Electron the prepared Electron build is required (Node's build in
 * node_modules has the wrong ABI and would fail with a cryptic NODE_MODULE_VERSION message); under plain Node, Node's
 * own build is used.
 */
export function nativeBindingFor(
  place: BindingPlace,
  resolveNodeBuild: () => string | null,
  exists: (file: string) => boolean = fs.existsSync,
): { nativeBinding?: string } {
  const electronBuild = electronBindingPath(place);
  if (electronBuild) {
    if (exists(electronBuild)) return { nativeBinding: electronBuild };
    throw new MissingBindingError(
      `better-sqlite3 is not prepared for Electron ${place.electronVersion} (${electronBuild} is missing). ` +
        'Start the app with `npm start`, which prepares it, or run `npm run prepare:electron`.',
    );
  }
  const nodeBuild = resolveNodeBuild();
  return nodeBuild && exists(nodeBuild) ? { nativeBinding: nodeBuild } : {};
}
