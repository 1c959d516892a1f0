// Open + first query in a fresh process with the archive's pages out of the OS page cache ("cold"), beside the warm
// figure: drops the cache with /proc/sys/vm/drop_caches when this process may write it (root), else per file with
// posix_fadvise(DONTNEED) through GNU dd's iflag=nocache, and says which worked (or that neither did).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './measure.js';

export interface ColdOpenFigures {
  query: string;
  /** How the page cache was emptied: 'drop_caches' (the whole machine's) or 'fadvise' (the archive's files only). */
  method: 'drop_caches' | 'fadvise';
  /** Bytes of the archive and index files still in the page cache just before the child started (fincore), when known. */
  residentBytes: number | null;
  /** A fresh process: openArchive + the first search, measured inside the child. */
  childOpenAndQueryMs: number;
  /** The same with loading the modules (cold too after drop_caches, warm after fadvise). */
  childWithModuleLoadMs: number;
}

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The archive file, its search index file and their sidecars that exist. */
function archiveFiles(archiveFile: string): string[] {
  return ['', '-wal', '-search', '-search-wal'].map((s) => archiveFile + s).filter((f) => fs.existsSync(f));
}

/** Bytes of these files in the page cache, from util-linux fincore; null when it is not there. */
function residentBytes(files: string[]): number | null {
  const r = spawnSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', ...files], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return r.stdout
    .trim()
    .split('\n')
    .reduce((sum, l) => sum + (Number(l.trim()) || 0), 0);
}

function dropWholeCache(): boolean {
  try {
    spawnSync('sync');
    fs.writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

/** fsync each file (dirty pages cannot be dropped), then posix_fadvise(DONTNEED) over all of it via dd. */
function dropFilesFromCache(files: string[]): boolean {
  for (const f of files) {
    const fd = fs.openSync(f, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const r = spawnSync('dd', [`if=${f}`, 'iflag=nocache', 'count=0', 'status=none'], { encoding: 'utf8' });
    if (r.status !== 0) return false;
  }
  return true;
}

export function benchColdOpen(
  archiveFile: string,
  query: string,
  allowWholeCacheDrop: boolean,
): ColdOpenFigures | { skipped: string } {
  const files = archiveFiles(archiveFile);
  const tsx = path.join(BENCH_DIR, '..', 'node_modules', '.bin', 'tsx');
  // The child's tsx warms its own compile cache once, so the cold run below pays only for the archive's pages.
  spawnSync(tsx, [path.join(BENCH_DIR, 'open-probe.ts'), archiveFile, query], { encoding: 'utf8' });
  const tried: string[] = [];
  let method: ColdOpenFigures['method'] | null = null;
  if (allowWholeCacheDrop && dropWholeCache()) method = 'drop_caches';
  else {
    tried.push(
      allowWholeCacheDrop ? '/proc/sys/vm/drop_caches not writable' : 'drop_caches not allowed (--cold fadvise)',
    );
    if (dropFilesFromCache(files)) method = 'fadvise';
    else tried.push('dd iflag=nocache failed');
  }
  const resident = residentBytes(files);
  if (!method) return { skipped: `not measurable here: ${tried.join('; ')}` };
  // A drop that left most of the archive cached measured nothing cold.
  const total = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  if (resident !== null && resident > total / 2)
    return { skipped: `not measurable here: ${method} left ${Math.round(resident / 1048576)} MB of the files cached` };
  const child = spawnSync(tsx, [path.join(BENCH_DIR, 'open-probe.ts'), archiveFile, query], { encoding: 'utf8' });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    const r = JSON.parse(line) as { openAndQueryMs: number; withModuleLoadMs: number };
    return {
      query,
      method,
      residentBytes: resident,
      childOpenAndQueryMs: round(r.openAndQueryMs),
      childWithModuleLoadMs: round(r.withModuleLoadMs),
    };
  } catch {
    return { skipped: `open probe failed: ${child.stderr.trim().split('\n').slice(-3).join(' ') || line}` };
  }
}
