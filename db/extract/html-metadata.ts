// Article metadata from a parsed page: <meta> tags, Open Graph, JSON-LD, <time>, <html lang>, canonical links.
import { cleanInline } from './util.js';
import { toPublishedDate } from './dates.js';
import { chooseAuthors, citationName, namesFrom, splitAuthors } from './html-authors.js';
import { chooseTitle } from './html-title.js';

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

/** Every <meta> content by its lower-cased property/name/itemprop, in page order; one DOM pass. A `property`
 * holding several names ("og:title dc:title") files the content under each. */
type MetaIndex = Map<string, string[]>;

function indexMeta(doc: MetaDocument): MetaIndex {
  const index: MetaIndex = new Map();
  const metas = doc.querySelectorAll('meta');
  for (let i = 0; i < metas.length; i++) {
    const el = metas[i]!;
    const content = cleanInline(el.getAttribute('content'));
    if (!content) continue;
    const keys = new Set<string>();
    for (const attr of ['property', 'name', 'itemprop']) {
      for (const key of el.getAttribute(attr)?.trim().toLowerCase().split(/\s+/) ?? []) if (key) keys.add(key);
    }
    for (const key of keys) {
      const list = index.get(key);
      if (list) list.push(content);
      else index.set(key, [content]);
    }
  }
  return index;
}

function metaContent(index: MetaIndex, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = index.get(key.toLowerCase())?.[0];
    if (value) return value;
  }
  return null;
}

/** Every value of the first of `keys` the page has (two DC.Creator tags are two authors). */
function metaAll(index: MetaIndex, ...keys: string[]): string[] {
  for (const key of keys) {
    const list = index.get(key.toLowerCase());
    if (list?.length) return list;
  }
  return [];
}

const ARTICLE_TYPES =
  /^(Article|NewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|AnalysisNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|LiveBlogPosting|SocialMediaPosting|WebPage|Blog|Posting)$/;

