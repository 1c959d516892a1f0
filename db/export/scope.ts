// Which articles an export holds: chosen ids, a collection, a search, or every article not in the trash.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { ArticleId, ExportScope } from '../contract/types.js';

/** Article ids matching a search query (injected: the search module is not this module's business). */
export type ResolveQuery = (query: string) => ArticleId[];

export interface ResolvedScope {
  ids: number[];
  /** Short words naming the scope, for titles and file names. */
  label: string;
}

export function resolveScope(db: Database.Database, scope: ExportScope, resolveQuery?: ResolveQuery): ResolvedScope {
  const given = [scope.ids !== undefined, scope.collection !== undefined, scope.query !== undefined].filter(Boolean);
  if (given.length > 1)
    throw new ArchiveError('INVALID_INPUT', 'Export one scope at a time: ids, a collection or a query.');
  if (scope.ids !== undefined) {
    const exists = db.prepare<[number], { id: number }>('SELECT id FROM article WHERE id = ?');
    const ids = [...new Set(scope.ids.map(Number))];
    for (const id of ids) {
      if (!Number.isInteger(id) || !exists.get(id)) throw new ArchiveError('NOT_FOUND', `There is no article ${id}.`);
    }
    return { ids, label: ids.length === 1 ? `article ${ids[0]}` : `${ids.length} articles` };
  }
  if (scope.collection !== undefined) {
    const c = db
      .prepare<[string], { id: number; name: string }>('SELECT id, name FROM collection WHERE name = ?')
      .get(scope.collection.trim());
    if (!c) throw new ArchiveError('NOT_FOUND', `There is no collection named "${scope.collection}".`);
    const ids = db
      .prepare<[number], number>(
        `SELECT a.id FROM article_collection ac JOIN article a ON a.id = ac.article_id
         WHERE ac.collection_id = ? AND a.trashed_at IS NULL ORDER BY a.id`,
      )
      .pluck()
      .all(c.id);
    return { ids, label: `collection ${c.name}` };
  }
  if (scope.query !== undefined) {
    if (!resolveQuery) throw new ArchiveError('INVALID_INPUT', 'Exporting a search needs the search index.');
    const ids = [...new Set(resolveQuery(scope.query).map(Number))].sort((a, b) => a - b);
    return { ids, label: `search ${scope.query}` };
  }
  const ids = db.prepare<[], number>('SELECT id FROM article WHERE trashed_at IS NULL ORDER BY id').pluck().all();
  return { ids, label: 'archive' };
}

/** A file name safe on every OS from the scope words and the date. */
export function packageFileName(label: string, extension: string, now = new Date()): string {
  const slug =
    label
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'export';
  return `stacks-${slug}-${now.toISOString().slice(0, 10)}${extension}`;
}
