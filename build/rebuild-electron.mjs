// Rebuilds better-sqlite3 for Electron's ABI (electron-builder install-app-deps) and checks it really happened.
// Why a script: `npm run` exports npm's config as npm_config_* variables, and with `nodedir=/usr` configured
// node-gyp silently builds against Node's headers, so the rebuild "succeeds" for the wrong ABI.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];

const builder = path.join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder',
);
const rebuilt = spawnSync(builder, ['install-app-deps'], {
  cwd: root,
  env,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (rebuilt.status !== 0) process.exit(rebuilt.status ?? 1);

// A module built for Electron cannot be loaded by plain Node (different NODE_MODULE_VERSION); if it loads, the
// rebuild targeted Node's ABI after all.
const probe = spawnSync(process.execPath, ['-e', "require('better-sqlite3')"], { cwd: root, encoding: 'utf8' });
if (probe.status === 0) {
  console.error("\nbetter-sqlite3 still loads in Node, so it was built for Node's ABI, not Electron's.");
  console.error('Check `npm config get nodedir` (unset it with `npm config delete nodedir`) and run again.');
  process.exit(1);
}
console.log('better-sqlite3 is built for Electron. Run `npm run rebuild:node` before `npm test`.');
