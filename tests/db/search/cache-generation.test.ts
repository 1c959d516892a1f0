// Search caches survive writes that do not change what search shows, and are dropped by those that do, from any connection.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveApi, type ArchiveService } from '../../../db/api.js';
import type { ArticleId } from '../../../db/contract/types.js';
import { openArchive } from '../../../db/open.js';
import { cached } from '../../../db/search/counts/cache.js';
import { compileQuery, parseQuery } from '../../../db/search/index.js';
import { openTempArchive } from '../../helpers/archive.js';
import { addArticle } from './fixture.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const keyOf = (query: string): string => compileQuery(parseQuery(query), 'articles').key;

async function setup(): Promise<{
  api: ArchiveService;
  other: ArchiveService;
  id: ArticleId;
  computes: () => Record<string, number>;
}> {
  const archive = openTempArchive();
  cleanup.push(() => fs.rmSync(archive.dir, { recursive: true, force: true }));
  const id = addArticle(archive.db, {
    title: 'Walrus haul-out',
    body: 'Walruses rest on the sea ice between dives.',
  }) as ArticleId;
  addArticle(archive.db, { title: 'Seal pups', body: 'Grey seal pups moult on the beach.' });
  const api = createArchiveApi(archive);
  // A second connection to the same file, as the app's writer thread is to a reader thread.
  const other = createArchiveApi(openArchive(archive.file));
  cleanup.push(async () => {
    await other.dispose();
    other.archive.close();
    await api.dispose();
    archive.close();
  });
  const counts: Record<string, number> = { plain: 0, unread: 0 };
  const plainKey = keyOf('walrus');
  const unreadKey = keyOf('walrus is:unread');
  return {
    api,
    other,
    id,
    // Asks the reading connection's cache for both queries; counts how many had to be computed again.
    computes() {
      const before = { ...counts };
      cached(archive.db, plainKey, () => counts.plain!++);
      cached(archive.db, unreadKey, () => counts.unread!++);
      return { plain: counts.plain! - before.plain!, unread: counts.unread! - before.unread! };
    },
  };
}

describe('search cache invalidation', () => {
  it('keeps every cached total across reading position, color labels, saved searches and verify', async () => {
    const { api, other, id, computes } = await setup();
    expect(computes()).toEqual({ plain: 1, unread: 1 });
    expect(computes()).toEqual({ plain: 0, unread: 0 });
    for (const svc of [api, other]) {
      svc.setReadingPosition({ id, position: { percent: 0.4, offset: 10, quote: 'rest on the' } });
      svc.setColor({ name: 'yellow', label: 'Main point', hex: '#f5d34f' });
      svc.saveSearch({ name: 'walruses', query: 'walrus' });
      svc.verify({});
      expect(computes()).toEqual({ plain: 0, unread: 0 });
    }
  });

  it('marking read drops only the totals of queries that filter on reading state', async () => {
    const { api, other, id, computes } = await setup();
    computes();
    api.markArticles({ ids: [id], isRead: true });
    expect(computes()).toEqual({ plain: 0, unread: 1 });
    other.markArticles({ ids: [id], isRead: false });
    expect(computes()).toEqual({ plain: 0, unread: 1 });
  });

  it('tags, trash, titles and annotations drop them, written here or by another connection', async () => {
    const { api, other, id, computes } = await setup();
    computes();
    const writes: Array<[string, () => unknown]> = [
      ['tag here', () => api.tagArticles({ ids: [id], tags: ['arctic'] })],
      ['untag elsewhere', () => other.untagArticles({ ids: [id], tags: ['arctic'] })],
      ['collection', () => other.addToCollection({ ids: [id], collection: 'Ice' })],
      ['trash', () => api.trashArticles({ ids: [id] })],
      ['restore elsewhere', () => other.restoreArticles({ ids: [id] })],
      ['title', () => api.updateArticle({ id, patch: { title: 'Walrus colony' } })],
      [
        'highlight elsewhere',
        () => other.createAnnotation({ articleId: id, kind: 'highlight', start: 0, end: 8, color: 'yellow' }),
      ],
    ];
    for (const [what, write] of writes) {
      write();
      expect({ what, ...computes() }).toEqual({ what, plain: 1, unread: 1 });
    }
    // A highlight's color is counted by the color facet: changing it changes what search shows.
    const highlight = api.listAnnotations({ articleId: id }).items[0]!;
    api.updateAnnotation({ id: highlight.id, patch: { color: 'green' } });
    expect(computes()).toEqual({ plain: 1, unread: 1 });
  });
});
