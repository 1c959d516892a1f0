// The archive's implementation of the API contract: composes the repos, import, search and annotations over one file.
import type { ArchiveApi } from './contract/api.js';
import { ArchiveError } from './contract/errors.js';
import type { ArticleDetail, ArticleId, ImportFileRequest, ImportOutcome, ImportProgress } from './contract/types.js';
import type { Archive } from './open.js';
import * as annotations from './annotations/index.js';
import { backupNow, backupStatus, setBackupSettings } from './backup/rotation.js';
import { exportArticles } from './export-articles.js';
import { toHttpUrl } from './extract/html-metadata.js';
import { createExportJobs, type ExportJobs } from './export/jobs.js';
import { createImportJobs } from './ingest/import-jobs.js';
import { createImporter, type Importer, type ImportRunOptions } from './ingest/importer.js';
import * as articles from './repos/articles.js';
import { listEvents, logEvent } from './repos/events.js';
import * as queue from './repos/queue.js';
import * as saved from './repos/saved-searches.js';
import { asExtracted, editArticleMetadata } from './repos/metadata.js';
import * as purge from './repos/purge.js';
import { catchUpIndex } from './search/index/article-index-sync.js';
import * as tags from './repos/tags.js';
import { searchArchive } from './search/index.js';
import { archiveStats } from './stats.js';
import { archiveDisplayName } from './contract/notices.js';
import { writeTransaction } from './util.js';
import { verifyArchive } from './verify.js';
import { compactArchive } from './codec/compact.js';
import { createCompactJobs } from './codec/compact-jobs.js';
import { diffCaptures } from './versions/capture-diff.js';
import { createCapturer, type CaptureRunOptions, type Capturer } from './capture/capture.js';
import { clipPage } from './capture/clip.js';
import { citeArticles, exportOneArticle } from './export/article/index.js';
import { originalPage } from './export/article/original-page.js';
import type { CaptureSettings } from './capture/settings.js';

