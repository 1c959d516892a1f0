// Runs the real `stacks` command (bin/stacks.js) in a child process and captures what a user would see.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const STACKS_BIN = fileURLToPath(new URL('../../bin/stacks.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [STACKS_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, [STACKS_BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Parses output made of one JSON value per line. */
export function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
}
