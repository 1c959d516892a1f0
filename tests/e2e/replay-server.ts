// A loopback static server for the ReplayWeb.page test: the replaywebpage package's UI and service worker, and one WACZ.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const REPLAYWEBPAGE_DIR = path.resolve(import.meta.dirname, '../../node_modules/replaywebpage');

export interface ReplayServer {
  origin: string;
  /** Paths requested, to show nothing was asked of anything but this server. */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wacz': 'application/wacz',
};

/**
 * `/` embeds <replay-web-page> for `pageUrl`; `/replay/` serves the package (index.html, ui.js, sw.js);
 * `/archive.wacz` serves the package file with byte ranges, which ReplayWeb.page uses to read ZIP entries.
 */
export async function startReplayServer(waczFile: string, pageUrl: string): Promise<ReplayServer> {
  const requests: string[] = [];
  const embed = `<!doctype html><html><head><meta charset="utf-8"><title>Replay test</title>
<script src="/replay/ui.js"></script></head><body>
<replay-web-page style="display:block;width:100%;height:700px" source="/archive.wacz" url="${pageUrl}"
  replayBase="/replay/" embed="replayonly"></replay-web-page></body></html>`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'Content-Type': TYPES['.html']! });
      res.end(embed);
      return;
    }
    let file: string | null = null;
    if (url.pathname === '/archive.wacz') file = waczFile;
    else if (url.pathname.startsWith('/replay/')) {
      const name = url.pathname.slice('/replay/'.length) || 'index.html';
      if (['index.html', 'ui.js', 'sw.js'].includes(name)) file = path.join(REPLAYWEBPAGE_DIR, name);
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const size = fs.statSync(file).size;
    const headers: Record<string, string> = {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    };
    if (file.endsWith('sw.js')) headers['Service-Worker-Allowed'] = '/';
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && (range[1] || range[2])) {
      let start = range[1] ? Number(range[1]) : size - Number(range[2]);
      let end = range[1] && range[2] ? Number(range[2]) : size - 1;
      start = Math.max(0, start);
      end = Math.min(size - 1, end);
      if (start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      res.writeHead(206, {
        ...headers,
        'Content-Range': `bytes ${start}-${end}/${size}`,
        'Content-Length': String(end - start + 1),
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(size) });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
