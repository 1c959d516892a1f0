// The stacks-app:// scheme: serves the built renderer, archived assets (/asset/<sha256>), finished exports (/export/<id>)
// and a capture's inert original page (/original/<captureId>).
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import type { OriginalPage } from '../db/contract/types.js';
import type { ExportDownload } from '../db/export/jobs.js';
import type { StoredAsset } from '../db/transport/assets.js';
import { APP_CSP, ASSET_CSP, COMMON_HEADERS } from '../db/transport/headers.js';
import { ORIGINAL_PATH, originalResponse } from '../db/transport/original.js';
import { resolveStatic } from '../db/transport/static-files.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** Must run before app 'ready': a standard, secure scheme gets a real origin, so CSP 'self' and fetch work. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
  /** A file streamed as the body instead (an export can be larger than memory should hold). */
  file?: string;
}

export type ExportLookup = (id: string) => ExportDownload | null | Promise<ExportDownload | null>;

/** Reads an archived image; in the app it is answered by an archive worker thread, so this thread never waits. */
export type AsyncAssetLookup = (sha256: string) => StoredAsset | null | Promise<StoredAsset | null>;

/** A capture's original page from the archive worker; null when there is none to show (the reason as text). */
export type OriginalLookup = (captureId: number) => Promise<OriginalPage | string>;

/** Pure request -> response mapping (unit-tested without Electron). */
export async function respondToAppRequest(
  requestUrl: string,
  rendererDir: string,
  getAsset: AsyncAssetLookup,
  getExport: ExportLookup = () => null,
  getOriginal: OriginalLookup = async () => 'No archive is open',
): Promise<AppResponse> {
  const url = new URL(requestUrl);
  const text = (status: number, message: string): AppResponse => ({
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from(message),
  });
  if (url.host !== APP_HOST) return text(404, 'Not found');
  if (url.pathname.startsWith('/asset/')) {
    const asset = await getAsset(url.pathname.slice('/asset/'.length).toLowerCase());
    if (!asset) return text(404, 'No such asset in this archive');
    return {
      status: 200,
      headers: { ...COMMON_HEADERS, 'Content-Type': asset.mediaType, 'Content-Security-Policy': ASSET_CSP },
      body: asset.bytes,
    };
  }
  if (url.pathname.startsWith('/export/')) {
    // A download: Electron asks where to save it with the system's own Save dialog.
    const found = await getExport(url.pathname.slice('/export/'.length));
    if (!found) return text(404, 'No finished export with this id');
    return {
      status: 200,
      headers: {
        ...COMMON_HEADERS,
        'Content-Type': found.mediaType,
        'Content-Length': String(found.byteSize),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
        'Content-Security-Policy': ASSET_CSP,
      },
      body: null,
      file: found.path,
    };
  }
  if (url.pathname.startsWith('/original/')) {
    const m = ORIGINAL_PATH.exec(url.pathname);
    if (!m) return text(404, 'Not a capture id');
    const page = await getOriginal(Number(m[1]));
    if (typeof page === 'string') return text(404, page);
    const origin = `${APP_SCHEME}://${APP_HOST}`;
    const { headers, body } = originalResponse(page, origin, (sha) => `${origin}/asset/${sha}`);
    return { status: 200, headers, body };
  }
  const found = resolveStatic(rendererDir, url.pathname);
  if (!found) return text(404, 'Not found');
  const headers: Record<string, string> = { ...COMMON_HEADERS, 'Content-Type': found.contentType };
  if (found.isPage) headers['Content-Security-Policy'] = APP_CSP;
  return { status: 200, headers, body: fs.readFileSync(found.file) };
}

/** Must run after 'ready'. */
export function registerAppProtocol(
  rendererDir: string,
  getAsset: AsyncAssetLookup,
  getExport?: ExportLookup,
  getOriginal?: OriginalLookup,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { status, headers, body, file } = await respondToAppRequest(
      request.url,
      rendererDir,
      getAsset,
      getExport,
      getOriginal,
    );
    if (file) return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, { status, headers });
    // A plain Uint8Array view is a BodyInit under both the DOM and the Node typings.
    return new Response(body === null ? null : new Uint8Array(body), { status, headers });
  });
}
