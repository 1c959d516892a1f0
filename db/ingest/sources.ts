// The items of an import: files and folders walked, each file one item, each web archive opened as a source of pages.
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../contract/errors.js';
import { MAX_IMPORT_BYTES } from '../extract/limits.js';
import { isMhtmlName, mhtmlItem } from './mhtml/mhtml-item.js';
import { isWebarchiveName, webarchiveItem } from './webarchive/webarchive-item.js';
import type { ListOptions, Source, SourceItem, SourceProblem } from './source.js';
import { ARC_UNSUPPORTED, containerKind } from './warc/container-kind.js';
import type { ScratchOpener } from './warc/record-index.js';
import { openWaczSource } from './warc/wacz-source.js';
import { openWarcSource } from './warc/warc-source.js';
import { walkPaths } from './walk.js';
import { openExportSource } from './exports/export-source.js';
import { EXPORT_HTML_NAME, EXPORT_NAME, exportKind } from './exports/kind.js';

const HEAD_BYTES = 4096;
const PLAIN_FILE = /\.(html?|xhtml|shtml|md|markdown|txt|text)$/i;

function readHead(file: string | Buffer): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = fs.readSync(fd, buf, 0, HEAD_BYTES, 0);
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** One file on disk as one item, read when the import gets to it. */
export function fileItem(file: string, onDisk: string | Buffer = file): SourceItem {
  return {
    name: file,
    async read() {
      // Synchronous reads: for the small files of a bulk import, the promise and thread-pool round trip of
      // fs.promises costs the main thread more than the read itself (and the main thread is the bottleneck).
      // A name that is not valid UTF-8 is opened by its own bytes (the shown name has U+FFFD in their place).
      const stat = fs.statSync(onDisk);
      if (stat.size > MAX_IMPORT_BYTES) {
        throw new ArchiveError(
          'INVALID_INPUT',
          `File is too large (${Math.round(stat.size / 1048576)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB).`,
        );
      }
      const bytes = new Uint8Array(fs.readFileSync(onDisk));
      return {
        bytes,
        sourcePath: file,
        prepare: async () => ({ input: { bytes, fileName: path.basename(file), filePath: file }, stamp: null }),
      };
    },
  };
}

/** A web archive given as a path or as bytes, opened as a source; null when the bytes are not one. */
export async function openContainer(
  name: string,
  filePath: string | null,
  head: Uint8Array,
  bytes?: Uint8Array,
  scratch?: ScratchOpener,
): Promise<Source | SourceProblem | null> {
  const kind = containerKind(name, head);
  if (kind === null) return openExport(name, filePath, head, bytes);
  if (kind === 'arc') return { name, error: `${path.basename(name)} ${ARC_UNSUPPORTED}` };
  try {
    // `scratch`: where a web archive keeps its record index (the importer's uses the archive's better-sqlite3 build).
    const opts = { name, filePath, ...(bytes ? { bytes } : {}), ...(scratch ? { scratch } : {}) };
    return kind === 'wacz' ? await openWaczSource(opts) : openWarcSource(opts);
  } catch (err) {
    return { name, error: `The web archive cannot be opened: ${(err as Error).message}.` };
  }
}

/** A read-it-later or bookmark export given as a path or as bytes, opened as a source; null when the bytes are not one. */
async function openExport(
  name: string,
  filePath: string | null,
  head: Uint8Array,
  bytes?: Uint8Array,
): Promise<Source | SourceProblem | null> {
  const kind = exportKind(name, head);
  if (kind === null) return null;
  try {
    return await openExportSource({ kind, name, filePath, ...(bytes ? { bytes } : {}) });
  } catch (err) {
    return { name, error: `The export cannot be opened: ${(err as Error).message}.` };
  }
}

export interface PathItems {
  /** Files and unreadable paths found by the walk: the count before any web archive is listed. */
  count: number;
  bytes: number;
  containers: number;
  items(options: ListOptions): AsyncIterable<SourceItem | SourceProblem>;
  /** Closes the web archives opened: after the import, since their last pages are read after they were listed. */
  close(): Promise<void>;
}

/** Walks the paths at once (for a count), and lists web archives only when the import reaches them. */
export function listPaths(paths: string[], scratch?: ScratchOpener): PathItems {
  const { files, problems, rawPaths } = walkPaths(paths);
  // A file named on its own (not found in a folder) is always looked into: a bookmark export may have any name.
  const named = new Set(paths.map((p) => path.resolve(p)));
  let bytes = 0;
  let containers = 0;
  const sizes = files.map((f) => {
    let size = 0;
    try {
      size = fs.statSync(rawPaths.get(f) ?? f).size;
    } catch {
      // Reported when the file is read.
    }
    bytes += size;
    if (/\.(warc|warc\.gz|wacz|arc|arc\.gz)$/i.test(f) || EXPORT_NAME.test(f) || EXPORT_HTML_NAME.test(f)) containers++;
    return size;
  });
  const opened: Source[] = [];
  return {
    count: files.length + problems.length,
    async close() {
      for (const source of opened.splice(0)) await source.close().catch(() => undefined);
    },
    bytes,
    containers,
    async *items(options) {
      yield* problems.map((p) => ({ name: p.file, error: p.error }));
      for (const [i, file] of files.entries()) {
        if (options.signal?.aborted) return;
        // An MHTML file (a page saved as one file, its images inside) is one item whose images come along.
        if (isMhtmlName(file)) {
          options.onBytes?.(sizes[i]!);
          yield mhtmlItem(file, rawPaths.get(file));
          continue;
        }
        // A Safari web archive likewise: one page, its images inside.
        if (isWebarchiveName(file)) {
          options.onBytes?.(sizes[i]!);
          yield webarchiveItem(file, rawPaths.get(file));
          continue;
        }
        // Pages, notes and clippings by their names are never containers: no extra read for them in a bulk import.
        if (PLAIN_FILE.test(file) && !named.has(file) && !EXPORT_HTML_NAME.test(file)) {
          options.onBytes?.(sizes[i]!);
          yield fileItem(file, rawPaths.get(file));
          continue;
        }
        let head: Uint8Array;
        try {
          head = readHead(rawPaths.get(file) ?? file);
        } catch {
          yield fileItem(file, rawPaths.get(file)); // Its read reports why.
          continue;
        }
        const source = await openContainer(file, file, head, undefined, scratch);
        if (source === null) {
          options.onBytes?.(sizes[i]!);
          yield fileItem(file, rawPaths.get(file));
        } else if ('error' in source) {
          options.onBytes?.(sizes[i]!);
          yield source;
        } else {
          opened.push(source);
          yield* source.list(options);
        }
      }
    },
  };
}
