// The layer rule (build/eslint-layers.js) run by the project's own ESLint config: each forbidden import is reported.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The layer-rule messages ESLint gives `code` as if it were the file at `file` (nothing is written to disk). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'stacks/layers').map((m) => m.message);
}

describe('layer rule', () => {
  it.each([
    ['db/verify.ts', "import { callApi } from './transport/dispatch.js';", 'core code may not import transport'],
    ['db/search/run.ts', "import { startServer } from '../server/server.js';", 'core code may not import server'],
    [
      'db/cli/commands/serve.ts',
      "import { startServer } from '../../server/server.js';",
      'cli code may not import server',
    ],
    ['db/server/server.ts', "import { main } from '../cli/main.js';", 'server code may not import cli'],
    [
      'db/transport/dispatch.ts',
      "import type { RunningServer } from '../server/server.js';",
      'transport code may not import server',
    ],
    [
      'db/server/server.ts',
      "import { createMainWindow } from '../../electron/window.js';",
      'server code may not import electron',
    ],
    ['electron/main.ts', "import { main } from '../db/cli/main.js';", 'electron code may not import cli'],
    ['renderer/main.ts', "import { openArchive } from '../db/open.js';", 'renderer code may not import core'],
  ])('%s: %s is refused', async (file, line, message) => {
    const errors = await layerErrors(file, `${line}\nexport const x = 1;\n`);
    expect(errors.join('\n')).toContain(message);
  });

  it.each([
    ['db/entry/stacks.ts', "import { startServer } from '../server/server.js';"],
    ['electron/ipc.ts', "import { callApi } from '../db/transport/dispatch.js';"],
    // The opt-in clipper listener is the HTTP server, started by the desktop shell.
    ['electron/main.ts', "import { ClipperListener } from '../db/server/clipper-listener.js';"],
    ['db/server/server.ts', "import { callApi } from '../transport/dispatch.js';"],
    ['renderer/main.ts', "import type { ArchiveMethod } from '../db/contract/api.js';"],
  ])('%s: %s is allowed', async (file, line) => {
    expect(await layerErrors(file, `${line}\nexport const x = 1;\n`)).toEqual([]);
  });
});
