// The worker pool: same capture as a direct call, errors come back as ArchiveError, many files in flight at once.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createExtractionPool, extractCapture } from '../../../db/extract/index.js';
import { ArchiveError } from '../../../db/contract/errors.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/importers');
const pool = createExtractionPool({ size: 2 });
afterAll(() => pool.close());

function input(name: string) {
  const file = path.join(FIXTURES, name);
  return { bytes: fs.readFileSync(file), fileName: path.basename(file), filePath: file };
}

describe('extraction pool', () => {
  it('returns the same capture as a direct call, assets included', async () => {
    for (const name of ['saved-page/Article.html', 'notes.md', 'metadata.html', 'shift_jis.html']) {
      const direct = await extractCapture(input(name));
      const pooled = await pool.extract(input(name));
      expect({
        ...pooled,
        assets: pooled.assets.map((a) => ({ ...a, bytes: Buffer.from(a.bytes).toString('hex') })),
      }).toEqual({
        ...direct,
        assets: direct.assets.map((a) => ({ ...a, bytes: Buffer.from(a.bytes).toString('hex') })),
      });
    }
  });

  it('leaves the caller’s bytes untouched', async () => {
    const i = input('saved-page/Article.html');
    const before = Buffer.from(i.bytes).toString('hex');
    await pool.extract(i);
    expect(i.bytes.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(i.bytes).toString('hex')).toBe(before);
  });

  it('propagates refusals as ArchiveError with the same code and message', async () => {
    const bad = { bytes: fs.readFileSync(path.join(FIXTURES, 'pixel.png')), fileName: 'photo.html' };
    const direct = await extractCapture(bad).catch((e: unknown) => e);
    const pooled = await pool.extract(bad).catch((e: unknown) => e);
    expect(pooled).toBeInstanceOf(ArchiveError);
    expect((pooled as ArchiveError).code).toBe('UNSUPPORTED_FORMAT');
    expect((pooled as ArchiveError).message).toBe((direct as ArchiveError).message);
    const empty = await pool.extract({ bytes: new Uint8Array(0), fileName: 'empty.md' }).catch((e: unknown) => e);
    expect((empty as ArchiveError).code).toBe('INVALID_INPUT');
  });

  it('keeps working after an error and handles many files in flight', async () => {
    const names = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0 ? 'metadata.html' : i % 3 === 1 ? 'jsonld.html' : 'windows-1251.html',
    );
    const results = await Promise.all(names.map((n) => pool.extract(input(n))));
    expect(results.map((r) => r.title)).toEqual(
      names.map((n) =>
        n === 'metadata.html'
          ? 'Le vrai titre de l’article'
          : n === 'jsonld.html'
            ? 'Graph headline'
            : 'Погода в Москве',
      ),
    );
  });

  it('gives up with a readable error when its workers keep crashing', async () => {
    const broken = createExtractionPool({
      size: 1,
      workerUrl: pathToFileURL(path.join(FIXTURES, 'crashing-worker.mjs')),
    });
    try {
      const err = await broken.extract(input('notes.md')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ArchiveError);
      expect((err as ArchiveError).code).toBe('INTERNAL');
      expect((err as ArchiveError).message).toMatch(/boom at start/);
      // It stops respawning after a few crashes in a row; from then on every call says why at once.
      const messages: string[] = [];
      for (let i = 0; i < 10 && !messages.some((m) => /keep crashing/.test(m)); i++) {
        messages.push(
          await broken.extract(input('notes.md')).then(
            () => 'extracted',
            (e: Error) => e.message,
          ),
        );
      }
      expect(messages).not.toContain('extracted');
      expect(messages.at(-1)).toMatch(/^Extraction workers keep crashing \(.*boom at start.*\)\.$/);
    } finally {
      await broken.close();
    }
  });

  it('blames a crash on the file being extracted and re-sends the files queued behind it', async () => {
    const fake = createExtractionPool({
      size: 1,
      workerUrl: pathToFileURL(path.join(FIXTURES, 'crash-on-name-worker.mjs')),
    });
    try {
      const names = ['a.txt', 'b.txt', 'crash.txt', 'c.txt', 'd.txt'];
      const results = await Promise.all(
        names.map((fileName) =>
          fake.extract({ bytes: new Uint8Array([120]), fileName }).then(
            (c) => c.title,
            (e: Error) => e.message,
          ),
        ),
      );
      expect(results).toEqual([
        'a.txt',
        'b.txt',
        'Extracting crash.txt crashed its worker: exited with code 3',
        'c.txt',
        'd.txt',
      ]);
    } finally {
      await fake.close();
    }
  });

  it('drops the queued files of a cancelled import and keeps extracting everyone else’s', async () => {
    const single = createExtractionPool({ size: 1 });
    try {
      const controller = new AbortController();
      // Readability pages (tens of ms each): the cancel arrives while most of them still wait in the worker.
      const mine = Array.from({ length: 30 }, () =>
        single.extract(input('saved-page/Article.html'), { signal: controller.signal }).then(
          () => 'extracted',
          (e: Error) => e.message,
        ),
      );
      const other = single.extract(input('notes.md'));
      await Promise.race(mine);
      controller.abort();
      const outcomes = await Promise.all(mine);
      const cancelled = outcomes.filter((o) => o === 'Extracting Article.html was cancelled.').length;
      expect(cancelled).toBeGreaterThan(10);
      expect(outcomes.filter((o) => o === 'extracted').length + cancelled).toBe(30);
      expect((await other).title).toBe((await extractCapture(input('notes.md'))).title);
      await expect(single.extract(input('notes.md'), { signal: controller.signal })).rejects.toThrow(/cancelled/);
    } finally {
      await single.close();
    }
  });

  it('refuses work after close', async () => {
    const other = createExtractionPool({ size: 1 });
    await other.close();
    await expect(other.extract(input('notes.md'))).rejects.toThrow(/closed/);
  });
});
