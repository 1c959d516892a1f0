// Opens the archive named by --archive / STACKS_ARCHIVE / the per-user default, once per command run.
import type { Command } from 'commander';
import { createArchiveApi, type ArchiveService } from '../api.js';
import { openArchive } from '../open.js';
import { resolveArchivePath } from '../paths.js';

export interface CliContext {
  /** Opens the archive on first use; commands that never touch it (help) never create a file. */
  api(): ArchiveService;
  archivePath(): string;
  close(): Promise<void>;
}

export function createContext(program: Command): CliContext {
  let service: ArchiveService | null = null;
  const archivePath = (): string => resolveArchivePath(program.opts<{ archive?: string }>().archive);
  return {
    archivePath,
    api() {
      service ??= createArchiveApi(openArchive(archivePath()));
      return service;
    },
    async close() {
      if (!service) return;
      await service.dispose();
      service.archive.close();
      service = null;
    },
  };
}
