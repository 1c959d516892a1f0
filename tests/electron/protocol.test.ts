// The stacks-app:// protocol: serves the renderer with the app CSP and archived assets inertly, nothing outside its folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const registered = vi.hoisted(() => ({ schemes: [] as unknown[] }));
vi.mock('electron', () => ({
  protocol: { registerSchemesAsPrivileged: (s: unknown[]) => registered.schemes.push(...s), handle: () => undefined },
}));

const { registerSchemes, respondToAppRequest } = await import('../../electron/protocol.js');

const SHA = 'a'.repeat(64);
const lookup = (sha: string) => (sha === SHA ? { mediaType: 'image/png', bytes: Buffer.from('PNGDATA') } : null);

describe('stacks-app protocol', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-'));
    fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Stacks</title>');
    fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  });

  it('registers stacks-app as a standard secure scheme', () => {
    registerSchemes();
    expect(registered.schemes).toEqual([
      expect.objectContaining({
        scheme: 'stacks-app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });

  it('serves the app page with the strict CSP and scripts with their type', async () => {
    const page = await respondToAppRequest('stacks-app://app/index.html', path.join(dir, 'renderer'), lookup);
    expect(page.status).toBe(200);
    expect(page.body!.toString()).toContain('<title>Stacks</title>');
    expect(page.headers['Content-Security-Policy']).toContain("default-src 'none'; script-src 'self'");
    const route = await respondToAppRequest('stacks-app://app/library', path.join(dir, 'renderer'), lookup);
    expect(route.body!.toString()).toContain('<title>Stacks</title>');
    const js = await respondToAppRequest('stacks-app://app/assets/app.js', path.join(dir, 'renderer'), lookup);
    expect(js.headers['Content-Type']).toMatch(/^text\/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const url of [
      'stacks-app://app/../secret.txt',
      'stacks-app://app/%2e%2e/secret.txt',
      'stacks-app://app/..%2fsecret.txt',
    ]) {
      const res = await respondToAppRequest(url, path.join(dir, 'renderer'), lookup);
      expect(res.body?.toString()).not.toContain('do not serve');
    }
    expect(
      (await respondToAppRequest('stacks-app://other/index.html', path.join(dir, 'renderer'), lookup)).status,
    ).toBe(404);
  });

  it('serves archived assets by hash with an inert CSP, 404 for unknown ones', async () => {
    const img = await respondToAppRequest(`stacks-app://app/asset/${SHA}`, path.join(dir, 'renderer'), lookup);
    expect(img.status).toBe(200);
    expect(img.headers['Content-Type']).toBe('image/png');
    expect(img.headers['Content-Security-Policy']).toContain('sandbox');
    expect(img.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(img.body!.toString()).toBe('PNGDATA');
    const missing = await respondToAppRequest(
      `stacks-app://app/asset/${'b'.repeat(64)}`,
      path.join(dir, 'renderer'),
      lookup,
    );
    expect(missing.status).toBe(404);
  });

  it('serves a finished export as an attachment streamed from its file (Electron then asks where to save it)', async () => {
    const file = path.join(dir, 'export.wacz');
    fs.writeFileSync(file, 'PK-WACZ');
    const getExport = (id: string) =>
      id === 'abc'
        ? { path: file, fileName: 'stacks-Coast-2026-12-06.wacz', mediaType: 'application/wacz', byteSize: 7 }
        : null;
    const res = await respondToAppRequest('stacks-app://app/export/abc', path.join(dir, 'renderer'), lookup, getExport);
    expect(res.status).toBe(200);
    expect(res.file).toBe(file);
    expect(res.headers['Content-Disposition']).toBe("attachment; filename*=UTF-8''stacks-Coast-2026-12-06.wacz");
    expect(res.headers['Content-Type']).toBe('application/wacz');
    expect(
      (await respondToAppRequest('stacks-app://app/export/zzz', path.join(dir, 'renderer'), lookup, getExport)).status,
    ).toBe(404);
  });

  it("serves a capture's original page under its own CSP, images from the app's /asset/ path only", async () => {
    const page = {
      captureId: 7,
      articleId: 3,
      sourceUrl: 'https://example.org/p',
      capturedAt: '2024-01-01T00:00:00Z',
      html: `<!doctype html><html><body><p>Kept</p><img alt="x" src="asset:${SHA}"></body></html>`,
      images: 1,
      imagesNotArchived: 0,
    };
    const getOriginal = async (id: number) => (id === 7 ? (page as never) : 'No capture with id ' + id);
    const rendererDir = path.join(dir, 'renderer');
    const ok = await respondToAppRequest('stacks-app://app/original/7', rendererDir, lookup, undefined, getOriginal);
    expect(ok.status).toBe(200);
    expect(ok.headers['Content-Security-Policy']).toContain('img-src stacks-app://app/asset/');
    expect(ok.headers['Content-Security-Policy']).toContain('sandbox allow-same-origin');
    expect(ok.headers['Content-Security-Policy']).not.toContain('allow-scripts');
    expect(ok.headers['X-Frame-Options']).toBe('SAMEORIGIN');
    expect(ok.body!.toString()).toContain(`src="stacks-app://app/asset/${SHA}"`);
    const missing = await respondToAppRequest(
      'stacks-app://app/original/8',
      rendererDir,
      lookup,
      undefined,
      getOriginal,
    );
    expect(missing.status).toBe(404);
    expect((await respondToAppRequest('stacks-app://app/original/x', rendererDir, lookup)).status).toBe(404);
  });
});
