// Creating, editing, trashing and restoring annotations, with their history, tags, colors, filters and search index.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../../db/open.js';
import type { AnnotationId, ArticleId } from '../../../db/contract/types.js';
import { ArchiveError } from '../../../db/contract/errors.js';
import {
  annotationHistory,
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  listColors,
  restoreAnnotation,
  setColor,
  updateAnnotation,
} from '../../../db/annotations/index.js';
import { addArticle, addToCollection, SAMPLE_TEXT, tempArchive } from './fixture.js';

let archive: Archive;
let articleId: ArticleId;

beforeEach(() => {
  archive = tempArchive();
  articleId = addArticle(archive, {
    title: 'On archives',
    text: SAMPLE_TEXT,
    sourceUrl: 'https://example.org/archives',
  });
});
afterEach(() => archive.close());

function span(words: string): { start: number; end: number } {
  const start = SAMPLE_TEXT.indexOf(words);
  return { start, end: start + words.length };
}

function ftsHits(word: string): number[] {
  return (
    archive.db.prepare('SELECT rowid FROM annotation_fts WHERE annotation_fts MATCH ? ORDER BY rowid').all(word) as {
      rowid: number;
    }[]
  ).map((r) => r.rowid);
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof ArchiveError ? err.code : `not an ArchiveError: ${String(err)}`;
  }
  return 'no error';
}

describe('creating annotations', () => {
  it('stores a highlight with its quote, context, color, note, tags and the capture it was made on', () => {
    const { db } = archive;
    const a = createAnnotation(db, {
      articleId,
      kind: 'highlight',
      ...span('A web page is a fragile thing'),
      color: 'green',
      note: 'See **Lepore**',
      tags: ['web', 'fragility', 'Web'],
    });
    expect(a.kind).toBe('highlight');
    expect(a.quote?.exact).toBe('A web page is a fragile thing');
    expect(a.quote?.prefix).toBe(SAMPLE_TEXT.slice(a.position!.start - 32, a.position!.start));
    expect(a.color).toBe('green');
    expect(a.note).toBe('See **Lepore**');
    expect(a.tags).toEqual(['fragility', 'web']);
    expect(a.anchor).toMatchObject({ state: 'exact', start: a.position!.start, end: a.position!.end });
    const sha = (db.prepare('SELECT sha256 FROM capture').get() as { sha256: string }).sha256;
    expect(a.captureSha256).toBe(sha);
    expect(ftsHits('fragile')).toEqual([a.id]);
    expect(ftsHits('lepore')).toEqual([a.id]);
    expect(ftsHits('fragility')).toEqual([a.id]);
  });

  it('gives a highlight the first color when none is chosen, and accepts a color by its label', () => {
    const a = createAnnotation(archive.db, { articleId, kind: 'highlight', ...span('Archives') });
    expect(a.color).toBe('yellow');
    const b = createAnnotation(archive.db, { articleId, kind: 'highlight', ...span('rumor'), color: 'Question' });
    expect(b.color).toBe('pink');
  });

  it('creates notes on passages and article notes without a passage', () => {
    const n = createAnnotation(archive.db, {
      articleId,
      kind: 'note',
      ...span('keep their own copies'),
      note: 'Like Zotero snapshots',
    });
    expect(n.color).toBeNull();
    expect(n.quote?.exact).toBe('keep their own copies');
    const an = createAnnotation(archive.db, { articleId, kind: 'article-note', note: 'Good overview.' });
    expect(an.position).toBeNull();
    expect(an.quote).toBeNull();
    expect(an.anchor.state).toBe('none');
  });

  it('refuses bad input with readable errors', () => {
    const { db } = archive;
    expect(code(() => createAnnotation(db, { articleId, kind: 'highlight', start: 5, end: 5 }))).toBe('INVALID_INPUT');
    expect(
      code(() => createAnnotation(db, { articleId, kind: 'highlight', start: 0, end: SAMPLE_TEXT.length + 1 })),
    ).toBe('INVALID_INPUT');
    expect(
      code(() => createAnnotation(db, { articleId, kind: 'highlight', ...span('rumor'), color: 'octarine' })),
    ).toBe('INVALID_INPUT');
    expect(code(() => createAnnotation(db, { articleId, kind: 'note', ...span('rumor') }))).toBe('INVALID_INPUT');
    expect(code(() => createAnnotation(db, { articleId, kind: 'article-note', note: 'x', start: 0, end: 3 }))).toBe(
      'INVALID_INPUT',
    );
    expect(code(() => createAnnotation(db, { articleId: 999 as ArticleId, kind: 'article-note', note: 'x' }))).toBe(
      'NOT_FOUND',
    );
    expect(code(() => createAnnotation(db, { articleId, kind: 'bogus' as 'note', note: 'x' }))).toBe('INVALID_INPUT');
    try {
      createAnnotation(db, { articleId, kind: 'highlight', ...span('rumor'), color: 'octarine' });
    } catch (err) {
      expect((err as Error).message).toContain('yellow');
    }
    expect(listAnnotations(db, {}).total).toBe(0);
  });

  it('keeps overlapping highlights as separate annotations', () => {
    const { db } = archive;
    const a = createAnnotation(db, {
      articleId,
      kind: 'highlight',
      ...span('A web page is a fragile thing'),
      color: 'yellow',
    });
    const b = createAnnotation(db, {
      articleId,
      kind: 'highlight',
      ...span('fragile thing: it changes without notice'),
      color: 'blue',
    });
    const c = createAnnotation(db, { articleId, kind: 'highlight', ...span('fragile'), color: 'pink' });
    const list = listAnnotations(db, { articleId });
    // Reading order: by start, then the shorter passage first.
    expect(list.items.map((x) => x.id)).toEqual([a.id, c.id, b.id]);
    expect(list.items.map((x) => x.quote?.exact)).toEqual([
      'A web page is a fragile thing',
      'fragile',
      'fragile thing: it changes without notice',
    ]);
    expect(list.items.map((x) => x.color)).toEqual(['yellow', 'pink', 'blue']);
  });
});

