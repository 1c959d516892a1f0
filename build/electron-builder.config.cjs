// electron-builder configuration: Linux AppImage + deb, macOS dmg, Windows nsis, with fuses flipped; `npm run dist` builds for this platform.
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder reads this CommonJS file with require() */
const path = require('node:path');
const fileAssociations = require('./file-associations.cjs');

const projectDir = path.resolve(__dirname, '..');
const electronVersion = require(require.resolve('electron/package.json', { paths: [projectDir] })).version;
const HOMEPAGE = 'https://github.com/stacks-archive/stacks';
const MAINTAINER = 'Stacks contributors <stacks@users.noreply.github.com>';
const DESCRIPTION =
  'Stacks keeps saved web pages, clippings and Markdown notes with SHA-256 fixity, full-text search and annotations, entirely offline.';

/**
 * better-sqlite3's Electron build, prepared by build/electron-native.mjs (`npm run dist` runs it first). The app loads
 * it by path from app.asar.unpacked/native/; Node's build in node_modules is never packed and never rebuilt.
 */
const NATIVE_BINDING = `native/electron-v${electronVersion}-\${platform}-\${arch}/better_sqlite3.node`;

/** Stops the build with the fix when the Electron build of better-sqlite3 for this platform and arch is missing. */
async function beforePack(context) {
  const { Arch } = require('electron-builder');
  const arch = Arch[context.arch];
  const native = await import('./electron-native.mjs');
  const { abi } = native.installedElectron(projectDir);
  const dir = native.electronBindingDir(
    context.packager.projectDir,
    electronVersion,
    context.electronPlatformName,
    arch,
  );
  const problem = native.checkBinding(path.join(dir, native.BINDING_FILE), abi);
  if (problem) {
    throw new Error(
      `better-sqlite3 for Electron ${electronVersion} (${context.electronPlatformName}-${arch}): ${problem}. ` +
        `Run \`npm run prepare:electron -- --arch ${arch}\` on that platform first.`,
    );
  }
}

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.stacks.desktop',
  productName: 'Stacks',
  copyright: 'Copyright © Stacks contributors',
  directories: {
    output: 'release',
    buildResources: 'build',
  },
  // main.cjs bundles every JS dependency (build/bundle-electron.mjs); better-sqlite3's JavaScript stays a module
  // (the main bundle requires it) and its native part comes from native/, built for Electron.
  files: [
    'package.json',
    'dist/electron/**',
    'dist/renderer/**',
    '!**/*.map',
    '!node_modules/**',
    'node_modules/better-sqlite3/package.json',
    'node_modules/better-sqlite3/lib/**',
    'node_modules/bindings/**',
    'node_modules/file-uri-to-path/**',
    NATIVE_BINDING,
  ],
  extraMetadata: {
    main: 'dist/electron/main.cjs',
    homepage: HOMEPAGE,
    description: DESCRIPTION,
    author: { name: 'Stacks contributors', email: 'stacks@users.noreply.github.com', url: HOMEPAGE },
  },
  asar: true,
  // Native modules cannot be loaded from inside an asar archive; the worker threads run from real files too.
  asarUnpack: [
    '**/*.node',
    'dist/electron/archive-worker.js',
    'dist/electron/extract-worker.js',
    'dist/electron/index-worker.js',
  ],
  // Never rebuild node_modules in place for Electron: that is what broke the tests and `stacks` after packaging.
  npmRebuild: false,
  beforePack,
  electronLanguages: ['en-US'],
  fileAssociations,
  // Fuses are flipped in the Electron binary itself, so a packaged Stacks cannot be turned into a general Node runtime
  // or debugger by its environment or arguments, and loads only its own (integrity-checked where supported) app.asar.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    // Checked by Electron on macOS and Windows (electron-builder embeds the asar's hashes there); Linux ignores it.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The app is served from its own stacks-app:// scheme, never file://.
    grantFileProtocolExtraPrivileges: false,
  },
  // Where an opted-in update check looks (electron-updater reads this from app-update.yml); off unless the user opts in.
  publish: [{ provider: 'github', owner: 'stacks-archive', repo: 'stacks', releaseType: 'release' }],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'build/icon.png',
    synopsis: 'Offline archive for web articles and text clippings',
    description: DESCRIPTION,
    maintainer: MAINTAINER,
    vendor: 'Stacks contributors',
    // `stacks` stays the name of the command line tool; the desktop app is `stacks-desktop`.
    executableName: 'stacks-desktop',
    desktop: {
      entry: {
        Name: 'Stacks',
        GenericName: 'Article archive',
        Comment: 'Offline archive for web articles and text clippings',
        StartupWMClass: 'Stacks',
        Keywords: 'archive;articles;reader;annotations;search;clippings;',
      },
    },
  },
  deb: {
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
    ],
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.productivity',
    icon: 'build/icon.png',
    hardenedRuntime: true,
  },
  dmg: {
    title: 'Stacks ${version}',
  },
  win: {
    target: ['nsis'],
    icon: 'build/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
  },
};
