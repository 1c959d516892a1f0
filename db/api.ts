// The archive's implementation of the API contract: composes the repos, import, search and annotations over one file.
import type { ArchiveApi } from './contract/api.js';
import type { ArticleId, ImportProgress } from './contract/types.js';
import type { Archive } from './open.js';
import * as annotations from './annotations/index.js';
import { backupNow, backupStatus, setBackupSettings } from './backup/rotation.js';
import { exportArticles } from './export-articles.js';
import { createImporter, type Importer, type ImportRunOptions } from './ingest/importer.js';
import * as articles from './repos/articles.js';
import { listEvents } from './repos/events.js';
import * as saved from './repos/saved-searches.js';
import * as tags from './repos/tags.js';
import { searchArchive } from './search/index.js';
import { archiveStats } from './stats.js';
import { verifyArchive } from './verify.js';
import { diffCaptures } from './versions/capture-diff.js';

export interface ArchiveService extends ArchiveApi {
  readonly archive: Archive;
  readonly importer: Importer;
  /** importPaths with progress and cancellation, for the CLI and the Electron menu. */
  importPathsWithProgress(paths: string[], options: ImportRunOptions): ReturnType<Importer['importPaths']>;
  /** Stops worker threads; the caller closes the archive. */
  dispose(): Promise<void>;
}

export type { ImportProgress };

/** Every article id matching a query, for exporting the annotations of a search. */
function idsForQuery(archive: Archive, query: string): ArticleId[] {
  const ids: ArticleId[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = searchArchive(archive.db, { query, offset, limit: 200, sort: 'newest' });
    ids.push(...page.hits.map((h) => h.id));
    if (page.hits.length < 200 || ids.length >= page.total) return ids;
  }
}

export function createArchiveApi(archive: Archive): ArchiveService {
  const { db } = archive;
  const importer = createImporter(db, {
    onRecapture: (conn, articleId) => {
      annotations.reanchorArticle(conn, { id: articleId as ArticleId });
    },
  });
  const mark = (ids: number[], patch: { isRead?: boolean; isFavorite?: boolean; isArchived?: boolean }) =>
    db.transaction(() => {
      for (const id of ids) articles.updateArticle(db, id, patch);
      return { changed: ids.length };
    })();

  return {
    archive,
    importer,
    importPathsWithProgress: (paths, options) => importer.importPaths(paths, options),
    dispose: () => importer.close(),

    listArticles: (input) => articles.listArticles(db, input),
    getArticle: ({ id }) => articles.getArticle(db, id),
    updateArticle: ({ id, patch }) => {
      articles.updateArticle(db, id, patch);
      return articles.getArticle(db, id);
    },
    markArticles: ({ ids, ...patch }) => mark(ids, patch),
    setReadingPosition: ({ id, position }) => {
      articles.setReadingPosition(db, id, position);
      return { ok: true };
    },
    trashArticles: ({ ids }) => ({ changed: articles.setTrashed(db, ids, true) }),
    restoreArticles: ({ ids }) => ({ changed: articles.setTrashed(db, ids, false) }),
    listEvents: ({ articleId, limit }) => listEvents(db, articleId, limit),
    timeline: () => articles.timeline(db),

    diffCaptures: (input) => diffCaptures(db, input),
    backupStatus: () => backupStatus(db, archive.path),
    setBackupSettings: (input) => {
      setBackupSettings(db, input);
      return backupStatus(db, archive.path);
    },
    backupNow: async () => {
      const made = await backupNow(db, archive.path);
      const info = backupStatus(db, archive.path).backups.find((b) => b.file === made.file);
      if (!info) throw new Error(`The backup ${made.file} was made but is not in the backups folder.`);
      return info;
    },

    importFile: ({ fileName, dataBase64, sourceUrl, mediaType }) =>
      importer.importOne({
        fileName,
        bytes: new Uint8Array(Buffer.from(dataBase64, 'base64')),
        ...(sourceUrl ? { sourceUrl } : {}),
        ...(mediaType ? { mediaType } : {}),
      }),
    importPaths: ({ paths }) => importer.importPaths(paths),
    verify: () => verifyArchive(db),
    stats: () => archiveStats(archive),
    exportArticles: () => exportArticles(db),

    search: (input) => searchArchive(db, input),
    listSavedSearches: () => saved.listSavedSearches(db),
    saveSearch: ({ name, query }) => saved.saveSearch(db, name, query),
    deleteSavedSearch: ({ name }) => ({ changed: saved.deleteSavedSearch(db, name) }),

    listTags: () => tags.listTags(db),
    tagArticles: ({ ids, tags: names }) => ({ changed: tags.tagArticles(db, ids, names) }),
    untagArticles: ({ ids, tags: names }) => ({ changed: tags.untagArticles(db, ids, names) }),
    listCollections: () => tags.listCollections(db),
    addToCollection: ({ ids, collection }) => ({ changed: tags.addToCollection(db, ids, collection) }),
    removeFromCollection: ({ ids, collection }) => ({ changed: tags.removeFromCollection(db, ids, collection) }),

    createAnnotation: (input) => annotations.createAnnotation(db, input),
    updateAnnotation: (input) => annotations.updateAnnotation(db, input),
    deleteAnnotation: (input) => annotations.deleteAnnotation(db, input),
    restoreAnnotation: (input) => annotations.restoreAnnotation(db, input),
    listAnnotations: (input) => annotations.listAnnotations(db, input),
    annotationHistory: (input) => annotations.annotationHistory(db, input),
    reanchorArticle: (input) => annotations.reanchorArticle(db, input),
    exportAnnotations: (input) => annotations.exportAnnotations(db, input, (q) => idsForQuery(archive, q)),
    importAnnotations: (input) => annotations.importAnnotations(db, input),
    listColors: () => annotations.listColors(db),
    setColor: (input) => annotations.setColor(db, input),
  };
}
