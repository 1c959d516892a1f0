// One zod schema per contract method input, checked at every edge (IPC, HTTP, CLI); runtime-neutral (no node, no DOM).
import { z } from 'zod';
import type { ApiInput, ArchiveMethod } from './api.js';
import { ARCHIVE_METHODS } from './api.js';
import { ArchiveError } from './errors.js';
import { LIMITS } from './limits.js';
import { isValidPublishedDate, PUBLISHED_DATE_RULE } from './metadata-edit.js';
import type { AnnotationId, ArticleId, CaptureId } from './types.js';

export { LIMITS };

// ---------- building blocks ----------

const articleId = z
  .int()
  .positive()
  .transform((n) => n as ArticleId);
const annotationId = z
  .int()
  .positive()
  .transform((n) => n as AnnotationId);
const captureId = z
  .int()
  .positive()
  .transform((n) => n as CaptureId);
const offset = z.int().min(0).max(LIMITS.offset);
const pageLimit = z.int().min(1).max(LIMITS.pageSize);
const shortText = (max: number) => z.string().trim().min(1).max(max);
const name = shortText(LIMITS.name);
const ids = z.array(articleId).min(1).max(LIMITS.bulkIds);
const tagList = z.array(name).min(1).max(LIMITS.tags);
const empty = z.strictObject({});
const exportId = z.string().regex(/^[0-9a-f]{24}$/, 'expected an export id');
const compactJobId = z.string().regex(/^[0-9a-f]{24}$/, 'expected a compaction id');
const importJobId = z.string().regex(/^[0-9a-f]{24}$/, 'expected an import id');
const isoDate = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$/, 'expected an ISO date like 2024-05-31');
const colorName = z
  .string()
  .max(32)
  .regex(/^[a-z][a-z0-9-]*$/, 'expected a color name of lowercase letters, digits and dashes');
const base64 = z
  .string()
  .min(0)
  .max(LIMITS.base64Chars, `file too large: at most ${LIMITS.base64Chars} base64 characters (about 45 MB)`)
  .regex(/^[A-Za-z0-9+/\-_\r\n]*={0,2}\s*$/, 'expected base64 text');

const articleFilter = z.strictObject({
  state: z.enum(['unread', 'read']).optional(),
  favorite: z.boolean().optional(),
  archived: z.boolean().optional(),
  trashed: z.boolean().optional(),
  tag: name.optional(),
  collection: name.optional(),
  site: z.string().max(LIMITS.name).optional(),
  month: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'expected a month like 2024-05 (or a year like 2024)')
    .optional(),
  dateBy: z.enum(['added', 'published']).optional(),
  undated: z.boolean().optional(),
  linkOnly: z.boolean().optional(),
});

const articleSort = z.enum(['added', 'published', 'title', 'site', 'author']);
const queuePage = z.strictObject({ offset: offset.optional(), limit: pageLimit.optional() });

const marks = {
  isRead: z.boolean().optional(),
  isFavorite: z.boolean().optional(),
  isArchived: z.boolean().optional(),
};

const annotationPatch = z.strictObject({
  color: colorName.nullable().optional(),
  note: z.string().max(LIMITS.note).optional(),
  tags: z.array(name).max(LIMITS.tags).optional(),
});

/** Only web addresses: capture never reads file:, data: or any other scheme. */
const httpUrl = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.url)
  .refine(isWebAddress, 'expected an http:// or https:// address');

function isWebAddress(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** A correction's optional text: trimmed; empty or null clears the field. */
const clearable = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v))
    .optional();

const metadataEdit = z
  .strictObject({
    title: z.string().trim().min(1, 'a title cannot be empty').max(LIMITS.title).optional(),
    byline: clearable(LIMITS.title),
    publishedAt: z
      .string()
      .trim()
      .max(40)
      .refine((v) => v === '' || isValidPublishedDate(v), PUBLISHED_DATE_RULE)
      .nullable()
      .transform((v) => (v === '' ? null : v))
      .optional(),
    sourceUrl: z
      .string()
      .trim()
      .max(LIMITS.url)
      .refine((v) => v === '' || isWebAddress(v), 'expected an http:// or https:// address')
      .nullable()
      .transform((v) => (v === '' ? null : v))
      .optional(),
    siteName: clearable(LIMITS.name),
  })
  .refine((f) => Object.values(f).some((v) => v !== undefined), 'give at least one field to change');

// ---------- one schema per method ----------

