// Waits for the index thread to rank the heaviest searches ahead (kept pages), timing it: searches are measured after.
import type { OpenedArchive } from './load.js';
import { isMissing, tryImport } from './load.js';

export interface KeptFigures {
  /** Searches with a current kept page once done. */
  searches: number;
  seconds: number;
}

/** Null when the code has no kept pages (an older commit). Logs progress every ~30 s: at 1M it takes a while. */
export async function rankAheadAfterImport(
  archive: OpenedArchive,
  log: (line: string) => void = () => {},
): Promise<KeptFigures | null> {
  const sync = await tryImport<{
    keepPagesInBackground?(
      db: OpenedArchive['db'],
      onProgress?: (done: number, total: number) => void,
    ): Promise<number | null>;
  }>('../db/search/index/article-index-sync.js');
  if (isMissing(sync) || !sync.keepPagesInBackground) return null;
  const t = performance.now();
  let said = t;
  const searches = await sync.keepPagesInBackground(archive.db, (done, total) => {
    if (performance.now() - said < 30_000) return;
    said = performance.now();
    log(`  ranking the heaviest searches ahead: ${done}/${total}`);
  });
  return searches === null ? null : { searches, seconds: (performance.now() - t) / 1000 };
}
