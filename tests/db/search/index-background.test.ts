// A missing index rebuilt in the background: the list works at once, search says it is catching up, then answers in full.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createArchiveApi } from '../../../db/api.js';
import { BACKGROUND_INDEX_FROM, openArchive } from '../../../db/open.js';
import { indexSettled } from '../../../db/search/index/article-index-sync.js';
import { searchArchive } from '../../../db/search/index.js';
import { tempDir } from '../../helpers/archive.js';
import { runCli } from '../../helpers/cli.js';
import { archiveWithoutIndex as withoutIndex } from '../../helpers/archive-without-index.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const COUNT = BACKGROUND_INDEX_FROM + 500;

/** An archive of COUNT articles whose index file is gone (deleted, or never built: an archive copied without it). */
const archiveWithoutIndex = (name: string): string => withoutIndex(path.join(dir, name), COUNT);

describe('index rebuilt in the background', { timeout: 180_000 }, () => {
  it('opens at once: the list is complete, search answers what is indexed so far and says so, then everything', async () => {
    const file = archiveWithoutIndex('background.sqlite');
    const archive = openArchive(file, { indexInBackground: true });
    const api = createArchiveApi(archive);
    try {
      // Straight after the open, before the helper thread could have indexed everything.
      expect(api.listArticles({ limit: 1 }).total).toBe(COUNT);
      const early = searchArchive(archive.db, { query: 'keeper' });
      expect(early.indexing?.catchingUp).toBe(true);
      expect(early.indexing!.percent).toBeLessThan(100);
      expect(early.total).toBeLessThan(COUNT);
      expect(api.stats({}).index).toMatchObject({ catchingUp: true });

      await indexSettled(archive.db);
      const done = searchArchive(archive.db, { query: 'keeper' });
      expect(done.total).toBe(COUNT);
      expect(done.indexing).toBeUndefined();
      expect(api.stats({}).index).toEqual({ catchingUp: false, percent: 100 });
    } finally {
      await api.dispose();
      archive.close();
    }
  });

  it('a small write while it rebuilds is left to the rebuild thread, and is searchable once it is done', async () => {
    const file = archiveWithoutIndex('write-during.sqlite');
    const archive = openArchive(file, { indexInBackground: true });
    const api = createArchiveApi(archive);
    try {
      const clip = 'Fog signal\n\nThe fog signal sounded twice a minute all night.\n';
      const imported = await api.importFile({ fileName: 'fog.txt', dataBase64: Buffer.from(clip).toString('base64') });
      expect(imported.status).toBe('imported');
      await indexSettled(archive.db);
      expect(searchArchive(archive.db, { query: 'fog' }).total).toBe(1);
      expect(searchArchive(archive.db, { query: 'keeper' }).total).toBe(COUNT);
    } finally {
      await api.dispose();
      archive.close();
    }
  });

  it('the CLI rebuilds before answering, with progress on stderr', () => {
    const file = archiveWithoutIndex('cli.sqlite');
    const r = runCli(['--archive', file, 'search', '--json', 'keeper']);
    expect(r.code).toBe(0);
    // A line per chunk of 1,000 captures (not a terminal: one per tenth), ending at 100%.
    expect(r.stderr.split('\n').filter((l) => l.startsWith('Building the search index: ')).length).toBe(3);
    expect(r.stderr).toContain(`Building the search index: 100% (${COUNT.toLocaleString('en-US')} of`);
    expect((JSON.parse(r.stdout.trim().split('\n')[0]!) as { total: number }).total).toBe(COUNT);
  });
});
