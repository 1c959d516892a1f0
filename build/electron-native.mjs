// Prepares better-sqlite3 for Electron in native/, apart from Node's build in node_modules, so neither ever replaces the other.
// Why a separate folder: Electron and Node need different ABIs of the same .node file. Rebuilding node_modules in place
// for one broke the other (tests and `stacks` after the app, or the app after the tests); two files, each loaded by
// path, let `npm install`, `npm start`, `npm test` and `stacks` run in any order.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BINDING_FILE = 'better_sqlite3.node';
/** The files of better-sqlite3's package that a prebuilt download or a source build needs. */
const PACKAGE_PARTS = ['package.json', 'binding.gyp', 'src', 'deps', 'lib'];

/**
 * The folder of the Electron build: one per Electron version, platform and arch, so an Electron upgrade never loads
 * an older build. electron/native-binding.ts computes the same path at run time (a test checks they agree).
 */
export function electronBindingDir(root, electronVersion, platform = process.platform, arch = process.arch) {
  return path.join(root, 'native', `electron-v${electronVersion}-${platform}-${arch}`);
}

/** The installed Electron's version and the Node ABI (NODE_MODULE_VERSION) its native modules must be built for. */
export function installedElectron(root = ROOT) {
  const dir = path.join(root, 'node_modules', 'electron');
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const abiFile = path.join(dir, 'abi_version');
  const abi = fs.existsSync(abiFile)
    ? Number(fs.readFileSync(abiFile, 'utf8').trim())
    : Number(createRequire(path.join(root, 'package.json'))('node-abi').getAbi(version, 'electron'));
  return { version, abi };
}

/**
 * The ABI a native module was built for, read from its `node_register_module_v<ABI>` export; null if absent.
 * This is what catches the classic trap of a "successful" rebuild against Node's headers (npm's nodedir setting).
 */
export function bindingAbi(bytes) {
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** Why a binding at `file` is unusable for this ABI, or null when it is fine. */
export function checkBinding(file, abi) {
  if (!fs.existsSync(file)) return `${path.basename(file)} is missing`;
  const found = bindingAbi(fs.readFileSync(file));
  if (found !== abi) return `${file} is built for ABI ${found ?? 'unknown'}, Electron needs ${abi}`;
  return null;
}

/**
 * Makes sure native/electron-v<version>-<platform>-<arch>/better_sqlite3.node exists and matches Electron's ABI.
 * Tries the prebuilt binary first, then a source build against Electron's headers; each runs in a staging copy of
 * better-sqlite3's package, so node_modules is never touched. `steps` replaces those two for tests.
 */
export async function prepareElectronBinding({
  root = ROOT,
  electron = installedElectron(root),
  platform = process.platform,
  arch = process.arch,
  steps = defaultSteps,
  log = (line) => console.error(line),
} = {}) {
  const dir = electronBindingDir(root, electron.version, platform, arch);
  const target = path.join(dir, BINDING_FILE);
  if (checkBinding(target, electron.abi) === null) return { status: 'ready', file: target };

  const failures = [];
  for (const [name, step] of [
    ['download', steps.download],
    ['source build', steps.build],
  ]) {
    const stage = stagePackage(root);
    try {
      log(`Preparing better-sqlite3 for Electron ${electron.version} (${platform}-${arch}): ${name}…`);
      await step({ stage, electron, platform, arch, root });
      const built = path.join(stage, 'build', 'Release', BINDING_FILE);
      const problem = checkBinding(built, electron.abi);
      if (problem) throw new Error(problem);
      install(built, dir, target);
      log(`better-sqlite3 for Electron is in ${path.relative(root, target)}`);
      return { status: name === 'download' ? 'downloaded' : 'built', file: target };
    } catch (err) {
      failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      fs.rmSync(stage, { recursive: true, force: true });
    }
  }
  throw new Error(
    `Could not prepare better-sqlite3 for Electron ${electron.version} (${failures.join('; ')}). ` +
      'The download needs network access to github.com; the source build needs a C++ toolchain and network access to electronjs.org for the headers.',
  );
}

/** A throwaway copy of better-sqlite3's package (sources, no build/) under native/, where steps may write freely. */
function stagePackage(root) {
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  fs.mkdirSync(path.join(root, 'native'), { recursive: true });
  const stage = fs.mkdtempSync(path.join(root, 'native', '.stage-'));
  for (const part of PACKAGE_PARTS) {
    const from = path.join(source, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, part), { recursive: true });
  }
  return stage;
}

/** Copy then rename: a kill half-way leaves no truncated binding where the app would load it. */
function install(built, dir, target) {
  fs.mkdirSync(dir, { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  fs.copyFileSync(built, temp);
  fs.renameSync(temp, target);
}

/** npm exports its config as npm_config_*; nodedir and runtime/target would silently retarget both tools at Node. */
export function cleanEnv(env = process.env) {
  const out = { ...env };
  for (const key of Object.keys(out)) {
    if (/^npm_config_(nodedir|runtime|target|disturl|dist_url|arch|platform|build_from_source)$/i.test(key))
      delete out[key];
  }
  return out;
}

/** prebuild-install's command line for better-sqlite3's prebuilt Electron binary (from its GitHub release). */
export function downloadArgs({ stage, electron, platform, arch }) {
  return [
    '--runtime',
    'electron',
    '--target',
    electron.version,
    '--platform',
    platform,
    '--arch',
    arch,
    '--path',
    stage,
    '--verbose',
  ];
}

/** node-gyp's command line for a source build against Electron's headers. */
export function buildArgs({ stage, electron, arch }) {
  return [
    'rebuild',
    '--release',
    `--directory=${stage}`,
    `--target=${electron.version}`,
    `--arch=${arch}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ];
}

function runNode(script, args, cwd) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, env: cleanEnv(), stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${path.basename(script)} exited with ${result.status}`);
}

function resolveFrom(root, request) {
  try {
    return createRequire(path.join(root, 'package.json')).resolve(request);
  } catch {
    return null;
  }
}

export const defaultSteps = {
  download({ stage, electron, platform, arch, root }) {
    if (!fs.existsSync(path.join(stage, 'package.json'))) throw new Error('better-sqlite3 is not installed');
    const bin = resolveFrom(root, 'prebuild-install/bin.js');
    if (!bin) throw new Error('prebuild-install is not installed (it comes with better-sqlite3)');
    runNode(bin, downloadArgs({ stage, electron, platform, arch }), stage);
  },
  build({ stage, electron, arch, root }) {
    if (!fs.existsSync(path.join(stage, 'binding.gyp'))) throw new Error("better-sqlite3's sources are not installed");
    // node-gyp comes with electron-builder (through @electron/rebuild) and with npm itself.
    const npmGyp = process.env.npm_execpath
      ? path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
      : null;
    const bin = resolveFrom(root, 'node-gyp/bin/node-gyp.js') ?? (npmGyp && fs.existsSync(npmGyp) ? npmGyp : null);
    if (!bin) throw new Error('node-gyp is not installed');
    runNode(bin, buildArgs({ stage, electron, arch }), stage);
  },
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const archArg = process.argv.indexOf('--arch');
  const arch = archArg > 0 ? process.argv[archArg + 1] : process.arch;
  try {
    const { file, status } = await prepareElectronBinding({ arch });
    if (status === 'ready') console.error(`better-sqlite3 for Electron is ready: ${path.relative(ROOT, file)}`);
  } catch (err) {
    console.error(`stacks: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
