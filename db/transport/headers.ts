// Response policies every transport sends (HTTP server and the desktop app's own scheme): CSP and security headers.

/** The app page may load only its own scripts, styles, images and API; nothing remote, no framing. */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  // The original view frames a capture's inert page from the app's own /original/ path (db/transport/original.ts)
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  // HTML reaches the DOM only through DOMPurify's policy (archived content, notes) and Lit's (its own templates)
  "require-trusted-types-for 'script'",
  'trusted-types dompurify lit-html',
].join('; ');

/**
 * The same policy for the page's own <meta> tag (written into index.html when the renderer is built), so a page
 * opened without the transports' header (a file, a preview server) is held to it too. frame-ancestors is left out:
 * browsers ignore it in a meta tag, with a warning.
 */
export const APP_CSP_META = APP_CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

/** Archived assets are inert bytes: no scripts even when opened directly (SVG), sandboxed, not framable. */
export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
