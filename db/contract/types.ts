// Plain data shapes that cross every boundary (db, IPC, HTTP, CLI, renderer); types only.

/** Ids are integers in SQLite; the brand keeps an annotation id from being passed as an article id. */
export type ArticleId = number & { readonly __brand: 'ArticleId' };
export type CaptureId = number & { readonly __brand: 'CaptureId' };
export type AnnotationId = number & { readonly __brand: 'AnnotationId' };

/** Snippets and highlights carry these markers around matched words; the renderer turns them into <mark>. */
export const MARK_OPEN = '\u27E6'; // ⟦
export const MARK_CLOSE = '\u27E7'; // ⟧

export type ReadState = 'unread' | 'read';

export interface ReadingPosition {
  /** 0..1 share of the article scrolled through. */
  percent: number;
  /** Character offset in the plain text of the first visible passage. */
  offset: number;
  /** A few words of text at that offset, so the position survives re-extraction. */
  quote: string;
}

export interface ArticleSummary {
  id: ArticleId;
  title: string;
  byline: string | null;
  siteName: string | null;
  sourceUrl: string | null;
  publishedAt: string | null; // ISO 8601 date or date-time
  addedAt: string; // ISO 8601 date-time
  excerpt: string | null;
  language: string | null;
  wordCount: number;
  isRead: boolean;
  isFavorite: boolean;
  isArchived: boolean;
  trashedAt: string | null;
  progress: number; // 0..1
  tags: string[];
  annotationCount: number;
  /**
   * True for an article imported from a read-it-later or bookmark export as a link only: its one capture is the
   * export's record of the link, and the reader shows "not captured yet" with the URL. Absent otherwise.
   */
  linkOnly?: boolean;
  /** True when the article is in the Later queue. Absent otherwise. */
  inLater?: boolean;
  /** When its reading position was last saved (ISO 8601). Absent when it was never read past the start. */
  lastReadAt?: string;
}

export interface CaptureInfo {
  id: CaptureId;
  sha256: string;
  mediaType: string;
  charset: string | null;
  byteSize: number;
  capturedAt: string;
  importer: string;
  importerVersion: string;
  sourcePath: string | null;
  sourceUrl: string | null;
}

export type EventKind =
  | 'imported'
  | 'captured'
  | 're-captured'
  | 'verified'
  | 'failed-verify'
  | 'deleted'
  | 'restored'
  | 're-extracted'
  | 'edited'
  | 'purged';

export interface ProvenanceEvent {
  id: number;
  articleId: ArticleId | null;
  captureId: CaptureId | null;
  kind: EventKind;
  at: string;
  detail: string | null;
}

export interface ArticleDetail extends ArticleSummary {
  canonicalUrl: string | null;
  /** Plain text of the newest capture: the coordinate space of annotations and reading position. */
  text: string;
  /** Sanitized reader HTML of the newest capture. Images point at `asset:<sha256>`. */
  html: string;
  /** Newest first; captures[0] is what the reader shows. */
  captures: CaptureInfo[];
  events: ProvenanceEvent[];
  collections: string[];
  readingPosition: ReadingPosition | null;
  /** The descriptive fields as first extracted, for each field edited since (absent: never edited). */
  asExtracted?: Partial<Record<MetadataField, string | null>>;
}

export interface ArticleListFilter {
  state?: ReadState;
  favorite?: boolean;
  archived?: boolean;
  trashed?: boolean; // true: only the trash; default: trash hidden
  tag?: string;
  collection?: string;
  site?: string;
  /** 'YYYY-MM' (or 'YYYY'): added (or published, when known) in that month; `dateBy` picks one date only. */
  month?: string;
  /** Which date `month` looks at: only the added date, or only the published date (undated articles left out). */
  dateBy?: 'added' | 'published';
  /** Only articles without a published date. */
  undated?: boolean;
  /** true: only link-only articles (imported as a link, not captured yet); false: only articles with a real capture. */
  linkOnly?: boolean;
}

/** site and author: articles without one come last in ascending order (first in descending). */
export type ArticleSort = 'added' | 'published' | 'title' | 'site' | 'author';

