// Electron main process: one instance, open the archive, register the protocol and IPC, build the menu and window.
import { createRequire } from 'node:module';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, session } from 'electron';
import { createArchiveApi, type ArchiveService } from '../db/api.js';
import { autoBackup } from '../db/backup/rotation.js';
import type { ImportReport } from '../db/contract/types.js';
import { OpenedFiles, openedFilePaths } from '../db/ingest/opened-files.js';
import { openArchive, type Archive } from '../db/open.js';
import { resolveArchivePath } from '../db/paths.js';
import { assetLookup } from '../db/transport/assets.js';
import { NOTIFY_CHANNEL } from './app-origin.js';
import { registerIpcHandlers } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { registerAppProtocol, registerSchemes } from './protocol.js';
import { nativeBindingFor } from './native-binding.js';
import { loadSettings } from './settings.js';
import { UpdateCheck } from './updates.js';
import { createMainWindow, hardenSession } from './window.js';
import { loadWindowState, saveWindowState } from './window-state.js';

let archive: Archive | null = null;
let api: ArchiveService | null = null;
let mainWindow: BrowserWindow | null = null;
/** The menu import in progress, if any: File › Cancel Import aborts it. */
let runningImport: AbortController | null = null;
/** Files handed to the app to open (file associations, `stacks-desktop page.html`): each is imported. */
const openedFiles = new OpenedFiles();

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

function start(): void {
  const archivePath = resolveArchivePath(argValue('--archive'));
  try {
    archive = openArchive(archivePath, nativeBindingOption());
  } catch (err) {
    return fail(err, `Stacks could not open the archive at ${archivePath}.`);
  }
  api = createArchiveApi(archive);
  // The daily rotating backup (db/backup/rotation.ts), in steps between the app's own calls.
  autoBackup(archive.db, archive.path, nativeBindingOption()).catch((err: unknown) =>
    console.error(`Stacks: the daily backup failed: ${(err as Error).message}`),
  );
  const appDir = app.getAppPath();
  const settings = loadSettings(path.join(app.getPath('userData'), 'settings.json'));
  hardenSession(session.defaultSession, settings.spellcheck);
  const service = api;
  registerAppProtocol(path.join(appDir, 'dist', 'renderer'), assetLookup(archive.db), (id) =>
    service.exports.download(id),
  );
  registerIpcHandlers(api);
  const updates = createUpdateCheck();
  const setMenu = (): void =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate(
          {
            importFiles: () => void importWithDialog('files'),
            importFolder: () => void importWithDialog('folder'),
            cancelImport: () => runningImport?.abort(),
            focusSearch: () => notify('focus-search', null),
            updates: {
              enabled: updates.enabled,
              toggle: () => void updates.setEnabled(!updates.enabled).finally(setMenu),
              checkNow: () => void updates.checkNow(),
            },
          },
          process.platform,
          !app.isPackaged,
        ),
      ),
    );
  setMenu();
  // Off by default: without the user's opt-in this returns at once and electron-updater is never loaded.
  void updates.checkAtStart();
  openWindow(path.join(appDir, 'dist', 'electron', 'preload.cjs'), settings.spellcheck);
  openedFiles.add(openedFilePaths(launchArguments(process.argv), process.cwd()));
  openedFiles.start(importOpened);
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
  if (!api || !mainWindow) return;
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
  if (!api || !mainWindow) return;
  let finished = (): void => {};
  importDone = new Promise((resolve) => (finished = resolve));
  notify('import-started', { paths });
  runningImport = new AbortController();
  let lastProgress = 0;
  try {
    const report: ImportReport = await api.importPathsWithProgress(paths, {
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

/** Tells the page something happened outside it (the preload turns it into a `stacks:<name>` window event). */
function notify(name: string, payload: unknown): void {
  mainWindow?.webContents.send(NOTIFY_CHANNEL, name, payload);
}

/**
 * argv as openedFilePaths reads it (argv[0] the executable, then the arguments): under `electron .` argv[1] is the app
 * folder, and under plain Node (the main-bundle test) the script, so either is dropped; a packaged app's arguments
 * start at argv[1].
 */
function launchArguments(argv: readonly string[]): string[] {
  return process.defaultApp || !process.versions.electron ? [argv[0] ?? '', ...argv.slice(2)] : [...argv];
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
  if (BrowserWindow.getAllWindows().length === 0 && archive)
    openWindow(
      path.join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'),
      loadSettings(path.join(app.getPath('userData'), 'settings.json')).spellcheck,
    );
});

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !archive) return;
  // Stop import workers first, then close: closing checkpoints the WAL into one self-contained file.
  event.preventDefault();
  quitting = true;
  const done = (): void => {
    archive?.close();
    archive = null;
    app.quit();
  };
  (api ? api.dispose() : Promise.resolve()).then(done, done);
});
