// Messages from the desktop shell to the page, typed like the calls: one map of notice name -> payload.
import type { ImportProgress, ImportReport } from './types.js';

/** The archive a window works on. `key` changes at every switch, so a call meant for another archive is refused. */
export interface ArchiveInfo {
  key: string;
  path: string;
  /** What the title bar and the start screen show: the file name without its extension. */
  name: string;
}

export interface RecentArchive {
  path: string;
  name: string;
  /** ISO time it was last opened. */
  openedAt: string;
  /** False when the file is not there now (a removable drive that is not connected, say). */
  available: boolean;
}

/**
 * Every notice the main process sends to the page (VS Code's typed channel events are the model). The preload
 * re-emits each as a `stacks:<name>` window event whose detail is the payload as a JSON string.
 */
export interface ShellNotices {
  /** A menu import began with these paths. */
  'import-started': { paths: string[] };
  /** Counts of the running menu import, a few times a second. */
  'import-progress': ImportProgress;
  /** Something changed the archive outside the page (a menu import: its report). */
  'archive-changed': ImportReport | null;
  /** View › Search. */
  'focus-search': null;
  /** Another archive is open now: everything the page holds belongs to the previous one. */
  'archive-switched': ArchiveInfo;
  /** The open archive's file cannot be reached any more (its drive was removed, say); calls are refused. */
  'archive-unavailable': { path: string; name: string; message: string };
}

export type NoticeName = keyof ShellNotices;

/** Every notice name; the preload forwards these and nothing else. */
export const NOTICE_NAMES = [
  'import-started',
  'import-progress',
  'archive-changed',
  'focus-search',
  'archive-switched',
  'archive-unavailable',
] as const satisfies readonly NoticeName[];

type Missing = Exclude<NoticeName, (typeof NOTICE_NAMES)[number]>;
const allListed: [Missing] extends [never] ? true : Missing = true;
void allListed;

export function isNoticeName(name: unknown): name is NoticeName {
  return typeof name === 'string' && (NOTICE_NAMES as readonly string[]).includes(name);
}

/** The window event a notice arrives as. */
export function noticeEvent<N extends NoticeName>(name: N): `stacks:${N}` {
  return `stacks:${name}`;
}

/** The file name an archive is shown by: "Client A" for /media/usb/Client A.stacks.sqlite. */
export function archiveDisplayName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/(\.stacks)?(\.sqlite3?|\.db)?$/i, '').replace(/\.stacks$/i, '') || base;
}
