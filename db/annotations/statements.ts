// Prepared statements for annotations, prepared once per connection (the bench creates and re-anchors 10,000).
import { nowIso, statementCache } from '../util.js';
import type Database from 'better-sqlite3';

/** Columns every read uses; tags come back as a JSON array sorted by name. */
export const ANNOTATION_COLUMNS = `
  a.id, a.article_id, a.kind, a.capture_sha256, a.color, a.note,
  a.pos_start, a.pos_end, a.quote_exact, a.quote_prefix, a.quote_suffix,
  a.anchor_state, a.anchor_sha256, a.anchor_start, a.anchor_end,
  a.created_at, a.updated_at, a.deleted_at,
  (SELECT json_group_array(name) FROM (
     SELECT t.name FROM annotation_tag x JOIN tag t ON t.id = x.tag_id
     WHERE x.annotation_id = a.id ORDER BY t.name COLLATE NOCASE)) AS tags_json`;

function prepare(db: Database.Database) {
  return {
    articleText: db.prepare<[number], { id: number; text: string | null; sha256: string | null }>(`
      SELECT ar.id, c.text, cap.sha256 FROM article ar
      LEFT JOIN capture cap ON cap.id = ar.current_capture_id
      LEFT JOIN content c ON c.capture_id = ar.current_capture_id
      WHERE ar.id = ?`),
    getAnnotation: db.prepare(`SELECT ${ANNOTATION_COLUMNS} FROM annotation a WHERE a.id = ?`),
    annotationsOfArticle: db.prepare(
      `SELECT ${ANNOTATION_COLUMNS} FROM annotation a WHERE a.article_id = ? ORDER BY a.id`,
    ),
    insertAnnotation: db.prepare(`
      INSERT INTO annotation (article_id, kind, capture_sha256, color, note, pos_start, pos_end,
        quote_exact, quote_prefix, quote_suffix, anchor_state, anchor_sha256, anchor_start, anchor_end,
        created_at, updated_at)
      VALUES (@articleId, @kind, @captureSha256, @color, @note, @posStart, @posEnd,
        @quoteExact, @quotePrefix, @quoteSuffix, @anchorState, @anchorSha256, @anchorStart, @anchorEnd,
        @createdAt, @updatedAt)`),
    updateContent: db.prepare('UPDATE annotation SET color = ?, note = ?, updated_at = ? WHERE id = ?'),
    touch: db.prepare('UPDATE annotation SET updated_at = ? WHERE id = ?'),
    setDeleted: db.prepare('UPDATE annotation SET deleted_at = ? WHERE id = ?'),
    setAnchor: db.prepare(
      'UPDATE annotation SET anchor_state = ?, anchor_sha256 = ?, anchor_start = ?, anchor_end = ? WHERE id = ?',
    ),
    insertRevision: db.prepare(
      'INSERT INTO annotation_revision (annotation_id, action, at, snapshot) VALUES (?, ?, ?, ?)',
    ),
    revisions: db.prepare<
      [number],
      { id: number; annotation_id: number; action: string; at: string; snapshot: string }
    >('SELECT id, annotation_id, action, at, snapshot FROM annotation_revision WHERE annotation_id = ? ORDER BY id'),
    insertTag: db.prepare('INSERT INTO tag (name) VALUES (?) ON CONFLICT (name) DO NOTHING'),
    tagId: db.prepare<[string], { id: number }>('SELECT id FROM tag WHERE name = ?'),
    clearTags: db.prepare('DELETE FROM annotation_tag WHERE annotation_id = ?'),
    addTag: db.prepare('INSERT OR IGNORE INTO annotation_tag (annotation_id, tag_id) VALUES (?, ?)'),
    colorExists: db.prepare<[string], { name: string }>('SELECT name FROM color WHERE name = ?'),
    colorByNameOrLabel: db.prepare<[string, string], { name: string }>(
      'SELECT name FROM color WHERE name = ? COLLATE NOCASE OR label = ? COLLATE NOCASE ORDER BY position LIMIT 1',
    ),
    defaultColor: db.prepare<[], { name: string }>('SELECT name FROM color ORDER BY position LIMIT 1'),
    listColors: db.prepare<[], { name: string; label: string; hex: string }>(
      'SELECT name, label, hex FROM color ORDER BY position, name',
    ),
    upsertColor: db.prepare(`
      INSERT INTO color (name, label, hex, position)
      VALUES (@name, @label, @hex, (SELECT coalesce(max(position), 0) + 1 FROM color))
      ON CONFLICT (name) DO UPDATE SET label = excluded.label, hex = excluded.hex`),
  };
}

export const stmts = statementCache(prepare);

export { nowIso };
