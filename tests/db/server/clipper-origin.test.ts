// The server's rules for the browser clipper: a paired extension origin reaches clipPage with its key, and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipperKeyMatches, pairClipper } from '../../../db/capture/clipper-pairing.js';
import { rawRequest, serveTempArchive, type Served } from './helpers.js';

const ORIGIN = `chrome-extension://${'abcdefghijklmnop'.repeat(2)}`;
const OTHER = `chrome-extension://${'ponmlkjihgfedcba'.repeat(2)}`;
const PAGE = {
  url: 'https://tides.example/aberdour',
  html: '<!doctype html><html><head><title>Aberdour Tides</title></head><body><p>The spring tide rose over the harbour wall at dawn, and the keeper wrote it down.</p></body></html>',
  selection: { exact: 'rose over the harbour wall', prefix: 'The spring tide ', suffix: ' at dawn' },
  tags: ['tides'],
};

let served: Served;
let key: string;

beforeAll(async () => {
  // The pairing is made first, in the archive the server then serves; the server reads it through `clipper`.
  let db: Parameters<typeof pairClipper>[0] | null = null;
  served = await serveTempArchive({
    clipper: { origins: [ORIGIN], keyMatches: (given) => db !== null && clipperKeyMatches(db, given) },
  });
  db = served.api.archive.db;
  key = pairClipper(db, ORIGIN).key;
});

afterAll(async () => {
  await served?.close();
});

const post = (method: string, headers: Record<string, string>, body: unknown = PAGE) =>
  rawRequest(
    served.server.port,
    {
      method: 'POST',
      path: `/api/${method}`,
      headers: { host: `127.0.0.1:${served.server.port}`, 'content-type': 'application/json', ...headers },
    },
    JSON.stringify(body),
  );

describe('clipper origin', () => {
  it('stores a page sent from the paired origin with its key, with tags and the selection as a highlight', async () => {
    const r = await post('clipPage', { origin: ORIGIN, authorization: `Bearer ${key}` });
    expect(r.status).toBe(200);
    const answer = JSON.parse(r.text) as { ok: boolean; value: { id: number; highlightId: number | null } };
    expect(answer.ok).toBe(true);
    const article = served.api.getArticle({ id: answer.value.id as never });
    expect(article.title).toBe('Aberdour Tides');
    expect(article.tags).toEqual(['tides']);
    const [highlight] = served.api.listAnnotations({ articleId: article.id }).items;
    expect(highlight?.id).toBe(answer.value.highlightId);
    expect(highlight?.quote?.exact).toBe('rose over the harbour wall');
    // The same DOM again is a duplicate: nothing new stored, the tags still apply.
    const again = await post(
      'clipPage',
      { origin: ORIGIN, authorization: `Bearer ${key}` },
      { ...PAGE, tags: ['sea'] },
    );
    expect(JSON.parse(again.text).value.status).toBe('duplicate');
    expect([...served.api.getArticle({ id: article.id }).tags].sort()).toEqual(['sea', 'tides']);
  });

  it('refuses every other method, path and origin, and the key anywhere but its origin', async () => {
    const withKey = { authorization: `Bearer ${key}` };
    expect((await post('listArticles', { origin: ORIGIN, ...withKey }, {})).status).toBe(403);
    expect(
      (await post('listArticles', { origin: ORIGIN, authorization: `Bearer ${served.server.token}` }, {})).status,
    ).toBe(403);
    expect((await post('clipPage', { origin: OTHER, ...withKey })).status).toBe(403);
    expect((await post('clipPage', { origin: 'https://tides.example', ...withKey })).status).toBe(403);
    expect((await post('clipPage', { origin: ORIGIN, authorization: 'Bearer wrong' })).status).toBe(401);
    // Without an Origin (a script on this machine), only the session token opens the API, never the clipper key.
    expect((await post('clipPage', withKey)).status).toBe(401);
    const asset = await rawRequest(served.server.port, {
      method: 'GET',
      path: `/asset/${'0'.repeat(64)}?token=${served.server.token}`,
      headers: { host: `127.0.0.1:${served.server.port}`, origin: ORIGIN },
    });
    expect(asset.status).toBe(403);
  });

  it('accepts only web addresses from the clipper', async () => {
    const r = await post(
      'clipPage',
      { origin: ORIGIN, authorization: `Bearer ${key}` },
      { ...PAGE, url: 'file:///etc/passwd' },
    );
    const answer = JSON.parse(r.text) as { ok: boolean; error: { code: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('INVALID_INPUT');
  });
});
