// Loads the archive's modules lazily, so a bench section whose code has not landed yet skips instead of crashing.
import type Database from 'better-sqlite3';
import type { ImportReport, SearchRequest, SearchResult } from '../db/contract/types.js';

export interface OpenedArchive {
  db: Database.Database;
  path: string;
  close(): void;
}

export interface PathImporter {
  importPaths(paths: string[]): Promise<ImportReport>;
  close(): Promise<void>;
}

/** A module, or the reason it could not be loaded (shown as the section's skip note). */
export async function tryImport<T>(specifier: string): Promise<T | { missing: string }> {
  try {
    return (await import(new URL(specifier, import.meta.url).href)) as T;
  } catch (err) {
    return { missing: `${specifier}: ${(err as Error).message.split('\n')[0]}` };
  }
}

export function isMissing(x: unknown): x is { missing: string } {
  return typeof x === 'object' && x !== null && 'missing' in x;
}

export async function loadOpenArchive(): Promise<((file: string) => OpenedArchive) | { missing: string }> {
  const mod = await tryImport<{ openArchive(file: string): OpenedArchive }>('../db/open.js');
  return isMissing(mod) ? mod : (file) => mod.openArchive(file);
}

/**
 * The import path the app uses: createArchiveApi(archive).importer when db/api.ts loads (it wires the
 * re-capture hook), else createImporter(db) from db/import: reading, hashing, dedupe, extraction, storing, indexing.
 */
export async function loadImporter(): Promise<((archive: OpenedArchive) => PathImporter) | { missing: string }> {
  const api = await tryImport<{
    createArchiveApi(a: OpenedArchive): { importer: PathImporter; dispose(): Promise<void> };
  }>('../db/api.js');
  if (!isMissing(api)) return (archive) => api.createArchiveApi(archive).importer;
  const imp = await tryImport<{ createImporter(db: Database.Database): PathImporter }>('../db/ingest/importer.js');
  if (isMissing(imp)) return { missing: `${api.missing}; ${imp.missing}` };
  return (archive) => imp.createImporter(archive.db);
}

export type SearchFn = (db: Database.Database, request: SearchRequest) => SearchResult;

/** searchArchive from db/search: what the api's `search` method runs. */
export async function loadSearch(): Promise<SearchFn | { missing: string }> {
  const mod = await tryImport<{ searchArchive: SearchFn }>('../db/search/index.js');
  if (isMissing(mod)) return mod;
  if (typeof mod.searchArchive !== 'function') return { missing: 'db/search/index.ts has no searchArchive export yet' };
  return mod.searchArchive;
}
