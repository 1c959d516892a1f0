// Starts a temp archive + the loopback server in-process and a headless Debian Chromium pointed at it.
import { openTempArchive } from '../helpers/archive.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Archive } from '../../db/open.js';
import { createArchiveApi } from '../../db/api.js';
import { startServer, type RunningServer } from '../../db/server/server.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');
export const CHROMIUM = '/usr/bin/chromium';
/** Headless Chromium with nothing of its own going to the network (no updates, sync, QUIC or first-run pings). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  dir: string;
  archive: Archive;
  api: ReturnType<typeof createArchiveApi>;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (the pretest script does).');
  }
  const archive = openTempArchive();
  const { dir } = archive;
  const api = createArchiveApi(archive);
  const server = await startServer({ api, archive, port: 0, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  // A fresh context is a fresh profile: no cache, storage or cookies from any earlier run.
  const context = await browser.newContext({
    viewport: { width: 1360, height: 860 },
    acceptDownloads: true,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    dir,
    archive,
    api,
    server,
    browser,
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      archive.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Text of an element found through open shadow roots (Playwright CSS locators pierce them too). */
export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** A harness with the app open on the library, and a temporary folder for the files a test writes and picks. */
export interface AppWithFiles extends Harness {
  files: string;
}

/** The start-up the import tests share; close() also removes the folder of files. */
export async function openAppWithFiles(filesPrefix: string): Promise<AppWithFiles> {
  const h = await startHarness();
  const files = fs.mkdtempSync(path.join(os.tmpdir(), filesPrefix));
  await h.page.goto(h.server.openUrl);
  await h.page.locator('st-library-view h1').waitFor();
  return {
    ...h,
    files,
    async close() {
      await h.close();
      fs.rmSync(files, { recursive: true, force: true });
    },
  };
}
