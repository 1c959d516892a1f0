// Packaging proof: an unpacked electron-builder build (stand-in Electron, offline) holds main, preload, renderer and the unpacked native module.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

describe('electron-builder package (unpacked, stand-in Electron)', () => {
  let stage: string;
  let resources: string;
  let rendererIsReal = false;

  beforeAll(async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    stage = path.join(tmp, 'stage');
    fs.mkdirSync(path.join(stage, 'dist'), { recursive: true });
    // Stage a copy of the project so the shared dist/ of other engineers is left alone.
    // package.json and the lockfile: electron-builder resolves the runtime modules it packs from both.
    fs.copyFileSync(path.join(root, 'package.json'), path.join(stage, 'package.json'));
    fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(stage, 'package-lock.json'));
    fs.cpSync(path.join(root, 'build'), path.join(stage, 'build'), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');

    await run(
      process.execPath,
      [path.join(root, 'build', 'bundle-electron.mjs'), '--outdir', path.join(stage, 'dist', 'electron')],
      { cwd: root },
    );
    const rendererOut = path.join(stage, 'dist', 'renderer');
    if (fs.existsSync(path.join(root, 'renderer', 'vite.config.ts'))) {
      await run(
        bin('vite'),
        ['build', '--config', 'renderer/vite.config.ts', '--outDir', rendererOut, '--emptyOutDir'],
        { cwd: root },
      );
      rendererIsReal = true;
    } else {
      // The renderer is not buildable in this checkout yet: a placeholder still proves the packaging rules.
      fs.mkdirSync(rendererOut, { recursive: true });
      fs.writeFileSync(path.join(rendererOut, 'index.html'), '<!doctype html><title>Stacks</title>');
    }

    // A stand-in for the Electron binary (it cannot be downloaded here): electron-builder only copies it.
    const electronDist = path.join(tmp, 'electron-dist');
    fs.mkdirSync(path.join(electronDist, 'locales'), { recursive: true });
    fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(electronDist, 'locales', 'en-US.pak'), '');
    fs.writeFileSync(path.join(electronDist, 'locales', 'de.pak'), '');

    const out = path.join(tmp, 'out');
    await run(
      bin('electron-builder'),
      [
        '--dir',
        '--linux',
        '--x64',
        '--config',
        'build/electron-builder.config.cjs',
        `-c.electronDist=${electronDist}`,
        '-c.npmRebuild=false',
        `-c.directories.output=${out}`,
      ],
      { cwd: stage, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' }, timeout: 150_000 },
    );
    resources = path.join(out, 'linux-unpacked', 'resources');
  }, 180_000);

  it('puts the bundled main process and preload into app.asar', () => {
    const files = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    expect(files).toContain('/dist/electron/main.cjs');
    expect(files).toContain('/dist/electron/preload.cjs');
    const main = extractFile(path.join(resources, 'app.asar'), 'dist/electron/main.cjs').toString();
    expect(main).toContain('requestSingleInstanceLock');
    const preload = extractFile(path.join(resources, 'app.asar'), 'dist/electron/preload.cjs').toString();
    expect(preload).toContain('exposeInMainWorld');
    // The sandboxed preload may require only electron: nothing else is left as a require().
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('puts the built renderer into app.asar', () => {
    const files = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    expect(files).toContain('/dist/renderer/index.html');
    if (rendererIsReal) expect(files.some((f) => /^\/dist\/renderer\/.+\.js$/.test(f))).toBe(true);
  });

  it("unpacks better-sqlite3's native module next to the asar, byte for byte", () => {
    const packed = path.join(
      resources,
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(fs.existsSync(packed)).toBe(true);
    const source = fs.readFileSync(
      path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    );
    expect(fs.readFileSync(packed).equals(source)).toBe(true);
  });

  it('unpacks the bundled import worker, which extracts an HTML page in a real worker thread', async () => {
    const worker = path.join(resources, 'app.asar.unpacked', 'dist', 'electron', 'extract-worker.js');
    expect(fs.existsSync(worker)).toBe(true);
    const { Worker } = await import('node:worker_threads');
    const thread = new Worker(worker);
    const html =
      '<html><head><title>Tidal power</title></head><body><article><h1>Tidal power</h1>' +
      `<p>${'The moon moves the sea and the turbines turn with it. '.repeat(20)}</p></article></body></html>`;
    const reply = await new Promise<{ ok: boolean; capture?: { title: string; text: string } }>((resolve, reject) => {
      thread.once('message', resolve);
      thread.once('error', reject);
      thread.postMessage({ id: 1, input: { bytes: new TextEncoder().encode(html), fileName: 'tide.html' } });
    });
    await thread.terminate();
    expect(reply.ok).toBe(true);
    expect(reply.capture!.title).toBe('Tidal power');
    expect(reply.capture!.text).toContain('The moon moves the sea');
  });

  it('ships a package.json pointing at the bundled main, and only runtime modules', () => {
    const pkg = JSON.parse(extractFile(path.join(resources, 'app.asar'), 'package.json').toString()) as {
      main: string;
      name: string;
    };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    const modules = new Set(
      listPackage(path.join(resources, 'app.asar'), { isPack: false })
        .map((f) => f.replaceAll('\\', '/').split('/'))
        .filter((p) => p[1] === 'node_modules' && p[2])
        .map((p) => p[2]),
    );
    // better-sqlite3 is the one runtime module; `bindings` (and its helper) may come along depending on how
    // npm laid out node_modules, but the packaged main names the .node file itself and never needs them.
    expect([...modules]).toContain('better-sqlite3');
    expect(['better-sqlite3', 'bindings', 'file-uri-to-path']).toEqual(expect.arrayContaining([...modules]));
    const main = extractFile(path.join(resources, 'app.asar'), 'dist/electron/main.cjs').toString();
    expect(main).toContain('app.asar.unpacked');
    expect(main).toContain('nativeBinding');
  });
});
