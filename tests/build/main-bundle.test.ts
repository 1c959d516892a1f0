// The bundled main process (dist/electron/main.cjs) run under Node with a stand-in electron module: it opens the
// archive in its worker threads, serves the app over stacks-app://, registers every IPC handler and answers real calls.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_METHODS } from '../../db/contract/api.js';
import { SHELL_COMMANDS } from '../../db/contract/bridge.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');

// Runs inside the child after main.cjs has started: exercises what it registered and prints a summary. Worker threads
// inherit --require, so the probe runs on the main thread only (a slow extraction would otherwise run it in a worker).
const probe = `
const until = async (ok) => { while (!ok()) await new Promise((r) => setTimeout(r, 50)); };
if (require('node:worker_threads').isMainThread) setTimeout(async () => {
  const r = globalThis.__fakeElectron;
  // The archive opens in its worker threads first; the window follows.
  await until(() => r.windows.length > 0 || r.error);
  // What the preload asks before the page's first call: the key of the open archive, sent with every call.
  const keyEvent = { senderFrame: { url: 'stacks-app://app/index.html' }, returnValue: undefined };
  r.ipcOn['stacks-shell:archive-key'](keyEvent);
  const key = keyEvent.returnValue;
  const current = await r.ipc['stacks-shell:currentArchive']({ senderFrame: { url: 'stacks-app://app/index.html' } }, {});
  const stale = await r.ipc['stacks:stats']({ senderFrame: { url: 'stacks-app://app/index.html' } }, {}, 'not-the-key');
  const page = await r.protocolHandlers['stacks-app'](new Request('stacks-app://app/index.html'));
  const stats = await r.ipc['stacks:stats']({ senderFrame: { url: 'stacks-app://app/index.html' } }, {}, key);
  const html = '<html><head><title>Tidal power</title></head><body><article><h1>Tidal power</h1><p>'
    + 'The moon moves the sea and the turbines turn with it. '.repeat(20) + '</p></article></body></html>';
  const imported = await r.ipc['stacks:importFile']({ senderFrame: { url: 'stacks-app://app/index.html' } },
    { fileName: 'tide.html', dataBase64: Buffer.from(html).toString('base64') }, key);
  const found = await r.ipc['stacks:search']({ senderFrame: { url: 'stacks-app://app/index.html' } }, { query: 'turbines' }, key);
  // A folder picked in File › Import Folder… (the fake dialog answers FAKE_PICK) goes through the bulk path: the
  // bundled extraction and search index workers beside main.cjs. No IPC channel can name a path.
  const importFolder = r.menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])).find((i) => i.label === 'Import Folder…');
  importFolder.click();
  for (let i = 0; i < 200 && !r.sent.some((s) => s[1] === 'archive-changed'); i++) await new Promise((ok) => setTimeout(ok, 50));
  const changed = r.sent.find((s) => s[1] === 'archive-changed');
  const bulk = changed ? { ok: true, value: changed[2] } : { ok: false, sent: r.sent.map((s) => s[1]) };
  const bulkFound = await r.ipc['stacks:search']({ senderFrame: { url: 'stacks-app://app/index.html' } }, { query: 'estuary' }, key);
  const foreign = await r.ipc['stacks:stats']({ senderFrame: { url: 'https://evil.example/' } }, {}, key);
  // Settings › Browser clipper turned on from the page: a paired extension clips into the open archive over loopback.
  const shell = (name, input) => r.ipc['stacks-shell:' + name]({ senderFrame: { url: 'stacks-app://app/index.html' } }, input);
  const clipperOn = await shell('setClipperListener', { enabled: true });
  let clip = null;
  if (clipperOn.ok && clipperOn.value.pairingCode) {
    const [, port, clipKey] = clipperOn.value.pairingCode.split(':');
    const post = (urlPath, body) => new Promise((resolve, reject) => {
      const req = require('node:http').request({ host: '127.0.0.1', port: Number(port), path: urlPath, method: 'POST', agent: false,
        headers: { origin: 'chrome-extension://' + 'abcdefghijklmnop'.repeat(2), authorization: 'Bearer ' + clipKey, 'content-type': 'application/json' } },
        (res) => { let text = ''; res.on('data', (c) => { text += c; }); res.on('end', () => resolve({ status: res.statusCode, text })); });
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
    const paired = await post('/clipper/pair', {});
    const clipped = await post('/api/clipPage', { url: 'https://tides.example/ebb', html: '<html><head><title>The ebb</title></head><body><article><p>'
      + 'The ebb uncovers the old causeway twice a day. '.repeat(10) + '</p></article></body></html>' });
    clip = { paired: paired.status, clipped: JSON.parse(clipped.text) };
  }
  const clipperOff = await shell('setClipperListener', { enabled: false });
  const clipper = { on: clipperOn.ok && { enabled: clipperOn.value.enabled, running: clipperOn.value.running }, clip,
    off: clipperOff.ok && { enabled: clipperOff.value.enabled, running: clipperOff.value.running } };
  let granted = null;
  r.permissionHandler({}, 'media', (g) => { granted = g; });
  const menuLabels = r.menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])).map((i) => i.label).filter(Boolean);
  console.log(JSON.stringify({
    error: r.error ?? null, sandbox: r.sandbox, schemes: r.schemes.map((s) => s.scheme),
    channels: Object.keys(r.ipc), window: { url: r.windows[0]?.url, prefs: r.windows[0]?.options.webPreferences },
    page: { status: page.status, csp: page.headers.get('content-security-policy'), text: await page.text() },
    stats, imported, found, foreign, clipper, granted, menuLabels, current, stale, spellcheck: r.spellcheck,
    updateCheck: {
      checked: r.menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])).find((i) => i.label === 'Check for Updates Automatically')?.checked,
      settingsWritten: require('node:fs').existsSync(require('node:path').join(process.env.FAKE_USER_DATA, 'settings.json')),
    },
    bulk: bulk.ok ? { imported: bulk.value.imported, failed: bulk.value.failed } : bulk, bulkFound: bulkFound.ok ? bulkFound.value.total : bulkFound,
  }));
  // A second launch with a file (a double-click on an associated file): the running app imports it.
  const opened = require('node:path').join(process.cwd(), 'opened', 'lighthouse.md');
  r.appEvents.emit('second-instance', {}, [process.argv[0], process.argv[1], opened], process.cwd());
  let openedFound = null;
  for (let i = 0; i < 100 && !openedFound?.value?.total; i++) {
    await new Promise((done) => setTimeout(done, 200));
    openedFound = await r.ipc['stacks:search']({ senderFrame: { url: 'stacks-app://app/index.html' } }, { query: 'lighthouse' }, key);
  }
  console.log(JSON.stringify({ openedFound: openedFound.value.hits.map((h) => h.title) }));
  r.appEvents.emit('will-quit', { preventDefault() {} });
  setTimeout(() => process.exit(0), 300);
}, 500);
`;

