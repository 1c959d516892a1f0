// Which contract methods only read: the host may run them on a reader thread beside a busy writer.
import type { ArchiveMethod } from '../contract/api.js';

/**
 * A method listed here never writes (a reader's connection is read-only, so one that did would fail there and be
 * run again on the writer). Everything else, imports and `verify` (it records its run) included, goes to the writer.
 */
export const READ_METHODS: ReadonlySet<ArchiveMethod> = new Set<ArchiveMethod>([
  'listArticles',
  'getArticle',
  'listEvents',
  'timeline',
  'stats',
  'archiveFile',
  'exportArticles',
  'search',
  'listSavedSearches',
  'listTags',
  'listCollections',
  'listAnnotations',
  'annotationHistory',
  'exportAnnotations',
  'listColors',
  'previewPurge',
  'listArticleIds',
  'listLater',
  'listContinueReading',
  'exportArticle',
  'citeArticles',
  'originalPage',
]);
