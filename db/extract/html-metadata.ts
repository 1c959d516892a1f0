// Article metadata from a parsed page: <meta> tags, Open Graph, JSON-LD, <time>, <html lang>, canonical links.
import { cleanInline } from './util.js';

/** The slice of the DOM this module reads; linkedom's Document satisfies it. */
export interface MetaDocument {
  documentElement: { getAttribute(name: string): string | null } | null;
  title: string;
  querySelector(selector: string): MetaElement | null;
  querySelectorAll(selector: string): ArrayLike<MetaElement>;
}
export interface MetaElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedAt: string | null;
  language: string | null;
  excerpt: string | null;
  canonicalUrl: string | null;
  /** Where the page was saved from, as the saving tool recorded it (SingleFile, "saved from url", Save Page WE). */
  savedFromUrl: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every <meta> content by its lower-cased property/name/itemprop, first one winning; one DOM pass. */
type MetaIndex = Map<string, string>;

function indexMeta(doc: MetaDocument): MetaIndex {
  const index: MetaIndex = new Map();
  const metas = doc.querySelectorAll('meta');
  for (let i = 0; i < metas.length; i++) {
    const el = metas[i]!;
    const content = cleanInline(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !index.has(key)) index.set(key, content);
    }
  }
  return index;
}

function metaContent(index: MetaIndex, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = index.get(key.toLowerCase());
    if (value) return value;
  }
  return null;
}

const ARTICLE_TYPES =
  /^(Article|NewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|AnalysisNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|LiveBlogPosting|SocialMediaPosting|WebPage|Blog|Posting)$/;

