// Test helpers: a real archive in a temp dir served over real loopback HTTP, and small request functions.
import { openTempArchive } from '../../helpers/archive.js';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createArchiveApi, type ArchiveService } from '../../../db/api.js';
import { startServer, type RunningServer, type ServerOptions } from '../../../db/server/server.js';

export interface Served {
  dir: string;
  api: ArchiveService;
  server: RunningServer;
  close(): Promise<void>;
}

/** A 1x1 red PNG, embedded as a data: URL so the importer archives it as an asset. */
export const RED_DOT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

export async function serveTempArchive(extra: Partial<ServerOptions> = {}): Promise<Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Stacks</title><script type="module" src="/assets/app.js"></script>',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("stacks")');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  const archive = openTempArchive();
  const api = createArchiveApi(archive);
  const server = await startServer({ api, archive, rendererDir, ...extra });
  return {
    dir,
    api,
    server,
    async close() {
      await server.close();
      await api.dispose();
      archive.close();
    },
  };
}

export { callServer as call } from '../../helpers/api-call.js';

/** Raw request with full control over headers (fetch refuses to set Host). */
export function rawRequest(
  port: number,
  options: http.RequestOptions,
  body?: string | Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
