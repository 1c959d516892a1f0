// Edge validation: every contract method has a strict schema; bad input is refused with a message naming the field.
import { describe, expect, it } from 'vitest';
import { ARCHIVE_METHODS } from '../../../db/contract/api.js';
import { ArchiveError } from '../../../db/contract/errors.js';
import { INPUT_SCHEMAS, LIMITS, validateInput } from '../../../db/contract/schemas.js';

function refusal(method: Parameters<typeof validateInput>[0], input: unknown): string {
  try {
    validateInput(method, input);
  } catch (err) {
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as ArchiveError).code).toBe('INVALID_INPUT');
    return (err as ArchiveError).message;
  }
  throw new Error(`${method} accepted ${JSON.stringify(input)}`);
}

describe('input schemas', () => {
  it('cover exactly the contract methods', () => {
    expect(Object.keys(INPUT_SCHEMAS).sort()).toEqual([...ARCHIVE_METHODS].sort());
  });

  it('accept well-formed input and trim names', () => {
    expect(validateInput('search', { query: 'tidal OR wave', limit: 50, sort: 'newest' })).toEqual({
      query: 'tidal OR wave',
      limit: 50,
      sort: 'newest',
    });
    expect(validateInput('tagArticles', { ids: [1, 2], tags: ['  energy '] })).toEqual({
      ids: [1, 2],
      tags: ['energy'],
    });
    expect(validateInput('stats', undefined)).toEqual({});
    expect(
      validateInput('createAnnotation', {
        articleId: 3,
        kind: 'highlight',
        start: 4,
        end: 20,
        color: 'yellow',
        note: 'key',
      }),
    ).toMatchObject({ articleId: 3, start: 4, end: 20 });
  });

  it('refuse unknown keys on every object, nested ones included', () => {
    for (const method of ARCHIVE_METHODS)
      expect(refusal(method, { __proto_pollution: 1 })).toMatch(/__proto_pollution/);
    expect(refusal('listArticles', { filter: { state: 'read', owner: 'me' } })).toMatch(/filter.*owner|owner/);
  });

  it('name the offending field', () => {
    expect(refusal('getArticle', { id: -3 })).toMatch(/^Invalid input for getArticle: id:/);
    expect(refusal('getArticle', { id: 1.5 })).toMatch(/id:/);
    expect(refusal('updateArticle', { id: 1, patch: { title: 42 } })).toMatch(/patch\.title:/);
    expect(refusal('setReadingPosition', { id: 1, position: { percent: 2, offset: 0, quote: '' } })).toMatch(
      /position\.percent:/,
    );
    expect(refusal('createAnnotation', { articleId: 1, kind: 'highlight', start: 9, end: 3 })).toMatch(
      /end: start must be before end/,
    );
    expect(refusal('setColor', { name: 'red', label: 'Red', hex: 'red' })).toMatch(/hex: expected a color like/);
    expect(refusal('listArticles', { filter: { month: '2024-13' } })).toMatch(/filter\.month/);
  });

  it('bound sizes: pages, ids, text and base64 payloads', () => {
    expect(refusal('listArticles', { limit: LIMITS.pageSize + 1 })).toMatch(/limit/);
    expect(refusal('search', { query: 'x'.repeat(LIMITS.query + 1) })).toMatch(/query/);
    expect(refusal('trashArticles', { ids: [] })).toMatch(/ids/);
    expect(refusal('saveSearch', { name: 'x'.repeat(LIMITS.name + 1), query: 'q' })).toMatch(/name/);
    expect(refusal('importFile', { fileName: 'a.html', dataBase64: 'not base64 at all!' })).toMatch(
      /dataBase64: expected base64/,
    );
    const huge = 'A'.repeat(LIMITS.base64Chars + 4);
    expect(refusal('importFile', { fileName: 'a.html', dataBase64: huge })).toMatch(/dataBase64: file too large/);
    expect(refusal('importFile', { fileName: '', dataBase64: '' })).toMatch(/fileName/);
  });
});
