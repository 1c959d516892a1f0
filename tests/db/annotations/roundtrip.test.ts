// Round trip: export JSON-LD from one archive, import into an empty archive holding the same articles.
import { afterEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../../db/open.js';
import type { Annotation } from '../../../db/contract/types.js';
import { ArchiveError } from '../../../db/contract/errors.js';
import {
  annotationHistory,
  createAnnotation,
  deleteAnnotation,
  exportAnnotations,
  importAnnotations,
  listAnnotations,
  listColors,
  setColor,
} from '../../../db/annotations/index.js';
import { addArticle, SAMPLE_TEXT, tempArchive } from './fixture.js';

const CLIPPING = 'A text clipping with no address at all. It was pasted from a PDF, and it has its own highlights.';
const SECOND = 'Preservation is not the same as access. A copy nobody can find is almost as lost as no copy.';

const opened: Archive[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

function archiveWith(order: 'ab' | 'ba'): { archive: Archive; ids: Record<'essay' | 'clip' | 'second', number> } {
  const archive = tempArchive();
  opened.push(archive);
  const seeds = {
    essay: {
      title: 'On archives',
      text: SAMPLE_TEXT,
      sourceUrl: 'https://example.org/essay?ref=rss',
      canonicalUrl: 'https://example.org/essay',
    },
    clip: { title: 'Clipping', text: CLIPPING },
    second: { title: 'Access', text: SECOND, sourceUrl: 'https://example.net/access' },
  } as const;
  const ids = {} as Record<'essay' | 'clip' | 'second', number>;
  // A filler article first in B makes every id differ from A's.
  if (order === 'ba') addArticle(archive, { title: 'Filler', text: 'Nothing to see.' });
  const keys = order === 'ab' ? (['essay', 'clip', 'second'] as const) : (['second', 'clip', 'essay'] as const);
  for (const k of keys) ids[k] = addArticle(archive, seeds[k]);
  return { archive, ids };
}

function at(text: string, words: string) {
  const start = text.indexOf(words);
  return { start, end: start + words.length };
}

/** What a user compares: article, kind, quote, note, color, tags and where it sits. */
function comparable(a: Annotation & { articleTitle: string }) {
  return {
    article: a.articleTitle,
    kind: a.kind,
    quote: a.quote,
    position: a.position,
    note: a.note,
    color: a.color,
    tags: a.tags,
    anchor: { state: a.anchor.state, start: a.anchor.start, end: a.anchor.end },
    createdAt: a.createdAt,
  };
}

describe('JSON-LD round trip', () => {
  it('restores every annotation with the same quote, note, color and tags in an archive with different ids', () => {
    const { archive: a, ids } = archiveWith('ab');
    setColor(a.db, { name: 'orange', label: 'Counterargument', hex: '#ff9900' });
    createAnnotation(a.db, {
      articleId: ids.essay as never,
      kind: 'highlight',
      ...at(SAMPLE_TEXT, 'Archives are how a society remembers'),
      color: 'yellow',
      note: 'Thesis, with *emphasis*',
      tags: ['memory', 'Big Idea'],
    });
    createAnnotation(a.db, {
      articleId: ids.essay as never,
      kind: 'highlight',
      ...at(SAMPLE_TEXT, 'a society remembers. Without them'),
      color: 'orange',
    });
    createAnnotation(a.db, {
      articleId: ids.essay as never,
      kind: 'note',
      ...at(SAMPLE_TEXT, 'keep their own copies'),
      note: 'Like Zotero',
      color: 'blue',
    });
    createAnnotation(a.db, {
      articleId: ids.essay as never,
      kind: 'article-note',
      note: 'Whole-article note\n\n- with a list',
    });
    createAnnotation(a.db, {
      articleId: ids.clip as never,
      kind: 'highlight',
      ...at(CLIPPING, 'pasted from a PDF'),
      color: 'green',
      tags: ['pdf'],
    });
    createAnnotation(a.db, {
      articleId: ids.second as never,
      kind: 'highlight',
      ...at(SECOND, 'A copy nobody can find'),
      color: 'purple',
      note: 'Quote, "with quotes"',
    });
    const trashed = createAnnotation(a.db, {
      articleId: ids.second as never,
      kind: 'highlight',
      ...at(SECOND, 'Preservation'),
      color: 'pink',
    });
    deleteAnnotation(a.db, { id: trashed.id });

    const exported = exportAnnotations(a.db, { format: 'jsonld' });
    const { archive: b, ids: idsB } = archiveWith('ba');
    expect(idsB.essay).not.toBe(ids.essay);
    expect(idsB.clip).not.toBe(ids.clip);

    const report = importAnnotations(b.db, { content: exported.content, format: 'jsonld' });
    expect(report).toEqual({ imported: 6, skipped: 0, problems: [] });

    const before = listAnnotations(a.db, { limit: 100 }).items.map(comparable).sort(byKey);
    const after = listAnnotations(b.db, { limit: 100 }).items.map(comparable).sort(byKey);
    expect(after).toEqual(before);
    expect(listColors(b.db).find((c) => c.name === 'orange')).toEqual({
      name: 'orange',
      label: 'Counterargument',
      hex: '#ff9900',
    });
    // Imported annotations are searchable and have their creation recorded.
    const hits = b.db.prepare("SELECT count(*) AS n FROM annotation_fts WHERE annotation_fts MATCH 'zotero'").get() as {
      n: number;
    };
    expect(hits.n).toBe(1);
    const imported = listAnnotations(b.db, { limit: 1 }).items[0]!;
    expect(annotationHistory(b.db, { id: imported.id }).map((r) => r.action)).toEqual(['create']);

    // Importing the same file again adds nothing.
    expect(importAnnotations(b.db, { content: exported.content, format: 'jsonld' })).toEqual({
      imported: 0,
      skipped: 6,
      problems: [],
    });
    expect(listAnnotations(b.db, {}).total).toBe(6);
  });

  it('re-anchors imported annotations on an edited text and reports what it cannot place or match', () => {
    const { archive: a, ids } = archiveWith('ab');
    createAnnotation(a.db, {
      articleId: ids.second as never,
      kind: 'highlight',
      ...at(SECOND, 'A copy nobody can find is almost as lost'),
      color: 'yellow',
    });
    createAnnotation(a.db, {
      articleId: ids.second as never,
      kind: 'highlight',
      ...at(SECOND, 'Preservation is not the same as access'),
      color: 'yellow',
    });
    const exported = exportAnnotations(a.db, { format: 'jsonld' }).content;

    const b = tempArchive();
    opened.push(b);
    const edited = 'Foreword.\n\nA copy that nobody can find is almost as lost as no copy at all.';
    addArticle(b, { title: 'Access', text: edited, sourceUrl: 'https://example.net/access' });
    const report = importAnnotations(b.db, { content: exported, format: 'jsonld' });
    expect(report.imported).toBe(2);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/orphan/);
    const items = listAnnotations(b.db, {}).items;
    const fuzzy = items.find((x) => x.anchor.state === 'fuzzy')!;
    expect(edited.slice(fuzzy.anchor.start, fuzzy.anchor.end)).toContain('nobody can find is almost as lost');
    expect(items.filter((x) => x.anchor.state === 'orphan').map((x) => x.quote!.exact)).toEqual([
      'Preservation is not the same as access',
    ]);

    const c = tempArchive();
    opened.push(c);
    const none = importAnnotations(c.db, { content: exported, format: 'jsonld' });
    expect(none.imported).toBe(0);
    expect(none.problems).toHaveLength(2);
    expect(none.problems[0]).toContain('no article in this archive matches https://example.net/access');
  });

  it('reads a plain array of annotations from another tool, and refuses what is not JSON-LD', () => {
    const b = tempArchive();
    opened.push(b);
    addArticle(b, { title: 'Access', text: SECOND, sourceUrl: 'https://example.net/access' });
    const foreign = [
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'https://hyp.is/abc',
        type: 'Annotation',
        motivation: 'commenting',
        body: { type: 'TextualBody', value: 'From another tool' },
        target: {
          source: 'https://example.net/access',
          selector: {
            type: 'TextQuoteSelector',
            exact: 'almost as lost',
            prefix: 'can find is ',
            suffix: ' as no copy',
          },
        },
      },
    ];
    expect(importAnnotations(b.db, { content: JSON.stringify(foreign), format: 'jsonld' })).toEqual({
      imported: 1,
      skipped: 0,
      problems: [],
    });
    const [a] = listAnnotations(b.db, {}).items;
    expect(a).toMatchObject({ kind: 'note', note: 'From another tool', position: null });
    expect(SECOND.slice(a!.anchor.start, a!.anchor.end)).toBe('almost as lost');

    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'none';
      } catch (e) {
        return (e as ArchiveError).code;
      }
    };
    expect(code(() => importAnnotations(b.db, { content: 'not json', format: 'jsonld' }))).toBe('INVALID_INPUT');
    expect(code(() => importAnnotations(b.db, { content: '{"hello": 1}', format: 'jsonld' }))).toBe('INVALID_INPUT');
  });
});

function byKey(x: { article: string; kind: string; quote: unknown; note: string }, y: typeof x): number {
  const k = (v: typeof x) => `${v.article}|${v.kind}|${JSON.stringify(v.quote)}|${v.note}`;
  return k(x) < k(y) ? -1 : k(x) > k(y) ? 1 : 0;
}
