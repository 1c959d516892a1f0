// Imports W3C Web Annotation JSON-LD (Stacks' own export, or other tools'): finds each target's article,
// re-anchors the selectors on its current text, skips duplicates, and reports what it could not import.
import { LIMITS } from '../contract/limits.js';
import type Database from 'better-sqlite3';
import type {
  AnchorPlacement,
  AnnotationImportReport,
  AnnotationKind,
  TextPositionSelector,
  TextQuoteSelector,
} from '../contract/types.js';
import { anchor, type Selectors } from './anchor.js';
import { articleText, type ArticleText } from './article-text.js';
import { insertNew } from './create.js';
import { ARTICLE_URN } from './jsonld-shape.js';
import { cachedStatement, writeTransaction } from '../util.js';
import { nowIso, stmts } from './statements.js';
import { checkNote, checkTags, invalid, KINDS } from './validate.js';

export const MAX_IMPORT_CHARS = LIMITS.importContent;

type Json = Record<string, unknown>;

/**
 * One transaction for the whole file: a crash leaves the archive as it was. `skipped` counts duplicates
 * of annotations already present; items that could not be imported are listed in `problems`.
 */
export function importAnnotations(
  db: Database.Database,
  input: { content: string; format: 'jsonld' },
): AnnotationImportReport {
  if (input?.format !== 'jsonld')
    throw invalid('Annotations can be imported from W3C Web Annotation JSON-LD (format "jsonld").');
  if (typeof input.content !== 'string' || !input.content.trim()) throw invalid('The file is empty.');
  if (input.content.length > MAX_IMPORT_CHARS)
    throw invalid(`The file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.content);
  } catch (err) {
    throw invalid(`The file is not valid JSON: ${(err as Error).message}`);
  }
  const items = annotationItems(parsed);
  if (!items)
    throw invalid(
      'No Web Annotations found: expected an AnnotationCollection, an AnnotationPage, an array or one Annotation.',
    );

  const report: AnnotationImportReport = { imported: 0, skipped: 0, problems: [] };
  const texts = new Map<number, ArticleText>();
  writeTransaction(db, () => {
    items.forEach((item, i) => {
      const label = `Annotation ${i + 1}${isObj(item) && typeof item.id === 'string' ? ` (${item.id})` : ''}`;
      try {
        const outcome = importOne(db, item, texts);
        if (outcome === 'duplicate') report.skipped++;
        else {
          report.imported++;
          if (outcome === 'orphan')
            report.problems.push(
              `${label}: imported, but its passage is not in the article's current text (kept as an orphan).`,
            );
        }
      } catch (err) {
        report.problems.push(`${label}: ${(err as Error).message}`);
      }
    });
  });
  return report;
}

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function hasType(v: Json, type: string): boolean {
  return asArray(v.type).includes(type);
}

/** The annotations in a collection (all its pages), a page, an array, or a single annotation. */
function annotationItems(doc: unknown): unknown[] | null {
  if (Array.isArray(doc)) return doc;
  if (!isObj(doc)) return null;
  if (hasType(doc, 'Annotation')) return [doc];
  if (Array.isArray(doc.items)) return doc.items;
  if (hasType(doc, 'AnnotationCollection')) {
    const out: unknown[] = [];
    // Pages chain through `next` when they are embedded; unresolvable links are simply not followed.
    const seen = new Set<unknown>();
    for (let page: unknown = doc.first; isObj(page) && !seen.has(page); page = page.next) {
      seen.add(page);
      out.push(...asArray(page.items));
    }
    return out;
  }
  return null;
}

type Outcome = 'imported' | 'orphan' | 'duplicate';

