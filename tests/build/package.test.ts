// Packaging proof: an unpacked electron-builder build (stand-in Electron, offline) holds main, preload, renderer, the Electron build of
// better-sqlite3 from native/, and an Electron binary whose fuses are flipped.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseImporter } from '../../db/extract/detect.js';
import { containerKind } from '../../db/ingest/warc/container-kind.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);
const require = createRequire(import.meta.url);
const config = require('../../build/electron-builder.config.cjs') as {
  fileAssociations: { ext: string[]; mimeType: string }[];
  beforePack(context: unknown): Promise<void>;
};
const electronVersion = (
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const electronAbi = fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
/** Fuse states as @electron/fuses reads them: the ASCII bytes '0' and '1'. */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const;
const bindingDir = `native/electron-v${electronVersion}-linux-x64`;
/** A stand-in for better-sqlite3's Electron build: what the checks read is the ABI its registration export names. */
const standInBinding = Buffer.from(`\x7fELF stand-in node_register_module_v${electronAbi} end`, 'latin1');

/**
 * A stand-in Electron binary carrying a fuse wire as real Electron builds do: the sentinel, wire version 1, the wire's
 * length, then one byte per fuse with Electron's defaults ('1' on, '0' off), so electron-builder's @electron/fuses
 * really flips them.
 */
function standInElectron(): Buffer {
  const defaults = '10110001' + '1'; // RunAsNode, CookieEncryption, NodeOptions, Inspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol, +1 newer fuse
  return Buffer.concat([
    Buffer.from('#!/bin/sh\n# stand-in Electron\n'),
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
    Buffer.from([1, defaults.length]),
    Buffer.from(defaults),
    Buffer.from('\n'),
  ]);
}

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
    // What `npm run prepare:electron` leaves (it cannot download here): the build the app loads, apart from Node's.
    fs.mkdirSync(path.join(stage, bindingDir), { recursive: true });
    fs.writeFileSync(path.join(stage, bindingDir, 'better_sqlite3.node'), standInBinding);

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
    fs.writeFileSync(path.join(electronDist, 'electron'), standInElectron(), { mode: 0o755 });
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

  it("unpacks better-sqlite3's Electron build from native/ next to the asar, byte for byte, and never Node's build", () => {
    const packed = path.join(resources, 'app.asar.unpacked', bindingDir, 'better_sqlite3.node');
    expect(fs.existsSync(packed)).toBe(true);
    expect(fs.readFileSync(packed).equals(standInBinding)).toBe(true);
    const unpacked = fs.readdirSync(path.join(resources, 'app.asar.unpacked'), { recursive: true }).map(String);
    const asar = listPackage(path.join(resources, 'app.asar'), { isPack: false });
    // Node's build (wrong ABI for Electron) is neither inside the asar nor beside it.
    expect(unpacked.filter((f) => f.endsWith('.node'))).toEqual([path.join(bindingDir, 'better_sqlite3.node')]);
    expect(asar.filter((f) => f.endsWith('.node')).map((f) => f.replaceAll('\\', '/'))).toEqual([
      `/${bindingDir}/better_sqlite3.node`,
    ]);
  });

  it('refuses to package when the Electron build of better-sqlite3 is missing, naming the fix', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    await expect(
      config.beforePack({ arch: 1, electronPlatformName: 'linux', packager: { projectDir: empty } }),
    ).rejects.toThrow(/better_sqlite3\.node is missing.*npm run prepare:electron -- --arch x64/);
  });

  it('flips the fuses in the packaged Electron binary: no run-as-node, NODE_OPTIONS or --inspect; asar only', async () => {
    const wire = await getCurrentFuseWire(path.join(resources, '..', 'stacks-desktop'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  it('associates only file types the importers accept, each with the importer its type names', () => {
    const kindOf: Record<string, string> = { 'text/html': 'html', 'text/markdown': 'markdown', 'text/plain': 'text' };
    const webArchives: Record<string, string> = { 'application/warc': 'warc', 'application/wacz': 'wacz' };
    expect(config.fileAssociations.length).toBeGreaterThan(0);
    for (const association of config.fileAssociations) {
      for (const ext of association.ext) {
        // An empty head: the choice must come from the extension, not from sniffing the content.
        if (webArchives[association.mimeType]) {
          expect(containerKind(`crawl.${ext}`, new Uint8Array()), ext).toBe(webArchives[association.mimeType]);
          continue;
        }
        expect(
          chooseImporter(`page.${ext}`, undefined, () => ''),
          ext,
        ).toBe(kindOf[association.mimeType]);
      }
    }
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
      // The worker first says it has loaded (the pool's extraction clock starts then); the answer follows.
      thread.on('message', (m: { id?: number; ok: boolean }) => {
        if (m.id === 1) resolve(m);
      });
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
      homepage: string;
      description: string;
    };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.description).toContain('offline');
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