export interface ArticleListRequest {
  sort?: ArticleSort;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
  filter?: ArticleListFilter;
}

export interface ArticleList {
  total: number;
  items: ArticleSummary[];
}

/** Every article id matching a filter, in the list's order (the library's "select all"). */
export interface ArticleIdList {
  total: number;
  ids: ArticleId[];
}

/** A page of the Later queue or of "Continue reading". */
export interface QueueListRequest {
  offset?: number;
  limit?: number;
}

export interface ArticlePatch {
  title?: string;
  isRead?: boolean;
  isFavorite?: boolean;
  isArchived?: boolean;
}

// ---------- import ----------

export type ImportStatus = 'imported' | 'duplicate' | 'failed';

export interface ImportOutcome {
  file: string;
  status: ImportStatus;
  id?: ArticleId;
  /** True when the bytes became a new capture (version) of an article already in the archive. */
  newVersion?: boolean;
  title?: string;
  error?: string;
  /** What was changed to fit the archive's limits (a tag cut to 200 characters, tags beyond 100 left out). */
  notes?: string[];
  /** Problems that did not stop the import (a web archive page whose payload digest does not match). */
  warnings?: string[];
  /** A web archive (WARC, WACZ) given as one file: the outcome of each of its pages and of each problem found. */
  items?: ImportOutcome[];
}

export interface ImportFileRequest {
  fileName: string;
  /** The file's bytes, base64-encoded (JSON and IPC friendly). */
  dataBase64: string;
  sourceUrl?: string;
  mediaType?: string;
  /**
   * Files saved beside the page (a browser's `Page_files/` folder), by path relative to the page's folder: the
   * images the page shows from them become its assets, as when the CLI imports the folder.
   */
  pageFiles?: { path: string; dataBase64: string }[];
}

export interface ImportReport {
  imported: number;
  duplicates: number;
  failed: number;
  outcomes: ImportOutcome[];
  /** True when the run was cancelled; what was committed stays, a re-run picks up the rest. */
  cancelled?: boolean;
  /** Why the run stopped before the end (the disk is full): what was committed stays, a re-run picks up the rest. */
  stopped?: string;
}

/** An import the app started with startImport: its progress item by item (a web archive's pages, an export's entries). */
export type ImportJobState = 'running' | 'done' | 'cancelled' | 'failed';

export interface ImportJob {
  id: string;
  fileName: string;
  state: ImportJobState;
  /** Items of the file: 1 for a page or note, every page or entry of a web archive or another tool's export. */
  progress: ImportProgress;
  /** Set when the job has ended: the file's outcome, with one item per page or entry for a container. */
  outcome: ImportOutcome | null;
}

export interface ImportProgress {
  total: number;
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  currentFile: string | null;
  elapsedMs: number;
  /** Estimated time left, once a few files have been timed. */
  etaMs: number | null;
  /** Bytes of the files and web archives given, and how many have been read (a web archive is read once to list its pages). */
  bytesTotal?: number;
  bytesDone?: number;
}

// ---------- verify, stats ----------

export interface VerifyMismatch {
  kind: 'capture' | 'asset';
  sha256: string;
  actual: string;
  articleId: ArticleId | null;
  captureId: CaptureId | null;
}

export interface VerifyReport {
  checked: number;
  ok: number;
  mismatches: VerifyMismatch[];
}

/** What `compact` did: stored forms compressed, and the archive file's size before and after (with its log). */
export interface CompactReport {
  /** Rows looked at: captures with a raw original plus reader HTML stored raw. */
  checked: number;
  /** Of those, rows now stored compressed. */
  compressed: number;
  /** Captures whose stored original did not match its SHA-256: left exactly as they were, for `verify` to report. */
  skippedDamaged: number;
  cancelled: boolean;
  vacuumed: boolean;
  bytesBefore: number;
  bytesAfter: number;
}

/** A compaction the app started with startCompact: rows compressed so far, then the VACUUM; the report at the end. */
export interface CompactJob {
  id: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  /** Compressing: rows looked at of those still raw; vacuum: the one long step that gives the space back. */
  progress: { phase: 'compress' | 'vacuum'; done: number; total: number };
  report: CompactReport | null;
  error: string | null;
}