function importOne(db: Database.Database, item: unknown, texts: Map<number, ArticleText>): Outcome {
  if (!isObj(item) || !hasType(item, 'Annotation')) throw new Error('not a Web Annotation (no "type": "Annotation").');
  const target = asArray(item.target)[0];
  const targetObj: Json = isObj(target) ? target : { source: target };
  const source =
    typeof targetObj.source === 'string' ? targetObj.source : typeof targetObj.id === 'string' ? targetObj.id : null;
  if (!source) throw new Error('its target has no source.');
  const articleId = findArticle(db, source, targetObj);
  if (articleId === null) throw new Error(`no article in this archive matches ${source}.`);
  let current = texts.get(articleId);
  if (!current) texts.set(articleId, (current = articleText(db, articleId)));

  const selectors = readSelectors(targetObj.selector);
  const bodies = asArray(item.body).concat(
    typeof item.bodyValue === 'string' ? [{ type: 'TextualBody', value: item.bodyValue }] : [],
  );
  const notes: string[] = [];
  const tagNames: string[] = [];
  let classifying: string | null = null;
  for (const b of bodies) {
    if (typeof b === 'string') {
      notes.push(b);
      continue;
    }
    if (!isObj(b) || typeof b.value !== 'string') continue;
    const purpose = asArray(b.purpose);
    if (purpose.includes('tagging')) tagNames.push(b.value);
    else if (purpose.includes('classifying')) classifying = b.value;
    else notes.push(b.value);
  }
  const note = checkNote(notes.join('\n\n'));
  const tags = checkTags(tagNames);

  const declared = item['stacks:kind'];
  let kind: AnnotationKind;
  if (KINDS.includes(declared as AnnotationKind)) kind = declared as AnnotationKind;
  else if (!selectors) kind = 'article-note';
  else kind = asArray(item.motivation).includes('highlighting') || !note.trim() ? 'highlight' : 'note';
  if (kind !== 'article-note' && !selectors)
    throw new Error('a passage annotation without a TextQuoteSelector cannot be placed.');
  if (kind === 'article-note' && !note.trim()) throw new Error('an article note without text.');

  const color = kind === 'article-note' ? null : importColor(db, item['stacks:color'], classifying, kind);

  let placement: AnchorPlacement = { state: 'none' };
  if (selectors) {
    placement = current.text ? anchor(current.text, selectors) : { state: 'orphan' };
    if (current.captureSha256) placement.captureSha256 = current.captureSha256;
  }
  if (isDuplicate(db, articleId, selectors, note)) return 'duplicate';

  const declaredSha = item['stacks:captureSha256'];
  const at = nowIso();
  insertNew(db, {
    articleId,
    kind,
    color,
    note,
    tags,
    selectors,
    placement,
    captureSha256:
      typeof declaredSha === 'string' && /^[0-9a-f]{64}$/.test(declaredSha)
        ? declaredSha
        : (current.captureSha256 ?? ''),
    createdAt: isoOr(item.created, at),
    updatedAt: isoOr(item.modified, isoOr(item.created, at)),
  });
  return placement.state === 'orphan' ? 'orphan' : 'imported';
}

/** By URN (checked against title or text hash when given), canonical URL, source URL, then text hash, then a unique title. */
function findArticle(db: Database.Database, source: string, target: Json): number | null {
  const textSha = typeof target['stacks:textSha256'] === 'string' ? target['stacks:textSha256'] : null;
  const title = typeof target['stacks:articleTitle'] === 'string' ? target['stacks:articleTitle'] : null;
  const one = (sql: string, ...params: unknown[]) =>
    (cachedStatement(db, sql).get(...params) as { id: number } | undefined)?.id ?? null;
  if (source.startsWith(ARTICLE_URN)) {
    const id = Number(source.slice(ARTICLE_URN.length));
    if (Number.isSafeInteger(id) && id > 0) {
      // Ids differ between archives: trust one only when the text or title agrees.
      const row = cachedStatement(
        db,
        `SELECT ar.title, c.text_sha256 FROM article ar LEFT JOIN content c ON c.capture_id = ar.current_capture_id
        WHERE ar.id = ?`,
      ).get(id) as { title: string; text_sha256: string | null } | undefined;
      if (row && ((textSha && row.text_sha256 === textSha) || (!textSha && title !== null && row.title === title)))
        return id;
    }
  } else {
    const byUrl =
      one('SELECT id FROM article WHERE canonical_url = ?', source) ??
      one('SELECT id FROM article WHERE source_url = ? ORDER BY id LIMIT 1', source);
    if (byUrl !== null) return byUrl;
  }
  if (textSha) {
    const byText = one(
      `SELECT ar.id FROM article ar JOIN content c ON c.capture_id = ar.current_capture_id
      WHERE c.text_sha256 = ? ORDER BY ar.id LIMIT 1`,
      textSha,
    );
    if (byText !== null) return byText;
  }
  if (title) {
    const rows = cachedStatement(db, 'SELECT id FROM article WHERE title = ? LIMIT 2').all(title) as { id: number }[];
    if (rows.length === 1) return rows[0]!.id;
  }
  return null;
}

