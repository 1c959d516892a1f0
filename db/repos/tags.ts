// Tags and collections on articles: created on demand, case-insensitive names, counts for the sidebar.
import { LIMITS } from '../contract/limits.js';
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { Collection, TagCount } from '../contract/types.js';
import type { ApiInput } from '../contract/api.js';
import { nowIso, statementCache, writeTransaction } from '../util.js';
import { assertArticleExists } from './articles.js';

function cleanName(kind: string, name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!clean) throw new ArchiveError('INVALID_INPUT', `A ${kind} name cannot be empty.`);
  if (clean.length > LIMITS.name)
    throw new ArchiveError('INVALID_INPUT', `A ${kind} name is at most ${LIMITS.name} characters.`);
  return clean;
}

// Prepared once per connection, like every repo's statements.
const stmts = statementCache((db) => ({
  insertTag: db.prepare('INSERT INTO tag (name) VALUES (?) ON CONFLICT (name) DO NOTHING'),
  tagId: db.prepare('SELECT id FROM tag WHERE name = ?').pluck(),
  tagArticle: db.prepare('INSERT OR IGNORE INTO article_tag (article_id, tag_id) VALUES (?, ?)'),
  untagArticle: db.prepare(
    'DELETE FROM article_tag WHERE article_id = ? AND tag_id = (SELECT id FROM tag WHERE name = ?)',
  ),
  listTags: db.prepare(
    `SELECT name, articles + annotations AS count, articles, annotations FROM (
      SELECT t.name,
        (SELECT count(*) FROM article_tag at JOIN article a ON a.id = at.article_id
          WHERE at.tag_id = t.id AND a.trashed_at IS NULL) AS articles,
        (SELECT count(*) FROM annotation_tag nt JOIN annotation n ON n.id = nt.annotation_id
          WHERE nt.tag_id = t.id AND n.deleted_at IS NULL) AS annotations
      FROM tag t) ORDER BY name COLLATE NOCASE`,
  ),
  insertCollection: db.prepare('INSERT INTO collection (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
  collectionId: db.prepare('SELECT id FROM collection WHERE name = ?').pluck(),
  collect: db.prepare(
    'INSERT OR IGNORE INTO article_collection (article_id, collection_id, added_at) VALUES (?, ?, ?)',
  ),
  uncollect: db.prepare(`DELETE FROM article_collection WHERE article_id = ?
      AND collection_id = (SELECT id FROM collection WHERE name = ?)`),
  listCollections: db.prepare(
    `SELECT c.name, (SELECT count(*) FROM article_collection ac JOIN article a ON a.id = ac.article_id
      WHERE ac.collection_id = c.id AND a.trashed_at IS NULL) AS count
    FROM collection c ORDER BY c.name COLLATE NOCASE`,
  ),
}));

/** Returns the tag's id, creating the tag when it does not exist yet (names compare case-insensitively). */
export function ensureTag(db: Database.Database, name: string): number {
  const clean = cleanName('tag', name);
  const s = stmts(db);
  s.insertTag.run(clean);
  return s.tagId.get(clean) as number;
}

export function tagArticles(db: Database.Database, { ids, tags }: ApiInput<'tagArticles'>): number {
  return writeTransaction(db, () => {
    let changed = 0;
    for (const id of ids) {
      assertArticleExists(db, id);
      for (const tag of tags) changed += stmts(db).tagArticle.run(id, ensureTag(db, tag)).changes;
    }
    return changed;
  });
}

export function untagArticles(db: Database.Database, { ids, tags }: ApiInput<'untagArticles'>): number {
  return writeTransaction(db, () => {
    let changed = 0;
    for (const id of ids) for (const tag of tags) changed += stmts(db).untagArticle.run(id, tag.trim()).changes;
    return changed;
  });
}

/** Tags with the number of live articles and annotations carrying them. */
export function listTags(db: Database.Database): TagCount[] {
  return stmts(db).listTags.all() as TagCount[];
}

export function ensureCollection(db: Database.Database, name: string): number {
  const clean = cleanName('collection', name);
  const s = stmts(db);
  s.insertCollection.run(clean, nowIso());
  return s.collectionId.get(clean) as number;
}

export function addToCollection(db: Database.Database, { ids, collection }: ApiInput<'addToCollection'>): number {
  return writeTransaction(db, () => {
    const cid = ensureCollection(db, collection);
    let changed = 0;
    for (const id of ids) {
      assertArticleExists(db, id);
      changed += stmts(db).collect.run(id, cid, nowIso()).changes;
    }
    return changed;
  });
}

export function removeFromCollection(
  db: Database.Database,
  { ids, collection }: ApiInput<'removeFromCollection'>,
): number {
  return writeTransaction(db, () => {
    let changed = 0;
    for (const id of ids) changed += stmts(db).uncollect.run(id, collection.trim()).changes;
    return changed;
  });
}

export function listCollections(db: Database.Database): Collection[] {
  return stmts(db).listCollections.all() as Collection[];
}
