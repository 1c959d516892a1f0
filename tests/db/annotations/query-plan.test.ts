// Query plans: every annotation filter reaches its rows through an index, never a scan of all annotations.
import { queryPlan } from '../../helpers/query-plan.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnnotationListRequest, ArticleId } from '../../../db/contract/types.js';
import { buildListQuery } from '../../../db/annotations/list.js';
import { tempArchive } from './fixture.js';

const archive = tempArchive();
afterAll(() => archive.close());

function plan(sql: string, params: unknown[]): string[] {
  return queryPlan(archive.db, sql, params);
}

const FILTERS: [string, AnnotationListRequest, RegExp][] = [
  ['article', { articleId: 1 as ArticleId }, /annotation_article/],
  ['tag', { tag: 'memory' }, /annotation_tag_tag/],
  ['color', { color: 'yellow' }, /annotation_color/],
  ['collection', { collection: 'Reading' }, /annotation_article/],
  ['date', { since: '2024-01-01' }, /annotation_created/],
  ['orphans', { orphansOnly: true }, /annotation_orphan/],
];

describe('listAnnotations query plans', () => {
  it.each(FILTERS)('filtering by %s uses an index', (_name, req, index) => {
    const q = buildListQuery(req);
    for (const lines of [plan(q.countSql, q.params), plan(q.rowsSql, [...q.params, 10, 0])]) {
      expect(lines.join('\n')).toMatch(index);
      expect(lines.filter((l) => /^SCAN a$/.test(l))).toEqual([]);
    }
  });
});
