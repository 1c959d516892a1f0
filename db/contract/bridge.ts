// The one declaration of what the Electron preload gives the page: contract calls plus the few shell commands.
import type { ApiResult, ArchiveMethod } from './api.js';
import type { ClipperListenerInfo } from './clipper.js';
import type { ArchiveInfo, RecentArchive } from './notices.js';

/**
 * What only the desktop shell can do for the page (show a native dialog, open a file the user picked). Not archive
 * methods: a page never names a path on disk, except one the shell itself listed as a recent archive.
 */
export interface ShellCommands {
  currentArchive(input: Record<string, never>): ArchiveInfo;
  recentArchives(input: Record<string, never>): RecentArchive[];
  /** Asks where to create a new archive and switches to it; null when the person cancelled. */
  newArchive(input: Record<string, never>): ArchiveInfo | null;
  /** Switches to a recent archive (`path` from recentArchives), or asks which file to open; null when cancelled. */
  openArchive(input: { path?: string }): ArchiveInfo | null;
  /** File › Import File… and Import Folder…: progress and the report arrive as notices. */
  importFiles(input: Record<string, never>): null;
  importFolder(input: Record<string, never>): null;
  /** Settings › Browser clipper: whether the app listens for the clipper, its pairing code, the paired browsers. */
  clipperListener(input: Record<string, never>): ClipperListenerInfo;
  /** Turns the listener on (on `port` when given, 0 for any free port) or off; remembered across launches. */
  setClipperListener(input: { enabled: boolean; port?: number }): ClipperListenerInfo;
  /** A new pairing code: the old one stops working and paired browsers must pair again. */
  newClipperCode(input: Record<string, never>): ClipperListenerInfo;
  /** Prints the page (the reader under its print stylesheet) to PDF and asks where to save it; null when cancelled. */
  savePdf(input: { fileName: string }): string | null;
}

export type ShellCommand = keyof ShellCommands;
export type ShellInput<C extends ShellCommand> = Parameters<ShellCommands[C]>[0];
export type ShellOutput<C extends ShellCommand> = ReturnType<ShellCommands[C]>;

export const SHELL_COMMANDS = [
  'currentArchive',
  'recentArchives',
  'newArchive',
  'openArchive',
  'importFiles',
  'importFolder',
  'clipperListener',
  'setClipperListener',
  'newClipperCode',
  'savePdf',
] as const satisfies readonly ShellCommand[];

type Missing = Exclude<ShellCommand, (typeof SHELL_COMMANDS)[number]>;
const allListed: [Missing] extends [never] ? true : Missing = true;
void allListed;

export function isShellCommand(name: unknown): name is ShellCommand {
  return typeof name === 'string' && (SHELL_COMMANDS as readonly string[]).includes(name);
}

/** `window.stacks` in the desktop app. Both functions answer with data, never a rejection the page must parse. */
export interface StacksBridge {
  invoke(method: ArchiveMethod, input: unknown): Promise<ApiResult<unknown>>;
  command(name: ShellCommand, input?: unknown): Promise<ApiResult<unknown>>;
}