export interface ArchiveService extends ArchiveApi {
  readonly archive: Archive;
  readonly importer: Importer;
  /**
   * Bulk import of files and folders named by path. Not part of the contract on purpose: no HTTP route or IPC
   * channel can reach it, only a local caller (the CLI with the paths its user typed, the desktop shell with the
   * paths its user picked in the native dialog, tests).
   */
  importPaths(input: { paths: string[] }, options?: ImportRunOptions): ReturnType<Importer['importPaths']>;
  /** Background package exports (WACZ, BagIt, JSON); transports hand a finished one over as a download. */
  readonly exports: ExportJobs;
  /** importPaths with progress and cancellation, for the CLI and the Electron menu. */
  importPathsWithProgress(paths: string[], options: ImportRunOptions): ReturnType<Importer['importPaths']>;
  /** captureUrls with progress, per-URL outcomes and cancel, for the CLI. */
  readonly capturer: Capturer;
  captureUrlsWithProgress(urls: string[], options: CaptureRunOptions): ReturnType<Capturer['captureUrls']>;
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

export interface ArchiveServiceOptions {
  /** Capture limits and manners (tests shorten the timeouts and the pause between requests to a host). */
  capture?: Partial<CaptureSettings>;
}

export function createArchiveApi(archive: Archive, serviceOptions: ArchiveServiceOptions = {}): ArchiveService {
  const { db } = archive;
  const importer = createImporter(db, {
    onRecapture: (conn, articleId) => {
      annotations.reanchorArticle(conn, { id: articleId as ArticleId });
    },
  });
  const exports = createExportJobs(archive);
  const importFileNow = async (
    { fileName, dataBase64, sourceUrl, mediaType, pageFiles }: ImportFileRequest,
    run: ImportRunOptions = {},
  ): Promise<ImportOutcome> => {
    // Only a web address becomes the article's source link; anything else (javascript:, data:, file:) is kept
    // in the provenance log as plain text, where nothing can follow it.
    const webUrl = toHttpUrl(sourceUrl);
    const outcome = await importer.importOne(
      {
        fileName,
        bytes: new Uint8Array(Buffer.from(dataBase64, 'base64')),
        ...(webUrl ? { sourceUrl: webUrl } : {}),
        ...(mediaType ? { mediaType } : {}),
        ...(pageFiles?.length
          ? {
              pageFiles: pageFiles.map((f) => ({
                path: f.path,
                bytes: new Uint8Array(Buffer.from(f.dataBase64, 'base64')),
              })),
            }
          : {}),
      },
      run,
    );
    if (sourceUrl && !webUrl && outcome.status === 'imported' && outcome.id !== undefined) {
      logEvent(db, 'captured', outcome.id, null, `source given as text, not a web address: ${sourceUrl}`);
    }
    return outcome;
  };
  const imports = createImportJobs(importFileNow);
  const compactions = createCompactJobs(db, archive.path);
  const refuseReadOnlyCompact = (): void => {
    if (archive.readOnly)
      throw new ArchiveError('READ_ONLY', 'This archive is open read-only: it cannot be compacted.');
  };
  const capturer = createCapturer(db, importer, serviceOptions.capture);
  const withExtracted = (detail: ArticleDetail): ArticleDetail => {
    const original = asExtracted(db, detail.id);
    return Object.keys(original).length ? { ...detail, asExtracted: original } : detail;
  };
  const mark = (ids: ArticleId[], patch: { isRead?: boolean; isFavorite?: boolean; isArchived?: boolean }) =>
    writeTransaction(db, () => {
      for (const id of ids) articles.updateArticle(db, { id, patch });
      return { changed: ids.length };
    });

  return {
    archive,
    importer,
    importPaths: ({ paths }, options) => importer.importPaths(paths, options),
    exports,
    importPathsWithProgress: (paths, options) => importer.importPaths(paths, options),
    capturer,
    captureUrlsWithProgress: (urls, options) => capturer.captureUrls(urls, options),
    dispose: async () => {
      await imports.dispose();
      await compactions.dispose();
      await exports.dispose();
      await importer.close();
    },

    listArticles: (input) => articles.listArticles(db, input),
    getArticle: (input) => withExtracted(articles.getArticle(db, input)),
    updateArticle: ({ id, patch: { title, ...marks } }) => {
      // A new title is a metadata correction: logged old -> new and reindexed, as editArticle does.
      if (title !== undefined && editArticleMetadata(db, id, { title }).length) catchUpIndex(db);
      articles.updateArticle(db, { id, patch: marks });
      return withExtracted(articles.getArticle(db, { id }));
    },
    markArticles: ({ ids, ...patch }) => mark(ids, patch),
    setReadingPosition: (input) => {
      articles.setReadingPosition(db, input);
      return { ok: true };
    },
    trashArticles: ({ ids }) => ({ changed: articles.setTrashed(db, ids, true) }),
    restoreArticles: ({ ids }) => ({ changed: articles.setTrashed(db, ids, false) }),
    listEvents: (input) => listEvents(db, input),
    timeline: ({ by }) => articles.timeline(db, by),

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

    importFile: (input) => importFileNow(input),
    startImport: (input) => imports.start(input),
    importStatus: ({ id }) => imports.status(id),
    cancelImport: ({ id }) => imports.cancel(id),
    verify: () => verifyArchive(db, { record: !archive.readOnly }),
    compact: async () => {
      refuseReadOnlyCompact();
      return compactArchive(db, archive.path);
    },
    startCompact: () => {
      refuseReadOnlyCompact();
      return compactions.start();
    },
    compactStatus: ({ id }) => compactions.status(id),
    cancelCompact: ({ id }) => compactions.cancel(id),
    stats: () => archiveStats(archive),
    archiveFile: () => ({ path: archive.path, name: archiveDisplayName(archive.path) }),
    exportArticles: () => exportArticles(db),
    startExport: (input) => exports.start(input),
    exportStatus: ({ id }) => exports.status(id),
    cancelExport: ({ id }) => exports.cancel(id),

    search: (input) => searchArchive(db, input),
    listSavedSearches: () => saved.listSavedSearches(db),
    saveSearch: (input) => saved.saveSearch(db, input),
    deleteSavedSearch: (input) => ({ changed: saved.deleteSavedSearch(db, input) }),

    listTags: () => tags.listTags(db),
    tagArticles: (input) => ({ changed: tags.tagArticles(db, input) }),
    untagArticles: (input) => ({ changed: tags.untagArticles(db, input) }),
    listCollections: () => tags.listCollections(db),
    addToCollection: (input) => ({ changed: tags.addToCollection(db, input) }),
    removeFromCollection: (input) => ({ changed: tags.removeFromCollection(db, input) }),

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

    captureUrls: ({ urls, ignoreRobots }) => capturer.captureUrls(urls, ignoreRobots ? { ignoreRobots } : {}),
    clipPage: (input) => clipPage(db, importer, input),

    editArticle: ({ id, fields }) => {
      if (editArticleMetadata(db, id, fields).length) catchUpIndex(db);
      return withExtracted(articles.getArticle(db, { id }));
    },
    previewPurge: ({ ids, trash }) => purge.previewPurge(db, trash ? purge.trashedIds(db) : (ids ?? [])),
    purgeArticles: ({ ids }) => {
      const done = purge.purgeArticles(db, ids);
      // The deleted articles were queued for the index in the same commit (migration 11): their rows go now.
      catchUpIndex(db);
      return done.summary;
    },
    listArticleIds: (input) => articles.listArticleIds(db, input),
    listLater: (input) => queue.listLater(db, input),
    addToLater: (input) => ({ changed: queue.addToLater(db, input) }),
    removeFromLater: (input) => ({ changed: queue.removeFromLater(db, input) }),
    moveInLater: (input) => ({ changed: queue.moveInLater(db, input) }),
    listContinueReading: (input) => queue.listContinueReading(db, input),
    exportArticle: (input) => exportOneArticle(db, input),
    citeArticles: ({ ids, query, format }) => citeArticles(db, ids ?? idsForQuery(archive, query ?? ''), format),
    originalPage: ({ captureId }) => originalPage(db, captureId),
  };
}
