// Archive-wide counts and sizes for `stacks stats` and the app's status line.
import fs from 'node:fs';
import type { Archive } from './open.js';
import type { ArchiveStats } from './contract/types.js';
import { schemaVersion } from './migrations/runner.js';
import { cachedStatement } from './util.js';
import { indexFileOf, indexStatus } from './search/index/article-index-file.js';

export function archiveStats(archive: Archive): ArchiveStats {
  const index = indexStatus(archive.db);
  const n = (sql: string): number => (cachedStatement(archive.db, sql).get() as { n: number | null }).n ?? 0;
  const size = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0);
  return {
    articles: n('SELECT count(*) AS n FROM article WHERE trashed_at IS NULL'),
    captures: n('SELECT count(*) AS n FROM capture'),
    assets: n('SELECT count(*) AS n FROM asset'),
    annotations: n('SELECT count(*) AS n FROM annotation WHERE deleted_at IS NULL'),
    orphans: n("SELECT count(*) AS n FROM annotation WHERE deleted_at IS NULL AND anchor_state = 'orphan'"),
    tags: n('SELECT count(*) AS n FROM tag'),
    collections: n('SELECT count(*) AS n FROM collection'),
    bytesOriginal: n('SELECT sum(byte_size) AS n FROM capture'),
    // The archive and its search index file (db/search/index/article-index-file.ts), each with its write-ahead log,
    // and the saved facet columns (db/search/counts/facet-snapshot.ts).
    fileBytes:
      [archive.path, indexFileOf(archive.path)].reduce((sum, f) => sum + size(f) + size(`${f}-wal`), 0) +
      size(`${archive.path}-facets`),
    path: archive.path,
    schemaVersion: schemaVersion(archive.db),
    ...(index ? { index } : {}),
  };
}