/** The first JSON-LD object of an article-like @type, searching arrays and @graph. */
function jsonLdArticle(doc: MetaDocument): Record<string, Json> | null {
  const scripts = doc.querySelectorAll('script[type="application/ld+json" i]');
  const found: Record<string, Json>[] = [];
  const visit = (node: Json, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const type = node['@type'];
    const types = Array.isArray(type) ? type : [type];
    if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(node);
    if (node['@graph']) visit(node['@graph'], depth + 1);
  };
  for (let i = 0; i < scripts.length; i++) {
    const raw = scripts[i]!.textContent ?? '';
    try {
      visit(JSON.parse(raw.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')) as Json, 0);
    } catch {
      // Broken JSON-LD is common; the other sources still apply.
    }
  }
  // A specific article type beats a generic WebPage.
  return found.find((n) => !/WebPage|Blog$/.test(String(n['@type']))) ?? found[0] ?? null;
}

function jsonString(value: Json | undefined): string | null {
  if (typeof value === 'string') return cleanInline(value);
  if (Array.isArray(value)) return jsonString(value[0]);
  if (value && typeof value === 'object') return jsonString(value['name'] ?? value['@id'] ?? value['url']);
  return null;
}

function jsonNames(value: Json | undefined): string | null {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  const names = list
    .map((v) => (typeof v === 'object' && v && !Array.isArray(v) ? jsonString(v['name']) : jsonString(v)))
    .filter((n): n is string => !!n && !/^https?:/i.test(n));
  return names.length ? [...new Set(names)].join(', ') : null;
}

/** ISO 8601 for any parseable date; null otherwise. */
export function toIsoDate(value: string | null | undefined): string | null {
  const v = cleanInline(value);
  if (!v) return null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1800 && year <= 2200 ? new Date(ms).toISOString() : null;
}

/** A BCP 47 tag for "en", "en_US", "pt-br"; null for junk. */
export function toLanguageTag(value: string | null | undefined): string | null {
  const v = cleanInline(value)
    ?.split(/[,;\s]/)[0]
    ?.replace(/_/g, '-');
  if (!v) return null;
  try {
    return Intl.getCanonicalLocales(v)[0] ?? null;
  } catch {
    return null;
  }
}

/** An absolute http(s) URL, resolving relative ones against `base`; null otherwise. */
export function toHttpUrl(value: string | null | undefined, base?: string | null): string | null {
  const v = cleanInline(value);
  if (!v) return null;
  try {
    const url = base ? new URL(v, base) : new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The URL a saving tool wrote into the page: SingleFile's header comment, IE/Chrome's "saved from url", Save Page WE. */
export function savedFromUrl(html: string, metas: MetaIndex): string | null {
  const head = html.slice(0, 8192);
  const singleFile = /<!--\s*Page saved with SingleFile[\s\S]*?\burl:\s*(\S+)/i.exec(head);
  const mark = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(head);
  const candidate = singleFile?.[1] ?? mark?.[1] ?? metaContent(metas, 'savepage-url');
  return toHttpUrl(candidate);
}

const TITLE_SEPARATOR = /\s+[|\-–—:·•»]\s+/;

/** "Story | Site" -> "Story" when a part of the <title> is exactly the page's <h1>. */
function titleMatchingHeading(title: string | null, doc: MetaDocument): string | null {
  if (!title || !TITLE_SEPARATOR.test(title)) return title;
  const headings = doc.querySelectorAll('h1');
  const parts = title.split(TITLE_SEPARATOR).map((p) => p.trim().toLowerCase());
  for (let i = 0; i < headings.length; i++) {
    const h = cleanInline(headings[i]!.textContent);
    if (h && parts.includes(h.toLowerCase())) return h;
  }
  return title;
}

function removeSiteSuffix(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = title
    .replace(new RegExp(`\\s+[|\\-–—:·•]\\s+${escaped}\\s*$`, 'i'), '')
    .replace(new RegExp(`^${escaped}\\s+[|\\-–—:·•]\\s+`, 'i'), '');
  return stripped.length >= 3 ? stripped : title;
}

/** Reads every metadata source the page offers; `sourceUrl` resolves relative canonical links. */
export function extractPageMetadata(doc: MetaDocument, html: string, sourceUrl: string | null): PageMetadata {
  const metas = indexMeta(doc);
  const ld = jsonLdArticle(doc);
  const saved = savedFromUrl(html, metas);
  const base = sourceUrl ?? saved;

  const canonicalUrl =
    toHttpUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), base) ??
    toHttpUrl(metaContent(metas, 'og:url'), base) ??
    toHttpUrl(jsonString(ld?.['url']) ?? jsonString(ld?.['mainEntityOfPage']), base);

  const hostUrl = canonicalUrl ?? base;
  const siteName =
    metaContent(metas, 'og:site_name', 'application-name', 'twitter:site:name') ??
    jsonString((ld?.['publisher'] as Json | undefined) ?? undefined) ??
    (hostUrl ? new URL(hostUrl).hostname.replace(/^www\./, '') : null);

  const rawTitle =
    metaContent(metas, 'og:title', 'twitter:title', 'dc.title', 'citation_title') ??
    jsonString(ld?.['headline']) ??
    titleMatchingHeading(cleanInline(doc.title), doc) ??
    cleanInline(doc.querySelector('h1')?.textContent);

  const authorMeta =
    [
      metaContent(
        metas,
        'author',
        'article:author',
        'dc.creator',
        'citation_author',
        'parsely-author',
        'sailthru.author',
      ),
    ].find((a) => a && !/^https?:/i.test(a)) ?? null;
  const byline =
    authorMeta ??
    jsonNames(ld?.['author']) ??
    cleanInline(doc.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"]')?.textContent);

  const timeEl = doc.querySelector(
    'time[pubdate], time[itemprop="datePublished"], article time[datetime], time[datetime]',
  );
  const publishedAt =
    toIsoDate(
      metaContent(
        metas,
        'article:published_time',
        'datePublished',
        'og:published_time',
        'pubdate',
        'publishdate',
        'publish-date',
        'date',
        'dc.date.issued',
        'dc.date',
        'dcterms.created',
        'citation_publication_date',
        'sailthru.date',
        'parsely-pub-date',
      ),
    ) ??
    toIsoDate(jsonString(ld?.['datePublished'])) ??
    toIsoDate(doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime')) ??
    toIsoDate(timeEl?.getAttribute('datetime')) ??
    toIsoDate(jsonString(ld?.['dateCreated']));

  const language =
    toLanguageTag(doc.documentElement?.getAttribute('lang')) ??
    toLanguageTag(doc.documentElement?.getAttribute('xml:lang')) ??
    toLanguageTag(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')) ??
    toLanguageTag(jsonString(ld?.['inLanguage'])) ??
    toLanguageTag(metaContent(metas, 'og:locale', 'language', 'dc.language'));

  return {
    title: rawTitle ? removeSiteSuffix(rawTitle, siteName) : null,
    byline: byline ? byline.replace(/^by\s+/i, '') : null,
    siteName,
    publishedAt,
    language,
    excerpt:
      metaContent(metas, 'description', 'og:description', 'twitter:description') ?? jsonString(ld?.['description']),
    canonicalUrl,
    savedFromUrl: saved,
  };
}
