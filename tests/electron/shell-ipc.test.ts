// The page's shell commands with electron mocked: sender checked, input checked, a failure comes back as data.
import { describe, expect, it, vi } from 'vitest';
import { ArchiveError } from '../../db/contract/errors.js';

vi.mock('electron', () => ({ ipcMain: { handle: () => undefined, on: () => undefined } }));
const { handleCommand } = await import('../../electron/shell-ipc.js');

const app = 'stacks-app://app/index.html';
const CLIPPER_OFF = {
  enabled: false,
  running: false,
  port: 0,
  url: null,
  pairingCode: null,
  origins: [],
  error: null,
};

function actions() {
  return {
    currentArchive: vi.fn(() => ({ key: 'k', path: '/a/Work.stacks.sqlite', name: 'Work' })),
    recentArchives: vi.fn(() => []),
    newArchive: vi.fn(async () => null),
    openArchive: vi.fn(async (input: { path?: string }) => {
      if (input.path === '/etc/passwd') throw new ArchiveError('INVALID_INPUT', 'Not a recent archive');
      return null;
    }),
    importFiles: vi.fn(() => null),
    importFolder: vi.fn(() => null),
    clipperListener: vi.fn(() => CLIPPER_OFF),
    setClipperListener: vi.fn(async (input: { enabled: boolean; port?: number }) => ({ ...CLIPPER_OFF, ...input })),
    newClipperCode: vi.fn(async () => CLIPPER_OFF),
    savePdf: vi.fn(async (input: { fileName: string }) => `/chosen/${input.fileName}`),
  };
}

describe('shell commands over IPC', () => {
  it('runs a command from the app page and answers with data', async () => {
    const a = actions();
    await expect(handleCommand(a, 'currentArchive', app, {})).resolves.toEqual({
      ok: true,
      value: { key: 'k', path: '/a/Work.stacks.sqlite', name: 'Work' },
    });
    await expect(handleCommand(a, 'openArchive', app, { path: '/a/Work.stacks.sqlite' })).resolves.toEqual({
      ok: true,
      value: null,
    });
    expect(a.openArchive).toHaveBeenCalledWith({ path: '/a/Work.stacks.sqlite' });
  });

  it('refuses other senders and malformed input without running anything', async () => {
    const a = actions();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', null]) {
      await expect(handleCommand(a, 'newArchive', url, {})).resolves.toMatchObject({ ok: false });
    }
    await expect(handleCommand(a, 'openArchive', app, { path: 42 })).resolves.toMatchObject({ ok: false });
    await expect(handleCommand(a, 'openArchive', app, { path: '/x', admin: true })).resolves.toMatchObject({
      ok: false,
    });
    await expect(handleCommand(a, 'importFiles', app, { paths: ['/etc'] })).resolves.toMatchObject({ ok: false });
    await expect(handleCommand(a, 'recentArchives', app, 'all')).resolves.toMatchObject({ ok: false });
    expect(a.newArchive).not.toHaveBeenCalled();
    expect(a.openArchive).not.toHaveBeenCalled();
    expect(a.importFiles).not.toHaveBeenCalled();
  });

  it('passes the clipper setting through only with a boolean and a port number', async () => {
    const a = actions();
    await expect(handleCommand(a, 'setClipperListener', app, { enabled: true, port: 4318 })).resolves.toMatchObject({
      ok: true,
      value: { enabled: true, port: 4318 },
    });
    expect(a.setClipperListener).toHaveBeenCalledWith({ enabled: true, port: 4318 });
    for (const bad of [{}, { enabled: 'yes' }, { enabled: true, port: 70000 }, { enabled: true, port: 1.5 }]) {
      await expect(handleCommand(a, 'setClipperListener', app, bad)).resolves.toMatchObject({ ok: false });
    }
    await expect(
      handleCommand(a, 'setClipperListener', app, { enabled: true, host: '0.0.0.0' }),
    ).resolves.toMatchObject({ ok: false, error: { message: 'setClipperListener: unknown field' } });
    await expect(handleCommand(a, 'newClipperCode', app, { key: 'mine' })).resolves.toMatchObject({ ok: false });
    await expect(
      handleCommand(a, 'setClipperListener', 'https://evil.example/', { enabled: true }),
    ).resolves.toMatchObject({ ok: false });
    expect(a.setClipperListener).toHaveBeenCalledOnce();
    expect(a.newClipperCode).not.toHaveBeenCalled();
  });

  it('turns a refusal by the shell into an error as data', async () => {
    await expect(handleCommand(actions(), 'openArchive', app, { path: '/etc/passwd' })).resolves.toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Not a recent archive' },
    });
  });

  it('savePdf takes a suggested file name only: path characters become dashes, other fields are refused', async () => {
    const a = actions();
    await expect(handleCommand(a, 'savePdf', app, { fileName: '../../etc/Tides: a/b.pdf' })).resolves.toEqual({
      ok: true,
      value: '/chosen/..-..-etc-Tides- a-b.pdf',
    });
    expect((await handleCommand(a, 'savePdf', app, { fileName: 'x.pdf', path: '/tmp' })).ok).toBe(false);
    expect((await handleCommand(a, 'savePdf', app, {})).ok).toBe(false);
  });
});
