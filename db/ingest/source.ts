// Sources: what a bulk import reads. A file is one item; a container (WARC, WACZ, later exports and MHTML) yields many.
import type { ImportInput } from '../extract/types.js';
import type { ExportRecord } from './exports/record.js';

/**
 * What a source says about an item beyond its bytes, applied to the extracted capture before it is stored: a
 * page from a web archive is stored as its WARC records, dated by WARC-Date, with its provenance.
 */
export interface CaptureStamp {
  importer: string;
  importerVersion: string;
  mediaType: string;
  /** When the source captured it (ISO 8601); the import time when null. */
  capturedAt: string | null;
  sourceUrl: string | null;
  /** A title the source gives (a WACZ page list), preferred to the one extracted. */
  title: string | null;
  /** Where the bytes came from, written into the import's provenance event. */
  provenance: string;
  /** Problems found that did not stop the import (a payload digest mismatch), reported and logged as failed-verify. */
  warnings: string[];
  /** The address the article is filed under when it is not the page's own (a capture of a link already archived). */
  canonicalUrl?: string | null;
}

export interface ItemBytes {
  /** The capture's original bytes, exactly as the source holds them; hashed to skip what is already archived. */
  bytes: Uint8Array;
  sourcePath: string | null;
  /** What extraction reads, and the stamp; only asked for when the bytes are not archived yet. */
  prepare(): Promise<{ input: ImportInput; stamp: CaptureStamp | null }>;
  /** An export's item: what the tool knew about it, applied to the article once stored (or found already archived). */
  record?: ExportRecord;
  /** The bytes are the export's record of a link, not content: stored as a link-only article, nothing extracted. */
  linkOnly?: boolean;
  /** Called once the import is done with the item (stored, found archived, or failed): a web archive closes its
   * record index after its last page. */
  done?(): void;
}

export interface SourceItem {
  /** The item's name in progress and the report: a path, or the container and the page's URL. */
  name: string;
  read(): Promise<ItemBytes>;
}

/** Something a source could not read (a missing path, a damaged record), reported as a failed item. */
export interface SourceProblem {
  name: string;
  error: string;
}

export interface ListOptions {
  signal?: AbortSignal;
  /** Bytes read while listing (a container is read once, start to end, to list its pages). */
  onBytes?: (delta: number) => void;
  /** Items found beyond the one the source was counted as: a container's pages. */
  onMoreItems?: (delta: number) => void;
}

/** A source: opened from a path or bytes, listed once (lazily), each item read on demand. */
export interface Source {
  readonly name: string;
  /** Bytes the source spans, for progress. */
  readonly byteSize: number;
  list(options: ListOptions): AsyncIterable<SourceItem | SourceProblem>;
  close(): Promise<void>;
}

export function isProblem(x: SourceItem | SourceProblem): x is SourceProblem {
  return 'error' in x;
}