function readSelectors(raw: unknown): Selectors | null {
  let position: TextPositionSelector | null = null;
  let quote: TextQuoteSelector | null = null;
  for (const s of asArray(raw)) {
    if (!isObj(s)) continue;
    if (hasType(s, 'TextQuoteSelector') && typeof s.exact === 'string' && s.exact.length > 0) {
      quote = {
        type: 'TextQuoteSelector',
        exact: s.exact,
        prefix: typeof s.prefix === 'string' ? s.prefix : '',
        suffix: typeof s.suffix === 'string' ? s.suffix : '',
      };
    } else if (
      hasType(s, 'TextPositionSelector') &&
      Number.isSafeInteger(s.start) &&
      Number.isSafeInteger(s.end) &&
      (s.start as number) >= 0 &&
      (s.end as number) > (s.start as number)
    ) {
      position = { type: 'TextPositionSelector', start: s.start as number, end: s.end as number };
    }
  }
  if (!quote) return null;
  return { position: position ?? { type: 'TextPositionSelector', start: 0, end: 0 }, quote };
}

/** Stacks' own color extension first (created here when missing), then a classifying body by name or label. */
function importColor(
  db: Database.Database,
  ext: unknown,
  classifying: string | null,
  kind: AnnotationKind,
): string | null {
  const s = stmts(db);
  if (isObj(ext) && typeof ext.name === 'string') {
    const name = ext.name.trim().toLowerCase();
    if (s.colorExists.get(name)) return name;
    if (/^[a-z][a-z0-9-]{0,31}$/.test(name) && typeof ext.hex === 'string' && /^#[0-9a-f]{6}$/i.test(ext.hex)) {
      const label = typeof ext.label === 'string' && ext.label.trim() ? ext.label.trim().slice(0, 60) : name;
      s.upsertColor.run({ name, label, hex: ext.hex.toLowerCase() });
      return name;
    }
  }
  if (classifying) {
    const found = s.colorByNameOrLabel.get(classifying.trim(), classifying.trim());
    if (found) return found.name;
  }
  return kind === 'highlight' ? (s.defaultColor.get()?.name ?? null) : null;
}

function isDuplicate(db: Database.Database, articleId: number, selectors: Selectors | null, note: string): boolean {
  const hasPos = selectors !== null && selectors.position.end > selectors.position.start;
  const row = cachedStatement(
    db,
    `SELECT 1 FROM annotation WHERE article_id = ? AND deleted_at IS NULL AND note = ?
      AND quote_exact IS ? AND quote_prefix IS ? AND quote_suffix IS ? AND pos_start IS ? AND pos_end IS ? LIMIT 1`,
  ).get(
    articleId,
    note,
    selectors?.quote.exact ?? null,
    selectors?.quote.prefix ?? null,
    selectors?.quote.suffix ?? null,
    hasPos ? selectors.position.start : null,
    hasPos ? selectors.position.end : null,
  );
  return row !== undefined;
}

function isoOr(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return fallback;
  return new Date(value).toISOString();
}
