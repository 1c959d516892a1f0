// Electron main process: one instance, the archive session (worker threads), protocol, IPC, menu and window.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, session as electronSession } from 'electron';
import { ArchiveError } from '../db/contract/errors.js';
import type { ArchiveInfo, NoticeName, ShellNotices } from '../db/contract/notices.js';
import type { ImportReport, OriginalPage } from '../db/contract/types.js';
import { ArchiveSession, startupArchive, type OpenMode } from '../db/host/archive-session.js';
import { OpenedFiles, openedFilePaths } from '../db/ingest/opened-files.js';
import { ClipperListener } from '../db/server/clipper-listener.js';
import { NOTIFY_CHANNEL } from './app-origin.js';
import { registerIpcHandlers } from './ipc.js';
import { registerShellHandlers, type ShellActions } from './shell-ipc.js';
import { buildMenuTemplate } from './menu.js';
import { registerAppProtocol, registerSchemes } from './protocol.js';
import { nativeBindingFor } from './native-binding.js';
import { loadSettings } from './settings.js';
import { UpdateCheck } from './updates.js';
import { createMainWindow, hardenSession } from './window.js';
import { loadWindowState, saveWindowState } from './window-state.js';

/** The open archive, run in worker threads: this thread only forwards calls, so the window never waits on SQLite. */
let session: ArchiveSession | null = null;
let mainWindow: BrowserWindow | null = null;
/** The menu import in progress, if any: File › Cancel Import aborts it. */
let runningImport: AbortController | null = null;
/** Files handed to the app to open (file associations, `stacks-desktop page.html`): each is imported. */
const openedFiles = new OpenedFiles();
/** The opt-in update check (off unless the user turned it on in the Help menu). */
let updates: UpdateCheck | null = null;
/** Settings › Browser clipper (off unless turned on): loopback HTTP for the paired extension's clips only. */
let clipper: ClipperListener | null = null;

app.enableSandbox();
registerSchemes();
// macOS sends open-file for a double-clicked file, possibly before 'ready': queued until the archive is open.
app.on('open-file', (event, file) => {
  event.preventDefault();
  openedFiles.add([file]);
});

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one archive would fight over it: the second launch just focuses the first.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    openedFiles.add(openedFilePaths(launchArguments(argv), workingDirectory));
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fail(err));
}

/**
 * better-sqlite3's native module, named by path: the Electron build prepared in native/ (app.asar.unpacked/native/
 * when packaged), never Node's build in node_modules, so the app, the tests and `stacks` each load their own. Named
 * means the `bindings` lookup never runs inside the asar, and the search index's worker thread opens the archive with
 * the same file.
 */
function nativeBindingOption(): { nativeBinding?: string } {
  return nativeBindingFor(
    {
      appPath: app.getAppPath(),
      electronVersion: process.versions.electron,
      platform: process.platform,
      arch: process.arch,
    },
    () => resolveInstalled('better-sqlite3/build/Release/better_sqlite3.node'),
  );
}

