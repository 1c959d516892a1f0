// The page as captured, for viewing beside the reader: its own HTML with scripts, handlers, frames, forms and
// every remote reference taken out, and its archived images pointing at `asset:<sha256>` for the transport to map.
// The transports serve it in a sandboxed frame under a CSP that allows images from the archive only: this rewrite
// is the second wall, not the only one.
import { readOriginal } from '../../codec/read.js';
import type Database from 'better-sqlite3';
import { parseHTML } from 'linkedom';
import { WARCParser } from 'warcio';
import { ArchiveError } from '../../contract/errors.js';
import type { CaptureId, OriginalPage } from '../../contract/types.js';
import { decodeBytes } from '../../extract/charset.js';
import { markupDepth, MAX_MARKUP_DEPTH } from '../../extract/html-bounds.js';
import { statementCache } from '../../util.js';

const stmts = statementCache((db) => ({
  capture: db.prepare<
    [number],
    {
      articleId: number;
      mediaType: string;
      charset: string | null;
      sourceUrl: string | null;
      capturedAt: string;
    }
  >(
    `SELECT article_id AS articleId, media_type AS mediaType, charset, source_url AS sourceUrl,
       captured_at AS capturedAt FROM capture WHERE id = ?`,
  ),
  assets: db.prepare<[number], { sha256: string; ref: string }>(
    'SELECT asset_sha256 AS sha256, original_ref AS ref FROM capture_asset WHERE capture_id = ?',
  ),
}));

/** Elements that run, embed, fetch or submit: removed with their content. */
const REMOVED =
  'script, noscript, iframe, frame, frameset, object, embed, applet, base, link, meta[http-equiv], form, input, button, select, textarea, video, audio, source, track, portal, template';
/** Attributes that point elsewhere or carry script; images keep `src` only when it maps to the archive. */
const URL_ATTRIBUTES = [
  'src',
  'srcset',
  'data-src',
  'data-srcset',
  'poster',
  'background',
  'action',
  'formaction',
  'ping',
  'lowsrc',
  'longdesc',
  'manifest',
  'xlink:href',
  'cite',
];

interface RawPage {
  html: string;
  baseUrl: string | null;
}

async function warcHtml(bytes: Uint8Array, fallbackUrl: string | null): Promise<RawPage | null> {
  const record = await new WARCParser([bytes]).parse();
  if (!record || (record.warcType !== 'response' && record.warcType !== 'resource')) return null;
  const type = record.httpHeaders?.headers.get('content-type') ?? record.warcHeaders.headers.get('content-type') ?? '';
  if (!/html/i.test(type)) return null;
  const payload = await record.readFully(true);
  return {
    html: decodeBytes(payload, { contentType: type, html: true }).text,
    baseUrl: record.warcTargetURI ?? fallbackUrl,
  };
}

async function rawPage(row: {
  mediaType: string;
  charset: string | null;
  sourceUrl: string | null;
  original: Buffer;
}): Promise<RawPage | null> {
  const type = row.mediaType.toLowerCase();
  const bytes = new Uint8Array(row.original.buffer, row.original.byteOffset, row.original.byteLength);
  if (type.startsWith('text/html') || type.startsWith('application/xhtml')) {
    const contentType = row.charset ? `text/html; charset=${row.charset}` : row.mediaType;
    return { html: decodeBytes(bytes, { contentType, html: true }).text, baseUrl: row.sourceUrl };
  }
  if (type.startsWith('application/warc')) return warcHtml(bytes, row.sourceUrl);
  return null;
}

function resolve(ref: string, base: string | null): string | null {
  try {
    return new URL(ref, base ?? undefined).href;
  } catch {
    return null;
  }
}

function firstSrcsetUrl(srcset: string | null): string | null {
  return srcset?.trim().split(/\s+/)[0] || null;
}

