// The coordinate space of annotations: the plain text of an article's current capture, with that capture's hash.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import { stmts } from './statements.js';

export interface ArticleText {
  articleId: number;
  /** Empty when the article has no capture with extracted text yet. */
  text: string;
  /** SHA-256 of the current capture, or null when there is none. */
  captureSha256: string | null;
}

export function articleText(db: Database.Database, articleId: number): ArticleText {
  const row = stmts(db).articleText.get(articleId);
  if (!row) throw new ArchiveError('NOT_FOUND', `There is no article ${articleId}.`);
  return { articleId, text: row.text ?? '', captureSha256: row.sha256 };
}
