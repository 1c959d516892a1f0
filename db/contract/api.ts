// The one API contract: every method the archive offers, implemented by db/ and carried by IPC and HTTP.
import type {
  AnchorRemap,
  Annotation,
  AnnotationCreate,
  AnnotationExportRequest,
  AnnotationId,
  AnnotationImportReport,
  AnnotationList,
  AnnotationListRequest,
  AnnotationPatch,
  AnnotationRevision,
  ArchiveFile,
  ArchiveStats,
  BackupInfo,
  BackupSettings,
  BackupStatus,
  CaptureDiff,
  CaptureId,
  ArticleDetail,
  ArticleId,
  ArticleIdList,
  ArticleList,
  ArticleListFilter,
  ArticleListRequest,
  ArticlePatch,
  ArticleMetadataEdit,
  PurgeSummary,
  Collection,
  ExportedFile,
  ExportJob,
  ExportJobRequest,
  HighlightColor,
  ImportFileRequest,
  ImportJob,
  ImportOutcome,
  ProvenanceEvent,
  QueueListRequest,
  ReadingPosition,
  SavedSearch,
  SearchRequest,
  SearchResult,
  TagCount,
  TimelineBucket,
  VerifyReport,
  CompactJob,
  CompactReport,
  CaptureRequest,
  ClipRequest,
  ClipResult,
  ImportReport,
  CitationFormat,
  OriginalPage,
} from './types.js';
import type { ApiError } from './errors.js';

type Ids = { ids: ArticleId[] };

/**
 * Every method takes one plain input object and returns plain data (or a Promise of it).
 * No method names a file-system path: the contract is what the page and the HTTP API may call, and reading
 * a path on disk is for a local user only (the CLI and the desktop shell's native dialog call the ingest
 * pipeline directly with what the user named or picked).
 * db/ throws ArchiveError for expected failures; transports turn that into `{ ok:false, error }`.
 */
export interface ArchiveApi {
  // articles
  listArticles(input: ArticleListRequest): ArticleList;
  getArticle(input: { id: ArticleId }): ArticleDetail;
  updateArticle(input: { id: ArticleId; patch: ArticlePatch }): ArticleDetail;
  markArticles(input: Ids & { isRead?: boolean; isFavorite?: boolean; isArchived?: boolean }): { changed: number };
  setReadingPosition(input: { id: ArticleId; position: ReadingPosition }): { ok: true };
  trashArticles(input: Ids): { changed: number };
  restoreArticles(input: Ids): { changed: number };
  listEvents(input: { articleId?: ArticleId; limit?: number }): ProvenanceEvent[];
  /** Articles per month: by published date, else added (default), or by one of the two (`by`). */
  timeline(input: { by?: 'added' | 'published' }): TimelineBucket[];
  // versions and backups
  diffCaptures(input: { id: ArticleId; from?: CaptureId; to?: CaptureId }): CaptureDiff;
  backupStatus(input: Record<string, never>): BackupStatus;
  setBackupSettings(input: Partial<BackupSettings>): BackupStatus;
  backupNow(input: Record<string, never>): Promise<BackupInfo>;
  // import, fixity, export
  importFile(input: ImportFileRequest): Promise<ImportOutcome>;
  /**
   * Imports a file in the background, for progress item by item (a bookmark export's 100,000 links, a WARC's pages)
   * and a cancel inside one file; poll importStatus. What was committed before a cancel stays, a re-run skips it.
   */
  startImport(input: ImportFileRequest): ImportJob;
  importStatus(input: { id: string }): ImportJob;
  cancelImport(input: { id: string }): ImportJob;
  verify(input: Record<string, never>): VerifyReport;
  /** Compresses originals and reader HTML still stored raw, then gives the freed space back (VACUUM). */
  compact(input: Record<string, never>): Promise<CompactReport>;
  /**
   * The same in the background, for progress and Cancel (rows compressed before a cancel stay compressed; a re-run
   * goes on from there). Starting while one runs hands back the running one.
   */
  startCompact(input: Record<string, never>): CompactJob;
  compactStatus(input: { id: string }): CompactJob;
  cancelCompact(input: { id: string }): CompactJob;
  stats(input: Record<string, never>): ArchiveStats;
  /** The archive's file and display name (cheap: `stats` reads every capture, seconds at a million). */
  archiveFile(input: Record<string, never>): ArchiveFile;
  exportArticles(input: Record<string, never>): ExportedFile;
  /** Starts writing a WACZ, BagIt (ZIP) or JSON package in the background; poll exportStatus, then download it. */
  startExport(input: ExportJobRequest): ExportJob;
  exportStatus(input: { id: string }): ExportJob;
  /** Stops a running export; nothing of it is kept. */
  cancelExport(input: { id: string }): ExportJob;
  // search
  search(input: SearchRequest): SearchResult;
  listSavedSearches(input: Record<string, never>): SavedSearch[];
  saveSearch(input: { name: string; query: string }): SavedSearch;
  deleteSavedSearch(input: { name: string }): { changed: number };
  // tags and collections
  listTags(input: Record<string, never>): TagCount[];
  tagArticles(input: Ids & { tags: string[] }): { changed: number };
  untagArticles(input: Ids & { tags: string[] }): { changed: number };
  listCollections(input: Record<string, never>): Collection[];
  addToCollection(input: Ids & { collection: string }): { changed: number };
  removeFromCollection(input: Ids & { collection: string }): { changed: number };
  // annotations
  createAnnotation(input: AnnotationCreate): Annotation;
  updateAnnotation(input: { id: AnnotationId; patch: AnnotationPatch }): Annotation;
  deleteAnnotation(input: { id: AnnotationId }): Annotation;
  restoreAnnotation(input: { id: AnnotationId }): Annotation;
  listAnnotations(input: AnnotationListRequest): AnnotationList;
  annotationHistory(input: { id: AnnotationId }): AnnotationRevision[];
  reanchorArticle(input: { id: ArticleId }): AnchorRemap;
  exportAnnotations(input: AnnotationExportRequest): ExportedFile;
  importAnnotations(input: { content: string; format: 'jsonld' }): AnnotationImportReport;
  listColors(input: Record<string, never>): HighlightColor[];
  setColor(input: HighlightColor): HighlightColor[];
  // capture (the only methods that touch the network, and only when called)
  /** Fetches each address now (http and https only), keeping the exchange as WARC records; one outcome per URL. */
  captureUrls(input: CaptureRequest): Promise<ImportReport>;
  /** Stores a page the browser clipper sends (its DOM as shown), with its tags and the selection as a highlight. */
  clipPage(input: ClipRequest): Promise<ClipResult>;
  // metadata corrections and permanent deletion
  /** Corrects title, author, published date, URL or site; the old values are kept in an 'edited' provenance event. */
  editArticle(input: { id: ArticleId; fields: ArticleMetadataEdit }): ArticleDetail;
  /** What deleting these articles (or everything in the trash) permanently would remove, without removing it. */
  previewPurge(input: { ids?: ArticleId[]; trash?: true }): PurgeSummary;
  /** Deletes articles for good: captures, assets no other article uses, annotations, notes and index entries. */
  purgeArticles(input: Ids): PurgeSummary;
  // selection and the reading queue
  /** Every id matching the filter, in the order of `sort` (up to LIMITS.bulkIds): "select all" in the library. */
  listArticleIds(input: {
    filter?: ArticleListFilter;
    sort?: ArticleListRequest['sort'];
    order?: ArticleListRequest['order'];
  }): ArticleIdList;
  /** The Later queue in its order (trashed articles left out until restored). */
  listLater(input: QueueListRequest): ArticleList;
  /** Puts articles at the end of the Later queue; those already in it stay where they are. */
  addToLater(input: Ids): { changed: number };
  removeFromLater(input: Ids): { changed: number };
  /** Moves an article of the queue to place `to` (0 is first; beyond the end means last). */
  moveInLater(input: { id: ArticleId; to: number }): { changed: number };
  /** Unfinished articles with a saved reading position, the most recently read first. */
  listContinueReading(input: QueueListRequest): ArticleList;
  // one article exported, citations, the original page
  /** One article as a self-contained HTML file (images inlined, no scripts) or as Markdown with front matter. */
  exportArticle(input: { id: ArticleId; format: 'html' | 'markdown' }): ExportedFile;
  /** Citations of the given articles (or of a search's matches) in one format. */
  citeArticles(input: { ids?: ArticleId[]; query?: string; format: CitationFormat }): ExportedFile;
  /** A capture's own page made inert (no scripts, nothing remote), for the original view beside the reader. */
  originalPage(input: { captureId: CaptureId }): Promise<OriginalPage>;
}

