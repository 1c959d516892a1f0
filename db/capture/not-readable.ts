// A fetched answer Stacks cannot read yet (a PDF, an image, a file): kept as received, shown as "stored, not readable yet".
import { sniffImageType } from '../extract/assets.js';
import type { NormalizedCapture } from '../extract/types.js';
import { countWords } from '../extract/word-count.js';
import { sha256Hex } from '../util.js';
import type { Exchange } from './exchange.js';
import { CAPTURE_IMPORTER_VERSION } from './settings.js';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const KINDS: Record<string, string> = {
  'application/pdf': 'a PDF document',
  'application/epub+zip': 'an EPUB book',
  'application/zip': 'a ZIP archive',
  'application/json': 'JSON data',
};

function kindOf(type: string): string {
  if (KINDS[type]) return KINDS[type];
  if (type.startsWith('image/')) return 'an image';
  if (type.startsWith('video/')) return 'a video';
  if (type.startsWith('audio/')) return 'a sound file';
  return type ? `a file of type ${type}` : 'a file of unknown type';
}

function sizeText(bytes: number): string {
  return bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1048576
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;
}

/** The capture of an answer that is not a page: its title from the address, a notice as its text, an image shown. */
export function notReadableCapture(final: Exchange, type: string): NormalizedCapture {
  const url = new URL(final.url);
  const name = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '') || url.hostname;
  const kind = kindOf(type);
  const summary = `${kind} (${type || 'no type given'}, ${sizeText(final.body.byteLength)})`;
  const text = `Stored, not readable yet: ${summary}, fetched from ${final.url}. Its original bytes are kept in the archive and in its exports.`;
  const imageType = type.startsWith('image/') ? (sniffImageType(final.body) ?? null) : null;
  const assets = imageType
    ? [{ sha256: sha256Hex(final.body), mediaType: imageType, bytes: final.body, originalRef: final.url }]
    : [];
  const image = imageType ? `<p><img src="asset:${assets[0]!.sha256}" alt="${escapeHtml(name)}"></p>` : '';
  return {
    importer: 'capture',
    importerVersion: CAPTURE_IMPORTER_VERSION,
    mediaType: 'application/warc',
    charset: null,
    title: name,
    byline: null,
    siteName: url.hostname,
    sourceUrl: final.url,
    canonicalUrl: null,
    publishedAt: null,
    language: null,
    excerpt: summary,
    html: `<p><strong>Stored, not readable yet:</strong> ${escapeHtml(summary)}, fetched from ${escapeHtml(final.url)}. Its original bytes are kept in the archive and in its exports.</p>${image}`,
    text,
    wordCount: countWords(text),
    assets,
  };
}
