// Expands the paths given to an import (files and folders, recursively) into a sorted list of files.
import fs from 'node:fs';
import path from 'node:path';

export interface WalkResult {
  files: string[];
  /** Paths that could not be read at all (missing, permission denied, not a file), with the reason. */
  problems: { file: string; error: string }[];
  /**
   * The exact bytes of file names that are not valid UTF-8, by the name shown for them (with U+FFFD where a byte
   * could not be decoded): the shown name cannot be opened, these bytes can.
   */
  rawPaths: Map<string, Buffer>;
}

/** Hidden files and folders (.git, .DS_Store) and OS litter are not articles. */
function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'Thumbs.db' || name === 'desktop.ini';
}

/** Folders that a browser's "save page" writes beside a page hold its images, not articles. */
function isPageAssetsFolder(dir: string, name: string, siblings: Set<string>): boolean {
  const m = /^(.*)_files$/.exec(name) ?? /^(.*)\.files$/.exec(name);
  if (!m) return false;
  const base = m[1]!;
  return (
    ['.html', '.htm', '.xhtml', '.shtml'].some((ext) => siblings.has(base + ext)) ||
    fs.existsSync(path.join(dir, base + '.html'))
  );
}

/** What a path that is neither a file nor a folder is, in words. */
function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a device (a terminal or similar)';
  if (stat.isBlockDevice()) return 'a disk device';
  return 'not a regular file';
}

const SLASH = Buffer.from(path.sep);

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isUtf8(name: Buffer): boolean {
  return Buffer.from(name.toString('utf8'), 'utf8').equals(name);
}

/**
 * Every file under `paths`, in sorted order. Folders are read by the bytes of their entries' names, so a name
 * that is not valid UTF-8 is still found. Each folder is entered once by its real path: a symlink back to a folder
 * already walked (`self -> .`) would otherwise be followed forever; it is reported once and skipped.
 */
export function walkPaths(paths: string[]): WalkResult {
  const files: string[] = [];
  const problems: WalkResult['problems'] = [];
  const rawPaths = new Map<string, Buffer>();
  const visitedFolders = new Set<string>();
  const visit = (raw: Buffer, shown: string, listed: boolean): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(raw);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push({
        file: shown,
        error:
          code === 'ENOENT'
            ? listed
              ? 'A link to something that does not exist.'
              : 'No such file or folder.'
            : code === 'ELOOP'
              ? 'A link that points back to itself.'
              : code === 'EACCES'
                ? 'Permission denied.'
                : (err as Error).message,
      });
      return;
    }
    if (stat.isFile()) {
      files.push(shown);
      if (!isUtf8(raw)) rawPaths.set(shown, raw);
      return;
    }
    if (!stat.isDirectory()) {
      problems.push({ file: shown, error: `Skipped: this is ${kindOf(stat)}, not a file or folder.` });
      return;
    }
    let real: string;
    try {
      real = fs.realpathSync.native(raw, { encoding: 'buffer' }).toString('latin1');
    } catch {
      real = raw.toString('latin1');
    }
    if (visitedFolders.has(real)) {
      problems.push({
        file: shown,
        error: listed
          ? 'Skipped: this links back to a folder already being imported (a symlink cycle).'
          : 'Skipped: this folder is already being imported.',
      });
      return;
    }
    visitedFolders.add(real);
    let names: Buffer[];
    try {
      // Sorted by the names as text (the order a listing shows), bytes breaking the ties of undecodable names.
      names = fs
        .readdirSync(raw, { encoding: 'buffer' })
        .sort((a, b) => compareText(a.toString('utf8'), b.toString('utf8')) || Buffer.compare(a, b));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push({
        file: shown,
        error: `Cannot read folder: ${code === 'EACCES' ? 'permission denied.' : (err as Error).message}`,
      });
      return;
    }
    const text = names.map((n) => n.toString('utf8'));
    const siblings = new Set(text);
    for (let i = 0; i < names.length; i++) {
      const name = text[i]!;
      if (skipped(name) || isPageAssetsFolder(shown, name, siblings)) continue;
      visit(Buffer.concat([raw, SLASH, names[i]!]), path.join(shown, name), true);
    }
  };
  for (const p of paths) {
    const full = path.resolve(p);
    visit(Buffer.from(full), full, false);
  }
  return { files, problems, rawPaths };
}
