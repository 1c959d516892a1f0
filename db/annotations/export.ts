// Annotation export dispatcher: one scope (article, collection, query or whole archive) in one of three formats.
import type Database from 'better-sqlite3';
import type { AnnotationExportRequest, ExportedFile } from '../contract/types.js';
import { collectExport, exportFileName, type ResolveQuery } from './export-data.js';
import { renderCsv } from './export-csv.js';
import { renderJsonLd } from './export-jsonld.js';
import { renderMarkdown } from './export-markdown.js';
import { invalid } from './validate.js';

export function exportAnnotations(
  db: Database.Database,
  req: AnnotationExportRequest,
  resolveQuery?: ResolveQuery,
): ExportedFile {
  if (typeof req !== 'object' || req === null) throw invalid('Expected an export request.');
  const now = new Date();
  switch (req.format) {
    case 'markdown': {
      const data = collectExport(db, req, resolveQuery);
      return {
        fileName: exportFileName(data.scope, 'md', now),
        mediaType: 'text/markdown; charset=utf-8',
        content: renderMarkdown(data, now),
      };
    }
    case 'jsonld': {
      const data = collectExport(db, req, resolveQuery);
      return {
        fileName: exportFileName(data.scope, 'jsonld', now),
        mediaType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        content: renderJsonLd(data, now),
      };
    }
    case 'csv': {
      const data = collectExport(db, req, resolveQuery);
      return {
        fileName: exportFileName(data.scope, 'csv', now),
        mediaType: 'text/csv; charset=utf-8; header=present',
        content: renderCsv(data),
      };
    }
    default:
      throw invalid(
        `Unknown export format ${JSON.stringify((req as { format: unknown }).format)}; use markdown, jsonld or csv.`,
      );
  }
}
