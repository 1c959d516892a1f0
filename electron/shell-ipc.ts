// The page's shell commands (db/contract/bridge.ts) and the preload's archive-key question, sender-checked like calls.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../db/contract/api.js';
import type { ShellCommand, ShellCommands, ShellInput } from '../db/contract/bridge.js';
import { SHELL_COMMANDS } from '../db/contract/bridge.js';
import { toApiError } from '../db/contract/errors.js';
import { ARCHIVE_KEY_CHANNEL, commandChannel, isAppUrl } from './app-origin.js';

/** What main.ts does for each command; inputs arrive unvalidated from the page and are checked here. */
export type ShellActions = {
  [C in ShellCommand]: (
    input: Parameters<ShellCommands[C]>[0],
  ) => ReturnType<ShellCommands[C]> | Promise<ReturnType<ShellCommands[C]>>;
};

function refusal(message: string): ApiResult<unknown> {
  return { ok: false, error: { code: 'INVALID_INPUT', message } };
}

/** `openArchive` (an optional path), `setClipperListener` and `savePdf` (a suggested file name) take input; everything else takes none. */
function checkInput(name: ShellCommand, input: unknown): ShellInput<ShellCommand> | string {
  const value = input ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) return `${name}: the input must be an object`;
  const keys = Object.keys(value);
  if (name === 'openArchive') {
    const p = (value as { path?: unknown }).path;
    if (keys.some((k) => k !== 'path')) return `${name}: unknown field`;
    if (p !== undefined && (typeof p !== 'string' || p.length === 0 || p.length > 4096))
      return `${name}: path must be a file path`;
    return p === undefined ? {} : { path: p };
  }
  if (name === 'setClipperListener') {
    const { enabled, port } = value as { enabled?: unknown; port?: unknown };
    if (keys.some((k) => k !== 'enabled' && k !== 'port')) return `${name}: unknown field`;
    if (typeof enabled !== 'boolean') return `${name}: enabled must be true or false`;
    if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535))
      return `${name}: port must be a whole number from 0 to 65535`;
    return port === undefined ? { enabled } : { enabled, port: port as number };
  }
  if (name === 'savePdf') {
    const f = (value as { fileName?: unknown }).fileName;
    if (keys.some((k) => k !== 'fileName') || typeof f !== 'string' || f.length === 0 || f.length > 200)
      return `${name}: fileName must be a short file name`;
    // A suggested name only: the person picks the folder in the Save dialog, so no path may come from the page.
    return { fileName: f.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-') };
  }
  return keys.length ? `${name}: takes no input` : {};
}

export async function handleCommand(
  actions: ShellActions,
  name: ShellCommand,
  senderUrl: string | null,
  input: unknown,
  isTrustedSender: (url: string | null) => boolean = isAppUrl,
): Promise<ApiResult<unknown>> {
  if (!isTrustedSender(senderUrl)) return refusal(`Refused ${name}: the call did not come from the Stacks app`);
  const checked = checkInput(name, input);
  if (typeof checked === 'string') return refusal(checked);
  try {
    const run = actions[name] as (input: unknown) => unknown;
    return { ok: true, value: (await run(checked)) ?? null };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}

export function registerShellHandlers(
  actions: ShellActions,
  archiveKey: () => string | null,
  isTrustedSender: (url: string | null) => boolean = isAppUrl,
): () => void {
  for (const name of SHELL_COMMANDS) {
    ipcMain.handle(commandChannel(name), (event: IpcMainInvokeEvent, input: unknown) =>
      handleCommand(actions, name, event.senderFrame?.url ?? null, input, isTrustedSender),
    );
  }
  // Synchronous on purpose: the preload needs the key before the page's first call. Not sender-checked: the key
  // is no secret (it only tells archives apart), every call is checked, and the preload may ask before the
  // frame's URL is settled.
  const onKey = (event: IpcMainEvent): void => {
    event.returnValue = archiveKey();
  };
  ipcMain.on(ARCHIVE_KEY_CHANNEL, onKey);
  return () => {
    for (const name of SHELL_COMMANDS) ipcMain.removeHandler(commandChannel(name));
    ipcMain.removeListener(ARCHIVE_KEY_CHANNEL, onKey);
  };
}
