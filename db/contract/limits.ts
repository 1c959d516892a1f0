// The limits on every input the archive accepts, read by the contract's schemas and by the core alike.

/**
 * Every bound on what callers may send, in one place: the schemas enforce them at the edge (IPC, HTTP, CLI)
 * and the core modules that re-check their input (for callers inside the process) read the same numbers.
 * The HTTP body limit is set just above base64Chars.
 */
export const LIMITS = {
  pageSize: 200,
  offset: 10_000_000,
  /** Bulk selection in the library may cover every article of a large archive. */
  bulkIds: 100_000,
  name: 200,
  title: 1_000,
  /** Characters of a search query (and of a saved search's query). */
  query: 1_000,
  url: 8_192,
  fileName: 1_024,
  tags: 100,
  /** A highlight color's label, such as "Key claim". */
  colorLabel: 60,
  /** Annotations per page: the Highlights view and the CLI list many at once. */
  annotationPageSize: 5_000,
  note: 100_000,
  quote: 1_000,
  /** ~60 MB of base64 text (~45 MB of file bytes): the largest single capture accepted. */
  base64Chars: 60 * 1024 * 1024,
  /** JSON-LD annotation files can be large; they are text, so 50 MB is generous. */
  importContent: 50 * 1024 * 1024,
  /** Addresses in one captureUrls call (the CLI's --from file is sent in slices of this many). */
  captureUrls: 1_000,
  /** Characters of a page's DOM the clipper sends (a long page with inline images can be large). */
  clipHtml: 40 * 1024 * 1024,
  /** Images one clip carries, and the base64 characters of each (about 8 MB of image bytes). */
  clipImages: 200,
  clipImageChars: 11 * 1024 * 1024,
} as const;
