// The recent-archives list the desktop app shows (File › Open Recent, the start screen), kept in a small JSON file.
import fs from 'node:fs';
import path from 'node:path';
import { archiveDisplayName, type RecentArchive } from '../contract/notices.js';

export const MAX_RECENT = 10;

interface Stored {
  path: string;
  openedAt: string;
}

/** Reads the list; a missing or damaged file is an empty list (it is a convenience, never the archive itself). */
function read(file: string): Stored[] {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (e): e is Stored => !!e && typeof e === 'object' && typeof e.path === 'string' && typeof e.openedAt === 'string',
    );
  } catch {
    return [];
  }
}

/** Written whole to a temporary file and renamed over the old one, so a crash never leaves half a list. */
function write(file: string, entries: Stored[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(entries, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export class RecentArchives {
  constructor(private readonly file: string) {}

  /** Newest first; `available` says whether the file is there now (a drive may be unplugged). */
  list(): RecentArchive[] {
    return read(this.file).map((e) => ({
      path: e.path,
      name: archiveDisplayName(e.path),
      openedAt: e.openedAt,
      available: fs.existsSync(e.path),
    }));
  }

  /** Puts `archive` first (once), keeping at most MAX_RECENT entries. */
  add(archive: string, now = new Date()): void {
    const full = path.resolve(archive);
    const rest = read(this.file).filter((e) => e.path !== full);
    write(this.file, [{ path: full, openedAt: now.toISOString() }, ...rest].slice(0, MAX_RECENT));
  }

  remove(archive: string): void {
    const full = path.resolve(archive);
    write(
      this.file,
      read(this.file).filter((e) => e.path !== full),
    );
  }

  clear(): void {
    write(this.file, []);
  }

  has(archive: string): boolean {
    const full = path.resolve(archive);
    return read(this.file).some((e) => e.path === full);
  }
}
