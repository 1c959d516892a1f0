// One article exported (HTML, Markdown) and articles cited (BibTeX, RIS, CSL-JSON, plain text), as downloadable files.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../../contract/errors.js';
import type { ArticleId, CitationFormat, ExportedFile } from '../../contract/types.js';
import { getArticle } from '../../repos/articles.js';
import { cachedStatement } from '../../util.js';
import { toBibtex } from './bibtex.js';
import { citationSource } from './citation-data.js';
import { toCslJson } from './csl-json.js';
import { articleHtmlDocument } from './html-document.js';
import { articleMarkdown } from './markdown-document.js';
import { toPlainCitations } from './plain-citation.js';
import { toRis } from './ris.js';

/** A file name from the title: letters, digits and dashes, never empty, never a path. */
export function slugFileName(title: string, ext: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || 'article'}${ext}`;
}

function readAsset(db: Database.Database, sha256: string): { mediaType: string; bytes: Uint8Array } | null {
  const row = cachedStatement(db, 'SELECT media_type AS mediaType, bytes FROM asset WHERE sha256 = ?').get(sha256) as
    { mediaType: string; bytes: Buffer } | undefined;
  return row ? { mediaType: row.mediaType.toLowerCase().split(';')[0]!.trim(), bytes: row.bytes } : null;
}

export function exportOneArticle(
  db: Database.Database,
  input: { id: ArticleId; format: 'html' | 'markdown' },
): ExportedFile {
  const a = getArticle(db, { id: input.id });
  if (input.format === 'html') {
    return {
      fileName: slugFileName(a.title, '.html'),
      mediaType: 'text/html; charset=utf-8',
      content: articleHtmlDocument(a, (sha) => readAsset(db, sha)),
    };
  }
  return {
    fileName: slugFileName(a.title, '.md'),
    mediaType: 'text/markdown; charset=utf-8',
    content: articleMarkdown(a),
  };
}

const CITATION_FILES: Record<CitationFormat, { ext: string; mediaType: string }> = {
  bibtex: { ext: '.bib', mediaType: 'application/x-bibtex; charset=utf-8' },
  ris: { ext: '.ris', mediaType: 'application/x-research-info-systems; charset=utf-8' },
  'csl-json': { ext: '.json', mediaType: 'application/vnd.citationstyles.csl+json; charset=utf-8' },
  text: { ext: '.txt', mediaType: 'text/plain; charset=utf-8' },
};

export function citeArticles(db: Database.Database, ids: ArticleId[], format: CitationFormat): ExportedFile {
  if (ids.length === 0) throw new ArchiveError('NOT_FOUND', 'No articles to cite');
  const sources = ids.map((id) => citationSource(getArticle(db, { id })));
  const content =
    format === 'bibtex'
      ? toBibtex(sources)
      : format === 'ris'
        ? toRis(sources)
        : format === 'csl-json'
          ? toCslJson(sources)
          : toPlainCitations(sources);
  const { ext, mediaType } = CITATION_FILES[format];
  const base = ids.length === 1 ? slugFileName(sources[0]!.title, '') : `stacks-citations-${ids.length}`;
  return { fileName: `${base}${ext}`, mediaType, content };
}
