// A page sent by the browser clipper: its DOM stored as the capture's original, tags added, the selection highlighted.
import type Database from 'better-sqlite3';
import { ArchiveError } from '../contract/errors.js';
import type { AnnotationId, ArticleId, ClipRequest, ClipResult } from '../contract/types.js';
import { anchor } from '../annotations/anchor.js';
import { articleText } from '../annotations/article-text.js';
import { createAnnotation } from '../annotations/create.js';
import { MAX_ASSET_BYTES } from '../extract/assets.js';
import type { PageResource } from '../extract/types.js';
import type { Importer } from '../ingest/importer.js';
import { findDuplicate } from '../ingest/store.js';
import { tagArticles } from '../repos/tags.js';
import { sha256Hex } from '../util.js';
import { CAPTURE_IMPORTER_VERSION, STACKS_VERSION } from './settings.js';

const collapse = (s: string): string => s.replace(/\s+/g, ' ');

/** The article already filed under this address (a link imported earlier, an earlier capture or clip). */
function existingCanonical(db: Database.Database, url: string): string | null {
  const row = db
    .prepare(
      'SELECT canonical_url FROM article WHERE (canonical_url = ? OR source_url = ?) AND canonical_url IS NOT NULL LIMIT 1',
    )
    .get(url, url) as { canonical_url: string } | undefined;
  return row?.canonical_url ?? null;
}

/** Places the selection in the article's text; the browser's selection and the extracted text differ in spacing. */
function placeSelection(
  text: string,
  sel: NonNullable<ClipRequest['selection']>,
): { start: number; end: number } | null {
  const exact = collapse(sel.exact).trim();
  const direct = text.indexOf(exact);
  const quote = {
    type: 'TextQuoteSelector' as const,
    exact,
    prefix: collapse(sel.prefix ?? ''),
    suffix: collapse(sel.suffix ?? ''),
  };
  const hint = direct >= 0 ? direct : 0;
  const placed = anchor(text, {
    position: { type: 'TextPositionSelector', start: hint, end: hint + exact.length },
    quote,
  });
  return placed.start === undefined || placed.end === undefined ? null : { start: placed.start, end: placed.end };
}

/** The images the browser sent, as the page's resources: the extractor keeps those the article shows, as assets. */
function clipResources(images: NonNullable<ClipRequest['images']>): PageResource[] {
  const out: PageResource[] = [];
  for (const image of images) {
    const bytes = new Uint8Array(Buffer.from(image.data, 'base64'));
    // An empty or oversized image is left out; the page keeps a "not archived" placeholder for it.
    if (bytes.byteLength > 0 && bytes.byteLength <= MAX_ASSET_BYTES) out.push({ url: image.url, bytes });
  }
  return out;
}

export async function clipPage(db: Database.Database, importer: Importer, input: ClipRequest): Promise<ClipResult> {
  const bytes = new Uint8Array(Buffer.from(input.html, 'utf8'));
  const sha256 = sha256Hex(bytes);
  const notes: string[] = [];
  let id: ArticleId;
  let title: string;
  let status: ClipResult['status'] = 'imported';
  let newVersion = false;
  const dup = findDuplicate(db, sha256);
  if (dup !== null) {
    id = dup as ArticleId;
    status = 'duplicate';
    title = (db.prepare('SELECT title FROM article WHERE id = ?').get(id) as { title: string }).title;
  } else {
    const resources = clipResources(input.images ?? []);
    const extracted = await importer.extractOne({
      bytes,
      ...(resources.length ? { resources } : {}),
      fileName: 'page.html',
      sourceUrl: input.url,
      // The DOM comes as a JS string: sent and kept as UTF-8, whatever the page was served in.
      mediaType: 'text/html; charset=utf-8',
    });
    const joinUrl = existingCanonical(db, input.url);
    const outcome = importer.storePrepared({
      file: input.url,
      bytes,
      sha256,
      sourcePath: null,
      capture: {
        ...extracted,
        importer: 'clipper',
        importerVersion: CAPTURE_IMPORTER_VERSION,
        sourceUrl: input.url,
        canonicalUrl: joinUrl ?? extracted.canonicalUrl,
        title: input.title?.trim() || extracted.title,
      },
      provenance: `clipped in the browser with the Stacks clipper (Stacks ${STACKS_VERSION}): the page's DOM as shown at ${input.url}, sent over the loopback API`,
    });
    if (outcome.status === 'failed' || outcome.id === undefined) {
      throw new ArchiveError('UNSUPPORTED_FORMAT', outcome.error ?? 'The page could not be stored.');
    }
    id = outcome.id;
    title = outcome.title ?? input.url;
    newVersion = outcome.newVersion === true;
    notes.push(...(outcome.notes ?? []));
  }
  if (input.tags?.length) tagArticles(db, { ids: [id], tags: input.tags });
  let highlightId: AnnotationId | null = null;
  if (input.selection) {
    const { text } = articleText(db, id);
    const at = placeSelection(text, input.selection);
    if (at) highlightId = createAnnotation(db, { articleId: id, kind: 'highlight', start: at.start, end: at.end }).id;
    else notes.push('The selection could not be found in the stored text, so no highlight was made.');
  }
  return { id, title, status, newVersion, highlightId, notes };
}
