// The loopback HTTP transport: the ArchiveApi as POST /api/<method>, archived assets, and the built renderer.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ApiResult, ArchiveApi, ArchiveMethod } from '../contract/api.js';
import { EXTENSION_ORIGIN } from '../capture/clipper-pairing.js';
import type { ApiError } from '../contract/errors.js';
import type { OriginalPage } from '../contract/types.js';
import { isArchiveMethod } from '../contract/schemas.js';
import type { ExportDownload } from '../export/jobs.js';
import type { Archive } from '../open.js';
import { assetLookup, type AssetLookup } from '../transport/assets.js';
import { callApi } from '../transport/dispatch.js';
import { APP_CSP, ASSET_CSP, COMMON_HEADERS } from '../transport/headers.js';
import { ORIGINAL_PATH, originalResponse } from '../transport/original.js';
import { resolveStatic } from '../transport/static-files.js';
import { BodyTooLargeError, readBody } from './body.js';
import { createToken, tokensMatch } from './security.js';
import { removeTokenFile, writeTokenFile } from './token-file.js';

export const HOST = '127.0.0.1';
/** importFile carries a whole file as base64 (schemas cap it at 60 MiB of text); JSON framing fits in the rest. */
export const LARGE_BODY_LIMIT = 64 * 1024 * 1024;
/** Every other method takes a few fields; 1 MiB is far more than any of them needs. */
export const SMALL_BODY_LIMIT = 1024 * 1024;
const LARGE_BODY_METHODS = new Set(['importFile', 'startImport', 'importAnnotations', 'clipPage']);

export interface ServerOptions {
  /** The archive the API runs against; or pass `call` (the desktop app runs the archive in worker threads). */
  api?: ArchiveApi;
  /** Runs one validated-by-the-callee call instead of `api` (the app's archive session validates in its workers). */
  call?: (method: ArchiveMethod, input: unknown) => Promise<ApiResult<unknown>>;
  /**
   * The desktop app's clipper listener: only the browser clipper's paths answer; the session token, the app, assets
   * and exports are not served at all.
   */
  clipperOnly?: boolean;
  /** Gives access to archived assets; alternatively pass `getAsset`. */
  archive?: Archive;
  getAsset?: AssetLookup;
  /** A finished export's file by job id; defaults to the api's own export jobs when it has them. */
  getExportDownload?: (id: string) => ExportDownload | null;
  /** 0 (default) lets the system pick a free port. */
  port?: number;
  /** Fixed: the server never listens beyond this machine. */
  host?: typeof HOST;
  /** Built renderer (default dist/renderer under the working directory). */
  rendererDir?: string;
  /** When set, the token is also written there, readable only by the current user (mode 0600). */
  tokenFile?: string;
  /**
   * The browser clipper: requests from these extension origins (and no other foreign origin) may call clipPage, and
   * only clipPage, with the session token or the clipper's own key.
   */
  clipper?: ClipperAccess;
}

export interface ClipperAccess {
  /** Read on every request, so an origin paired while the server runs is allowed at once. */
  origins: string[];
  keyMatches(given: string | null): boolean;
  /**
   * Pairing by code (the desktop app): an extension origin that presents the key at POST /clipper/pair joins the
   * allowed origins. Returns the answer's message, or null when the key is wrong. Absent: no such path.
   */
  pair?(origin: string, given: string | null): string | null;
}

/** The one method an extension origin may call. */
export const CLIPPER_METHOD = 'clipPage';
/** Where an extension holding the pairing code registers its origin (only when `clipper.pair` is given). */
export const CLIPPER_PAIR_PATH = '/clipper/pair';