/** The archive's file, for titles: known without reading the archive (stats counts and sums every row). */
export interface ArchiveFile {
  path: string;
  /** The file name without its extension, as the title bar and the start screen show it. */
  name: string;
}

export interface ArchiveStats {
  articles: number;
  captures: number;
  assets: number;
  annotations: number;
  orphans: number;
  tags: number;
  collections: number;
  bytesOriginal: number;
  /** Bytes on disk: the archive file and its search index file, with their write-ahead logs. */
  fileBytes: number;
  path: string;
  schemaVersion: number;
  /** The search index's progress, when the archive has one. */
  index?: IndexStatus;
}

export interface TimelineBucket {
  month: string; // YYYY-MM
  count: number;
}

// ---------- search ----------

export type SearchSort = 'relevance' | 'newest' | 'oldest';
export type SearchScope = 'articles' | 'annotations';

export interface SearchRequest {
  query: string;
  sort?: SearchSort;
  offset?: number;
  limit?: number;
  /** 'annotations' is the same as putting `in:annotations` in the query. */
  scope?: SearchScope;
}

export interface SearchHit {
  id: ArticleId;
  title: string;
  siteName: string | null;
  publishedAt: string | null;
  addedAt: string;
  /** Text around the match; matched words wrapped in MARK_OPEN / MARK_CLOSE. */
  snippet: string;
  score: number;
  /** Character offset of the first match in the article's plain text, to scroll the reader to it. */
  matchOffset?: number;
  /** Set when the hit is an annotation (scope annotations). */
  annotationId?: AnnotationId;
  color?: string | null;
  /** True when the article is a link only (not captured yet), as ArticleSummary.linkOnly. Absent otherwise. */
  linkOnly?: boolean;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  site: FacetCount[];
  year: FacetCount[];
  tag: FacetCount[];
  collection: FacetCount[];
  color: FacetCount[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: SearchFacets;
  /** Readable notes about parts of the query that were read differently (e.g. an unclosed quote). */
  warnings: string[];
  /** Present while the search index is catching up with the archive: results cover only what is indexed so far. */
  indexing?: IndexStatus;
}

/** How far the search index has caught up with the archive's captures (it is rebuilt in the background). */
export interface IndexStatus {
  catchingUp: boolean;
  /** 0-100: the share of the archive's captures the index reflects. */
  percent: number;
}

// ---------- annotations ----------

export type AnnotationKind = 'highlight' | 'note' | 'article-note';

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export type AnchorState = 'exact' | 'fuzzy' | 'orphan' | 'none';

export interface AnchorPlacement {
  state: AnchorState;
  /** Offsets in the current capture's plain text; absent for orphans and article notes. */
  start?: number;
  end?: number;
  /** SHA-256 of the capture the placement was computed against. */
  captureSha256?: string;
}

export interface Annotation {
  id: AnnotationId;
  articleId: ArticleId;
  kind: AnnotationKind;
  /** The capture the annotation was made on. */
  captureSha256: string;
  color: string | null;
  note: string; // Markdown
  tags: string[];
  position: TextPositionSelector | null;
  quote: TextQuoteSelector | null;
  anchor: AnchorPlacement;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface AnnotationCreate {
  articleId: ArticleId;
  kind: AnnotationKind;
  /** For passages: offsets in the article's current plain text; the quote is derived from them. */
  start?: number;
  end?: number;
  color?: string | null;
  note?: string;
  tags?: string[];
}

export interface AnnotationPatch {
  color?: string | null;
  note?: string;
  tags?: string[];
}

export interface AnnotationListRequest {
  articleId?: ArticleId;
  color?: string;
  tag?: string;
  collection?: string;
  /** ISO dates, inclusive bounds on createdAt. */
  since?: string;
  until?: string;
  orphansOnly?: boolean;
  deleted?: boolean; // true: only the annotation trash
  offset?: number;
  limit?: number;
}

export interface AnnotationWithArticle extends Annotation {
  articleTitle: string;
}

export interface AnnotationList {
  total: number;
  items: AnnotationWithArticle[];
}

export interface AnnotationRevision {
  id: number;
  annotationId: AnnotationId;
  action: 'create' | 'edit' | 'delete' | 'restore' | 'reanchor';
  at: string;
  snapshot: Annotation;
}

export interface HighlightColor {
  name: string; // e.g. 'yellow'
  label: string; // e.g. 'Key claim'
  hex: string; // '#f7d154'
}

export type AnnotationExportFormat = 'markdown' | 'jsonld' | 'csv';

export interface AnnotationExportRequest {
  format: AnnotationExportFormat;
  articleId?: ArticleId;
  collection?: string;
  query?: string;
}

export interface ExportedFile {
  fileName: string;
  mediaType: string;
  content: string;
}

export interface AnnotationImportReport {
  imported: number;
  skipped: number;
  problems: string[];
}

export interface SavedSearch {
  name: string;
  query: string;
  createdAt: string;
}

export interface Collection {
  name: string;
  count: number;
}

export interface TagCount {
  name: string;
  /** Articles and annotations together. */
  count: number;
  /** Articles (not in the trash) with the tag. */
  articles: number;
  /** Annotations (not deleted) with the tag. */
  annotations: number;
}

export interface AnchorRemap {
  annotations: number;
  exact: number;
  fuzzy: number;
  orphan: number;
}

// ---------- packages (WACZ, BagIt, JSON) ----------

export type PackageFormat = 'wacz' | 'bagit' | 'json';

/** What to export: chosen articles, a collection, or a search; none of them means every live article. */
export interface ExportScope {
  ids?: ArticleId[];
  collection?: string;
  query?: string;
}

export interface ExportProgress {
  /** 'articles' while articles are written, 'packaging' while the package is closed (zip, manifests). */
  phase: 'articles' | 'packaging' | 'done';
  done: number;
  total: number;
  /** Bytes written so far. */
  bytes: number;
  currentTitle: string | null;
  elapsedMs: number;
}

/** User-set bag-info.txt fields for a BagIt export (label -> value), e.g. Source-Organization. */
export type BagInfoFields = Record<string, string>;

export interface ExportJobRequest extends ExportScope {
  format: PackageFormat;
  bagInfo?: BagInfoFields;
}

export type ExportJobState = 'running' | 'done' | 'failed' | 'cancelled';

/** A package being written in the background; when done, its file is fetched as a download. */
export interface ExportJob {
  id: string;
  format: PackageFormat;
  state: ExportJobState;
  progress: ExportProgress;
  /** Set when done: the suggested file name and its size. */
  fileName: string | null;
  mediaType: string | null;
  byteSize: number | null;
  articles: number;
  error: string | null;
}

// ---------- versions: what changed between two captures ----------

export type DiffOp = 'equal' | 'removed' | 'added';

/**
 * One run of words. Ranges are character offsets; the `from` ranges of equal and removed runs cover the older
 * text end to end, and the `to` ranges of equal and added runs the newer one (whitespace goes with the run before).
 * A removed run has an empty `to` range where it stood, an added run an empty `from` range.
 */
export interface DiffSegment {
  op: DiffOp;
  fromStart: number;
  fromEnd: number;
  toStart: number;
  toEnd: number;
  /** Set on a removed run and the added run it reappears as: the same words moved. */
  move?: number;
}

export interface CaptureDiffSide {
  capture: CaptureInfo;
  /** 1 for the oldest capture of the article. */
  version: number;
  text: string;
}

export interface CaptureDiffStats {
  /** Word counts. Moved words are counted once, as moved, not as added or removed. */
  added: number;
  removed: number;
  moved: number;
  unchanged: number;
}

/**
 * unchanged: same words in the same place in both; moved: same words, elsewhere in the text; changed: anchored in
 * both but its passage reads differently; orphaned: in the older capture but not in the newer; new: only in the newer.
 */
export type AnnotationDiffStatus = 'unchanged' | 'moved' | 'changed' | 'orphaned' | 'new';

export interface AnnotationDiffPlace {
  state: AnchorState;
  start: number;
  end: number;
  /** The text at that place in that capture. */
  text: string;
}

export interface AnnotationDiff {
  annotation: Annotation;
  status: AnnotationDiffStatus;
  from: AnnotationDiffPlace | null;
  to: AnnotationDiffPlace | null;
}

export interface CaptureDiff {
  articleId: ArticleId;
  title: string;
  from: CaptureDiffSide;
  to: CaptureDiffSide;
  segments: DiffSegment[];
  stats: CaptureDiffStats;
  /** Passage annotations of the article (article notes have no place), in the newer text's order. */
  annotations: AnnotationDiff[];
}

// ---------- backups ----------

export interface BackupInfo {
  file: string;
  name: string;
  createdAt: string;
  bytes: number;
  /** automatic: daily or "Back up now", rotated; before-restore: the archive as it was before a restore, kept. */
  kind: 'automatic' | 'before-restore';
}

export interface BackupSettings {
  /** A backup at most once a day when the archive is opened for writing. */
  automatic: boolean;
  /** How many automatic backups are kept (the oldest go first). */
  keep: number;
}

export interface BackupStatus extends BackupSettings {
  folder: string;
  backups: BackupInfo[];
}

// ---------- capture and the browser clipper ----------

/** Addresses to fetch now, on the user's request; each becomes an article (or a new version of one). */
export interface CaptureRequest {
  urls: string[];
  /** Fetch even where a site's robots.txt says no. */
  ignoreRobots?: boolean;
}

/** The text the user had selected in the browser, with a little of what surrounds it to place it. */
export interface ClipSelection {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** What the browser clipper sends: the page's DOM as the user saw it, its address, the selection, tags. */
export interface ClipRequest {
  url: string;
  html: string;
  title?: string;
  selection?: ClipSelection;
  tags?: string[];
  /** The page's images as the browser already had them, so the article shows them offline. */
  images?: ClipImage[];
}

/** One image of a clipped page: its absolute address as the page refers to it, and its bytes as base64. */
export interface ClipImage {
  url: string;
  data: string;
}

export interface ClipResult {
  id: ArticleId;
  title: string;
  /** 'duplicate' when the same DOM was clipped before: the tags and the highlight still apply. */
  status: 'imported' | 'duplicate';
  newVersion: boolean;
  /** The highlight made from the selection; null when there was none or it could not be placed. */
  highlightId: AnnotationId | null;
  notes: string[];
}

/** The descriptive fields of an article a person may correct (db/contract/metadata-edit.ts). */
export type MetadataField = 'title' | 'byline' | 'publishedAt' | 'sourceUrl' | 'siteName';

/** A correction of an article's descriptive fields: a value replaces, null clears (the title cannot be cleared). */
export interface ArticleMetadataEdit {
  title?: string;
  byline?: string | null;
  publishedAt?: string | null;
  sourceUrl?: string | null;
  siteName?: string | null;
}

/** What deleting articles permanently removes (or would remove: previewPurge). */
export interface PurgeSummary {
  articles: number;
  /** Versions with their original bytes. */
  captures: number;
  /** Images and other files no other article uses. */
  assets: number;
  /** Highlights and passage notes, live or in the annotation trash. */
  annotations: number;
  /** Notes on the whole article. */
  notes: number;
  /** Bytes of originals and assets freed. */
  bytes: number;
}

// ---------- one article exported, citations, the original page ----------

/** Citation formats: BibTeX (@misc), RIS (ELEC), CSL-JSON (webpage) and a plain APA-like reference. */
export type CitationFormat = 'bibtex' | 'ris' | 'csl-json' | 'text';

/** The captured page itself, made inert: what the original view frames beside the reader. */
export interface OriginalPage {
  captureId: CaptureId;
  articleId: ArticleId;
  sourceUrl: string | null;
  capturedAt: string;
  /** The page's HTML without scripts, frames, forms or remote references; archived images as `asset:<sha256>`. */
  html: string;
  /** Images shown from the archive, and images the page named that were not archived (left empty). */
  images: number;
  imagesNotArchived: number;
}
