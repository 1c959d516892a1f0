// Tags and collections on articles: created on demand, case-insensitive names, counts for the sidebar.
import { LIMITS } from '../contract/limits.js';
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { Collection, TagCount } from '../contract/types.js';
import { nowIso } from '../util.js';
import { assertArticleExists } from './articles.js';

function cleanName(kind: string, name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!clean) throw new ArchiveError('INVALID_INPUT', `A ${kind} name cannot be empty.`);
  if (clean.length > LIMITS.name)
    throw new ArchiveError('INVALID_INPUT', `A ${kind} name is at most ${LIMITS.name} characters.`);
  return clean;
}

/** Returns the tag's id, creating the tag when it does not exist yet (names compare case-insensitively). */
export function ensureTag(db: Database.Database, name: string): number {
  const clean = cleanName('tag', name);
  db.prepare('INSERT INTO tag (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(clean);
  return (db.prepare('SELECT id FROM tag WHERE name = ?').get(clean) as { id: number }).id;
}

export function tagArticles(db: Database.Database, ids: number[], tags: string[]): number {
  return db.transaction(() => {
    let changed = 0;
    const insert = db.prepare('INSERT OR IGNORE INTO article_tag (article_id, tag_id) VALUES (?, ?)');
    for (const id of ids) {
      assertArticleExists(db, id);
      for (const tag of tags) changed += insert.run(id, ensureTag(db, tag)).changes;
    }
    return changed;
  })();
}

export function untagArticles(db: Database.Database, ids: number[], tags: string[]): number {
  return db.transaction(() => {
    let changed = 0;
    const remove = db.prepare(
      'DELETE FROM article_tag WHERE article_id = ? AND tag_id = (SELECT id FROM tag WHERE name = ?)',
    );
    for (const id of ids) for (const tag of tags) changed += remove.run(id, tag.trim()).changes;
    return changed;
  })();
}

/** Tags with the number of live articles and annotations carrying them. */
export function listTags(db: Database.Database): TagCount[] {
  return db
    .prepare(
      `SELECT t.name,
      (SELECT count(*) FROM article_tag at JOIN article a ON a.id = at.article_id
        WHERE at.tag_id = t.id AND a.trashed_at IS NULL)
    + (SELECT count(*) FROM annotation_tag nt JOIN annotation n ON n.id = nt.annotation_id
        WHERE nt.tag_id = t.id AND n.deleted_at IS NULL) AS count
    FROM tag t ORDER BY t.name COLLATE NOCASE`,
    )
    .all() as TagCount[];
}

function ensureCollection(db: Database.Database, name: string): number {
  const clean = cleanName('collection', name);
  db.prepare('INSERT INTO collection (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(
    clean,
    nowIso(),
  );
  return (db.prepare('SELECT id FROM collection WHERE name = ?').get(clean) as { id: number }).id;
}

export function addToCollection(db: Database.Database, ids: number[], collection: string): number {
  return db.transaction(() => {
    const cid = ensureCollection(db, collection);
    const insert = db.prepare(
      'INSERT OR IGNORE INTO article_collection (article_id, collection_id, added_at) VALUES (?, ?, ?)',
    );
    let changed = 0;
    for (const id of ids) {
      assertArticleExists(db, id);
      changed += insert.run(id, cid, nowIso()).changes;
    }
    return changed;
  })();
}

export function removeFromCollection(db: Database.Database, ids: number[], collection: string): number {
  return db.transaction(() => {
    const remove = db.prepare(`DELETE FROM article_collection WHERE article_id = ?
      AND collection_id = (SELECT id FROM collection WHERE name = ?)`);
    let changed = 0;
    for (const id of ids) changed += remove.run(id, collection.trim()).changes;
    return changed;
  })();
}

export function listCollections(db: Database.Database): Collection[] {
  return db
    .prepare(
      `SELECT c.name, (SELECT count(*) FROM article_collection ac JOIN article a ON a.id = ac.article_id
      WHERE ac.collection_id = c.id AND a.trashed_at IS NULL) AS count
    FROM collection c ORDER BY c.name COLLATE NOCASE`,
    )
    .all() as Collection[];
}