function resolveInstalled(request: string): string | null {
  try {
    return createRequire(import.meta.url).resolve(request);
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  session = new ArchiveSession({
    recentFile: path.join(app.getPath('userData'), 'recent-archives.json'),
    notify,
    ...nativeBindingOption(),
  });
  const first = startupArchive(argValue('--archive'), session.recent.list());
  try {
    await session.open(first.path, first.mode);
  } catch (err) {
    return fail(err, `Stacks could not open the archive at ${first.path}.`);
  }
  const appDir = app.getAppPath();
  const settings = loadSettings(path.join(app.getPath('userData'), 'settings.json'));
  hardenSession(electronSession.defaultSession, settings.spellcheck);
  registerAppProtocol(
    path.join(appDir, 'dist', 'renderer'),
    (sha) => session!.getAsset(sha),
    (id) => session!.exportDownload(id),
    async (captureId) => {
      const r = await session!.call('originalPage', { captureId }, session!.info?.key);
      return r.ok ? (r.value as OriginalPage) : r.error.message;
    },
  );
  registerIpcHandlers((method, input, key) => session!.call(method, input, key));
  // Clips go to whichever archive is open when they arrive, through the same validating worker threads as the page.
  clipper = new ClipperListener({
    stateFile: path.join(app.getPath('userData'), 'clipper-listener.json'),
    call: (method, input) => session!.call(method, input, session!.info?.key ?? null),
  });
  void clipper.start();
  registerShellHandlers(shellActions(), () => session?.info?.key ?? null);
  updates = createUpdateCheck();
  buildMenu();
  // Off by default: without the user's opt-in this returns at once and electron-updater is never loaded.
  void updates.checkAtStart();
  openWindow(path.join(appDir, 'dist', 'electron', 'preload.cjs'), settings.spellcheck);
  openedFiles.add(openedFilePaths(launchArguments(process.argv), process.cwd()));
  openedFiles.start(importOpened);
  if (first.skipped && mainWindow) {
    void dialog.showMessageBox(mainWindow, {
      type: 'info',
      message: `${first.skipped.name} is not available, so Stacks opened ${session.info?.name ?? 'its default archive'}.`,
      detail: `${first.skipped.path} cannot be found. If it is on a removable drive, connect the drive and choose File › Open Recent.`,
    });
  }
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        {
          newArchive: () => void newArchive(),
          openArchive: () => void openArchive(),
          openRecent: (file) => void switchTo(file, 'open'),
          clearRecent: () => {
            session?.recent.clear();
            buildMenu();
          },
          importFiles: () => void importWithDialog('files'),
          importFolder: () => void importWithDialog('folder'),
          cancelImport: () => runningImport?.abort(),
          focusSearch: () => notify('focus-search', null),
          ...(updates
            ? {
                updates: {
                  enabled: updates.enabled,
                  toggle: () => void updates?.setEnabled(!updates.enabled).finally(buildMenu),
                  checkNow: () => void updates?.checkNow(),
                },
              }
            : {}),
        },
        process.platform,
        !app.isPackaged,
        session?.recent.list() ?? [],
      ),
    ),
  );
}

/** The page's shell commands: the same dialogs as the menu, and the recent list for the start screen. */
function shellActions(): ShellActions {
  return {
    currentArchive: () => {
      if (!session?.info) throw new ArchiveError('UNAVAILABLE', 'No archive is open.');
      return session.info;
    },
    recentArchives: () => session?.recent.list() ?? [],
    newArchive: () => newArchive(),
    openArchive: ({ path: file }) => {
      if (file === undefined) return openArchive();
      // The page may only name an archive the shell itself listed: never an arbitrary path on disk.
      if (!session?.recent.has(file)) throw new ArchiveError('INVALID_INPUT', 'Not a recent archive');
      return switchTo(file, 'open');
    },
    importFiles: () => {
      void importWithDialog('files');
      return null;
    },
    importFolder: () => {
      void importWithDialog('folder');
      return null;
    },
    clipperListener: () => clipper!.info(),
    setClipperListener: ({ enabled, port }) => clipper!.setEnabled(enabled, port),
    newClipperCode: () => clipper!.newPairingCode(),
    savePdf: ({ fileName }) => savePdf(fileName),
  };
}

