// --token-file: created exclusively under a random name and renamed into place, never handed to another user's file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createArchiveApi } from '../../../db/api.js';
import { openArchive } from '../../../db/open.js';
import { startServer } from '../../../db/server/server.js';
import { writeTokenFile } from '../../../db/server/token-file.js';
import { STACKS_BIN } from '../../helpers/cli.js';

const posix = process.platform !== 'win32';
const dirs: string[] = [];
function tempDir(mode?: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stacks-token-'));
  dirs.push(dir);
  if (mode !== undefined) fs.chmodSync(dir, mode);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe.runIf(posix)('token file', () => {
  it('writes the token with mode 0600 and leaves no temporary file beside it', () => {
    const dir = tempDir(0o700);
    const file = path.join(dir, 'serve.token');
    writeTokenFile(file, 'secret-1');
    expect(fs.readFileSync(file, 'utf8')).toBe('secret-1\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['serve.token']);
  });

  it('ignores a file planted at the old predictable temporary name', () => {
    const dir = tempDir(0o1777);
    const file = path.join(dir, 'serve.token');
    const planted = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(planted, '', { mode: 0o666 });
    writeTokenFile(file, 'secret-2');
    expect(fs.readFileSync(planted, 'utf8')).toBe('');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe('secret-2');
  });

  it('refuses a folder other users can write that is not sticky', () => {
    const dir = tempDir(0o777);
    expect(() => writeTokenFile(path.join(dir, 'serve.token'), 'secret-3')).toThrow(/other users can write/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('in a sticky shared folder, refuses a target that belongs to another user and leaves it untouched', () => {
    const dir = tempDir(0o1777);
    const file = path.join(dir, 'serve.token');
    fs.writeFileSync(file, 'theirs\n', { mode: 0o644 });
    // Only root can give a file away; elsewhere the check is the same code path with a file of ours replaced.
    const canChown = process.getuid?.() === 0;
    if (canChown) fs.chownSync(file, 65534, 65534);
    if (canChown) {
      expect(() => writeTokenFile(file, 'secret-4')).toThrow(/not a file of yours/);
      expect(fs.readFileSync(file, 'utf8')).toBe('theirs\n');
      expect(fs.readdirSync(dir)).toEqual(['serve.token']);
    } else {
      writeTokenFile(file, 'secret-4');
      expect(fs.readFileSync(file, 'utf8').trim()).toBe('secret-4');
    }
  });

  it('in a sticky shared folder, refuses a symbolic link at the target', () => {
    const dir = tempDir(0o1777);
    const elsewhere = path.join(tempDir(0o700), 'victim');
    fs.writeFileSync(elsewhere, 'untouched\n');
    const file = path.join(dir, 'serve.token');
    fs.symlinkSync(elsewhere, file);
    expect(() => writeTokenFile(file, 'secret-5')).toThrow(/not a file of yours/);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('untouched\n');
  });

  it('a server whose token file cannot be written stops listening and rejects', async () => {
    const dir = tempDir(0o777);
    const archive = openArchive(path.join(tempDir(0o700), 'a.stacks.sqlite'));
    const api = createArchiveApi(archive);
    const port = await freePort();
    try {
      await expect(
        startServer({ api, archive, port, rendererDir: dir, tokenFile: path.join(dir, 'serve.token') }),
      ).rejects.toThrow(/other users can write/);
      expect(await accepts(port)).toBe(false);
    } finally {
      await api.dispose();
      archive.close();
    }
  });

  it('`stacks serve` with an unwritable token file exits 1 with the reason instead of hanging', () => {
    const shared = tempDir(0o777);
    const archive = path.join(tempDir(0o700), 'a.stacks.sqlite');
    const r = spawnSync(
      process.execPath,
      [STACKS_BIN, '--archive', archive, 'serve', '--port', '0', '--token-file', path.join(shared, 't')],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.signal).toBeNull(); // not killed by the timeout: it ended on its own
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^stacks: Refusing to write the token file in .*other users can write/);
    expect(r.stdout).not.toContain('#token=');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