describe('bundled Electron main process', () => {
  it('starts against a temp archive and wires protocol, IPC, window and menu', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    const appDir = path.join(dir, 'app');
    fs.mkdirSync(path.join(appDir, 'dist', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(appDir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Stacks app</title>');
    await run(
      process.execPath,
      [path.join(root, 'build', 'bundle-electron.mjs'), '--outdir', path.join(appDir, 'dist', 'electron')],
      { cwd: root },
    );
    fs.writeFileSync(path.join(dir, 'probe.cjs'), probe);
    fs.mkdirSync(path.join(dir, 'notes'));
    for (let i = 0; i < 5; i++)
      fs.writeFileSync(
        path.join(dir, 'notes', `note-${i}.md`),
        `# Estuary note ${i}\n\nCurlews on the estuary mud, count ${i}.\n`,
      );
    fs.mkdirSync(path.join(dir, 'opened'));
    fs.writeFileSync(path.join(dir, 'opened', 'lighthouse.md'), '# The lighthouse keeper\n\nA lighthouse log.\n');
    const archive = path.join(dir, 'desk.stacks.sqlite');

    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--import',
        pathToFileURL(path.join(import.meta.dirname, 'fixtures', 'fake-electron.mjs')).href,
        '--require',
        path.join(dir, 'probe.cjs'),
        path.join(appDir, 'dist', 'electron', 'main.cjs'),
        '--archive',
        archive,
      ],
      {
        cwd: dir,
        timeout: 60_000,
        env: {
          ...process.env,
          NODE_PATH: path.join(root, 'node_modules'),
          FAKE_APP_PATH: appDir,
          FAKE_USER_DATA: path.join(dir, 'userData'),
          FAKE_PICK: path.join(dir, 'notes'),
        },
      },
    );
    const lines = stdout.trim().split('\n');
    const summary = JSON.parse(lines.at(-2)!);
    expect(JSON.parse(lines.at(-1)!)).toEqual({ openedFound: ['The lighthouse keeper'] });

    expect(summary.error).toBeNull();
    expect(summary.sandbox).toBe(true);
    expect(summary.schemes).toEqual(['stacks-app']);
    expect([...summary.channels].filter((c) => !c.startsWith('stacks-shell:')).sort()).toEqual(
      ARCHIVE_METHODS.map((m) => `stacks:${m}`).sort(),
    );
    expect(summary.channels).toEqual(expect.arrayContaining(SHELL_COMMANDS.map((c) => `stacks-shell:${c}`)));
    // The archive runs in worker threads; a call carrying another archive's key is refused.
    expect(summary.current).toMatchObject({ ok: true, value: { name: 'desk', path: archive } });
    expect(summary.stale).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(summary.channels).not.toContain('stacks:importPaths');
    expect(summary.window.url).toBe('stacks-app://app/index.html');
    expect(summary.window.prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: path.join(appDir, 'dist', 'electron', 'preload.cjs'),
    });
    expect(summary.page).toMatchObject({ status: 200, text: '<!doctype html><title>Stacks app</title>' });
    expect(summary.page.csp).toContain("script-src 'self'");
    expect(summary.stats).toMatchObject({ ok: true, value: { articles: 0, path: archive } });
    // HTML goes through the bundled import worker (dist/electron/extract-worker.js) and lands in the index.
    expect(summary.imported).toMatchObject({ ok: true, value: { status: 'imported', title: 'Tidal power' } });
    expect(summary.found).toMatchObject({ ok: true, value: { total: 1, hits: [{ title: 'Tidal power' }] } });
    expect(summary.bulk).toEqual({ imported: 5, failed: 0 });
    expect(summary.bulkFound).toBe(5);
    expect(stderr).not.toContain('search index thread failed'); // indexed by the bundled worker, not the fallback
    expect(summary.foreign).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // The clipper listener, turned on and off through the page's shell command, clipping into the open archive.
    expect(summary.clipper).toMatchObject({
      on: { enabled: true, running: true },
      clip: { paired: 200, clipped: { ok: true, value: { status: 'imported', title: 'The ebb' } } },
      off: { enabled: false, running: false },
    });
    expect(summary.granted).toBe(false);
    expect(summary.spellcheck).toBe(false);
    expect(summary.window.prefs.spellcheck).toBe(false);
    expect(summary.menuLabels).toEqual(
      expect.arrayContaining([
        'New Archive…',
        'Open Archive…',
        'Open Recent',
        'Import File…',
        'Import Folder…',
        'Check for Updates Automatically',
      ]),
    );
    expect(summary.updateCheck).toEqual({ checked: false, settingsWritten: false });
    expect(fs.existsSync(archive)).toBe(true);
  });
});
