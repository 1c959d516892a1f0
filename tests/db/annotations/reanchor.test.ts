// Re-anchoring stored annotations when a new capture of the article arrives with an edited text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../../db/open.js';
import type { ArticleId } from '../../../db/contract/types.js';
import {
  annotationHistory,
  createAnnotation,
  listAnnotations,
  reanchorArticle,
  deleteAnnotation,
} from '../../../db/annotations/index.js';
import { addArticle, recapture, SAMPLE_TEXT, tempArchive } from './fixture.js';

let archive: Archive;
let articleId: ArticleId;

beforeEach(() => {
  archive = tempArchive();
  articleId = addArticle(archive, { title: 'On archives', text: SAMPLE_TEXT });
});
afterEach(() => archive.close());

function highlight(words: string, note = '') {
  const start = SAMPLE_TEXT.indexOf(words);
  return createAnnotation(archive.db, { articleId, kind: 'highlight', start, end: start + words.length, note });
}

function placedText(text: string, id: number): string | null {
  const a = listAnnotations(archive.db, { articleId, limit: 1000 }).items.find((x) => x.id === id)!;
  return a.anchor.start === undefined ? null : text.slice(a.anchor.start, a.anchor.end);
}

describe('reanchorArticle', () => {
  it('keeps every annotation exactly in place on an unchanged text, and records no revision', () => {
    const a = highlight('Archives are how a society remembers');
    const b = highlight('disappears entirely');
    const sha = recapture(archive, articleId, SAMPLE_TEXT);
    expect(reanchorArticle(archive.db, { id: articleId })).toEqual({ annotations: 2, exact: 2, fuzzy: 0, orphan: 0 });
    const items = listAnnotations(archive.db, { articleId }).items;
    expect(items.map((x) => x.anchor)).toEqual([
      { state: 'exact', start: a.position!.start, end: a.position!.end, captureSha256: sha },
      { state: 'exact', start: b.position!.start, end: b.position!.end, captureSha256: sha },
    ]);
    expect(annotationHistory(archive.db, { id: a.id }).map((r) => r.action)).toEqual(['create']);
  });

  it('moves a passage to its new offset when paragraphs are inserted before it', () => {
    const a = highlight('marked up with highlights and notes of their own');
    const edited = `Editor's note: this essay was revised.\n\nA new opening paragraph about libraries.\n\n${SAMPLE_TEXT}`;
    recapture(archive, articleId, edited);
    expect(reanchorArticle(archive.db, { id: articleId })).toMatchObject({ exact: 1, fuzzy: 0, orphan: 0 });
    expect(placedText(edited, a.id)).toBe('marked up with highlights and notes of their own');
    const history = annotationHistory(archive.db, { id: a.id });
    expect(history.map((r) => r.action)).toEqual(['create', 'reanchor']);
    expect(history[1]!.snapshot.anchor.start).toBe(edited.indexOf('marked up'));
    // The selectors still describe the capture the annotation was made on.
    expect(history[1]!.snapshot.position).toEqual(a.position);
  });

  it('keeps a passage exact when only the words right next to it changed', () => {
    const a = highlight('it changes without notice');
    const edited = SAMPLE_TEXT.replace(
      'a fragile thing: it changes without notice, moves',
      'a delicate object; it changes without notice and moves',
    );
    recapture(archive, articleId, edited);
    expect(reanchorArticle(archive.db, { id: articleId })).toMatchObject({ exact: 1, fuzzy: 0, orphan: 0 });
    expect(placedText(edited, a.id)).toBe('it changes without notice');
  });

  it('places a passage fuzzily when words inside and around it changed', () => {
    const a = highlight('A web page is a fragile thing: it changes without notice');
    const edited = SAMPLE_TEXT.replace(
      'A web page is a fragile thing: it changes without notice',
      'A web page is a very fragile thing: it changes without any notice',
    );
    recapture(archive, articleId, edited);
    expect(reanchorArticle(archive.db, { id: articleId })).toMatchObject({ exact: 0, fuzzy: 1, orphan: 0 });
    const got = placedText(edited, a.id)!;
    expect(got).toContain('very fragile thing');
    expect(got.startsWith('A web page')).toBe(true);
  });

  it('keeps a removed passage as an orphan, still listed with its quote and context', () => {
    const a = highlight('Those marks must survive new versions of the page', 'the thesis');
    const kept = highlight('Archives are how a society remembers');
    const edited = SAMPLE_TEXT.replace(
      /Those marks must survive[^\n]*/,
      'An entirely different closing paragraph replaced the old one.',
    );
    recapture(archive, articleId, edited);
    expect(reanchorArticle(archive.db, { id: articleId })).toEqual({ annotations: 2, exact: 1, fuzzy: 0, orphan: 1 });
    const orphans = listAnnotations(archive.db, { articleId, orphansOnly: true }).items;
    expect(orphans.map((x) => x.id)).toEqual([a.id]);
    expect(orphans[0]!.quote).toEqual(a.quote);
    expect(orphans[0]!.quote!.prefix.length).toBeGreaterThan(0);
    expect(orphans[0]!.note).toBe('the thesis');
    expect(orphans[0]!.anchor.start).toBeUndefined();
    expect(listAnnotations(archive.db, { articleId }).total).toBe(2);
    expect(placedText(edited, kept.id)).toBe('Archives are how a society remembers');

    // When the passage comes back in a later version, the orphan is placed again.
    recapture(archive, articleId, SAMPLE_TEXT);
    expect(reanchorArticle(archive.db, { id: articleId })).toMatchObject({ exact: 2, orphan: 0 });
  });

  it('re-anchors trashed annotations too, so a restore shows them in the right place, but counts only live ones', () => {
    const a = highlight('keep their own copies');
    deleteAnnotation(archive.db, { id: a.id });
    const edited = `Intro.\n\n${SAMPLE_TEXT}`;
    recapture(archive, articleId, edited);
    expect(reanchorArticle(archive.db, { id: articleId })).toEqual({ annotations: 0, exact: 0, fuzzy: 0, orphan: 0 });
    const trashed = listAnnotations(archive.db, { deleted: true }).items[0]!;
    expect(edited.slice(trashed.anchor.start, trashed.anchor.end)).toBe('keep their own copies');
  });

  it('places overlapping highlights independently', () => {
    const a = highlight('a fragile thing: it changes');
    const b = highlight('it changes without notice, moves');
    const edited = `New first line.\n${SAMPLE_TEXT}`;
    recapture(archive, articleId, edited);
    expect(reanchorArticle(archive.db, { id: articleId })).toMatchObject({ exact: 2 });
    expect(placedText(edited, a.id)).toBe('a fragile thing: it changes');
    expect(placedText(edited, b.id)).toBe('it changes without notice, moves');
  });
});
