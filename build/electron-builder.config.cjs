// electron-builder configuration: Linux AppImage + deb, macOS dmg, Windows nsis; `npm run dist` builds for this platform.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.stacks.desktop',
  productName: 'Stacks',
  copyright: 'Copyright © Stacks contributors',
  directories: {
    output: 'release',
    buildResources: 'build',
  },
  // main.cjs bundles every JS dependency (build/bundle-electron.mjs); only the native better-sqlite3 stays a module.
  files: [
    'package.json',
    'dist/electron/**',
    'dist/renderer/**',
    '!**/*.map',
    '!node_modules/**',
    'node_modules/better-sqlite3/package.json',
    'node_modules/better-sqlite3/lib/**',
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'node_modules/bindings/**',
    'node_modules/file-uri-to-path/**',
  ],
  extraMetadata: {
    main: 'dist/electron/main.cjs',
    author: { name: 'Stacks contributors', email: 'stacks@users.noreply.github.com' },
  },
  asar: true,
  // Native modules cannot be loaded from inside an asar archive; the worker threads run from real files too.
  asarUnpack: [
    '**/*.node',
    'dist/electron/archive-worker.js',
    'dist/electron/extract-worker.js',
    'dist/electron/index-worker.js',
  ],
  // better-sqlite3 is rebuilt for Electron's ABI by install-app-deps / at packaging time.
  npmRebuild: true,
  electronLanguages: ['en-US'],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'build/icon.png',
    synopsis: 'Offline archive for web articles and text clippings',
    description:
      'Stacks keeps saved web pages, clippings and Markdown notes with SHA-256 fixity, full-text search and annotations, entirely offline.',
    maintainer: 'Stacks contributors <stacks@users.noreply.github.com>',
    executableName: 'stacks',
    desktop: { entry: { StartupWMClass: 'Stacks', Keywords: 'archive;articles;reader;annotations;search;' } },
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
