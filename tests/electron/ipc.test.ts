// IPC wiring with electron mocked: a handler per contract method, sender checked, the page's archive key passed on.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveApi } from '../../db/contract/api.js';
import { ARCHIVE_METHODS } from '../../db/contract/api.js';
import { ArchiveError } from '../../db/contract/errors.js';
import type { ArchiveCall } from '../../electron/ipc.js';

const ipc = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, input: unknown, key?: unknown) => unknown>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown, key?: unknown) => unknown) => {
      if (ipc.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipc.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

const { registerIpcHandlers } = await import('../../electron/ipc.js');
const { callApi } = await import('../../db/transport/dispatch.js');

/** What the archive session does with a call: the dispatcher's validation, after the archive key check. */
function sessionLike(api: ArchiveApi): ArchiveCall {
  return async (method, input, key) => {
    if (key !== 'key-1') return { ok: false, error: { code: 'UNAVAILABLE', message: 'meant for another archive' } };
    return callApi(api, method, input);
  };
}

/** An api whose every method records its call; getArticle knows only article 1, like a real archive would. */
function recordingApi(): { api: ArchiveApi; calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  const api = new Proxy(
    {},
    {
      get: (_t, method: string) => (input: unknown) => {
        calls.push([method, input]);
        if (method === 'getArticle' && (input as { id: number }).id !== 1)
          throw new ArchiveError('NOT_FOUND', 'No article 7');
        if (method === 'stats') throw new Error('disk on fire');
        return { method, input };
      },
    },
  ) as ArchiveApi;
  return { api, calls };
}

const appFrame = { senderFrame: { url: 'stacks-app://app/index.html#/search' } };

describe('electron ipc', () => {
  let calls: Array<[string, unknown]>;
  let unregister: () => void;

  beforeEach(() => {
    ipc.handlers.clear();
    const rec = recordingApi();
    calls = rec.calls;
    unregister = registerIpcHandlers(sessionLike(rec.api));
  });

  it('registers exactly one stacks:<method> handler for every contract method', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(ARCHIVE_METHODS.map((m) => `stacks:${m}`).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes validated input from the app page to the api and returns the value as data', async () => {
    const result = await ipc.handlers.get('stacks:search')!(appFrame, { query: 'tidal energy', limit: 20 }, 'key-1');
    expect(result).toEqual({ ok: true, value: { method: 'search', input: { query: 'tidal energy', limit: 20 } } });
    expect(calls).toEqual([['search', { query: 'tidal energy', limit: 20 }]]);
  });

  it('refuses bad input as INVALID_INPUT data naming the field, without calling the api', async () => {
    const result = await ipc.handlers.get('stacks:getArticle')!(appFrame, { id: 'DROP TABLE' }, 'key-1');
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((result as { error: { message: string } }).error.message).toMatch(/getArticle: id:/);
    const extra = await ipc.handlers.get('stacks:listArticles')!(appFrame, { limit: 10, admin: true }, 'key-1');
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((extra as { error: { message: string } }).error.message).toContain('admin');
    const tooMany = await ipc.handlers.get('stacks:listArticles')!(appFrame, { limit: 5000 }, 'key-1');
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toEqual([]);
  });

  it('refuses calls from a foreign or missing sender frame', async () => {
    for (const url of ['https://evil.example/', 'file:///home/me/page.html', 'stacks-app://other/index.html', '']) {
      const result = await ipc.handlers.get('stacks:stats')!({ senderFrame: { url } }, {});
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/did not come from the Stacks app/) },
      });
    }
    const destroyed = await ipc.handlers.get('stacks:stats')!({ senderFrame: null }, {});
    expect(destroyed).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('passes the archive key on, so a call meant for a previous archive is refused', async () => {
    const stale = await ipc.handlers.get('stacks:tagArticles')!(appFrame, { ids: [1], tags: ['x'] }, 'key-0');
    expect(stale).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(calls).toEqual([]);
  });

  it('turns archive errors and unexpected throws into data instead of rejecting', async () => {
    await expect(ipc.handlers.get('stacks:getArticle')!(appFrame, { id: 7 }, 'key-1')).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No article 7' },
    });
    await expect(ipc.handlers.get('stacks:stats')!(appFrame, {}, 'key-1')).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'disk on fire' },
    });
  });
});
