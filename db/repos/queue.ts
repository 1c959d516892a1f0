// The reading queue: "Later" in the order the reader gives it, and "Continue reading" (unfinished, last read first).
import type Database from 'better-sqlite3';
import type { ApiInput } from '../contract/api.js';
import { ArchiveError } from '../contract/errors.js';
import type { ArticleId, ArticleList, QueueListRequest } from '../contract/types.js';
import { nowIso, statementCache, writeTransaction } from '../util.js';
import { assertArticleExists, SUMMARY_COLUMNS, toSummary, type ArticleRow } from './articles.js';

/** An article read this far counts as finished even if it was marked unread again afterwards. */
const FINISHED = 0.97;

/**
 * The queue is read from `later` outward (CROSS JOIN fixes SQLite's join order): it holds tens of articles where the
 * archive may hold a million. Left to itself the planner walked every live article and probed the queue for each,
 * 40-70 ms at 1M for an empty queue, asked at every change of view (the sidebar's count).
 */
export const LATER_SQL = {
  total: 'SELECT count(*) FROM later l CROSS JOIN article a ON a.id = l.article_id WHERE a.trashed_at IS NULL',
  page: `SELECT ${SUMMARY_COLUMNS} FROM later l CROSS JOIN article a ON a.id = l.article_id
    WHERE a.trashed_at IS NULL ORDER BY l.position, l.article_id LIMIT ? OFFSET ?`,
  /** The whole queue, trashed entries included: they keep their place for when they are restored. */
  all: `SELECT l.article_id AS id, l.position, a.trashed_at IS NOT NULL AS trashed
    FROM later l CROSS JOIN article a ON a.id = l.article_id ORDER BY l.position, l.article_id`,
};

const stmts = statementCache((db) => ({
  laterTotal: db.prepare(LATER_SQL.total).pluck(),
  laterPage: db.prepare(LATER_SQL.page),
  laterAll: db.prepare(LATER_SQL.all),
  nextPosition: db.prepare('SELECT coalesce(max(position) + 1, 0) FROM later').pluck(),
  add: db.prepare('INSERT OR IGNORE INTO later (article_id, position, added_at) VALUES (?, ?, ?)'),
  remove: db.prepare('DELETE FROM later WHERE article_id = ?'),
  setPosition: db.prepare('UPDATE later SET position = ? WHERE article_id = ?'),
  continueTotal: db
    .prepare(
      `SELECT count(*) FROM article a WHERE a.position_at IS NOT NULL AND a.is_read = 0 AND a.trashed_at IS NULL
      AND a.progress < ${FINISHED}`,
    )
    .pluck(),
  continuePage: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM article a
    WHERE a.position_at IS NOT NULL AND a.is_read = 0 AND a.trashed_at IS NULL AND a.progress < ${FINISHED}
    ORDER BY a.position_at DESC, a.id DESC LIMIT ? OFFSET ?`),
}));

function page(req: QueueListRequest): [limit: number, offset: number] {
  return [Math.min(Math.max(req.limit ?? 50, 1), 500), Math.max(req.offset ?? 0, 0)];
}

export function listLater(db: Database.Database, req: QueueListRequest): ArticleList {
  const s = stmts(db);
  const total = s.laterTotal.get() as number;
  const rows = s.laterPage.all(...page(req)) as ArticleRow[];
  return { total, items: rows.map(toSummary) };
}

/** Appends the articles to the queue in the order given; an article already queued keeps its place. */
export function addToLater(db: Database.Database, { ids }: ApiInput<'addToLater'>): number {
  return writeTransaction(db, () => {
    const s = stmts(db);
    let next = s.nextPosition.get() as number;
    let changed = 0;
    const at = nowIso();
    for (const id of ids) {
      assertArticleExists(db, id);
      const r = s.add.run(id, next, at);
      if (r.changes) {
        changed++;
        next++;
      }
    }
    return changed;
  });
}

export function removeFromLater(db: Database.Database, { ids }: ApiInput<'removeFromLater'>): number {
  return writeTransaction(db, () => {
    let changed = 0;
    for (const id of ids) changed += stmts(db).remove.run(id).changes;
    return changed;
  });
}

/**
 * Moves one queued article to place `to` of the queue as it is shown (trashed entries hidden): before the article
 * shown there now, or last. Places are then renumbered 0..n-1, writing only the rows whose place changed.
 */
export function moveInLater(db: Database.Database, { id, to }: ApiInput<'moveInLater'>): number {
  return writeTransaction(db, () => {
    const s = stmts(db);
    const all = s.laterAll.all() as { id: ArticleId; position: number; trashed: number }[];
    const from = all.findIndex((e) => e.id === id);
    if (from < 0) throw new ArchiveError('NOT_FOUND', `Article ${id} is not in Later.`);
    const [moved] = all.splice(from, 1);
    const shown = all.filter((e) => !e.trashed);
    const before = shown[Math.max(0, to)];
    const at = before ? all.indexOf(before) : all.length;
    all.splice(at, 0, moved!);
    let changed = 0;
    all.forEach((e, i) => {
      if (e.position !== i) changed += s.setPosition.run(i, e.id).changes;
    });
    return changed;
  });
}

export function listContinueReading(db: Database.Database, req: QueueListRequest): ArticleList {
  const s = stmts(db);
  const total = s.continueTotal.get() as number;
  const rows = s.continuePage.all(...page(req)) as ArticleRow[];
  return { total, items: rows.map(toSummary) };
}
