// The API probe suite: every contract method over HTTP and over IPC (Electron mocked) against hostile callers and inputs.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createArchiveApi, type ArchiveService } from '../../db/api.js';
import type { ApiResult, ArchiveMethod } from '../../db/contract/api.js';
import { ARCHIVE_METHODS } from '../../db/contract/api.js';
import type { AnnotationId, ArticleId } from '../../db/contract/types.js';
import { openArchive, type Archive } from '../../db/open.js';
import { callApi } from '../../db/transport/dispatch.js';
import { LARGE_BODY_LIMIT, SMALL_BODY_LIMIT, startServer, type RunningServer } from '../../db/server/server.js';
import { probeInputs, type ProbeInput } from './probe-inputs.js';

type Handler = (event: unknown, input: unknown) => Promise<ApiResult<unknown>>;
const electron = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => electron.handlers.set(channel, fn),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
  // The page's calls travel preload -> main as they do in the app, sent from the app's own frame.
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      const handler = electron.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: { url: 'stacks-app://app/index.html#/' } }, input);
    },
    on: () => undefined,
    // The preload asks which archive is open; the calls here go straight to one archive, so no key is needed.
    sendSync: () => null,
  },
}));
const { registerIpcHandlers } = await import('../../electron/ipc.js');
await import('../../electron/preload.js');
const bridge = (): { invoke(method: string, input?: unknown): Promise<ApiResult<unknown>> } =>
  electron.exposed.get('stacks') as never;

interface Probe {
  transport: 'HTTP' | 'IPC';
  method: string;
  kind: string;
  label: string;
  mustRefuse: boolean;
  refused: boolean;
  leaked: boolean;
}

const MARKER = `STACKS-SECRET-${Math.random().toString(36).slice(2)}`;
const LEAK_SIGNS = [MARKER, 'root:x:0:0', 'PRIVATE KEY'];
const LARGE_METHODS = new Set(['importFile', 'startImport', 'importAnnotations', 'clipPage']);

let dir: string;
let archive: Archive;
let api: ArchiveService;
let server: RunningServer;
let secretFile: string;
let pathLike: string[];
let bases: Record<ArchiveMethod, unknown>;
const probes: Probe[] = [];