export interface RunningServer {
  /** Origin of the server, e.g. http://127.0.0.1:43117 */
  url: string;
  /** The URL to open in a browser: the token travels in the fragment, which is never sent over the wire. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (options.host !== undefined && options.host !== HOST) throw new Error(`The server only binds ${HOST}`);
  const api = options.api;
  const call = options.call ?? (api ? (method: ArchiveMethod, input: unknown) => callApi(api, method, input) : null);
  if (!call) throw new Error('startServer needs an api or a call function');
  const token = createToken();
  const rendererDir = path.resolve(options.rendererDir ?? path.join('dist', 'renderer'));
  const getAsset = options.getAsset ?? (options.archive ? assetLookup(options.archive.db) : () => null);
  const apiExports = (options.api as { exports?: { download(id: string): ExportDownload | null } } | undefined)
    ?.exports;
  const getExportDownload = options.getExportDownload ?? ((id: string) => apiExports?.download(id) ?? null);
  const server = http.createServer();
  let port = 0;

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message } });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const clipperOrigins = options.clipper?.origins ?? [];
    const origin = req.headers.origin?.toLowerCase();
    const fromClipper = origin !== undefined && clipperOrigins.includes(origin);
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    // An extension not yet allowed may only knock at the pairing path, with the code the app showed.
    const pairing =
      options.clipper?.pair !== undefined &&
      url.pathname === CLIPPER_PAIR_PATH &&
      origin !== undefined &&
      EXTENSION_ORIGIN.test(origin);
    const refusal = checkOrigin(req, port, fromClipper || pairing);
    if (refusal) return sendError(res, 403, 'INVALID_INPUT', refusal);
    if (pairing) return handlePair(req, res, origin);
    if (fromClipper) {
      // An extension origin reaches clipPage and nothing else: no other method, no assets, no app, no exports.
      if (url.pathname !== `/api/${CLIPPER_METHOD}`) {
        return sendError(res, 403, 'INVALID_INPUT', `The browser clipper may only call ${CLIPPER_METHOD}`);
      }
      return handleApi(req, res, CLIPPER_METHOD, (given) => options.clipper!.keyMatches(given));
    }

    if (options.clipperOnly) {
      return sendError(res, 404, 'NOT_FOUND', 'This address only takes pages from the paired Stacks clipper');
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, 405, 'INVALID_INPUT', `${req.method} is not allowed here`);
    }
    if (url.pathname.startsWith('/asset/')) return handleAsset(req, res, url);
    if (url.pathname.startsWith('/export/')) return handleExport(req, res, url);
    if (url.pathname.startsWith('/original/')) return handleOriginal(req, res, url);
    return handleStatic(req, res, url.pathname);
  }

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    otherKey: (given: string | null) => boolean = () => false,
  ): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'INVALID_INPUT', 'API methods are called with POST');
    }
    if (!tokensMatch(token, bearer(req)) && !otherKey(bearer(req))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="stacks"');
      return sendError(res, 401, 'INVALID_INPUT', 'Missing or wrong access token (Authorization: Bearer <token>)');
    }
    if (!isArchiveMethod(method)) return sendError(res, 404, 'NOT_FOUND', `Unknown method "${method}"`);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      return sendError(res, 415, 'INVALID_INPUT', 'Send the input as JSON (Content-Type: application/json)');
    }
    let body: Buffer;
    try {
      body = await readBody(req, LARGE_BODY_METHODS.has(method) ? LARGE_BODY_LIMIT : SMALL_BODY_LIMIT);
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) throw err;
      res.setHeader('Connection', 'close');
      return sendError(res, 413, 'INVALID_INPUT', `Request too large: ${method} accepts at most ${err.limit} bytes`);
    }
    let input: unknown;
    try {
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch (err) {
      return sendError(res, 400, 'INVALID_INPUT', `Request body is not valid JSON: ${(err as Error).message}`);
    }
    sendJson(res, 200, await call!(method, input));
  }

  async function handlePair(req: http.IncomingMessage, res: http.ServerResponse, origin: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'INVALID_INPUT', 'Pairing is a POST');
    }
    await readBody(req, SMALL_BODY_LIMIT).catch(() => undefined);
    const message = options.clipper!.pair!(origin, bearer(req));
    if (message === null) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="stacks"');
      return sendError(res, 401, 'INVALID_INPUT', 'Wrong pairing code: copy it again from Stacks');
    }
    sendJson(res, 200, { ok: true, value: { message } });
  }

  function handleAsset(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    // <img> cannot send headers, so assets alone also accept the token as a query parameter.
    if (!tokensMatch(token, url.searchParams.get('token')) && !tokensMatch(token, bearer(req))) {
      return sendError(res, 401, 'INVALID_INPUT', 'Missing or wrong access token');
    }
    const asset = getAsset(url.pathname.slice('/asset/'.length).toLowerCase());
    if (!asset) return sendError(res, 404, 'NOT_FOUND', 'No such asset in this archive');
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': asset.mediaType,
      'Content-Length': String(asset.bytes.length),
      'Content-Security-Policy': ASSET_CSP,
      // Content-addressed: the bytes behind a hash never change.
      'Cache-Control': 'private, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : asset.bytes);
  }

  /** A finished package as a download: a link cannot send headers, so, as for assets, the token may be in the query. */
  function handleExport(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (!tokensMatch(token, url.searchParams.get('token')) && !tokensMatch(token, bearer(req))) {
      return sendError(res, 401, 'INVALID_INPUT', 'Missing or wrong access token');
    }
    const found = getExportDownload(url.pathname.slice('/export/'.length));
    if (!found) return sendError(res, 404, 'NOT_FOUND', 'No finished export with this id');
    const ascii = found.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': found.mediaType,
      'Content-Length': String(found.byteSize),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
      'Content-Security-Policy': ASSET_CSP,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // Streamed from disk: a package of any size passes through in small chunks.
    const stream = fs.createReadStream(found.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  /** The original page of a capture, for a frame: a frame cannot send headers, so the token may be in the query. */
  async function handleOriginal(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (!tokensMatch(token, url.searchParams.get('token')) && !tokensMatch(token, bearer(req))) {
      return sendError(res, 401, 'INVALID_INPUT', 'Missing or wrong access token');
    }
    const m = ORIGINAL_PATH.exec(url.pathname);
    if (!m) return sendError(res, 404, 'NOT_FOUND', 'Not a capture id');
    const result = await call!('originalPage', { captureId: Number(m[1]) });
    if (!result.ok)
      return sendError(res, result.error.code === 'NOT_FOUND' ? 404 : 422, result.error.code, result.error.message);
    const origin = `http://${req.headers.host ?? `${HOST}:${port}`}`;
    const q = `?token=${encodeURIComponent(token)}`;
    const { headers, body } = originalResponse(
      result.value as OriginalPage,
      origin,
      (sha) => `${origin}/asset/${sha}${q}`,
    );
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    const found = resolveStatic(rendererDir, pathname);
    if (!found) {
      if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
        res.writeHead(503, {
          ...COMMON_HEADERS,
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end(`The Stacks app is not built (no ${rendererDir}/index.html). Run: npm run build:renderer\n`);
        return;
      }
      return sendError(res, 404, 'NOT_FOUND', 'Not found');
    }
    const bytes = fs.readFileSync(found.file);
    const headers: Record<string, string> = {
      ...COMMON_HEADERS,
      'Content-Type': found.contentType,
      'Content-Length': String(bytes.length),
      'Cache-Control': found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (found.isPage) headers['Content-Security-Policy'] = APP_CSP;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}`;
  if (options.tokenFile) {
    try {
      writeTokenFile(options.tokenFile, token);
    } catch (err) {
      // A server nobody can reach as asked must not linger: stop listening before reporting why.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      throw err;
    }
  }

  let closing: Promise<void> | null = null;
  return {
    url,
    openUrl: `${url}/#token=${token}`,
    token,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (options.tokenFile) removeTokenFile(options.tokenFile, token);
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Refuses requests a foreign web page could make: a Host other than this loopback address (DNS
 * rebinding), an Origin other than the server's own, or a browser-declared cross-site fetch.
 */
function checkOrigin(req: http.IncomingMessage, port: number, fromClipper = false): string | null {
  const allowedHosts = [`${HOST}:${port}`, `localhost:${port}`];
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.includes(host)) return `Host "${host}" is not this server`;
  // A paired extension is cross-site by nature; the caller limits it to clipPage.
  if (fromClipper) return null;
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return `Requests from origin "${origin}" are not allowed`;
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'Cross-site requests are not allowed';
  return null;
}

function bearer(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

function sendError(res: http.ServerResponse, status: number, code: ApiError['code'], message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
