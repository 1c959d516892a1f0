// The desktop shell's commands (archives, native import dialogs) as typed async calls; null under `stacks serve`.
import type { ShellCommand, ShellCommands, ShellInput, ShellOutput } from '../../db/contract/bridge.js';
import { SHELL_COMMANDS } from '../../db/contract/bridge.js';
import { ClientError } from './client-error.js';

export type ShellClient = {
  [C in ShellCommand]: (input?: ShellInput<C>) => Promise<ShellOutput<C>>;
};

/** The shell when the page runs in the desktop app; a browser tab has none (its archive is the server's). */
export function createShellClient(): ShellClient | null {
  const bridge = typeof window !== 'undefined' ? window.stacks : undefined;
  if (!bridge || typeof bridge.command !== 'function') return null;
  const shell: Record<string, unknown> = {};
  for (const name of SHELL_COMMANDS) {
    shell[name] = async (input?: unknown) => {
      const result = await bridge.command(name, input ?? {});
      if (result.ok) return result.value;
      throw new ClientError(result.error.code, result.error.message);
    };
  }
  return shell as ShellClient;
}

export type { ShellCommands };
