// An archive written before compressed storage: upgraded in place, compacted (space reclaimed), killed mid-compact.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveApi } from '../../../db/api.js';
import { compactArchive, rawRowCount } from '../../../db/codec/compact.js';
import { readOriginal, readReaderHtml } from '../../../db/codec/read.js';
import type { ArticleId } from '../../../db/contract/types.js';
import { extractCapture } from '../../../db/extract/index.js';
import { LATEST_VERSION } from '../../../db/migrations/runner.js';
import { openArchive } from '../../../db/open.js';
import { verifyArchive } from '../../../db/verify.js';
import { sha256Hex } from '../../../db/util.js';
import { tempDir } from '../../helpers/archive.js';
import { articleWords, htmlPage } from './pages.js';

const COMPACT_LOOP = fileURLToPath(new URL('../../fixtures/crash/compact-loop.ts', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Original {
  sha256: string;
  bytes: Buffer;
  html: string;
  text: string;
}

/**
 * An archive as the previous version of Stacks wrote it (schema 6: no codec columns, originals and reader HTML
 * raw), its rows extracted by today's extractors from real Markdown and HTML bytes. Returns what each capture holds.
 */
async function buildOldArchive(file: string, count: number): Promise<Map<number, Original>> {
  const old = openArchive(file, { targetVersion: 6 });
  expect(old.db.pragma('user_version', { simple: true })).toBe(6);
  const cols = (old.db.prepare('PRAGMA table_info(capture)').all() as { name: string }[]).map((c) => c.name);
  expect(cols).not.toContain('original_codec');
  const held = new Map<number, Original>();
  for (let i = 0; i < count; i++) {
    const title = `Harbour report ${i}`;
    const body = articleWords(i + 1, 3000 + (i % 5) * 2000);
    const html = i % 2 === 0;
    const bytes = Buffer.from(html ? htmlPage(title, body) : `# ${title}\n\n${body}\n`);
    const c = await extractCapture({ bytes, fileName: html ? `r${i}.html` : `r${i}.md` });
    const now = new Date(Date.UTC(2025, 0, 1 + i)).toISOString();
    const articleId = Number(
      old.db
        .prepare('INSERT INTO article (title, word_count, added_at) VALUES (?, ?, ?)')
        .run(c.title, c.wordCount, now).lastInsertRowid,
    );
    const sha256 = sha256Hex(bytes);
    const captureId = Number(
      old.db
        .prepare(
          `INSERT INTO capture (article_id, sha256, original, media_type, byte_size, captured_at, importer, importer_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(articleId, sha256, bytes, c.mediaType, bytes.length, now, c.importer, c.importerVersion).lastInsertRowid,
    );
    old.db
      .prepare('INSERT INTO content (capture_id, html, text, text_sha256) VALUES (?, ?, ?, ?)')
      .run(captureId, c.html, c.text, sha256Hex(c.text));
    old.db.prepare('UPDATE article SET current_capture_id = ? WHERE id = ?').run(captureId, articleId);
    held.set(captureId, { sha256, bytes, html: c.html, text: c.text });
  }
  old.close();
  return held;
}

/** Every capture reads back exactly as it was stored by the old version, through the one decode path. */
function expectAllIntact(db: Database.Database, held: Map<number, Original>): void {
  for (const [id, o] of held) {
    const bytes = readOriginal(db, id)!;
    expect(sha256Hex(bytes)).toBe(o.sha256);
    expect(Buffer.compare(bytes, o.bytes)).toBe(0);
    expect(readReaderHtml(db, id)).toBe(o.html);
  }
}

describe('compressed storage of an existing archive', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const archiveFile = (): string => {
    const d = tempDir();
    dirs.push(d);
    return path.join(d, 'old.sqlite');
  };

  it('upgrades an old-format archive in place: old rows read as before, compact compresses them and reclaims space', async () => {
    const file = archiveFile();
    const held = await buildOldArchive(file, 40);
    const archive = openArchive(file);
    const api = createArchiveApi(archive);
    try {
      expect(archive.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      // Upgraded, nothing compressed yet: every row still raw and read as it was.
      expect(archive.db.prepare('SELECT count(*) FROM capture WHERE original_codec <> 0').pluck().get()).toBe(0);
      expectAllIntact(archive.db, held);
      const firstId = [...held.keys()][0]!;
      const articleId = archive.db.prepare('SELECT article_id FROM capture WHERE id = ?').pluck().get(firstId);
      const readerBefore = api.getArticle({ id: articleId as ArticleId }).html;
      const hitsBefore = api.search({ query: 'harbour' }).total;
      expect(hitsBefore).toBe(40);
      expect(verifyArchive(archive.db, { record: false })).toMatchObject({ checked: 40, ok: 40 });

      const phases: string[] = [];
      const report = await compactArchive(archive.db, archive.path, {
        batch: 7,
        onProgress: (p) => phases.push(p.phase),
      });
      expect(report.cancelled).toBe(false);
      expect(report.vacuumed).toBe(true);
      expect(report.compressed).toBe(80); // 40 originals + 40 reader HTML
      expect(phases).toContain('compress');
      expect(phases.at(-1)).toBe('vacuum');
      // The archive file shrank by more than half (the originals and reader HTML are near-copies of the text).
      expect(report.bytesAfter).toBeLessThan(report.bytesBefore * 0.7);
      expect(fs.statSync(file).size).toBe(report.bytesAfter);
      expect(rawRowCount(archive.db)).toBe(0);
      expect(
        archive.db
          .prepare("SELECT count(*) FROM content WHERE html_codec = 1 AND html = '' AND html_packed IS NOT NULL")
          .pluck()
          .get(),
      ).toBe(40);

      expectAllIntact(archive.db, held);
      expect(api.getArticle({ id: articleId as ArticleId }).html).toBe(readerBefore);
      expect(api.search({ query: 'harbour' }).total).toBe(hitsBefore);
      expect(verifyArchive(archive.db, { record: false })).toMatchObject({ checked: 40, ok: 40, mismatches: [] });
      // A second run finds nothing left to do.
      const again = await compactArchive(archive.db, archive.path, { vacuum: false });
      expect(again).toMatchObject({ checked: 0, compressed: 0 });
    } finally {
      await api.dispose();
      archive.close();
    }
  });

  it('leaves a damaged original exactly as it is, for verify to report', async () => {
    const file = archiveFile();
    const held = await buildOldArchive(file, 6);
    const [damagedId, o] = [...held][2]!;
    const raw = new Database(file);
    const flipped = Buffer.from(o.bytes);
    flipped[40] = flipped[40]! ^ 1;
    raw.prepare('UPDATE capture SET original = ? WHERE id = ?').run(flipped, damagedId);
    raw.close();
    const archive = openArchive(file);
    try {
      const report = await compactArchive(archive.db, archive.path, { vacuum: false });
      expect(report.skippedDamaged).toBe(1);
      const row = archive.db.prepare('SELECT original, original_codec FROM capture WHERE id = ?').get(damagedId) as {
        original: Buffer;
        original_codec: number;
      };
      expect(row.original_codec).toBe(0);
      expect(Buffer.compare(row.original, flipped)).toBe(0);
      const v = verifyArchive(archive.db, { record: false });
      expect(v.mismatches.map((m) => m.captureId)).toEqual([damagedId]);
    } finally {
      archive.close();
    }
  });

  it('kill -9 in the middle of compact: the archive stays consistent, verify passes, a re-run finishes', async () => {
    const file = archiveFile();
    const held = await buildOldArchive(file, 60);
    // Upgraded once before the kills, so a kill never lands in the schema migration instead.
    openArchive(file).close();
    const seen: number[] = [];
    for (const wait of [0, 150]) {
      const child = spawn(process.execPath, ['--import', 'tsx', COMPACT_LOOP, file], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      for (let i = 0; i < 1200 && !/\n\d+\n/.test(out) && !out.includes('finished'); i++) await sleep(25);
      await sleep(wait);
      child.kill('SIGKILL');
      await exited;
      expect(out).not.toContain('finished');
      seen.push(Number(out.trim().split('\n').at(-1)));

      const db = new Database(file);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Committed batches are compressed; the rest is raw; every row reads back exactly either way.
      const mixed = db.prepare('SELECT original_codec, count(*) AS n FROM capture GROUP BY 1').all();
      expect(mixed.length).toBeGreaterThan(0);
      expectAllIntact(db, held);
      expect(verifyArchive(db, { record: false })).toMatchObject({ checked: 60, ok: 60, mismatches: [] });
      db.close();
    }
    expect(seen[0]).toBeGreaterThan(0);

    const archive = openArchive(file);
    try {
      const before = rawRowCount(archive.db);
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(120);
      const report = await compactArchive(archive.db, archive.path);
      expect(report.compressed).toBe(before);
      expect(rawRowCount(archive.db)).toBe(0);
      expectAllIntact(archive.db, held);
      expect(verifyArchive(archive.db, { record: false })).toMatchObject({ checked: 60, ok: 60 });
    } finally {
      archive.close();
    }
  });

  it('in the background (startCompact): progress, Cancel keeps what was compressed, a second run finishes', async () => {
    const file = archiveFile();
    const held = await buildOldArchive(file, 60);
    const archive = openArchive(file);
    const api = createArchiveApi(archive);
    try {
      expect(rawRowCount(archive.db)).toBe(120);
      const started = api.startCompact({});
      // One compaction at a time: asking again hands back the running one.
      expect(api.startCompact({}).id).toBe(started.id);
      expect(api.cancelCompact({ id: started.id }).id).toBe(started.id);
      await expect.poll(() => api.compactStatus({ id: started.id }).state).toBe('cancelled');
      const cancelled = api.compactStatus({ id: started.id });
      // The first batch (the 60 originals) was committed before the cancel; the reader HTML is still raw.
      expect(cancelled.report).toMatchObject({ cancelled: true, compressed: 60, vacuumed: false });
      expect(cancelled.progress.total).toBe(120);
      expect(rawRowCount(archive.db)).toBe(60);
      expectAllIntact(archive.db, held);

      const again = api.startCompact({});
      expect(again.id).not.toBe(started.id);
      await expect.poll(() => api.compactStatus({ id: again.id }).state).toBe('done');
      const done = api.compactStatus({ id: again.id });
      expect(done.report).toMatchObject({ cancelled: false, compressed: 60, vacuumed: true });
      expect(done.report!.bytesAfter).toBeLessThan(done.report!.bytesBefore);
      expect(rawRowCount(archive.db)).toBe(0);
      expectAllIntact(archive.db, held);
      expect(() => api.compactStatus({ id: 'a'.repeat(24) })).toThrow(/There is no compaction a{24}/);
    } finally {
      await api.dispose();
      archive.close();
    }
  });
});
