// Deleting articles for good: captures, their content, assets no other article uses, annotations and notes.
import type Database from 'better-sqlite3';
import type { PurgeSummary } from '../contract/types.js';
import { unindexAnnotation } from '../search/index/annotation-index.js';
import { statementCache, writeTransaction } from '../util.js';
import { logEvent } from './events.js';

const stmts = statementCache((db) => ({
  article: db.prepare('SELECT id, title, source_url FROM article WHERE id = ?'),
  captures: db.prepare('SELECT id, byte_size FROM capture WHERE article_id = ?'),
  annotations: db.prepare('SELECT id, kind FROM annotation WHERE article_id = ?'),
  assetsOf: db.prepare(
    `SELECT DISTINCT ca.asset_sha256 AS sha, a.byte_size AS size FROM capture c
     JOIN capture_asset ca ON ca.capture_id = c.id JOIN asset a ON a.sha256 = ca.asset_sha256 WHERE c.article_id = ?`,
  ),
  // An asset stays while a capture of an article that is not being deleted still uses it.
  usedElsewhere: db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM capture_asset ca JOIN capture c ON c.id = ca.capture_id
       WHERE ca.asset_sha256 = ? AND c.article_id NOT IN (SELECT value FROM json_each(?)))`,
    )
    .pluck(),
  trashed: db.prepare('SELECT id FROM article WHERE trashed_at IS NOT NULL ORDER BY id').pluck(),
  deleteRevisions: db.prepare('DELETE FROM annotation_revision WHERE annotation_id = ?'),
  deleteArticle: db.prepare('DELETE FROM article WHERE id = ?'),
  deleteAsset: db.prepare(
    'DELETE FROM asset WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM capture_asset WHERE asset_sha256 = ?)',
  ),
  // Earlier events stay in the log, no longer tied to an id a later article may be given.
  detachEvents: db.prepare('UPDATE event SET article_id = NULL WHERE article_id = ?'),
  detachCaptureEvents: db.prepare('UPDATE event SET capture_id = NULL WHERE capture_id = ?'),
}));

interface Plan {
  summary: PurgeSummary;
  articles: Array<{ id: number; title: string; sourceUrl: string | null }>;
  captures: number[];
  annotations: number[];
  assets: string[];
}

function emptySummary(): PurgeSummary {
  return { articles: 0, captures: 0, assets: 0, annotations: 0, notes: 0, bytes: 0 };
}

/** What deleting these articles would remove; ids that name no article are skipped. */
function plan(db: Database.Database, ids: readonly number[]): Plan {
  const s = stmts(db);
  const p: Plan = { summary: emptySummary(), articles: [], captures: [], annotations: [], assets: [] };
  const unique = [...new Set(ids)];
  const idsJson = JSON.stringify(unique);
  const seenAssets = new Set<string>();
  for (const id of unique) {
    const a = s.article.get(id) as { id: number; title: string; source_url: string | null } | undefined;
    if (!a) continue;
    p.articles.push({ id: a.id, title: a.title, sourceUrl: a.source_url });
    for (const c of s.captures.all(id) as Array<{ id: number; byte_size: number }>) {
      p.captures.push(c.id);
      p.summary.bytes += c.byte_size;
    }
    for (const n of s.annotations.all(id) as Array<{ id: number; kind: string }>) {
      p.annotations.push(n.id);
      if (n.kind === 'article-note') p.summary.notes++;
      else p.summary.annotations++;
    }
    for (const asset of s.assetsOf.all(id) as Array<{ sha: string; size: number }>) {
      if (seenAssets.has(asset.sha)) continue;
      seenAssets.add(asset.sha);
      if (s.usedElsewhere.get(asset.sha, idsJson) === 1) continue;
      p.assets.push(asset.sha);
      p.summary.bytes += asset.size;
    }
  }
  p.summary.articles = p.articles.length;
  p.summary.captures = p.captures.length;
  p.summary.assets = p.assets.length;
  return p;
}

/** The ids in the trash now. */
export function trashedIds(db: Database.Database): number[] {
  return stmts(db).trashed.all() as number[];
}

export function previewPurge(db: Database.Database, ids: readonly number[]): PurgeSummary {
  return plan(db, ids).summary;
}

/**
 * Deletes the articles and everything that is theirs alone, in one transaction, and logs one 'purged' event per
 * article (not tied to its id, which a later article may reuse). Freed pages are overwritten (secure_delete), so
 * the deleted text does not linger in the file. The caller drops the articles from the search index after commit.
 */
export function purgeArticles(db: Database.Database, ids: readonly number[]): { summary: PurgeSummary; ids: number[] } {
  const s = stmts(db);
  const secure = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    return writeTransaction(db, () => {
      const p = plan(db, ids);
      for (const annotationId of p.annotations) {
        unindexAnnotation(db, annotationId);
        s.deleteRevisions.run(annotationId);
      }
      for (const captureId of p.captures) s.detachCaptureEvents.run(captureId);
      // The article's captures, content, capture assets, annotations, tags and collections go by ON DELETE CASCADE.
      for (const a of p.articles) {
        s.detachEvents.run(a.id);
        s.deleteArticle.run(a.id);
      }
      for (const sha of p.assets) s.deleteAsset.run(sha, sha);
      for (const a of p.articles) {
        logEvent(
          db,
          'purged',
          null,
          null,
          `article ${a.id} “${a.title}”${a.sourceUrl ? ` (${a.sourceUrl})` : ''} deleted permanently`,
        );
      }
      return { summary: p.summary, ids: p.articles.map((a) => a.id) };
    });
  } finally {
    db.pragma(`secure_delete = ${secure}`);
  }
}