describe('editing, trash and history', () => {
  it('edits color, note and tags, and records every change', () => {
    const { db } = archive;
    const a = createAnnotation(db, {
      articleId,
      kind: 'highlight',
      ...span('Archives are how a society remembers'),
      tags: ['memory'],
    });
    const edited = updateAnnotation(db, {
      id: a.id,
      patch: { color: 'blue', note: 'Definition of archive', tags: ['memory', 'definitions'] },
    });
    expect(edited.color).toBe('blue');
    expect(edited.note).toBe('Definition of archive');
    expect(edited.tags).toEqual(['definitions', 'memory']);
    expect(edited.createdAt).toBe(a.createdAt);
    expect(ftsHits('definition')).toEqual([a.id]);

    const same = updateAnnotation(db, { id: a.id, patch: { color: 'blue' } });
    expect(same).toEqual(edited);
    expect(annotationHistory(db, { id: a.id }).map((r) => r.action)).toEqual(['create', 'edit']);
    expect(code(() => updateAnnotation(db, { id: a.id, patch: { color: null } }))).toBe('INVALID_INPUT');
    expect(code(() => updateAnnotation(db, { id: 4242 as AnnotationId, patch: { note: 'x' } }))).toBe('NOT_FOUND');
  });

  it('trashes and restores an annotation exactly as it was, with create/edit/delete/restore in its history', () => {
    const { db } = archive;
    const a = createAnnotation(db, {
      articleId,
      kind: 'highlight',
      ...span('disappears entirely'),
      color: 'pink',
      tags: ['loss'],
    });
    const edited = updateAnnotation(db, { id: a.id, patch: { note: 'link rot' } });
    const trashed = deleteAnnotation(db, { id: a.id });
    expect(trashed.deletedAt).not.toBeNull();
    expect(listAnnotations(db, { articleId }).total).toBe(0);
    expect(listAnnotations(db, { deleted: true }).items.map((x) => x.id)).toEqual([a.id]);
    expect(ftsHits('rot')).toEqual([]);

    const restored = restoreAnnotation(db, { id: a.id });
    expect(restored).toEqual(edited);
    expect(listAnnotations(db, { articleId }).items.map((x) => x.id)).toEqual([a.id]);
    expect(ftsHits('rot')).toEqual([a.id]);

    const history = annotationHistory(db, { id: a.id });
    expect(history.map((r) => r.action)).toEqual(['create', 'edit', 'delete', 'restore']);
    expect(history[0]!.snapshot).toEqual(a);
    expect(history[2]!.snapshot.deletedAt).toBe(trashed.deletedAt);
    expect(history[3]!.snapshot).toEqual(edited);
  });

  it('rolls back the change when recording it fails, so no edit exists without its revision', () => {
    const { db } = archive;
    const a = createAnnotation(db, { articleId, kind: 'highlight', ...span('Archives') });
    db.exec(`CREATE TRIGGER fail_revision BEFORE INSERT ON annotation_revision WHEN NEW.action = 'edit'
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => updateAnnotation(db, { id: a.id, patch: { note: 'lost?' } })).toThrow(/disk full/);
    const list = listAnnotations(db, {});
    expect(list.items[0]!.note).toBe('');
    expect(ftsHits('lost')).toEqual([]);
  });
});

describe('listing with filters', () => {
  it('filters by article, color (name or label), tag, collection, dates and orphans', () => {
    const { db } = archive;
    const other = addArticle(archive, {
      title: 'Second',
      text: 'Another article about libraries and their catalogues.',
    });
    addToCollection(archive, other, 'Libraries');
    const a = createAnnotation(db, {
      articleId,
      kind: 'highlight',
      ...span('Archives'),
      color: 'yellow',
      tags: ['memory'],
    });
    const b = createAnnotation(db, { articleId, kind: 'highlight', ...span('rumor'), color: 'pink' });
    const c = createAnnotation(db, {
      articleId: other,
      kind: 'highlight',
      start: 22,
      end: 31,
      color: 'yellow',
      tags: ['Memory'],
    });
    db.prepare("UPDATE annotation SET created_at = '2023-01-15T09:00:00.000Z' WHERE id = ?").run(b.id);
    db.prepare("UPDATE annotation SET anchor_state = 'orphan' WHERE id = ?").run(c.id);

    const ids = (req: Parameters<typeof listAnnotations>[1]) =>
      listAnnotations(db, req)
        .items.map((x) => x.id)
        .sort();
    expect(ids({ articleId })).toEqual([a.id, b.id].sort());
    expect(ids({ color: 'yellow' })).toEqual([a.id, c.id].sort());
    expect(ids({ color: 'key claim' })).toEqual([a.id, c.id].sort());
    expect(ids({ tag: 'memory' })).toEqual([a.id, c.id].sort());
    expect(ids({ collection: 'libraries' })).toEqual([c.id]);
    expect(ids({ until: '2023-01-15' })).toEqual([b.id]);
    expect(ids({ since: '2024-01-01' })).toEqual([a.id, c.id].sort());
    expect(ids({ orphansOnly: true })).toEqual([c.id]);
    const page = listAnnotations(db, { limit: 1 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.articleTitle).toBeTruthy();
    expect(code(() => listAnnotations(db, { since: 'last week' }))).toBe('INVALID_INPUT');

    // An article in the trash takes its annotations out of lists, except when asked for by id.
    db.prepare("UPDATE article SET trashed_at = '2024-06-01T00:00:00.000Z' WHERE id = ?").run(other);
    expect(ids({ tag: 'memory' })).toEqual([a.id]);
    expect(ids({ articleId: other })).toEqual([c.id]);
  });
});

describe('colors', () => {
  it('lists the default colors, relabels one, recolors it, and adds a new one', () => {
    const { db } = archive;
    expect(listColors(db).map((c) => c.name)).toEqual(['yellow', 'green', 'blue', 'pink', 'purple']);
    let colors = setColor(db, { name: 'yellow', label: 'Thesis', hex: '#FFEE00' });
    expect(colors.find((c) => c.name === 'yellow')).toEqual({ name: 'yellow', label: 'Thesis', hex: '#ffee00' });
    colors = setColor(db, { name: 'orange', label: 'Counterargument', hex: '#ffa500' });
    expect(colors.map((c) => c.name)).toEqual(['yellow', 'green', 'blue', 'pink', 'purple', 'orange']);
    const a = createAnnotation(db, { articleId, kind: 'highlight', ...span('rumor'), color: 'Counterargument' });
    expect(a.color).toBe('orange');
    expect(listAnnotations(db, { color: 'thesis' }).total).toBe(0);
    expect(code(() => setColor(db, { name: 'Bad Name', label: 'x', hex: '#000000' }))).toBe('INVALID_INPUT');
    expect(code(() => setColor(db, { name: 'red', label: 'x', hex: 'red' }))).toBe('INVALID_INPUT');
  });
});
