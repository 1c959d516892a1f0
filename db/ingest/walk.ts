// Expands the paths given to an import (files and folders, recursively) into a sorted list of files.
import fs from 'node:fs';
import path from 'node:path';

export interface WalkResult {
  files: string[];
  /** Paths that could not be read at all (missing, permission denied), with the reason. */
  problems: { file: string; error: string }[];
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

export function walkPaths(paths: string[]): WalkResult {
  const files: string[] = [];
  const problems: WalkResult['problems'] = [];
  const visit = (p: string): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      problems.push({
        file: p,
        error: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or folder.' : (err as Error).message,
      });
      return;
    }
    if (stat.isFile()) {
      files.push(p);
      return;
    }
    if (!stat.isDirectory()) return;
    let names: string[];
    try {
      names = fs.readdirSync(p).sort();
    } catch (err) {
      problems.push({ file: p, error: `Cannot read folder: ${(err as Error).message}` });
      return;
    }
    const siblings = new Set(names);
    for (const name of names) {
      if (skipped(name) || isPageAssetsFolder(p, name, siblings)) continue;
      visit(path.join(p, name));
    }
  };
  for (const p of paths) visit(path.resolve(p));
  return { files, problems };
}
