// importFile's sourceUrl: only http(s) becomes the article's source link; other schemes stay in provenance as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, serveTempArchive, type Served } from './helpers.js';

let s: Served;
beforeAll(async () => {
  s = await serveTempArchive();
});
afterAll(async () => {
  await s.close();
});

const clip = (n: number) =>
  Buffer.from(`Tide table ${n}\n\nThe spring tide on day ${n} rose higher than the harbour wall expected.\n`).toString(
    'base64',
  );

describe('importFile sourceUrl', () => {
  it.each([
    ['javascript:alert(document.domain)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['file:///etc/passwd'],
    ['vbscript:msgbox(1)'],
    ['not a url at all'],
  ])('keeps %s out of the source link and in the provenance log as text', async (url) => {
    const n = Math.floor(Math.random() * 1e9);
    const imported = await call(s.server, 'importFile', { fileName: `t${n}.txt`, dataBase64: clip(n), sourceUrl: url });
    expect(imported.body).toMatchObject({ ok: true, value: { status: 'imported' } });
    const id = imported.body.value.id as number;
    const article = await call(s.server, 'getArticle', { id });
    expect(article.body.value.sourceUrl).toBeNull();
    expect(article.body.value.canonicalUrl).toBeNull();
    expect(article.body.value.captures[0].sourceUrl ?? null).toBeNull();
    const events = await call(s.server, 'listEvents', { articleId: id });
    expect(events.body.value.map((e: { detail: string }) => e.detail)).toContain(
      `source given as text, not a web address: ${url}`,
    );
  });

  it('keeps an https source as the source link', async () => {
    const imported = await call(s.server, 'importFile', {
      fileName: 'web.txt',
      dataBase64: clip(7),
      sourceUrl: 'https://example.org/tides?day=7',
    });
    const article = await call(s.server, 'getArticle', { id: imported.body.value.id });
    expect(article.body.value.sourceUrl).toBe('https://example.org/tides?day=7');
  });
});
