// `npm start` (build/start.mjs) in a stand-in project: one clear line when Electron's binary is missing, else prepare, build and launch.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');

describe('npm start', () => {
  let project: string;

  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-start-'));
    fs.mkdirSync(path.join(project, 'build'));
    for (const file of ['start.mjs', 'electron-native.mjs'])
      fs.copyFileSync(path.join(root, 'build', file), path.join(project, 'build', file));
    // The builds are no-ops here that leave a trace: this test is about the order of things, not the bundles.
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({
        name: 'stand-in',
        private: true,
        type: 'module',
        scripts: {
          'build:renderer': "node -e \"require('fs').appendFileSync('steps.log', 'renderer\\n')\"",
          'build:electron': "node -e \"require('fs').appendFileSync('steps.log', 'electron\\n')\"",
        },
      }),
    );
    // Electron's package as npm leaves it when its postinstall did not download the binary: no path.txt, no dist/.
    fs.mkdirSync(path.join(project, 'node_modules', 'electron'), { recursive: true });
    fs.writeFileSync(
      path.join(project, 'node_modules', 'electron', 'package.json'),
      JSON.stringify({ name: 'electron', version: '41.7.1' }),
    );
    fs.writeFileSync(path.join(project, 'node_modules', 'electron', 'abi_version'), '145');
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  const start = async (...args: string[]) => {
    const env = { ...process.env };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    delete env.npm_execpath; // so no step can reach for npm's own node-gyp (and the network) here
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(project, 'build', 'start.mjs'), ...args], {
        cwd: project,
        env,
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it("says in one line that Electron's binary is missing, with the fix, and no stack trace", async () => {
    const { code, stderr } = await start();
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^stacks: Electron's binary is not installed/);
    expect(lines[0]).toContain('npm rebuild electron');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(project, 'steps.log'))).toBe(false);
  });

  it('with Electron and its better-sqlite3 build in place, builds and launches Electron on the project with the arguments', async () => {
    const dist = path.join(project, 'node_modules', 'electron', 'dist');
    fs.mkdirSync(dist);
    // A stand-in Electron executable that records how it was started.
    fs.writeFileSync(
      path.join(dist, 'electron'),
      `#!/bin/sh\necho "launched $*" >> "${path.join(project, 'steps.log')}"\n`,
      { mode: 0o755 },
    );
    fs.writeFileSync(path.join(project, 'node_modules', 'electron', 'path.txt'), 'electron');
    const binding = path.join(project, 'native', `electron-v41.7.1-${process.platform}-${process.arch}`);
    fs.mkdirSync(binding, { recursive: true });
    fs.writeFileSync(path.join(binding, 'better_sqlite3.node'), 'stand-in node_register_module_v145');

    const { code, stderr } = await start('--archive', '/tmp/client.stacks.sqlite');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(project, 'steps.log'), 'utf8').trim().split('\n')).toEqual([
      'renderer',
      'electron',
      'launched . --archive /tmp/client.stacks.sqlite',
    ]);
  });

  it('prepares a missing better-sqlite3 build before building, and stops with its reason when that fails', async () => {
    const dist = path.join(project, 'node_modules', 'electron', 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(project, 'node_modules', 'electron', 'path.txt'), 'electron');
    // No better-sqlite3 package and no prebuild-install in this project: both steps fail without touching the network.
    const { code, stderr } = await start();
    expect(code).toBe(1);
    expect(stderr).toContain('Preparing better-sqlite3 for Electron 41.7.1');
    expect(stderr).toMatch(
      /stacks: Could not prepare better-sqlite3 for Electron 41\.7\.1 \(download: .*; source build: /,
    );
    expect(fs.existsSync(path.join(project, 'steps.log'))).toBe(false);
  });
});
