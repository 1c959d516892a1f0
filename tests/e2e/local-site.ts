// A small web site on loopback for the capture tests: fixed pages by path, robots.txt allowing all unless given, 404 elsewhere.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SitePage {
  type: string;
  body: string | Buffer;
  /** Answer this long after the request (a slow page, to catch a run in the middle). */
  delayMs?: number;
}

export interface LocalSite {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  base: string;
  /** The paths requested so far, in order. */
  requests: string[];
  close(): void;
}

export async function startLocalSite(pages: Record<string, SitePage>): Promise<LocalSite> {
  const all: Record<string, SitePage> = {
    '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nAllow: /\n' },
    ...pages,
  };
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const page = all[req.url ?? ''] ?? { type: 'text/plain', body: 'no such page' };
    setTimeout(() => {
      res.writeHead(all[req.url ?? ''] ? 200 : 404, {
        'Content-Type': page.type,
        'Content-Length': Buffer.byteLength(page.body),
      });
      res.end(page.body);
    }, page.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => server.close(),
  };
}

/** An HTML page with a title, a heading and the given body inside <article>. */
export function articlePage(title: string, body: string): SitePage {
  return {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`,
  };
}
