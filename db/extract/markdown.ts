// Markdown files with optional YAML front matter: metadata from the front matter, body rendered by marked.
import path from 'node:path';
import { Marked, type Token } from 'marked';
import type { ImportInput, NormalizedCapture } from './types.js';
import { decodeBytes, type DecodedText } from './charset.js';
import { ImagePlaceholders, parseDocument } from './html-images.js';
import { sanitizeReaderHtml } from './sanitize.js';
import { htmlToPlainText, countWords } from './plain-text.js';
import { toHttpUrl, toIsoDate, toLanguageTag } from './html-metadata.js';
import { cleanInline, dropLeadingTitle, titleFromFileName, truncateAtWord } from './util.js';
import { ArchiveError } from '../contract/errors.js';
import { splitFrontMatter, type FrontMatter } from './front-matter.js';
import { fastInlineText, InlineRunLexer } from './markdown-inline-text.js';
import { fastBlockRules } from './markdown-block-rules.js';

export { splitFrontMatter } from './front-matter.js';

export const MARKDOWN_IMPORTER_VERSION = '1.1.0';

// Our own instance: the global `marked` can be reconfigured by anyone who imports it. The two extensions only
// spare marked its costliest regexes where they cannot match or a scan finds the same; tokens and HTML stay
// marked's own (tests/db/extract/markdown-inline-text.test.ts, markdown-block-rules.test.ts).
const marked = new Marked({ gfm: true, breaks: false, async: false }).use(fastInlineText).use(fastBlockRules);

/** Front matter values by lowercased key (of keys differing only in case, the last wins), built once per note. */
function byLowerKey(data: FrontMatter): Map<string, unknown> {
  const lower = new Map<string, unknown>();
  for (const [k, v] of Object.entries(data)) lower.set(k.toLowerCase(), v);
  return lower;
}

function pick(lower: Map<string, unknown>, ...keys: string[]): unknown {
  for (const key of keys) {
    const v = lower.get(key.toLowerCase());
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function asText(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) {
    const parts = value.map(asText).filter((v): v is string => !!v);
    return parts.length ? parts.join(', ') : null;
  }
  if (value && typeof value === 'object' && 'name' in value) return asText((value as { name: unknown }).name);
  if (typeof value === 'string' || typeof value === 'number') return cleanInline(String(value));
  return null;
}

function asTags(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;]/) : [];
  return [...new Set(list.map((t) => cleanInline(String(t))?.replace(/^#/, '')).filter((t): t is string => !!t))];
}

function firstH1(tokens: Token[]): string | null {
  for (const token of tokens) {
    if (token.type === 'heading' && token.depth === 1)
      return cleanInline(token.text.replace(/[*_`~]|!?\[([^\]]*)\]\([^)]*\)/g, '$1'));
  }
  return null;
}

/** Extracts a capture from a Markdown file. */
export function extractMarkdown(
  input: ImportInput,
  decoded: DecodedText = decodeBytes(input.bytes, { contentType: input.mediaType }),
): NormalizedCapture {
  const { data: frontMatter, body } = splitFrontMatter(decoded.text.replace(/^\ufeff/, ''));
  const data = byLowerKey(frontMatter);
  // Lexed once: the tokens are rendered and, when the front matter has no title, searched for the first <h1>.
  // marked.parse is exactly lexer + parser when no hook or walkTokens is configured (none is, on this instance).
  // InlineRunLexer is marked's lexer that lets the inline-text fast path stay linear over long paragraphs.
  const tokens = new InlineRunLexer(marked.defaults).lex(body);
  const h1 = firstH1(tokens);
  const rendered = marked.parser(tokens);

  const baseDir = input.filePath ? path.dirname(path.resolve(input.filePath)) : null;
  const images = new ImagePlaceholders(baseDir);
  // Most notes have no images: then there is nothing to resolve and no DOM to build.
  let resolved = rendered;
  if (/<img\b/i.test(rendered)) {
    const doc = parseDocument(rendered);
    images.prepare(doc);
    resolved = images.resolve(doc.body?.innerHTML ?? '');
  }

  const title = asText(pick(data, 'title', 'name', 'headline')) ?? h1 ?? titleFromFileName(input.fileName);
  const html = dropLeadingTitle(sanitizeReaderHtml(resolved), title).trim();
  const text = htmlToPlainText(html);
  if (!text.trim() && !html.includes('<img')) {
    throw new ArchiveError('INVALID_INPUT', `${input.fileName || 'The file'} has no readable text.`);
  }
  const url = toHttpUrl(asText(pick(data, 'url', 'source', 'source_url', 'sourceUrl', 'link', 'original_url')));
  const canonical = toHttpUrl(asText(pick(data, 'canonical', 'canonical_url', 'canonicalUrl'))) ?? url;
  const firstParagraph = text.split('\n\n').find((p) => p.length > 40) ?? text;
  const tags = asTags(pick(data, 'tags', 'keywords', 'categories'));
  return {
    importer: 'markdown',
    importerVersion: MARKDOWN_IMPORTER_VERSION,
    mediaType: 'text/markdown',
    charset: decoded.charset,
    title,
    byline: asText(pick(data, 'author', 'authors', 'byline', 'creator')),
    siteName: asText(pick(data, 'site', 'site_name', 'siteName', 'publisher', 'source_name')),
    sourceUrl: input.sourceUrl ?? url,
    canonicalUrl: canonical,
    publishedAt: toIsoDate(
      asText(pick(data, 'published', 'published_at', 'publishedAt', 'date', 'created', 'created_at')),
    ),
    language: toLanguageTag(asText(pick(data, 'lang', 'language', 'locale'))),
    excerpt:
      asText(pick(data, 'description', 'excerpt', 'summary', 'abstract')) ??
      (firstParagraph ? truncateAtWord(firstParagraph, 280) : null),
    html,
    text,
    wordCount: countWords(text),
    assets: images.assetsUsedIn(html),
    ...(tags.length ? { tags } : {}),
  };
}
