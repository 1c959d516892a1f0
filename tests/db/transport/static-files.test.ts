// The built renderer is served without following symbolic links, over HTTP and the desktop app's scheme alike.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStatic } from '../../../db/transport/static-files.js';
import { serveTempArchive, type Served } from '../server/helpers.js';

let s: Served;
let rendererDir: string;
beforeAll(async () => {
  s = await serveTempArchive();
  rendererDir = path.join(s.dir, 'renderer');
  // secret.txt sits beside the renderer folder; links inside the folder point at it and at a folder outside.
  fs.symlinkSync(path.join(s.dir, 'secret.txt'), path.join(rendererDir, 'leak.txt'));
  fs.symlinkSync(s.dir, path.join(rendererDir, 'up'));
  fs.symlinkSync(path.join(rendererDir, 'assets', 'app.js'), path.join(rendererDir, 'alias.js'));
});
afterAll(async () => {
  await s.close();
});

describe('static files and symbolic links', () => {
  it('refuses a linked file, a file under a linked folder, and even a link to a file inside the folder', () => {
    expect(resolveStatic(rendererDir, '/leak.txt')).toBeNull();
    expect(resolveStatic(rendererDir, '/up/secret.txt')).toBeNull();
    expect(resolveStatic(rendererDir, '/alias.js')).toBeNull();
    expect(resolveStatic(rendererDir, '/assets/app.js')).toMatchObject({
      contentType: expect.stringContaining('javascript'),
    });
  });

  it('answers 404 over HTTP and never sends the linked bytes', async () => {
    for (const p of ['/leak.txt', '/up/secret.txt', '/alias.js']) {
      const res = await fetch(`${s.server.url}${p}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('outside the renderer');
    }
    expect((await fetch(`${s.server.url}/assets/app.js`)).status).toBe(200);
  });

  it('still serves a renderer folder that is itself reached through a link', () => {
    const linked = path.join(s.dir, 'linked-renderer');
    fs.symlinkSync(rendererDir, linked);
    expect(resolveStatic(linked, '/assets/app.js')).not.toBeNull();
    expect(resolveStatic(linked, '/leak.txt')).toBeNull();
  });
});
