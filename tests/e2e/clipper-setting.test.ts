// The app's Browser clipper setting in Chromium: the view drives the real clipper listener through the shell's command
// checks (the preload's bridge stood in for by the test, archive calls forwarded to `stacks serve`); and under plain
// `stacks serve`, the view explains pairing with `stacks clipper pair`.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { ApiResult } from '../../db/contract/api.js';
import { parsePairingCode } from '../../db/contract/clipper.js';
import { ArchiveError } from '../../db/contract/errors.js';
import { ClipperListener } from '../../db/server/clipper-listener.js';
import { callApi } from '../../db/transport/dispatch.js';
import { shot, startHarness, type Harness } from './harness.js';
import { axeViolations } from './helpers.js';

// shell-ipc.ts registers its handlers with ipcMain; only handleCommand (the checks every page command passes) is used.
vi.mock('electron', () => ({ ipcMain: { handle: () => undefined, on: () => undefined } }));
const { handleCommand } = await import('../../electron/shell-ipc.js');
type Actions = Parameters<typeof handleCommand>[0];

const ORIGIN = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;

let h: Harness;
let page: Page;
let listener: ClipperListener;
let stateFile: string;

/** What electron/main.ts gives the page: the clipper commands run by the listener; the rest is not this test's. */
function actions(): Actions {
  const notHere = (): never => {
    throw new ArchiveError('UNAVAILABLE', 'not in this test');
  };
  return {
    currentArchive: () => ({ key: 'test', path: h.archive.path, name: 'Test archive' }),
    recentArchives: () => [],
    newArchive: notHere,
    openArchive: notHere,
    importFiles: notHere,
    importFolder: notHere,
    clipperListener: () => listener.info(),
    setClipperListener: ({ enabled, port }) => listener.setEnabled(enabled, port),
    newClipperCode: () => listener.newPairingCode(),
    savePdf: notHere,
  };
}

function pair(port: number, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/clipper/pair',
        method: 'POST',
        agent: false,
        headers: { origin: ORIGIN, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

beforeAll(async () => {
  h = await startHarness();
  stateFile = path.join(h.dir, 'clipper-listener.json');
  listener = new ClipperListener({ stateFile, call: (method, input) => callApi(h.api, method, input) });
  page = await h.context.newPage();
  page.setDefaultTimeout(10_000);
  await page.exposeFunction('__stacksInvoke', (method: string, input: unknown) =>
    callApi(h.api, method as never, input),
  );
  await page.exposeFunction('__stacksCommand', (name: string, input: unknown): Promise<ApiResult<unknown>> =>
    handleCommand(actions(), name as never, 'stacks-app://app/index.html', input, () => true),
  );
  // The preload's bridge, as the page sees it in the desktop app.
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, (...args: unknown[]) => unknown>;
    (window as unknown as { stacks: unknown }).stacks = Object.freeze({
      invoke: (method: string, input: unknown) => w.__stacksInvoke!(method, input),
      command: (name: string, input: unknown) => w.__stacksCommand!(name, input),
    });
  });
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(`${h.server.url}/#/library`);
  await page.locator('st-library-view').waitFor();
});

afterAll(async () => {
  await listener?.stop();
  await h?.close();
});

describe('Browser clipper setting', () => {
  test('turns the listener on, shows the pairing code and paired browsers, changes port and code, turns it off', async () => {
    await page.locator('st-sidebar').getByRole('link', { name: 'Browser clipper' }).click();
    const view = page.locator('st-clipper-view');
    await view.getByRole('heading', { name: 'Browser clipper' }).waitFor();
    const toggle = view.getByLabel('Let the Stacks clipper in my browsers send pages to this app');
    await expect(toggle.isChecked()).resolves.toBe(false);
    await expect(view.getByLabel('Pairing code').count()).resolves.toBe(0);

    await toggle.check();
    await view.getByRole('status').filter({ hasText: 'The browser clipper is on.' }).waitFor();
    const codeField = view.getByLabel('Pairing code');
    const shown = await codeField.inputValue();
    expect(shown).toBe(listener.info().pairingCode);
    const { port, key } = parsePairingCode(shown)!;
    await view.getByText(`http://127.0.0.1:${port}`).waitFor();
    await view.getByText('No browser paired with this code yet.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A browser pairs with the code shown; the page lists it when opened again.
    expect(await pair(port, key)).toBe(200);
    await page.locator('st-sidebar').getByRole('link', { name: 'Backups' }).click();
    await page.locator('st-sidebar').getByRole('link', { name: 'Browser clipper' }).click();
    await view.getByRole('region', { name: 'Paired browsers' }).getByText(ORIGIN).waitFor();
    await shot(page, 'clipper-setting-on');

    // A port another program holds: the page says so and shows no code that would not work.
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      await view.getByLabel('Port').fill(String(taken));
      await view.getByRole('button', { name: 'Use this port' }).click();
      await view
        .getByRole('alert')
        .filter({ hasText: `Port ${taken} is in use by another program` })
        .waitFor();
      await expect(codeField.count()).resolves.toBe(0);
      await view.getByLabel('Port').fill('0');
      await view.getByRole('button', { name: 'Use this port' }).click();
      await view
        .getByRole('status')
        .filter({ hasText: /^Listening on port \d+/ })
        .waitFor();
    } finally {
      blocker.close();
    }
    const moved = parsePairingCode(await codeField.inputValue())!;
    expect(moved.port).not.toBe(taken);
    expect(moved.key).toBe(key);

    // A new code: the shown code changes, the paired browser is forgotten and the old key no longer pairs.
    await view.getByRole('button', { name: 'New code' }).click();
    await view
      .getByRole('status')
      .filter({ hasText: /^A new pairing code/ })
      .waitFor();
    const renewed = parsePairingCode(await codeField.inputValue())!;
    expect(renewed.key).not.toBe(key);
    await view.getByText('No browser paired with this code yet.').waitFor();
    expect(await pair(renewed.port, key)).toBe(401);

    await toggle.uncheck();
    await view
      .getByRole('status')
      .filter({ hasText: /^The browser clipper is off/ })
      .waitFor();
    await expect(codeField.count()).resolves.toBe(0);
    expect(listener.info().running).toBe(false);
    await expect(pair(renewed.port, renewed.key)).rejects.toThrow(/ECONNREFUSED/);
    // Remembered off, with the new key, for the next launch.
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toMatchObject({ enabled: false, key: renewed.key });
  }, 60_000);

  test('under `stacks serve` (no desktop shell) explains pairing with `stacks clipper pair`', async () => {
    await h.page.goto(h.server.openUrl);
    await h.page.locator('st-library-view').waitFor();
    await h.page.locator('st-sidebar').getByRole('link', { name: 'Browser clipper' }).click();
    const view = h.page.locator('st-clipper-view');
    await view.getByText('stacks clipper pair --origin ORIGIN').waitFor();
    await expect(view.getByRole('checkbox').count()).resolves.toBe(0);
    expect(await axeViolations(h.page)).toEqual([]);
  });
});