const leaks = (text: string): boolean => LEAK_SIGNS.some((s) => text.includes(s));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-probe-'));
  secretFile = path.join(dir, 'secret.txt');
  fs.writeFileSync(
    secretFile,
    `${MARKER}\nThis file lies outside the archive and must never be read through the API.\n`,
  );
  pathLike = [
    secretFile,
    `file://${secretFile}`,
    `${'../'.repeat(12)}${secretFile.replace(/^\//, '')}`,
    '/etc/passwd',
    '~/.ssh/id_rsa',
    '\\\\?\\C:\\Windows\\win.ini',
  ];
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Stacks</title>');
  archive = openArchive(path.join(dir, 'archive.stacks.sqlite'));
  api = createArchiveApi(archive);
  server = await startServer({ api, archive, rendererDir });
  // The desktop app hands each call to its archive session (db/host), which validates with the same dispatcher.
  registerIpcHandlers((method, input) => callApi(api, method, input));

  const text = (n: number) =>
    Buffer.from(`Tide table ${n}\n\nThe spring tide on day ${n} rose over the harbour wall at dawn.\n`).toString(
      'base64',
    );
  const a = (await api.importFile({ fileName: 'a.txt', dataBase64: text(1), sourceUrl: 'https://example.org/a' }))
    .id as ArticleId;
  const b = (await api.importFile({ fileName: 'b.txt', dataBase64: text(2) })).id as ArticleId;
  // Deleted for good by the purge probe (the first valid call; later ones find nothing left to delete).
  const doomed = (await api.importFile({ fileName: 'd.txt', dataBase64: text(4) })).id as ArticleId;
  const note = api.createAnnotation({ articleId: a, kind: 'highlight', start: 0, end: 4, color: 'yellow' });
  const gone = api.createAnnotation({ articleId: a, kind: 'article-note', note: 'to delete' });
  api.tagArticles({ ids: [a], tags: ['tide'] });
  api.addToLater({ ids: [a] });
  const jsonld = api.exportAnnotations({ format: 'jsonld', articleId: a }).content;
  const n = note.id as AnnotationId;
  const exportId = (await api.startExport({ format: 'json', ids: [a] })).id;
  const importId = api.startImport({ fileName: 'd.txt', dataBase64: text(4) }).id;
  const compactId = api.startCompact({}).id;
  // A second capture of the same address, so there are two versions to compare.
  await api.importFile({ fileName: 'a2.txt', dataBase64: text(3), sourceUrl: 'https://example.org/a' });
  // An HTML page, so the original view has a page to show.
  const page = await api.importFile({
    fileName: 'page.html',
    dataBase64: Buffer.from(
      '<html><head><title>Harbour</title></head><body><p>The harbour wall at dawn.</p></body></html>',
    ).toString('base64'),
  });
  const pageCapture = api.getArticle({ id: page.id as ArticleId }).captures[0]!.id;
  bases = {
    listArticles: { sort: 'added', order: 'desc', offset: 0, limit: 10, filter: { state: 'unread', tag: 'tide' } },
    getArticle: { id: a },
    updateArticle: { id: a, patch: { title: 'Tide table', isRead: false } },
    markArticles: { ids: [a], isRead: true, isFavorite: false, isArchived: false },
    setReadingPosition: { id: a, position: { percent: 0.5, offset: 10, quote: 'tide' } },
    trashArticles: { ids: [b] },
    restoreArticles: { ids: [b] },
    listEvents: { articleId: a, limit: 5 },
    timeline: {},
    importFile: { fileName: 'c.txt', dataBase64: text(3), sourceUrl: 'https://example.org/c', mediaType: 'text/plain' },
    startImport: { fileName: 'e.txt', dataBase64: text(5), mediaType: 'text/plain' },
    importStatus: { id: importId },
    cancelImport: { id: importId },
    verify: {},
    compact: {},
    startCompact: {},
    compactStatus: { id: compactId },
    cancelCompact: { id: compactId },
    stats: {},
    archiveFile: {},
    exportArticles: {},
    startExport: { format: 'json', ids: [a] },
    exportStatus: { id: exportId },
    cancelExport: { id: exportId },
    diffCaptures: { id: a },
    backupStatus: {},
    setBackupSettings: { automatic: true, keep: 5 },
    backupNow: {},
    search: { query: 'tide', sort: 'relevance', offset: 0, limit: 10, scope: 'articles' },
    listSavedSearches: {},
    saveSearch: { name: 'tides', query: 'tide' },
    deleteSavedSearch: { name: 'tides' },
    listTags: {},
    tagArticles: { ids: [a], tags: ['sea'] },
    untagArticles: { ids: [a], tags: ['sea'] },
    listCollections: {},
    addToCollection: { ids: [a], collection: 'Coasts' },
    removeFromCollection: { ids: [a], collection: 'Coasts' },
    createAnnotation: { articleId: a, kind: 'highlight', start: 5, end: 10, color: 'green', note: 'n', tags: ['x'] },
    updateAnnotation: { id: n, patch: { color: 'green', note: 'edited', tags: ['y'] } },
    deleteAnnotation: { id: gone.id },
    restoreAnnotation: { id: gone.id },
    listAnnotations: { articleId: a, color: 'yellow', since: '2000-01-01', until: '2999-01-01', offset: 0, limit: 10 },
    annotationHistory: { id: n },
    reanchorArticle: { id: a },
    exportAnnotations: { format: 'csv', articleId: a },
    importAnnotations: { content: jsonld, format: 'jsonld' },
    listColors: {},
    setColor: { name: 'yellow', label: 'Key claim', hex: '#f5d34f' },
    // Port 9 on loopback: nothing listens there, so the capture fails at once without leaving this machine.
    captureUrls: { urls: ['http://127.0.0.1:9/page'], ignoreRobots: true },
    clipPage: {
      url: 'https://example.org/clipped',
      html: '<html><head><title>Clipped</title></head><body><p>The spring tide rose over the wall.</p></body></html>',
      title: 'Clipped',
      selection: { exact: 'spring tide', prefix: 'The ', suffix: ' rose' },
      tags: ['clip'],
    },
    editArticle: { id: a, fields: { title: 'Tide table', byline: 'Harbour office', publishedAt: '2024-05-31' } },
    previewPurge: { trash: true },
    purgeArticles: { ids: [doomed] },
    listArticleIds: { filter: { state: 'unread' }, sort: 'site', order: 'asc' },
    listLater: { offset: 0, limit: 10 },
    addToLater: { ids: [a] },
    removeFromLater: { ids: [b] },
    moveInLater: { id: a, to: 0 },
    listContinueReading: { offset: 0, limit: 10 },
    exportArticle: { id: a, format: 'html' },
    citeArticles: { ids: [a], format: 'bibtex' },
    originalPage: { captureId: pageCapture },
  };
}, 120_000);