export type ArchiveMethod = keyof ArchiveApi;

/** The method list that IPC handlers, HTTP routes and clients loop over. Order is irrelevant. */
export const ARCHIVE_METHODS = [
  'listArticles',
  'getArticle',
  'updateArticle',
  'markArticles',
  'setReadingPosition',
  'trashArticles',
  'restoreArticles',
  'listEvents',
  'timeline',
  'diffCaptures',
  'backupStatus',
  'setBackupSettings',
  'backupNow',
  'importFile',
  'startImport',
  'importStatus',
  'cancelImport',
  'verify',
  'compact',
  'startCompact',
  'compactStatus',
  'cancelCompact',
  'stats',
  'archiveFile',
  'exportArticles',
  'startExport',
  'exportStatus',
  'cancelExport',
  'search',
  'listSavedSearches',
  'saveSearch',
  'deleteSavedSearch',
  'listTags',
  'tagArticles',
  'untagArticles',
  'listCollections',
  'addToCollection',
  'removeFromCollection',
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'restoreAnnotation',
  'listAnnotations',
  'annotationHistory',
  'reanchorArticle',
  'exportAnnotations',
  'importAnnotations',
  'listColors',
  'setColor',
  'captureUrls',
  'clipPage',
  'editArticle',
  'previewPurge',
  'purgeArticles',
  'listArticleIds',
  'listLater',
  'addToLater',
  'removeFromLater',
  'moveInLater',
  'listContinueReading',
  'exportArticle',
  'citeArticles',
  'originalPage',
] as const satisfies readonly ArchiveMethod[];

// Compile-time proof that the list names every method exactly: a missing one makes this type `never`.
type Missing = Exclude<ArchiveMethod, (typeof ARCHIVE_METHODS)[number]>;
const allListed: [Missing] extends [never] ? true : Missing = true;
void allListed;

export type ApiInput<M extends ArchiveMethod> = Parameters<ArchiveApi[M]>[0];
export type ApiOutput<M extends ArchiveMethod> = Awaited<ReturnType<ArchiveApi[M]>>;

/** What crosses a transport: data or an error as data, never a thrown exception. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Per-call options of an asynchronous client: aborting drops a stale answer (a superseded search, say). */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * The asynchronous client derived from the contract (Signal's pattern): the renderer holds one over IPC or HTTP,
 * and the desktop shell holds one over the archive's worker thread.
 */
export type ArchiveClient = {
  [M in ArchiveMethod]: (input: ApiInput<M>, options?: CallOptions) => Promise<ApiOutput<M>>;
};
