// Several processes creating and migrating the same new archive at once: none fails, and search sees what is stored.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeFile } from '../helpers/archive.js';
import { runCli, STACKS_BIN } from '../helpers/cli.js';

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [STACKS_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const ROUNDS = Number(process.env.STACKS_CONCURRENCY_ROUNDS ?? 6);

describe('concurrent opening of a new archive', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`three processes creating one archive at once all succeed (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const archive = path.join(dir, `stats-${round}.sqlite`);
      const results = await Promise.all([0, 1, 2].map(() => run(['--archive', archive, 'stats', '--json'])));
      for (const r of results)
        expect({ round, code: r.code, stderr: r.stderr }).toEqual({ round, code: 0, stderr: '' });
    }
  });

  it('an import and searches starting together on a new archive: search finds every stored article', async () => {
    const input = path.join(dir, 'notes');
    for (let i = 0; i < 60; i++)
      writeFile(
        input,
        `n${String(i).padStart(3, '0')}.txt`,
        `Heron count ${i}\n\nThe herons nested on the island again.`,
      );
    for (let round = 0; round < Math.max(2, ROUNDS / 2); round++) {
      const archive = path.join(dir, `mixed-${round}.sqlite`);
      const [imported, ...searches] = await Promise.all([
        run(['--archive', archive, 'import', '--no-progress', input]),
        run(['--archive', archive, 'search', '--json', 'herons']),
        run(['--archive', archive, 'list', '--json']),
      ]);
      expect({ round, code: imported.code, stderr: imported.stderr }).toEqual({ round, code: 0, stderr: '' });
      for (const s of searches)
        expect({ round, code: s.code, stderr: s.stderr }).toEqual({ round, code: 0, stderr: '' });
      const after = runCli(['--archive', archive, 'search', '--json', 'herons']);
      expect((JSON.parse(after.stdout) as { total: number }).total).toBe(60);
    }
  });
});
