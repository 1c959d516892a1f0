// Package export entry point: one scope in one format (WACZ, BagIt folder or ZIP, JSON), written to a path.
import type { Archive } from '../open.js';
import type { ArticleId, BagInfoFields, ExportScope, PackageFormat } from '../contract/types.js';
import { searchArchive } from '../search/index.js';
import { writeBag, writeBagZip } from './bagit.js';
import { writeArticlesJson } from './json.js';
import type { ExportResult, ExportRunOptions } from './run.js';
import { packageFileName, resolveScope, type ResolvedScope } from './scope.js';
import { writeWacz } from './wacz.js';

export { ExportCancelled, type ExportResult, type ExportRunOptions } from './run.js';
export { packageFileName } from './scope.js';

/** Every article id a search matches, page by page (the search caps one page at 200). */
export function idsForSearch(archive: Archive, query: string): ArticleId[] {
  const ids: ArticleId[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = searchArchive(archive.db, { query, offset, limit: 200, sort: 'newest' });
    ids.push(...page.hits.map((h) => h.id));
    if (page.hits.length < 200 || ids.length >= page.total) return ids;
  }
}

export function resolveExportScope(archive: Archive, scope: ExportScope): ResolvedScope {
  return resolveScope(archive.db, scope, (q) => idsForSearch(archive, q));
}

export interface PackageRequest extends ExportRunOptions {
  format: PackageFormat;
  target: string;
  scope: ExportScope;
  bagInfo?: BagInfoFields;
  /** BagIt only: a ZIP holding the bag folder instead of the folder itself (also chosen by a `.zip` target). */
  zip?: boolean;
}

export async function exportPackage(archive: Archive, req: PackageRequest): Promise<ExportResult> {
  const scope = resolveExportScope(archive, req.scope);
  const { db } = archive;
  switch (req.format) {
    case 'wacz':
      return writeWacz(db, req.target, scope, req);
    case 'bagit':
      return req.zip || /\.zip$/i.test(req.target)
        ? writeBagZip(db, req.target, scope, req)
        : writeBag(db, req.target, scope, req);
    case 'json':
      return writeArticlesJson(db, req.target, scope, req);
  }
}

/** The suggested download name and media type of a package. */
export function packageDownload(
  format: PackageFormat,
  label: string,
  now = new Date(),
): { fileName: string; mediaType: string } {
  switch (format) {
    case 'wacz':
      return { fileName: packageFileName(label, '.wacz', now), mediaType: 'application/wacz' };
    case 'bagit':
      return { fileName: packageFileName(label, '-bag.zip', now), mediaType: 'application/zip' };
    case 'json':
      return { fileName: packageFileName(label, '.json', now), mediaType: 'application/json' };
  }
}
