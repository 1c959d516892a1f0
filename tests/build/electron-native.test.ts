// better-sqlite3 for Electron is prepared in native/, apart from Node's build: download first, source build second (both stubbed: no network here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bindingAbi,
  buildArgs,
  cleanEnv,
  downloadArgs,
  electronBindingDir,
  installedElectron,
  prepareElectronBinding,
  type Step,
} from '../../build/electron-native.mjs';
import { electronBindingPath, nativeBindingFor } from '../../electron/native-binding.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const ELECTRON = { version: '41.7.1', abi: 145 };

/** A stand-in .node file: what matters to the checks is the ABI its module-registration export names. */
function fakeBinding(abi: number, tag: string): Buffer {
  return Buffer.from(`\x7fELF stand-in ${tag} node_register_module_v${abi} end`, 'latin1');
}

function writeBuild(stage: string, bytes: Buffer): void {
  fs.mkdirSync(path.join(stage, 'build', 'Release'), { recursive: true });
  fs.writeFileSync(path.join(stage, 'build', 'Release', 'better_sqlite3.node'), bytes);
}

describe('preparing better-sqlite3 for Electron', () => {
  let project: string;
  let nodeBuild: string;
  const logs: string[] = [];
  const log = (line: string): void => void logs.push(line);

  beforeEach(() => {
    logs.length = 0;
    // A project with better-sqlite3's real package (sources and Node's build) as installed by npm.
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-native-'));
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"p","private":true}');
    const pkg = path.join(project, 'node_modules', 'better-sqlite3');
    fs.mkdirSync(pkg, { recursive: true });
    for (const part of ['package.json', 'binding.gyp', 'lib'])
      fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3', part), path.join(pkg, part), { recursive: true });
    nodeBuild = path.join(pkg, 'build', 'Release', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(nodeBuild), { recursive: true });
    fs.copyFileSync(
      path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
      nodeBuild,
    );
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  const prepare = (download: Step, build: Step) =>
    prepareElectronBinding({
      root: project,
      electron: ELECTRON,
      platform: 'linux',
      arch: 'x64',
      steps: { download, build },
      log,
    });
  const target = (): string => path.join(electronBindingDir(project, '41.7.1', 'linux', 'x64'), 'better_sqlite3.node');

  it("reads a module's ABI from its registration export, and Node's own build says Node's ABI", () => {
    expect(bindingAbi(fakeBinding(145, 'x'))).toBe(145);
    expect(bindingAbi(Buffer.from('no marker'))).toBeNull();
    expect(bindingAbi(fs.readFileSync(nodeBuild))).toBe(Number(process.versions.modules));
  });

  it('installs the downloaded binary into native/ and leaves Node’s build in node_modules untouched', async () => {
    const before = fs.readFileSync(nodeBuild);
    let buildCalled = false;
    const result = await prepare(
      ({ stage }) => {
        // The stage is a copy of the package: prebuild-install reads its package.json there.
        expect(JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8')).name).toBe('better-sqlite3');
        expect(fs.existsSync(path.join(stage, 'build'))).toBe(false);
        writeBuild(stage, fakeBinding(145, 'downloaded'));
      },
      () => {
        buildCalled = true;
      },
    );
    expect(result).toEqual({ status: 'downloaded', file: target() });
    expect(buildCalled).toBe(false);
    expect(fs.readFileSync(target(), 'latin1')).toContain('downloaded');
    expect(fs.readFileSync(nodeBuild).equals(before)).toBe(true);
    // No staging folders are left behind.
    expect(fs.readdirSync(path.join(project, 'native'))).toEqual(['electron-v41.7.1-linux-x64']);
    expect(logs.join('\n')).toContain('Preparing better-sqlite3 for Electron 41.7.1 (linux-x64): download');
  });

  it('falls back to a source build when the download fails', async () => {
    const result = await prepare(
      () => {
        throw new Error('getaddrinfo ENOTFOUND github.com');
      },
      ({ stage }) => writeBuild(stage, fakeBinding(145, 'built')),
    );
    expect(result.status).toBe('built');
    expect(fs.readFileSync(target(), 'latin1')).toContain('built');
  });

  it("refuses a build for the wrong ABI (a rebuild that silently used Node's headers)", async () => {
    const result = await prepare(
      ({ stage }) => writeBuild(stage, fakeBinding(Number(process.versions.modules), 'node-abi')),
      ({ stage }) => writeBuild(stage, fakeBinding(145, 'built')),
    );
    expect(result.status).toBe('built');
    await expect(
      prepareElectronBinding({
        root: project,
        electron: { version: '41.7.2', abi: 145 },
        platform: 'linux',
        arch: 'x64',
        log,
        steps: {
          download: ({ stage }) => writeBuild(stage, fakeBinding(115, 'a')),
          build: ({ stage }) => writeBuild(stage, fakeBinding(115, 'b')),
        },
      }),
    ).rejects.toThrow(/download: .*ABI 115, Electron needs 145; source build: .*ABI 115/);
    expect(fs.existsSync(path.join(electronBindingDir(project, '41.7.2', 'linux', 'x64'), 'better_sqlite3.node'))).toBe(
      false,
    );
  });

  it('says why when neither step works, and installs nothing', async () => {
    await expect(
      prepare(
        () => {
          throw new Error('offline');
        },
        () => {
          throw new Error('no compiler');
        },
      ),
    ).rejects.toThrow(/download: offline; source build: no compiler.*network access/);
    expect(fs.existsSync(target())).toBe(false);
  });

  it('does nothing when the Electron build is already there', async () => {
    fs.mkdirSync(path.dirname(target()), { recursive: true });
    fs.writeFileSync(target(), fakeBinding(145, 'earlier'));
    const fail = (): never => {
      throw new Error('must not run');
    };
    expect(await prepare(fail, fail)).toEqual({ status: 'ready', file: target() });
  });

  it('asks prebuild-install and node-gyp for the Electron runtime, version and arch, without npm’s nodedir', () => {
    const ctx = { stage: '/s', electron: ELECTRON, platform: 'linux', arch: 'arm64', root: '/r' };
    expect(downloadArgs(ctx).join(' ')).toBe(
      '--runtime electron --target 41.7.1 --platform linux --arch arm64 --path /s --verbose',
    );
    expect(buildArgs(ctx)).toEqual(
      expect.arrayContaining(['rebuild', '--runtime=electron', '--target=41.7.1', '--arch=arm64', '--directory=/s']),
    );
    const env = cleanEnv({ npm_config_nodedir: '/usr', NPM_CONFIG_RUNTIME: 'node', PATH: '/bin' });
    expect(env).toEqual({ PATH: '/bin' });
  });

  it('reads the installed Electron’s version and ABI', () => {
    const installed = installedElectron(root);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'));
    expect(installed.version).toBe(pkg.version);
    expect(installed.abi).toBeGreaterThan(Number(process.versions.modules));
  });
});

describe('the main process loads better-sqlite3 by path', () => {
  const place = {
    appPath: '/opt/Stacks/resources/app.asar',
    electronVersion: '41.7.1',
    platform: 'linux' as const,
    arch: 'x64',
  };

  it('finds the prepared build where the preparation puts it (dev) and in app.asar.unpacked (packaged)', () => {
    expect(electronBindingPath({ ...place, appPath: root })).toBe(
      path.join(electronBindingDir(root, '41.7.1', 'linux', 'x64'), 'better_sqlite3.node'),
    );
    expect(electronBindingPath(place)).toBe(
      '/opt/Stacks/resources/app.asar.unpacked/native/electron-v41.7.1-linux-x64/better_sqlite3.node',
    );
  });

  it("never falls back to Node's build under Electron: a missing build is a clear error naming the fix", () => {
    expect(() =>
      nativeBindingFor(
        place,
        () => '/node/build.node',
        () => false,
      ),
    ).toThrow(/npm start/);
    expect(
      nativeBindingFor(
        place,
        () => '/node/build.node',
        () => true,
      ),
    ).toEqual({
      nativeBinding: '/opt/Stacks/resources/app.asar.unpacked/native/electron-v41.7.1-linux-x64/better_sqlite3.node',
    });
  });

  it("uses Node's build when the main bundle runs under plain Node", () => {
    expect(
      nativeBindingFor(
        { ...place, electronVersion: undefined },
        () => '/node/build.node',
        () => true,
      ),
    ).toEqual({
      nativeBinding: '/node/build.node',
    });
  });
});
