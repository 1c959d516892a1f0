// Section figure: peak RSS of a process that opens the archive and runs every query class (bundled probe, plain Node).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleProbe } from './bundle.js';
import { round } from './measure.js';

export interface SearchRssFigures {
  searches: number;
  seconds: number;
  /** Peak resident set size of the whole process (VmHWM: every thread, Node's own start-up included). */
  peakRssBytes: number;
  /** RSS once the modules were loaded (before the archive opened), and right after opening it. */
  rssAfterLoadBytes: number;
  rssAfterOpenBytes: number;
}

export async function benchSearchRss(
  archiveFile: string,
  queries: string[],
  workDir: string,
): Promise<SearchRssFigures | { skipped: string }> {
  if (queries.length === 0) return { skipped: 'no queries' };
  const dir = path.join(workDir, 'search-rss-probe');
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    const probe = await bundleProbe('search-rss-probe', dir);
    const queriesFile = path.join(dir, 'queries.json');
    fs.writeFileSync(queriesFile, JSON.stringify(queries));
    const child = spawnSync(process.execPath, [probe, archiveFile, queriesFile], { encoding: 'utf8' });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    try {
      const r = JSON.parse(line) as {
        searches: number;
        seconds: number;
        rssAfterLoad: number;
        rssAfterOpen: number;
        peakRssBytes: number;
      };
      return {
        searches: r.searches,
        seconds: round(r.seconds, 2),
        peakRssBytes: r.peakRssBytes,
        rssAfterLoadBytes: r.rssAfterLoad,
        rssAfterOpenBytes: r.rssAfterOpen,
      };
    } catch {
      return { skipped: `search RSS probe failed: ${child.stderr.trim().split('\n').slice(-3).join(' ') || line}` };
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