afterAll(async () => {
  await server?.close();
  await api?.dispose();
  archive?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One raw HTTP exchange; a connection the server cut before answering counts as refused (status 0). */
function send(
  method: string,
  opts: { verb?: string; headers?: Record<string, string>; body?: Buffer | string; stream?: number; query?: string },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: opts.verb ?? 'POST',
        path: `/api/${method}${opts.query ?? ''}`,
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, text: '' }));
      },
    );
    req.on('error', () => resolve({ status: 0, text: '' }));
    if (opts.stream !== undefined) {
      // No Content-Length: the server must count the bytes as they come.
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let left = opts.stream;
      const pump = (): void => {
        while (left > 0) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!req.write(piece)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    } else req.end(opts.body);
  });
}

const auth = () => ({ authorization: `Bearer ${server.token}`, 'content-type': 'application/json' });
const accepted = (r: { status: number; text: string }): boolean => {
  if (r.status !== 200) return false;
  try {
    return (JSON.parse(r.text) as { ok: boolean }).ok === true;
  } catch {
    return false;
  }
};

function record(p: Omit<Probe, 'leaked'>, text: string): void {
  probes.push({ ...p, leaked: leaks(text) });
}

describe('API probe suite', () => {
  it('every method accepts its well-formed input over HTTP and over IPC (the probes below vary one thing each)', async () => {
    for (const method of ARCHIVE_METHODS) {
      const http = await send(method, { headers: auth(), body: JSON.stringify(bases[method]) });
      expect(accepted(http), `${method} over HTTP: ${http.text.slice(0, 300)}`).toBe(true);
      const ipc = await bridge().invoke(method, bases[method]);
      expect(ipc.ok, `${method} over IPC: ${JSON.stringify(ipc).slice(0, 300)}`).toBe(true);
    }
  });

  it('HTTP: refuses missing and wrong tokens, foreign Host and Origin, wrong verbs and types, and oversize bodies', async () => {
    for (const method of ARCHIVE_METHODS) {
      const body = JSON.stringify(bases[method]);
      const json = { 'content-type': 'application/json' };
      const limit = LARGE_METHODS.has(method) ? LARGE_BODY_LIMIT : SMALL_BODY_LIMIT;
      const cases: Array<[string, string, Parameters<typeof send>[1], number]> = [
        ['token', 'no token', { headers: json, body }, 401],
        ['token', 'wrong token', { headers: { ...json, authorization: 'Bearer not-the-token' }, body }, 401],
        [
          'token',
          'token one character off',
          { headers: { ...json, authorization: `Bearer ${server.token}x` }, body },
          401,
        ],
        ['token', 'token in the query', { headers: json, body, query: `?token=${server.token}` }, 401],
        ['token', 'token as Basic auth', { headers: { ...json, authorization: `Basic ${server.token}` }, body }, 401],
        ['host/origin', 'foreign Host', { headers: { ...auth(), host: 'evil.example' }, body }, 403],
        [
          'host/origin',
          'DNS-rebinding Host',
          { headers: { ...auth(), host: `evil.example:${server.port}` }, body },
          403,
        ],
        ['host/origin', 'other port', { headers: { ...auth(), host: `127.0.0.1:${server.port + 1}` }, body }, 403],
        ['host/origin', 'foreign Origin', { headers: { ...auth(), origin: 'https://evil.example' }, body }, 403],
        ['host/origin', 'Origin null', { headers: { ...auth(), origin: 'null' }, body }, 403],
        ['host/origin', 'cross-site fetch', { headers: { ...auth(), 'sec-fetch-site': 'cross-site' }, body }, 403],
        ['verb/type', 'GET', { verb: 'GET', headers: auth() }, 405],
        ['verb/type', 'PUT', { verb: 'PUT', headers: auth(), body }, 405],
        ['verb/type', 'text/plain', { headers: { ...auth(), 'content-type': 'text/plain' }, body }, 415],
        [
          'verb/type',
          'form',
          { headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' }, body },
          415,
        ],
        ['verb/type', 'broken JSON', { headers: auth(), body: `${body.slice(0, -1)},` }, 400],
        [
          'oversize',
          'declared too large',
          { headers: { ...auth(), 'content-length': String(limit + 1) }, body: '' },
          413,
        ],
        ['oversize', 'streamed too large', { headers: auth(), stream: limit + 1 }, 413],
      ];
      for (const [kind, label, opts, expected] of cases) {
        const r = await send(method, opts);
        // A body cut off mid-upload may see its connection closed before the 413 arrives: refused all the same.
        const ok = r.status === expected || (kind === 'oversize' && r.status === 0);
        expect(ok, `${method} ${label}: ${r.status} ${r.text.slice(0, 200)}`).toBe(true);
        record({ transport: 'HTTP', method, kind, label, mustRefuse: true, refused: !accepted(r) }, r.text);
      }
    }
  }, 300_000);

  it('HTTP: no route names a file-system path', async () => {
    for (const route of ['importPaths', 'importFolder', 'readFile', 'openArchive']) {
      const r = await send(route, { headers: auth(), body: JSON.stringify({ paths: [secretFile] }) });
      expect(r.status).toBe(404);
      record(
        {
          transport: 'HTTP',
          method: route,
          kind: 'path-like',
          label: 'path route',
          mustRefuse: true,
          refused: !accepted(r),
        },
        r.text,
      );
    }
  });

  it('HTTP and IPC: wrong types, out-of-range values, unknown fields and path-like inputs for every method', async () => {
    for (const method of ARCHIVE_METHODS) {
      for (const p of probeInputs(method, bases[method], pathLike)) {
        const r = await send(method, { headers: auth(), body: JSON.stringify(p.input) });
        record(probeOf('HTTP', method, p, !accepted(r)), r.text);
        const viaIpc = await bridge().invoke(method, p.input);
        record(probeOf('IPC', method, p, !viaIpc.ok), JSON.stringify(viaIpc));
      }
    }
  }, 600_000);

  it('IPC: refuses every method from a frame that is not the app, and names outside the contract', async () => {
    expect([...electron.handlers.keys()].sort()).toEqual(ARCHIVE_METHODS.map((m) => `stacks:${m}`).sort());
    const senders = [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: 'file:///tmp/page.html' } },
      { senderFrame: { url: 'stacks-app://evil/index.html' } },
      { senderFrame: { url: `http://127.0.0.1:${server.port}/` } },
      { senderFrame: null },
      {},
    ];
    for (const method of ARCHIVE_METHODS) {
      for (const event of senders) {
        const r = await electron.handlers.get(`stacks:${method}`)!(event, bases[method]);
        const label = `sender ${JSON.stringify(event)}`;
        record(
          { transport: 'IPC', method, kind: 'sender', label, mustRefuse: true, refused: !r.ok },
          JSON.stringify(r),
        );
      }
    }
    for (const name of [
      'importPaths',
      'readFile',
      '__proto__',
      'constructor',
      'toString',
      '../stats',
      'stacks:stats',
      '',
    ]) {
      const r = await bridge().invoke(name, { paths: [secretFile] });
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      record(
        {
          transport: 'IPC',
          method: name,
          kind: 'path-like',
          label: 'name outside the contract',
          mustRefuse: true,
          refused: !r.ok,
        },
        JSON.stringify(r),
      );
    }
  });

  it('nothing was wrongly accepted and no file outside the archive was read; prints the counts', async () => {
    // The archive's own files hold nothing of the secret file, and search cannot find it.
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith('archive.stacks.sqlite'))) {
      expect(fs.readFileSync(path.join(dir, file)).includes(MARKER), file).toBe(false);
    }
    expect(api.search({ query: MARKER.toLowerCase() }).total).toBe(0);

    const wrong = probes.filter((p) => (p.mustRefuse && !p.refused) || p.leaked);
    const rows = new Map<string, { probes: number; refused: number; wrong: number }>();
    for (const p of probes) {
      const key = `${p.transport} ${p.kind}`;
      const row = rows.get(key) ?? { probes: 0, refused: 0, wrong: 0 };
      row.probes++;
      if (p.refused) row.refused++;
      if ((p.mustRefuse && !p.refused) || p.leaked) row.wrong++;
      rows.set(key, row);
    }
    const lines = [...rows].map(
      ([k, r]) =>
        `${k.padEnd(24)} ${String(r.probes).padStart(6)} probes, ${r.refused} refused, ${r.wrong} wrongly accepted`,
    );
    const methods = new Set(
      probes.map((p) => p.method).filter((m) => (ARCHIVE_METHODS as readonly string[]).includes(m)),
    );
    console.log(
      [
        `API probe suite: ${probes.length} probes over ${methods.size} methods, ` +
          `${probes.filter((p) => p.mustRefuse).length} that must be refused, ${wrong.length} wrongly accepted, ` +
          `${probes.filter((p) => p.leaked).length} leaks of a file outside the archive`,
        ...lines,
      ].join('\n'),
    );
    expect(methods.size).toBe(ARCHIVE_METHODS.length);
    expect(wrong.map((p) => `${p.transport} ${p.method} ${p.label}`)).toEqual([]);
  });
});

function probeOf(
  transport: Probe['transport'],
  method: string,
  p: ProbeInput,
  refused: boolean,
): Omit<Probe, 'leaked'> {
  return { transport, method, kind: p.kind, label: p.label, mustRefuse: p.mustRefuse, refused };
}
