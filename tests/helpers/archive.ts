// Test helpers: a real archive file in a fresh temp folder, with the real API over it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createArchiveApi, type ArchiveService } from '../../db/api.js';
import { openArchive, type Archive } from '../../db/open.js';

/** A copy of ../shared/samples/000_38fb14da5930e9af.txt, kept in the repo so a clean clone can test with it. */
export const SAMPLE_CLIPPING = fileURLToPath(new URL('../fixtures/samples/000_38fb14da5930e9af.txt', import.meta.url));

export interface TempArchive {
  dir: string;
  file: string;
  api: ArchiveService;
  close(): Promise<void>;
}

export function tempDir(prefix = 'stacks-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The one way a test makes an archive: a real SQLite file in a fresh temp folder, opened as the app opens it. */
export function openTempArchive(options?: Parameters<typeof openArchive>[1]): Archive & { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'archive.stacks.sqlite');
  return Object.assign(openArchive(file, options), { dir, file });
}

/** A temp archive with the real API over it; close() disposes, closes and deletes it. */
export function tempArchive(): TempArchive {
  const archive = openTempArchive();
  const { dir, file } = archive;
  const api = createArchiveApi(archive);
  return {
    dir,
    file,
    api,
    async close() {
      await api.dispose();
      api.archive.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}
