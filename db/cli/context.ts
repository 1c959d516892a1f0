// Opens the archive named by --archive / STACKS_ARCHIVE / the per-user default, once per command run.
import type { Command } from 'commander';
import { createArchiveApi, type ArchiveService } from '../api.js';
import type { ApiInput, ApiOutput, ArchiveMethod } from '../contract/api.js';
import { openArchive } from '../open.js';
import { resolveArchivePath } from '../paths.js';
import { invokeApi } from '../transport/dispatch.js';

export interface CliContext {
  /**
   * Calls one contract method through the validating dispatcher, as IPC and HTTP do: same limits, same error
   * codes. Failures are thrown as ArchiveError, which main() prints as `stacks: message [CODE]`.
   */
  call<M extends ArchiveMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  /**
   * The archive itself, for what only a local user may do and the contract therefore lacks: importing paths named
   * on the command line (with progress and Ctrl-C), verify with a progress line, serving it over HTTP.
   */
  api(): ArchiveService;
  archivePath(): string;
  close(): Promise<void>;
}

export function createContext(program: Command): CliContext {
  let service: ArchiveService | null = null;
  const archivePath = (): string => resolveArchivePath(program.opts<{ archive?: string }>().archive);
  const api = (): ArchiveService => {
    // Opened on first use: commands that never touch the archive (help) never create a file.
    service ??= createArchiveApi(openArchive(archivePath()));
    return service;
  };
  return {
    archivePath,
    api,
    call: (method, input) => invokeApi(api(), method, input),
    async close() {
      if (!service) return;
      await service.dispose();
      service.archive.close();
      service = null;
    },
  };
}