/** A file sent whole (importFile) or to import in the background (startImport). */
const importFileRequest = z.strictObject({
  fileName: shortText(LIMITS.fileName),
  dataBase64: base64,
  sourceUrl: z.string().max(LIMITS.url).optional(),
  mediaType: z.string().max(255).optional(),
  pageFiles: z
    .array(z.strictObject({ path: shortText(LIMITS.fileName), dataBase64: base64 }))
    .max(1_000)
    .refine(
      (files) => files.reduce((n, f) => n + f.dataBase64.length, 0) <= LIMITS.base64Chars,
      `the page's files are too large together: at most ${LIMITS.base64Chars} base64 characters`,
    )
    .optional(),
});

export const INPUT_SCHEMAS = {
  listArticles: z.strictObject({
    sort: articleSort.optional(),
    order: z.enum(['asc', 'desc']).optional(),
    offset: offset.optional(),
    limit: pageLimit.optional(),
    filter: articleFilter.optional(),
  }),
  getArticle: z.strictObject({ id: articleId }),
  updateArticle: z.strictObject({
    id: articleId,
    patch: z.strictObject({ title: shortText(LIMITS.title).optional(), ...marks }),
  }),
  markArticles: z.strictObject({ ids, ...marks }),
  setReadingPosition: z.strictObject({
    id: articleId,
    position: z.strictObject({
      percent: z.number().min(0).max(1),
      offset: z.int().min(0),
      quote: z.string().max(LIMITS.quote),
    }),
  }),
  trashArticles: z.strictObject({ ids }),
  restoreArticles: z.strictObject({ ids }),
  listEvents: z.strictObject({ articleId: articleId.optional(), limit: pageLimit.optional() }),
  timeline: z.strictObject({ by: z.enum(['added', 'published']).optional() }),
  diffCaptures: z.strictObject({ id: articleId, from: captureId.optional(), to: captureId.optional() }),
  backupStatus: empty,
  setBackupSettings: z.strictObject({ automatic: z.boolean().optional(), keep: z.int().min(1).max(100).optional() }),
  backupNow: empty,

  importFile: importFileRequest,
  startImport: importFileRequest,
  importStatus: z.strictObject({ id: importJobId }),
  cancelImport: z.strictObject({ id: importJobId }),
  verify: empty,
  compact: empty,
  startCompact: empty,
  compactStatus: z.strictObject({ id: compactJobId }),
  cancelCompact: z.strictObject({ id: compactJobId }),
  stats: empty,
  archiveFile: empty,
  exportArticles: empty,
  startExport: z
    .strictObject({
      format: z.enum(['wacz', 'bagit', 'json']),
      ids: ids.optional(),
      collection: name.optional(),
      query: z.string().max(LIMITS.query).optional(),
      bagInfo: z
        .record(
          z.string().regex(/^[^\s:]{1,100}$/, 'a bag-info label is one word without ":"'),
          z.string().max(LIMITS.note),
        )
        .optional(),
    })
    .refine(
      (v) => [v.ids, v.collection, v.query].filter((x) => x !== undefined).length <= 1,
      'export one scope at a time: ids, a collection or a query',
    ),
  exportStatus: z.strictObject({ id: exportId }),
  cancelExport: z.strictObject({ id: exportId }),

  search: z.strictObject({
    query: z.string().max(LIMITS.query),
    sort: z.enum(['relevance', 'newest', 'oldest']).optional(),
    offset: offset.optional(),
    limit: pageLimit.optional(),
    scope: z.enum(['articles', 'annotations']).optional(),
  }),
  listSavedSearches: empty,
  saveSearch: z.strictObject({ name, query: shortText(LIMITS.query) }),
  deleteSavedSearch: z.strictObject({ name }),

  listTags: empty,
  tagArticles: z.strictObject({ ids, tags: tagList }),
  untagArticles: z.strictObject({ ids, tags: tagList }),
  listCollections: empty,
  addToCollection: z.strictObject({ ids, collection: name }),
  removeFromCollection: z.strictObject({ ids, collection: name }),

  createAnnotation: z
    .strictObject({
      articleId,
      kind: z.enum(['highlight', 'note', 'article-note']),
      start: z.int().min(0).optional(),
      end: z.int().min(0).optional(),
      color: colorName.nullable().optional(),
      note: z.string().max(LIMITS.note).optional(),
      tags: z.array(name).max(LIMITS.tags).optional(),
    })
    .refine((a) => a.start === undefined || a.end === undefined || a.start < a.end, {
      message: 'start must be before end',
      path: ['end'],
    }),
  updateAnnotation: z.strictObject({ id: annotationId, patch: annotationPatch }),
  deleteAnnotation: z.strictObject({ id: annotationId }),
  restoreAnnotation: z.strictObject({ id: annotationId }),
  listAnnotations: z.strictObject({
    articleId: articleId.optional(),
    color: colorName.optional(),
    tag: name.optional(),
    collection: name.optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    orphansOnly: z.boolean().optional(),
    deleted: z.boolean().optional(),
    offset: offset.optional(),
    limit: z.int().min(1).max(LIMITS.annotationPageSize).optional(),
  }),
  annotationHistory: z.strictObject({ id: annotationId }),
  reanchorArticle: z.strictObject({ id: articleId }),
  exportAnnotations: z.strictObject({
    format: z.enum(['markdown', 'jsonld', 'csv']),
    articleId: articleId.optional(),
    collection: name.optional(),
    query: z.string().max(LIMITS.query).optional(),
  }),
  importAnnotations: z.strictObject({ content: z.string().max(LIMITS.importContent), format: z.literal('jsonld') }),
  listColors: empty,
  setColor: z.strictObject({
    name: colorName,
    label: shortText(LIMITS.colorLabel),
    hex: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a color like #f5d34f'),
  }),

  captureUrls: z.strictObject({
    urls: z.array(httpUrl).min(1).max(LIMITS.captureUrls),
    ignoreRobots: z.boolean().optional(),
  }),
  clipPage: z.strictObject({
    url: httpUrl,
    html: z.string().min(1).max(LIMITS.clipHtml, `page too large: at most ${LIMITS.clipHtml} characters`),
    title: z.string().max(LIMITS.title).optional(),
    selection: z
      .strictObject({
        exact: z.string().trim().min(1).max(LIMITS.note),
        prefix: z.string().max(LIMITS.quote).optional(),
        suffix: z.string().max(LIMITS.quote).optional(),
      })
      .optional(),
    tags: z.array(name).max(LIMITS.tags).optional(),
    images: z
      .array(
        z.strictObject({
          url: httpUrl,
          data: z
            .string()
            .min(1)
            .max(LIMITS.clipImageChars, 'image too large')
            .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
        }),
      )
      .max(LIMITS.clipImages)
      .optional(),
  }),

  editArticle: z.strictObject({ id: articleId, fields: metadataEdit }),
  previewPurge: z
    .strictObject({ ids: ids.optional(), trash: z.literal(true).optional() })
    .refine((v) => (v.ids === undefined) !== (v.trash === undefined), 'give either ids or trash: true'),
  purgeArticles: z.strictObject({ ids }),
  listArticleIds: z.strictObject({
    filter: articleFilter.optional(),
    sort: articleSort.optional(),
    order: z.enum(['asc', 'desc']).optional(),
  }),
  listLater: queuePage,
  addToLater: z.strictObject({ ids }),
  removeFromLater: z.strictObject({ ids }),
  moveInLater: z.strictObject({ id: articleId, to: z.int().min(0).max(LIMITS.offset) }),
  listContinueReading: queuePage,
  exportArticle: z.strictObject({ id: articleId, format: z.enum(['html', 'markdown']) }),
  citeArticles: z
    .strictObject({
      ids: ids.optional(),
      query: z.string().trim().min(1).max(LIMITS.query).optional(),
      format: z.enum(['bibtex', 'ris', 'csl-json', 'text']),
    })
    .refine((v) => (v.ids === undefined) !== (v.query === undefined), 'give either ids or a query'),
  originalPage: z.strictObject({ captureId }),
} satisfies { [M in ArchiveMethod]: z.ZodType };

