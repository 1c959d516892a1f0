// The original page as captured, answered by both transports: inert HTML framed by the app under its own CSP.
import type { OriginalPage } from '../contract/types.js';
import { mapOriginalAssets } from '../export/article/original-page.js';
import { COMMON_HEADERS } from './headers.js';

/** `/original/<captureId>`: the one path the original view loads; anything else is not a capture id. */
export const ORIGINAL_PATH = /^\/original\/([1-9][0-9]{0,15})$/;

/**
 * Nothing runs (no script source, and `sandbox` without allow-scripts even when the page is opened on its own),
 * nothing is fetched but the archive's own images, styles only inline, framed only by the app itself.
 * allow-same-origin only lets the app read the frame (no script in it could use it).
 */
export function originalCsp(assetBase: string): string {
  return [
    "default-src 'none'",
    `img-src ${assetBase}`,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    'sandbox allow-same-origin',
  ].join('; ');
}

export interface OriginalResponse {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * @param origin the transport's own origin (http://127.0.0.1:PORT, stacks-app://app)
 * @param assetHref the address of an archived image for this transport (the HTTP server adds its token)
 */
export function originalResponse(
  page: OriginalPage,
  origin: string,
  assetHref: (sha256: string) => string,
): OriginalResponse {
  const body = Buffer.from(mapOriginalAssets(page.html, assetHref), 'utf8');
  return {
    headers: {
      ...COMMON_HEADERS,
      // The app frames this page beside the reader; any other site still may not.
      'X-Frame-Options': 'SAMEORIGIN',
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(body.length),
      'Content-Security-Policy': originalCsp(`${origin}/asset/`),
      'Cache-Control': 'no-store',
    },
    body,
  };
}
