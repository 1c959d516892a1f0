// CJK, Kana and Hangul substrings are found inside longer words, and snippets show the text as written.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArchiveApi } from '../../../db/api.js';
import { MARK_CLOSE, MARK_OPEN } from '../../../db/contract/types.js';
import { openArchive } from '../../../db/open.js';
import { indexFileOf } from '../../../db/search/index/article-index-file.js';
import { FIDELITY_DIR } from '../../../bench/fidelity/pages.js';
import { tempArchive, type TempArchive } from '../../helpers/archive.js';

const PAGES = ['zh-news-space-station', 'zh-tw-tea-shop', 'ko-news-sejong', 'ja-blog-machiya', 'news-date-no-zone'];

describe('CJK substring search', () => {
  let t: TempArchive;
  const ids = new Map<string, number>();
  beforeEach(async () => {
    t = tempArchive();
    const dir = path.join(t.dir, 'pages');
    fs.mkdirSync(dir);
    for (const p of PAGES) fs.copyFileSync(path.join(FIDELITY_DIR, `${p}.html`), path.join(dir, `${p}.html`));
    const report = await t.api.importPaths({ paths: [dir] });
    for (const o of report.outcomes) ids.set(path.basename(o.file, '.html'), o.id!);
  });
  afterEach(async () => {
    await t.close();
  });
  const found = (query: string) => t.api.search({ query }).hits.map((h) => h.id);

  it('finds a 2-4 character string inside a longer word, in Chinese, Japanese and Korean', () => {
    expect(found('间站')).toEqual([ids.get('zh-news-space-station')]);
    expect(found('"间站的防护"')).toEqual([ids.get('zh-news-space-station')]);
    expect(found('수도')).toEqual([ids.get('ko-news-sejong')]);
    expect(found('換成')).toEqual([ids.get('zh-tw-tea-shop')]);
    expect(found('町家')).toEqual([ids.get('ja-blog-machiya')]);
    expect(found('空间站不存在的词')).toEqual([]);
    // Combined with other words and filters, and negated.
    expect(found('间站 year:2024')).toEqual([ids.get('zh-news-space-station')]);
    expect(found('ferry -间站')).toEqual([ids.get('news-date-no-zone')]);
    expect(found('间站 -出舱')).toEqual([]);
  });

  it('shows snippets as written: no spaces between CJK words, the match marked', () => {
    const hit = t.api.search({ query: '招牌換成了' }).hits[0]!;
    expect(hit.snippet).toContain(`${MARK_OPEN}招牌換成了${MARK_CLOSE}`);
    expect(hit.snippet.replace(/[\u27E6\u27E7]/g, '')).toContain('老店的招牌換成了由書法家重新題寫的新字');
    const text = t.api.getArticle({ id: hit.id }).text;
    expect(text.slice(hit.matchOffset!, hit.matchOffset! + 5)).toBe('招牌換成了');
  });

  it('rebuilds an index made before the gram table when the archive is opened', async () => {
    const file = t.file;
    await t.api.dispose();
    t.api.archive.close();
    const index = new Database(indexFileOf(file));
    // What an index written before the gram table holds: no such table, schema version 1.
    index.exec('DROP TABLE article_grams');
    index.pragma('user_version = 1');
    index.close();
    const archive = openArchive(file);
    const api = createArchiveApi(archive);
    try {
      expect(api.search({ query: '间站' }).hits.map((h) => h.id)).toEqual([ids.get('zh-news-space-station')]);
    } finally {
      await api.dispose();
      archive.close();
    }
    // tempArchive's close() still removes the folder.
    t = { ...t, close: async () => fs.rmSync(t.dir, { recursive: true, force: true }) };
  });
});
