// Migration 8: link record captures are marked explicitly; an archive from before is backfilled by the old recognition.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../../db/open.js';
import { tempDir } from '../../helpers/archive.js';

describe('capture.link_record', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('marks the link records of an archive written before the column, and only them', () => {
    const d = tempDir();
    dirs.push(d);
    const f = path.join(d, 'a.sqlite');
    const old = openArchive(f, { targetVersion: 7 });
    const article = old.db.prepare(
      "INSERT INTO article (title, added_at, link_only) VALUES (?, '2024-01-01T00:00:00Z', ?)",
    );
    const capture = old.db.prepare(`INSERT INTO capture (article_id, sha256, original, media_type, byte_size,
      captured_at, importer, importer_version, source_url) VALUES (?, ?, ?, 'text/html', 1, '2024-01-01T00:00:00Z', ?, ?, ?)`);
    const content = old.db.prepare('INSERT INTO content (capture_id, html, text, text_sha256) VALUES (?, ?, ?, ?)');
    const add = (n: number, importer: string, version: string, url: string | null, html: string, text: string) => {
      const a = Number(article.run(`Item ${n}`, html === '' ? 1 : 0).lastInsertRowid);
      const c = Number(capture.run(a, `sha${n}`, Buffer.from(`row ${n}`), importer, version, url).lastInsertRowid);
      content.run(c, html, text, `t${n}`);
      return c;
    };
    const pocketLink = add(1, 'pocket', '1.0.0', 'https://example.com/a', '', 'https://example.com/a');
    const bookmarkNoUrl = add(2, 'readwise', '1.0.0', null, '', '');
    const wallabagPage = add(3, 'wallabag', '1.0.0', 'https://example.com/b', '<p>Body</p>', 'Body');
    // A page whose extraction came out empty is content, not a link: its importer is no export tool.
    const emptyPage = add(4, 'html', '1.0.0', 'https://example.com/c', '', 'https://example.com/c');
    old.close();

    const upgraded = openArchive(f);
    const marked = upgraded.db.prepare('SELECT id FROM capture WHERE link_record = 1 ORDER BY id').pluck().all();
    expect(marked).toEqual([pocketLink, bookmarkNoUrl]);
    expect(marked).not.toContain(wallabagPage);
    expect(marked).not.toContain(emptyPage);
    upgraded.close();
  });
});