/** The first JSON-LD object of an article-like @type, searching arrays and @graph; `ids` gets every node by @id. */
function jsonLdArticle(doc: MetaDocument, ids: Map<string, Record<string, Json>>): Record<string, Json> | null {
  const scripts = doc.querySelectorAll('script[type="application/ld+json" i]');
  const found: Record<string, Json>[] = [];
  const visit = (node: Json, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    if (typeof node['@id'] === 'string') ids.set(node['@id'], node);
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

/** Author names of a JSON-LD value: a string, a Person, a list of them, or references by @id. */
function jsonNames(value: Json | undefined, ids: Map<string, Record<string, Json>>): string[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  const names: string[] = [];
  for (const v of list) {
    let node = v;
    if (node && typeof node === 'object' && !Array.isArray(node) && !node['name'] && typeof node['@id'] === 'string')
      node = ids.get(node['@id']) ?? node;
    const name = typeof node === 'object' && node && !Array.isArray(node) ? jsonString(node['name']) : jsonString(node);
    if (name && !/^https?:/i.test(name)) names.push(...splitAuthors(name));
  }
  return [...new Set(names)];
}

/** A publication date as written (a day, a local date-time, or an instant with its zone); null otherwise. */
export function toIsoDate(value: string | null | undefined): string | null {
  return toPublishedDate(value);
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

/** Text of the elements matching `selector`, in page order. */
function textsOf(doc: MetaDocument, selector: string, limit = 20): string[] {
  const out: string[] = [];
  const els = doc.querySelectorAll(selector);
  for (let i = 0; i < els.length && out.length < limit; i++) {
    const t = cleanInline(els[i]!.textContent);
    if (t && t.length <= 300) out.push(t);
  }
  return out;
}

/** Reads every metadata source the page offers; `sourceUrl` resolves relative canonical links. */
export function extractPageMetadata(doc: MetaDocument, html: string, sourceUrl: string | null): PageMetadata {
  const metas = indexMeta(doc);
  const ids = new Map<string, Record<string, Json>>();
  const ld = jsonLdArticle(doc, ids);
  const saved = savedFromUrl(html, metas);
  const base = sourceUrl ?? saved;

  const canonicalUrl =
    toHttpUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), base) ??
    toHttpUrl(metaContent(metas, 'og:url'), base) ??
    toHttpUrl(jsonString(ld?.['url']) ?? jsonString(ld?.['mainEntityOfPage']), base);

  const hostUrl = canonicalUrl ?? base;
  const host = hostUrl ? new URL(hostUrl).hostname.replace(/^www\./, '') : null;
  const declaredSite =
    metaContent(metas, 'og:site_name', 'application-name', 'twitter:site:name') ??
    jsonString((ld?.['publisher'] as Json | undefined) ?? undefined);
  const siteName = declaredSite ?? host;

  const description = [
    ...metaAll(metas, 'description'),
    ...metaAll(metas, 'og:description'),
    ...metaAll(metas, 'twitter:description'),
    ...metaAll(metas, 'dc.description'),
  ];
  const ldDescription = jsonString(ld?.['description']);
  const ldHeadline = jsonString(ld?.['headline']);
  const ldName = jsonString(ld?.['name']);
  const title = chooseTitle({
    candidates: [
      metaContent(metas, 'parsely-title'),
      metaContent(metas, 'og:title'),
      metaContent(metas, 'twitter:title'),
      metaContent(metas, 'dc.title', 'dcterms.title'),
      metaContent(metas, 'citation_title'),
      metaContent(metas, 'sailthru.title'),
      ldHeadline,
      ldName,
      cleanInline(doc.title),
    ].filter((t): t is string => !!t),
    headings: [
      ...textsOf(doc, 'h1'),
      ...textsOf(doc, 'h2[class*="title" i], h2[class*="headline" i], h3[class*="title" i]'),
      ...textsOf(doc, 'h2, h3'),
    ],
    siteNames: [
      ...(declaredSite ? [declaredSite] : []),
      ...(jsonString((ld?.['publisher'] as Json | undefined) ?? undefined) ? [jsonString(ld!['publisher'])!] : []),
      ...(host ? [host, host.split('.').slice(-2, -1)[0] ?? host] : []),
      ...textsOf(doc, 'a[href="/"], a[rel~="home"], h1 > a[href="./"], .logo, .site-title, .site-name, #site-title'),
    ],
    descriptions: [...description, ...(ldDescription ? [ldDescription] : [])],
  });

  const authors = chooseAuthors(
    [
      namesFrom(metaAll(metas, 'author')),
      namesFrom(metaAll(metas, 'article:author').filter((a) => !/^https?:/i.test(a))),
      namesFrom(metaAll(metas, 'dc.creator', 'dcterms.creator')),
      namesFrom(metaAll(metas, 'citation_author'), (v) => splitAuthors(citationName(v).replace(/,/g, ' '))),
      namesFrom(metaAll(metas, 'parsely-author', 'sailthru.author')),
      jsonNames(ld?.['author'], ids),
      namesFrom(textsOf(doc, '[rel~="author"], [itemprop="author"] [itemprop="name"]', 5)),
    ],
    null,
  );

  const timeEl = doc.querySelector(
    'time[pubdate], time[itemprop="datePublished"], article time[datetime], time[datetime]',
  );
  // Structured data first: a meta tag often holds the last update where JSON-LD keeps the first publication.
  const publishedAt =
    toIsoDate(jsonString(ld?.['datePublished'])) ??
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
        'dcterms.issued',
        'citation_publication_date',
        'citation_date',
        'sailthru.date',
        'parsely-pub-date',
      ),
    ) ??
    toIsoDate(doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime')) ??
    toIsoDate(timeEl?.getAttribute('datetime')) ??
    toIsoDate(jsonString(ld?.['dateCreated']));

  const language =
    toLanguageTag(doc.documentElement?.getAttribute('lang')) ??
    toLanguageTag(doc.documentElement?.getAttribute('xml:lang')) ??
    toLanguageTag(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')) ??
    toLanguageTag(jsonString(ld?.['inLanguage'])) ??
    toLanguageTag(metaContent(metas, 'og:locale', 'language', 'dc.language'));

  // Last: an <address> in the article's header (blogs put the authors there), when it holds names, not a postal address.
  if (!authors.length) {
    const address = textsOf(doc, 'article header address, article > address', 1)[0];
    if (address && address.length < 120 && !/[\d@]/.test(address)) authors.push(...splitAuthors(address));
  }
  return {
    title,
    byline: authors.length ? authors.join(', ') : null,
    siteName,
    publishedAt,
    language,
    excerpt: metaContent(metas, 'description', 'og:description', 'twitter:description') ?? ldDescription,
    canonicalUrl,
    savedFromUrl: saved,
  };
}