/** Export › PDF in the reader: Chromium's own print to PDF of the window, under the reader's print stylesheet. */
async function savePdf(fileName: string): Promise<string | null> {
  if (!mainWindow) return null;
  const result = await dialog.showSaveDialog(mainWindow, {
    title: 'Save as PDF',
    defaultPath: path.join(app.getPath('documents'), fileName.endsWith('.pdf') ? fileName : `${fileName}.pdf`),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (result.canceled || !result.filePath) return null;
  const pdf = await mainWindow.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  await fs.promises.writeFile(result.filePath, pdf);
  return result.filePath;
}

async function newArchive(): Promise<ArchiveInfo | null> {
  if (!mainWindow) return null;
  const result = await dialog.showSaveDialog(mainWindow, {
    title: 'New Archive',
    buttonLabel: 'Create',
    defaultPath: path.join(app.getPath('documents'), 'New Archive.stacks.sqlite'),
    filters: [{ name: 'Stacks archives', extensions: ['sqlite'] }],
  });
  if (result.canceled || !result.filePath) return null;
  const file = /\.(sqlite3?|db)$/i.test(result.filePath) ? result.filePath : `${result.filePath}.stacks.sqlite`;
  return switchTo(file, 'create');
}

async function openArchive(): Promise<ArchiveInfo | null> {
  if (!mainWindow) return null;
  const result = await dialog.showOpenDialog(mainWindow, {
    title: 'Open Archive',
    buttonLabel: 'Open',
    properties: ['openFile'],
    filters: [
      { name: 'Stacks archives', extensions: ['sqlite', 'sqlite3', 'db'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  const file = result.filePaths[0];
  if (result.canceled || !file) return null;
  return switchTo(file, 'open');
}

/** Switches the window to another archive; on failure the open archive stays and a dialog says why. */
async function switchTo(file: string, mode: OpenMode): Promise<ArchiveInfo | null> {
  if (!session) return null;
  try {
    const info = await session.open(file, mode);
    buildMenu();
    return info;
  } catch (err) {
    buildMenu(); // an archive that went missing shows as not connected
    if (mainWindow)
      void dialog.showMessageBox(mainWindow, {
        type: 'warning',
        message: `Stacks could not open ${path.basename(file)}. The open archive is unchanged.`,
        detail: err instanceof Error ? err.message : String(err),
      });
    return null;
  }
}

function openWindow(preloadPath: string, spellcheck = false): void {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  mainWindow = createMainWindow({ preloadPath, state: loadWindowState(stateFile, displays), spellcheck });
  const win = mainWindow;
  const remember = (): void => {
    if (win.isDestroyed()) return;
    const maximized = win.isMaximized();
    const bounds = maximized ? win.getNormalBounds() : win.getBounds();
    saveWindowState(stateFile, { ...bounds, isMaximized: maximized });
  };
  let timer: NodeJS.Timeout | undefined;
  const rememberSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(remember, 500);
  };
  win.on('resize', rememberSoon);
  win.on('move', rememberSoon);
  win.on('close', () => {
    clearTimeout(timer);
    remember();
  });
  win.on('closed', () => {
    mainWindow = null;
  });
}

async function importWithDialog(kind: 'files' | 'folder'): Promise<void> {
  if (!session || !mainWindow) return;
  const result = await dialog.showOpenDialog(mainWindow, {
    title: kind === 'files' ? 'Import Files' : 'Import Folder',
    buttonLabel: 'Import',
    properties: kind === 'files' ? ['openFile', 'multiSelections'] : ['openDirectory'],
    filters:
      kind === 'files'
        ? [
            {
              name: 'Web pages, Markdown, text and web archives',
              extensions: ['html', 'htm', 'xhtml', 'mhtml', 'md', 'markdown', 'txt', 'warc', 'gz', 'wacz'],
            },
            { name: 'All files', extensions: ['*'] },
          ]
        : [],
  });
  if (result.canceled || result.filePaths.length === 0) return;
  if (runningImport) {
    void dialog.showMessageBox(mainWindow, { type: 'info', message: 'An import is already running.' });
    return;
  }
  await importPaths(result.filePaths);
}

/** Opened files wait for a running import rather than being turned away. */
async function importOpened(paths: string[]): Promise<void> {
  while (importDone) await importDone;
  await importPaths(paths);
}

let importDone: Promise<void> | null = null;

async function importPaths(paths: string[]): Promise<void> {
  if (!session || !mainWindow) return;
  let finished = (): void => {};
  importDone = new Promise((resolve) => (finished = resolve));
  notify('import-started', { paths });
  runningImport = new AbortController();
  let lastProgress = 0;
  try {
    // Runs in the open archive's writer thread; switching archives waits until it is done or cancelled.
    const report: ImportReport = await session.importPaths(paths, {
      signal: runningImport.signal,
      // At most a few notices a second: the page shows counts and an ETA from them.
      onProgress: (p) => {
        if (Date.now() - lastProgress < 250 && p.done < p.total) return;
        lastProgress = Date.now();
        notify('import-progress', p);
      },
    });
    notify('archive-changed', report);
    if (report.failed > 0) {
      const failures = report.outcomes.filter((o) => o.status === 'failed').slice(0, 10);
      void dialog.showMessageBox(mainWindow, {
        type: 'warning',
        message: `Imported ${report.imported}, ${report.duplicates} already archived, ${report.failed} failed.`,
        detail: failures.map((o) => `${o.file}: ${o.error ?? 'failed'}`).join('\n'),
      });
    }
  } catch (err) {
    dialog.showErrorBox('Import failed', err instanceof Error ? err.message : String(err));
  } finally {
    runningImport = null;
    importDone = null;
    finished();
  }
}

function createUpdateCheck(): UpdateCheck {
  return new UpdateCheck({
    settingsFile: path.join(app.getPath('userData'), 'settings.json'),
    isPackaged: app.isPackaged,
    currentVersion: app.getVersion(),
    ask: async (version) => {
      const options = {
        type: 'question' as const,
        buttons: ['Download', 'Not Now'],
        defaultId: 0,
        cancelId: 1,
        message: `Stacks ${version} is available.`,
        detail: 'It is downloaded now and installed when you quit Stacks.',
      };
      const { response } = mainWindow
        ? await dialog.showMessageBox(mainWindow, options)
        : await dialog.showMessageBox(options);
      return response === 0;
    },
    tell: (message) =>
      void (mainWindow ? dialog.showMessageBox(mainWindow, { message }) : dialog.showMessageBox({ message })),
  });
}

/**
 * argv as openedFilePaths reads it (argv[0] the executable, then the arguments): under `electron .` argv[1] is the app
 * folder, and under plain Node (the main-bundle test) the script, so either is dropped; a packaged app's arguments
 * start at argv[1].
 */
function launchArguments(argv: readonly string[]): string[] {
  return process.defaultApp || !process.versions.electron ? [argv[0] ?? '', ...argv.slice(2)] : [...argv];
}

/** Tells the page something happened outside it (the preload turns it into a `stacks:<name>` window event). */
function notify<N extends NoticeName>(name: N, payload: ShellNotices[N]): void {
  mainWindow?.webContents.send(NOTIFY_CHANNEL, name, payload);
  if (name === 'archive-unavailable' && mainWindow) {
    const gone = payload as ShellNotices['archive-unavailable'];
    void dialog.showMessageBox(mainWindow, {
      type: 'error',
      message: `${gone.name} cannot be reached`,
      detail: gone.message,
    });
  }
}

function argValue(flag: string): string | undefined {
  const args = process.argv;
  const i = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return undefined;
  const arg = args[i]!;
  return arg.includes('=') ? arg.slice(flag.length + 1) : args[i + 1];
}

function fail(err: unknown, headline = 'Stacks could not start.'): void {
  dialog.showErrorBox('Stacks', `${headline}\n\n${err instanceof Error ? err.message : String(err)}`);
  app.quit();
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0 && session)
    openWindow(
      path.join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'),
      loadSettings(path.join(app.getPath('userData'), 'settings.json')).spellcheck,
    );
});

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !session) return;
  // The archive threads stop their import workers, then close: closing checkpoints the WAL into one file.
  event.preventDefault();
  quitting = true;
  const done = (): void => {
    session = null;
    app.quit();
  };
  const closeSession = (): Promise<void> => session!.close();
  // The clipper listener stops first, so no clip arrives while the archive closes.
  (clipper ? clipper.stop() : Promise.resolve()).then(closeSession, closeSession).then(done, done);
});
