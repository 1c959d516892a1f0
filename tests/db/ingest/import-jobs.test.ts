// Background imports (startImport/importStatus/cancelImport): an export file's progress entry by entry, a cancel inside the file, a resume.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../db/contract/types.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';
import { bigBookmarks } from './exports/fixtures.js';
import { integrityCheck } from '../../helpers/integrity.js';

const N = 6_000;
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background imports the app polls', () => {
  let t: TempArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(async () => {
    await t.close();
  });

  async function until(id: string, done: (job: ImportJob) => boolean): Promise<ImportJob[]> {
    const seen: ImportJob[] = [];
    for (let i = 0; i < 6000; i++) {
      const job = t.api.importStatus({ id });
      seen.push(job);
      if (done(job)) return seen;
      await sleep(5);
    }
    throw new Error(`import ${id} never got there: ${JSON.stringify(seen.at(-1))}`);
  }

  it('reports a bookmark export entry by entry, stops inside the file on cancel, and a re-run adds only the rest', async () => {
    const req = { fileName: 'bookmarks.html', dataBase64: base64(bigBookmarks(N)) };
    const started = t.api.startImport(req);
    expect(started).toMatchObject({ fileName: 'bookmarks.html', state: 'running', outcome: null });

    // Progress counts the export's entries, not the one file, and moves while the file is being imported.
    const seen = await until(started.id, (j) => j.progress.done >= 1000);
    expect(seen.at(-1)!.progress.total).toBe(N);
    t.api.cancelImport({ id: started.id });
    const [cancelled] = (await until(started.id, (j) => j.state !== 'running')).slice(-1);
    expect(cancelled!.state).toBe('cancelled');
    const first = cancelled!.outcome!;
    expect(first.title).toMatch(/then cancelled$/);
    const kept = first.items!.filter((o) => o.status === 'imported').length;
    expect(kept).toBeGreaterThanOrEqual(1000);
    expect(kept).toBeLessThan(N);
    const db = t.api.archive.db;
    expect(db.prepare('SELECT count(*) FROM article').pluck().get()).toBe(kept);

    const again = t.api.startImport(req);
    const [finished] = (await until(again.id, (j) => j.state !== 'running')).slice(-1);
    expect(finished!.state).toBe('done');
    expect(finished!.progress).toMatchObject({ total: N, done: N, imported: N - kept, failed: 0 });
    expect(db.prepare('SELECT count(*) FROM article').pluck().get()).toBe(N);
    expect(integrityCheck(db)).toBe('ok');
  }, 180_000);

  it('a single note is one item, done; a broken file ends failed with its reason; an unknown id is a clear error', async () => {
    const note = t.api.startImport({ fileName: 'note.md', dataBase64: base64('# Tide tables\n\nHigh water at noon.') });
    const [done] = (await until(note.id, (j) => j.state !== 'running')).slice(-1);
    expect(done).toMatchObject({ state: 'done', progress: { total: 1, done: 1, imported: 1 } });
    expect(done!.outcome).toMatchObject({ status: 'imported', title: 'Tide tables' });

    const broken = t.api.startImport({ fileName: 'crawl.warc.gz', dataBase64: base64('not gzip at all') });
    const [failed] = (await until(broken.id, (j) => j.state !== 'running')).slice(-1);
    expect(failed!.outcome!.status).toBe('failed');
    expect(failed!.outcome!.error).toBeTruthy();

    expect(() => t.api.importStatus({ id: 'f'.repeat(24) })).toThrow(/There is no import f{24}/);
  });
});