export async function originalPage(db: Database.Database, captureId: CaptureId): Promise<OriginalPage> {
  const s = stmts(db);
  const found = s.capture.get(captureId);
  if (!found) throw new ArchiveError('NOT_FOUND', `No capture with id ${captureId}`);
  // The original may be stored compressed: read through the one decode path.
  const row = { ...found, original: readOriginal(db, captureId) ?? Buffer.alloc(0) };
  const page = await rawPage(row);
  if (!page) {
    throw new ArchiveError(
      'INVALID_INPUT',
      `Capture ${captureId} is ${row.mediaType}, not an HTML page: there is no original page to show`,
    );
  }
  if (markupDepth(page.html) > MAX_MARKUP_DEPTH) {
    throw new ArchiveError('INVALID_INPUT', `Capture ${captureId} nests its markup too deeply to show`);
  }
  // Archived images by the exact reference the page used and by that reference resolved against the page's address.
  const bySha = new Map<string, string>();
  for (const a of s.assets.all(captureId)) {
    bySha.set(a.ref, a.sha256);
    const abs = resolve(a.ref, page.baseUrl);
    if (abs) bySha.set(abs, a.sha256);
  }
  const wrapped = /<html[\s>]/i.test(page.html.slice(0, 65536))
    ? page.html
    : `<!doctype html><html><head></head><body>${page.html}</body></html>`;
  const { document } = parseHTML(wrapped);
  for (const el of [...document.querySelectorAll(REMOVED)]) el.remove();
  let images = 0;
  let dropped = 0;
  for (const el of [...document.querySelectorAll('*')]) {
    for (const name of [...el.getAttributeNames()]) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on') || lower === 'http-equiv') el.removeAttribute(name);
    }
    if (el.tagName === 'IMG') {
      const candidates = [
        el.getAttribute('src'),
        el.getAttribute('data-src'),
        firstSrcsetUrl(el.getAttribute('srcset')),
        firstSrcsetUrl(el.getAttribute('data-srcset')),
      ].filter((r): r is string => Boolean(r?.trim()));
      let sha: string | undefined;
      for (const ref of candidates) {
        sha = bySha.get(ref.trim()) ?? bySha.get(resolve(ref.trim(), page.baseUrl) ?? '');
        if (sha) break;
      }
      for (const attr of URL_ATTRIBUTES) el.removeAttribute(attr);
      if (sha) {
        el.setAttribute('src', `asset:${sha}`);
        images++;
      } else if (candidates.length) {
        dropped++;
        el.setAttribute('data-stacks-not-archived', '');
      }
      continue;
    }
    for (const attr of URL_ATTRIBUTES) el.removeAttribute(attr);
    if (el.tagName !== 'A' && el.tagName !== 'AREA') el.removeAttribute('href');
    // Links stay readable but lead nowhere: the original address is kept in the tooltip.
    if (el.tagName === 'A' || el.tagName === 'AREA') {
      const href = el.getAttribute('href');
      el.removeAttribute('href');
      if (href && !el.getAttribute('title')) el.setAttribute('title', resolve(href, page.baseUrl) ?? href);
    }
    const style = el.getAttribute('style');
    // url() in inline styles would name a remote file; the CSP blocks it, and the rewrite drops it first.
    if (style && /url\s*\(|expression\s*\(|@import/i.test(style))
      el.setAttribute('style', style.replace(/(?:url|expression)\s*\([^)]*\)|@import[^;]*/gi, 'none'));
  }
  for (const styleEl of [...document.querySelectorAll('style')]) {
    const css = styleEl.textContent ?? '';
    if (/url\s*\(|@import/i.test(css))
      styleEl.textContent = css.replace(/@import[^;]*;?/gi, '').replace(/url\s*\([^)]*\)/gi, 'none');
  }
  return {
    captureId,
    articleId: row.articleId as OriginalPage['articleId'],
    sourceUrl: row.sourceUrl,
    capturedAt: row.capturedAt,
    html: `<!doctype html>\n${document.documentElement.outerHTML}`,
    images,
    imagesNotArchived: dropped,
  };
}

/** Points each `asset:<sha256>` image at the transport's asset address (a fixed pattern: nothing else is touched). */
export function mapOriginalAssets(html: string, assetHref: (sha256: string) => string): string {
  return html.replace(
    /(<img\b[^>]*?\ssrc=")asset:([0-9a-f]{64})"/g,
    (_m, before: string, sha: string) => `${before}${assetHref(sha).replace(/"/g, '&quot;')}"`,
  );
}