// ---------- compile-time proof that each schema's output is exactly the contract's input ----------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mismatched = {
  [M in ArchiveMethod]: Same<z.output<(typeof INPUT_SCHEMAS)[M]>, ApiInput<M>> extends true ? never : M;
}[ArchiveMethod];
// A schema drifting from the contract turns this into the offending method name and fails to compile.
const schemasMatchContract: [Mismatched] extends [never] ? true : Mismatched = true;
void schemasMatchContract;

// ---------- the one entry point transports call ----------

export function isArchiveMethod(value: unknown): value is ArchiveMethod {
  return typeof value === 'string' && (ARCHIVE_METHODS as readonly string[]).includes(value);
}

/** Parses `input` for `method`; throws ArchiveError('INVALID_INPUT') naming each offending field. */
export function validateInput<M extends ArchiveMethod>(method: M, input: unknown): ApiInput<M> {
  const schema = INPUT_SCHEMAS[method] as z.ZodType | undefined;
  if (!schema) throw new ArchiveError('INVALID_INPUT', `Unknown method "${String(method)}"`);
  // Methods without parameters may be called with nothing at all.
  const result = schema.safeParse(input === undefined || input === null ? {} : input);
  if (result.success) return result.data as ApiInput<M>;
  throw new ArchiveError('INVALID_INPUT', `Invalid input for ${method}: ${describeIssues(result.error.issues)}`);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return (
    issues
      .slice(0, 5)
      .map((issue) => {
        const field = issue.path.length ? issue.path.map(String).join('.') : '(input)';
        return `${field}: ${issue.message}`;
      })
      .join('; ') + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : '')
  );
}
