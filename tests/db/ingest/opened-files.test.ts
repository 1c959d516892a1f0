// Files opened with the app (launch arguments, a second launch, macOS open-file) are picked out of argv and imported, one batch at a time.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenedFiles, openedFilePaths } from '../../../db/ingest/opened-files.js';
import { SAMPLE_CLIPPING, tempArchive, tempDir, writeFile, type TempArchive } from '../../helpers/archive.js';

describe('files named on the command line', () => {
  it('keeps existing files, resolved from the working directory, and skips the executable, options, folders and the archive', () => {
    const dir = tempDir();
    const page = writeFile(dir, 'saved page.html', '<title>x</title>');
    const note = writeFile(dir, 'notes/note.md', '# Note');
    const archive = writeFile(dir, 'client.stacks.sqlite', '');
    const argv = [
      path.join(dir, 'stacks-desktop'),
      '.',
      '--archive',
      archive,
      '--enable-logging',
      'saved page.html',
      `--archive=${archive}`,
      note,
      'missing.txt',
      'notes',
      'saved page.html',
    ];
    expect(openedFilePaths(argv, dir)).toEqual([page, note]);
  });

  it('finds nothing in a plain launch', () => {
    expect(openedFilePaths(['/opt/Stacks/stacks-desktop'], '/')).toEqual([]);
    expect(openedFilePaths(['/usr/bin/electron', '.', '--archive', '/tmp/a.sqlite'], process.cwd())).toEqual([]);
  });
});

describe('the opened-files queue', () => {
  it('holds files until started, then runs one batch at a time in order', async () => {
    const queue = new OpenedFiles();
    queue.add(['/a.html']);
    queue.add(['/b.md', '/a.html']);
    const batches: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    queue.start(async (paths) => {
      batches.push(paths);
      if (batches.length === 1) await first;
    });
    // Opened while the first batch runs: waits for it.
    queue.add(['/c.txt']);
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toEqual([['/a.html', '/b.md']]);
    release();
    await queue.idle();
    expect(batches).toEqual([['/a.html', '/b.md'], ['/c.txt']]);
  });

  it('goes on after a batch fails', async () => {
    const queue = new OpenedFiles();
    const seen: string[] = [];
    queue.start(async (paths) => {
      seen.push(...paths);
      if (paths.includes('/bad')) throw new Error('boom');
    });
    queue.add(['/bad']);
    await queue.idle();
    queue.add(['/good']);
    await queue.idle();
    expect(seen).toEqual(['/bad', '/good']);
  });
});

describe('opening files imports them into the archive', () => {
  let archive: TempArchive | undefined;
  afterEach(async () => {
    await archive?.close();
    archive = undefined;
  });

  it('imports an opened clipping (searchable afterwards) and reports an unsupported file with its reason', async () => {
    archive = tempArchive();
    const { api } = archive;
    const mhtml = writeFile(archive.dir, 'page.mhtml', 'MIME-Version: 1.0\r\n');
    const reports: { imported: number; failed: number; errors: (string | undefined)[] }[] = [];
    const queue = new OpenedFiles();
    queue.add(openedFilePaths(['/opt/Stacks/stacks-desktop', SAMPLE_CLIPPING, mhtml], '/'));
    queue.start(async (paths) => {
      const report = await api.importPathsWithProgress(paths, {});
      reports.push({
        imported: report.imported,
        failed: report.failed,
        errors: report.outcomes.filter((o) => o.status === 'failed').map((o) => o.error),
      });
    });
    await queue.idle();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ imported: 1, failed: 1 });
    expect(reports[0]!.errors[0]).toMatch(/MHTML/);
    const found = await api.search({ query: '"Comprehensive Strategic Partnership"' });
    expect(found.hits.map((h) => h.title)).toEqual([
      'Putin Begins His Two-Day North Korean Visit, Signs Partnership Agreement',
    ]);
  });
});
