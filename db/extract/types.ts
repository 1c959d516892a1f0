// What every importer produces: one normalized capture (metadata + sanitized HTML + plain text + assets).

export interface ImportInput {
  /** The file's bytes exactly as received; never modified. */
  bytes: Uint8Array;
  /** File name (or URL path) used for format detection and as a title of last resort. */
  fileName: string;
  /** Full path on disk when imported from a file: lets the HTML importer find images saved beside it. */
  filePath?: string;
  mediaType?: string;
  sourceUrl?: string;
  /** Images the page uses that came with it (a web archive's other records), by absolute URL: they become assets. */
  resources?: PageResource[];
  /** Files saved beside the page (its `Page_files/` folder), by path relative to the page's folder: for an upload. */
  pageFiles?: PageFile[];
  /** Images the archive already holds for this page, by the reference they had in it: re-extraction finds them
   * without the files they came from. */
  archivedAssets?: PageResource[];
}

export interface PageFile {
  /** Relative to the page's folder, `/`-separated (`Page_files/photo.jpeg`). */
  path: string;
  bytes: Uint8Array;
}

export interface PageResource {
  url: string;
  bytes: Uint8Array;
}

export interface ExtractedAsset {
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
  /** The reference as it appeared in the source (data: URL prefix or relative path). */
  originalRef: string;
}

export interface NormalizedCapture {
  importer: string; // 'text' | 'html' | 'markdown'
  importerVersion: string;
  mediaType: string;
  charset: string | null;
  title: string;
  byline: string | null;
  siteName: string | null;
  sourceUrl: string | null;
  canonicalUrl: string | null;
  publishedAt: string | null;
  language: string | null;
  excerpt: string | null;
  /** Sanitized reader HTML. Local images are `<img src="asset:SHA256">`; nothing remote remains. */
  html: string;
  /** Plain text of the article body: paragraphs separated by blank lines. Annotation offsets index into it. */
  text: string;
  wordCount: number;
  assets: ExtractedAsset[];
  /** Tags the source itself declares (Markdown front matter `tags:`); absent when it declares none. */
  tags?: string[];
  /** What extraction changed to fit the archive's limits (db/extract/capture-limits.ts); absent when nothing. */
  notes?: string[];
}
