// One HTTP GET as an archival record: the request bytes sent and the response bytes received, exactly, within limits.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { ArchiveError } from '../contract/errors.js';
import { USER_AGENT, type CaptureSettings } from './settings.js';

export interface Exchange {
  url: string;
  /** When the request was sent (ISO 8601): the WARC-Date of both records. */
  date: string;
  /** The request as written on the wire: request line and headers (a GET has no body). */
  request: Uint8Array;
  /** The response as read from the wire: status line, headers and body, transfer encoding and all. */
  response: Uint8Array;
  status: number;
  statusText: string;
  /** Header names lower-cased; repeated headers joined with ", " (Node's rule). */
  headers: http.IncomingHttpHeaders;
  /** Where the body starts in `response`. */
  bodyOffset: number;
  /** The body with chunked transfer undone (content encodings are never asked for: identity only). */
  body: Uint8Array;
  ip: string | null;
}

/** Why a fetch failed, for the report and to tell a dead network (stop the run) from one bad address. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly kind: 'offline' | 'network' | 'timeout' | 'too-large' | 'cancelled',
  ) {
    super(message);
  }
}

const OFFLINE_CODES = new Set(['EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH']);

function describeError(err: NodeJS.ErrnoException, url: URL): FetchError {
  const host = url.host;
  switch (err.code) {
    case 'EAI_AGAIN':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return new FetchError(
        `No network: ${host} cannot be reached (${err.code}). Stacks captures only when online; nothing was changed.`,
        'offline',
      );
    case 'EHOSTUNREACH':
      return new FetchError(`${host} cannot be reached (no route to it, ${err.code}).`, 'offline');
    case 'ENOTFOUND':
      return new FetchError(`The name ${url.hostname} does not resolve: no such site, or no network.`, 'network');
    case 'ECONNREFUSED':
      return new FetchError(`${host} refused the connection.`, 'network');
    case 'ECONNRESET':
      return new FetchError(`${host} closed the connection before answering in full.`, 'network');
    default:
      return OFFLINE_CODES.has(err.code ?? '')
        ? new FetchError(`No network (${err.code}).`, 'offline')
        : new FetchError(`${host}: ${err.message}`, 'network');
  }
}

function requestHeaders(url: URL, accept: string): Record<string, string> {
  return {
    Host: url.host,
    'User-Agent': USER_AGENT,
    Accept: accept,
    // Identity only: the bytes kept are the bytes a reader decodes, and a compressed bomb cannot pass the size cap.
    'Accept-Encoding': 'identity',
    Connection: 'close',
  };
}

function headerEnd(bytes: Buffer): number {
  const at = bytes.indexOf('\r\n\r\n');
  if (at >= 0) return at + 4;
  const lf = bytes.indexOf('\n\n');
  return lf >= 0 ? lf + 2 : bytes.length;
}

/**
 * Fetches `url` once (no redirects followed: the caller records each hop). The socket's bytes are kept as they
 * arrive, so the response record is byte for byte what the server sent; the connection is closed after one answer.
 */
export function fetchExchange(
  target: string,
  settings: CaptureSettings,
  options: { accept?: string; signal?: AbortSignal } = {},
): Promise<Exchange> {
  const url = new URL(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new ArchiveError('INVALID_INPUT', `Only http and https addresses are captured: ${target}`));
  }
  const accept = options.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';
  return new Promise<Exchange>((resolve, reject) => {
    const date = new Date().toISOString();
    const received: Buffer[] = [];
    let size = 0;
    let settled = false;
    let socket: Socket | null = null;
    const finish = (err: FetchError | null, value?: Exchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      options.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value!);
    };
    const onAbort = (): void => finish(new FetchError('Cancelled.', 'cancelled'));
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, {
      method: 'GET',
      headers: requestHeaders(url, accept),
      agent: false,
      setHost: false,
    });
    const total = setTimeout(
      () =>
        finish(new FetchError(`${url.host} took longer than ${settings.totalTimeoutMs / 1000} s in all.`, 'timeout')),
      settings.totalTimeoutMs,
    );
    const connect = setTimeout(
      () =>
        finish(
          new FetchError(
            `${url.host} did not accept a connection within ${settings.connectTimeoutMs / 1000} s.`,
            'timeout',
          ),
        ),
      settings.connectTimeoutMs,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('socket', (s: Socket) => {
      socket = s;
      const connected = (): void => clearTimeout(connect);
      if (s.connecting) s.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
      else connected();
      s.setTimeout(settings.readTimeoutMs, () =>
        finish(new FetchError(`${url.host} went silent for ${settings.readTimeoutMs / 1000} s.`, 'timeout')),
      );
      // A second listener beside the HTTP parser's: the same chunks, before any decoding.
      s.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > settings.maxBytes) {
          finish(
            new FetchError(
              `The answer from ${url.host} is larger than ${Math.round(settings.maxBytes / 1048576)} MB: it was not kept.`,
              'too-large',
            ),
          );
          return;
        }
        received.push(chunk);
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => finish(describeError(err, url)));
    req.on('response', (res: http.IncomingMessage) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > settings.maxBytes) {
        finish(
          new FetchError(
            `The answer from ${url.host} declares ${Math.round(declared / 1048576)} MB, more than the ${Math.round(settings.maxBytes / 1048576)} MB kept.`,
            'too-large',
          ),
        );
        return;
      }
      const body: Buffer[] = [];
      res.on('data', (chunk: Buffer) => body.push(chunk));
      res.on('error', (err: NodeJS.ErrnoException) => finish(describeError(err, url)));
      res.on('aborted', () => finish(new FetchError(`${url.host} closed the connection mid-answer.`, 'network')));
      res.on('end', () => {
        if (!res.complete) return finish(new FetchError(`${url.host} closed the connection mid-answer.`, 'network'));
        const response = Buffer.concat(received);
        // Node keeps the request head it wrote in `_header` (long-standing, though not documented); should it ever
        // be missing, the same head is rebuilt from what was asked, in the order Node writes it.
        const written =
          (req as unknown as { _header?: string })._header ??
          `GET ${url.pathname}${url.search} HTTP/1.1\r\n` +
            Object.entries(requestHeaders(url, accept))
              .map(([k, v]) => `${k}: ${v}\r\n`)
              .join('') +
            '\r\n';
        const request = Buffer.from(written, 'latin1');
        finish(null, {
          url: url.href,
          date,
          request: new Uint8Array(request),
          response: new Uint8Array(response.buffer, response.byteOffset, response.byteLength),
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
          bodyOffset: headerEnd(response),
          body: new Uint8Array(Buffer.concat(body)),
          ip: socket?.remoteAddress ?? null,
        });
        socket?.destroy();
      });
    });
    req.end();
  });
}
