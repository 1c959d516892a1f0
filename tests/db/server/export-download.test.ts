// Exports through the HTTP transport: started and polled as API calls, fetched as a streamed download with the token.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../db/server/server.js';
import { validateBag } from '../../helpers/bagit-validator.js';
import { tempDir } from '../../helpers/archive.js';
import { buildExportFixture, type ExportFixture } from '../export/fixture.js';
import { readZip } from '../export/zip-read.js';
import { call } from './helpers.js';

// The cancel test imports 600 clippings first.
const SLOW = 120_000;

describe('export over HTTP', () => {
  let f: ExportFixture;
  let server: RunningServer;
  const out = tempDir('stacks-download-');

  beforeAll(async () => {
    f = await buildExportFixture();
    server = await startServer({ api: f.archive.api, archive: f.archive.api.archive, rendererDir: out });
  });
  afterAll(async () => {
    await server.close();
    await f.archive.close();
  });

  async function finished(id: string): Promise<{ state: string; fileName: string; byteSize: number; error: string }> {
    for (let i = 0; i < 600; i++) {
      const { body } = await call(server, 'exportStatus', { id });
      expect(body.ok).toBe(true);
      if (body.value.state !== 'running') return body.value;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('export never finished');
  }

  it('starts a WACZ export of chosen articles, reports progress, and serves it as a download', async () => {
    const started = await call(server, 'startExport', { format: 'wacz', ids: [f.page, f.clip] });
    expect(started.body.ok).toBe(true);
    expect(started.body.value).toMatchObject({ state: 'running', articles: 2, progress: { total: 2 } });
    const job = await finished(started.body.value.id);
    expect(job).toMatchObject({ state: 'done', error: null });
    expect(job.fileName).toMatch(/^stacks-2-articles-\d{4}-\d{2}-\d{2}\.wacz$/);

    const url = `${server.url}/export/${started.body.value.id}`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(`${url}?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/wacz');
    expect(res.headers.get('content-disposition')).toContain(`filename="${job.fileName}"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const file = path.join(out, job.fileName);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(fs.statSync(file).size).toBe(job.byteSize);
    const pages = (await readZip(file)).get('pages/pages.jsonl')!.data.toString('utf8');
    expect(pages).toContain('The Last Lighthouse Keepers');
    expect(pages).toContain('Tidal energy');
    expect(pages).not.toContain('Café notes');
  });

  it('serves a BagIt export of a collection as a ZIP holding one valid bag', async () => {
    const started = await call(server, 'startExport', {
      format: 'bagit',
      collection: 'Coast',
      bagInfo: { 'Source-Organization': 'Harbour Library' },
    });
    const job = await finished(started.body.value.id);
    expect(job.state).toBe('done');
    const res = await fetch(`${server.url}/export/${started.body.value.id}?token=${server.token}`);
    const zipFile = path.join(out, job.fileName);
    fs.writeFileSync(zipFile, Buffer.from(await res.arrayBuffer()));
    const bagDir = path.join(out, 'unzipped');
    for (const [name, e] of await readZip(zipFile)) {
      const target = path.join(bagDir, ...name.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, e.data);
    }
    const [top] = fs.readdirSync(bagDir);
    const report = validateBag(path.join(bagDir, top!));
    expect(report.problems).toEqual([]);
    expect(report.info).toContainEqual(['Source-Organization', 'Harbour Library']);
  });

  it(
    'answers a bad request at once and cancels a running export, leaving nothing to download',
    async () => {
      const bad = await call(server, 'startExport', { format: 'wacz', collection: 'Nope' });
      expect(bad.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const two = await call(server, 'startExport', { format: 'wacz', collection: 'Coast', query: 'x' });
      expect(two.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      // Enough articles that the export is still running when the cancel arrives.
      const src = path.join(out, 'many');
      fs.mkdirSync(src);
      const para = 'The ferry timetable changed with the seasons and the tides. '.repeat(60);
      for (let i = 0; i < 600; i++) fs.writeFileSync(path.join(src, `c${i}.txt`), `Ferry note ${i}\n\n${para}${i}\n`);
      expect((await f.archive.api.importPaths({ paths: [src] })).imported).toBe(600);
      const started = await call(server, 'startExport', { format: 'wacz' });
      const cancelled = await call(server, 'cancelExport', { id: started.body.value.id });
      expect(cancelled.body.ok).toBe(true);
      const job = await finished(started.body.value.id);
      expect(job.state).toBe('cancelled');
      const res = await fetch(`${server.url}/export/${started.body.value.id}?token=${server.token}`);
      expect(res.status).toBe(404);
    },
    SLOW,
  );
});
