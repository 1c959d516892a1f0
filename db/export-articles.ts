// `stacks export`: every article with its metadata, captures (hashes, not bytes), tags and collections, as JSON.
import type Database from 'better-sqlite3';
import type { ArticleId, ExportedFile } from './contract/types.js';
import { getArticle } from './repos/articles.js';
import { cachedStatement } from './util.js';

export function exportArticles(db: Database.Database): ExportedFile {
  const ids = cachedStatement(db, 'SELECT id FROM article ORDER BY id').pluck().all() as number[];
  const articles = ids.map((id) => {
    const { html: _html, text: _text, events: _events, ...meta } = getArticle(db, { id: id as ArticleId });
    return meta;
  });
  const content = JSON.stringify(
    { format: 'stacks-articles', version: 1, exportedAt: new Date().toISOString(), articles },
    null,
    2,
  );
  return { fileName: 'stacks-articles.json', mediaType: 'application/json', content };
}
