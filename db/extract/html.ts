// HTML pages (browser "save page", SingleFile, plain downloads): Readability main content, metadata, local images.
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import type { ImportInput, NormalizedCapture } from './types.js';
import { decodeBytes, type DecodedText } from './charset.js';
import { extractPageMetadata, type MetaDocument } from './html-metadata.js';
import { ImagePlaceholders, parseDocument } from './html-images.js';
import { cleanArticleElement, removePrintOnly, type LinkedomElementLike } from './html-cleanup.js';
import { sanitizeReaderHtml } from './sanitize.js';
import { htmlToPlainText, countWords } from './plain-text.js';
import { chooseAuthors } from './html-authors.js';
import { cleanInline, dropLeadingTitle, titleFromFileName, truncateAtWord } from './util.js';
import { ArchiveError } from '../contract/errors.js';
import { assertParsableDepth, fitsReadability } from './html-bounds.js';

export const HTML_IMPORTER_VERSION = '1.1.0';

/** Readability's answer is used when it holds at least this many characters of text; else the body is used. */
const MIN_ARTICLE_CHARS = 140;
/** An answer holding less than this share of the page's main text is tried again with Readability's looser passes. */
const SHORT_ANSWER_SHARE = 0.4;

type ReadabilityResult = ReturnType<Readability<LinkedomElementLike>['parse']>;

/** The page's text outside its chrome (scripts, navigation, header, footer, asides, forms): what an article could hold. */
function mainTextLength(doc: LinkedomDocument): number {
  const body = doc.body;
  if (!body) return 0;
  let chrome = 0;
  for (const el of body.querySelectorAll(
    'script, style, noscript, template, nav, header, footer, aside, form, [role="navigation"]',
  )) {
    if (
      !el.parentElement?.closest(
        'script, style, noscript, template, nav, header, footer, aside, form, [role="navigation"]',
      )
    )
      chrome += (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  }
  return Math.max(0, (body.textContent ?? '').replace(/\s+/g, ' ').trim().length - chrome);
}

/**
 * Readability with its own acceptance threshold; when its answer is much shorter than the page's main text (a print
 * footer chosen over a story its first pass judged unlikely), once more with a threshold that walks it through its
 * looser passes, keeping the longer answer.
 */
function runReadability(source: string, images: ImagePlaceholders, first: LinkedomDocument): ReadabilityResult {
  const main = mainTextLength(first);
  const parse = (doc: LinkedomDocument, charThreshold?: number): ReadabilityResult =>
    new Readability<LinkedomElementLike>(doc as unknown as ConstructorParameters<typeof Readability>[0], {
      ...(charThreshold ? { charThreshold } : {}),
      // The serializer hands back Readability's article element itself: cleaned in place, serialized once.
      serializer: (el) => el as unknown as LinkedomElementLike,
    }).parse();
  const article = parse(first);
  const length = (a: ReadabilityResult): number => (a?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  if (length(article) >= main * SHORT_ANSWER_SHARE) return article;
  const again = parseDocument(source);
  removePrintOnly(again);
  images.prepare(again);
  const retry = parse(again, Math.ceil(main * 0.8));
  return length(retry) > length(article) ? retry : article;
}

type LinkedomDocument = ReturnType<typeof parseHTML>['document'];

/** Body text when Readability finds no article: page chrome removed, everything else kept (forms too: ASP.NET wraps whole pages in one). */
function fallbackBody(doc: LinkedomDocument): LinkedomElementLike {
  for (const el of [
    ...doc.querySelectorAll(
      'script, style, noscript, template, nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"], [hidden]',
    ),
  ]) {
    el.remove();
  }
  return (doc.body ?? doc.documentElement) as unknown as LinkedomElementLike;
}

/** Extracts a capture from an HTML page. */
export function extractHtml(
  input: ImportInput,
  decoded: DecodedText = decodeBytes(input.bytes, { contentType: input.mediaType, html: true }),
): NormalizedCapture {
  const source = decoded.text;
  assertParsableDepth(source, input.fileName);
  const doc = parseDocument(source);
  const meta = extractPageMetadata(doc as unknown as MetaDocument, source, input.sourceUrl ?? null);

  const baseDir = input.filePath ? path.dirname(path.resolve(input.filePath)) : null;
  const images = new ImagePlaceholders(baseDir, {
    pageUrl: input.sourceUrl ?? null,
    list: input.resources ?? [],
    files: input.pageFiles ?? [],
    archived: input.archivedAssets ?? [],
  });
  removePrintOnly(doc);
  images.prepare(doc);

  let root: LinkedomElementLike | null = null;
  let article: ReadabilityResult = null;
  // A page too deep or too large for Readability keeps its whole body (cleaned of page chrome) instead.
  if (fitsReadability(doc.documentElement as unknown as Parameters<typeof fitsReadability>[0])) {
    try {
      article = runReadability(source, images, doc);
      if (article?.content && (article.textContent ?? '').trim().length >= MIN_ARTICLE_CHARS) root = article.content;
    } catch {
      article = null; // A page Readability chokes on still has a body.
    }
  }
  if (root === null) {
    const fresh = parseDocument(source);
    removePrintOnly(fresh);
    images.prepare(fresh);
    root = fallbackBody(fresh);
  }
  const authors = meta.byline ? [] : chooseAuthors([], article?.byline);
  const byline = meta.byline ?? (authors.length ? authors.join(', ') : null);
  images.markMissing(root as unknown as Parameters<ImagePlaceholders['markMissing']>[0]);
  cleanArticleElement(root, byline);
  const resolved = images.resolve(root.innerHTML);

  const title = meta.title ?? cleanInline(article?.title) ?? titleFromFileName(input.fileName);
  const html = dropLeadingTitle(sanitizeReaderHtml(resolved), title).trim();
  const text = htmlToPlainText(html);
  if (!text.trim() && !html.includes('<img')) {
    throw new ArchiveError('INVALID_INPUT', `${input.fileName || 'The page'} has no readable text.`);
  }
  const firstParagraph = text.split('\n\n').find((p) => p.length > 40) ?? text;
  return {
    importer: 'html',
    importerVersion: HTML_IMPORTER_VERSION,
    mediaType: 'text/html',
    charset: decoded.charset,
    title,
    byline,
    siteName: meta.siteName ?? cleanInline(article?.siteName),
    sourceUrl: input.sourceUrl ?? meta.savedFromUrl ?? meta.canonicalUrl,
    canonicalUrl: meta.canonicalUrl,
    publishedAt: meta.publishedAt,
    language: meta.language ?? cleanInline(article?.lang),
    excerpt:
      meta.excerpt ?? cleanInline(article?.excerpt) ?? (firstParagraph ? truncateAtWord(firstParagraph, 280) : null),
    html,
    text,
    wordCount: countWords(text),
    assets: images.assetsUsedIn(html),
  };
}
