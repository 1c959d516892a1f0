// The `stacks` command: parses arguments with commander and runs one subcommand against the archive.
import { Command, CommanderError } from 'commander';
import { toApiError } from '../contract/errors.js';
import { registerAnnotations } from './commands/annotations.js';
import { registerArticleExport } from './commands/article-export.js';
import { registerExport } from './commands/export.js';
import { registerBackup } from './commands/backup.js';
import { registerCapture } from './commands/capture.js';
import { registerCompact } from './commands/compact.js';
import { registerOptimize } from './commands/optimize.js';
import { registerDiff } from './commands/diff.js';
import { registerEditDelete } from './commands/edit-delete.js';
import { registerImport } from './commands/import.js';
import { registerLater } from './commands/later.js';
import { registerList } from './commands/list.js';
import { registerMaintenance } from './commands/maintenance.js';
import { registerOrganize } from './commands/organize.js';
import { registerReextract } from './commands/reextract.js';
import { registerSearch } from './commands/search.js';
import { registerServeCommand, type StartServer } from './commands/serve.js';
import { registerShow } from './commands/show.js';
import { createContext } from './context.js';
import { CliFailure } from './output.js';

/** What the CLI is given rather than importing: the HTTP transport for `stacks serve`. */
export interface CliTransports {
  startServer: StartServer;
}

export async function main(argv: string[], transports: CliTransports): Promise<number> {
  // `stacks search x | head`: once the reader has what it wants it closes the pipe, and the command ends quietly
  // (as other Unix tools do) instead of dying on an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const program = new Command('stacks')
    .description('Stacks: an offline archive for web articles and text clippings')
    .option('--archive <path>', 'archive file (default: $STACKS_ARCHIVE, else the per-user data folder)')
    .exitOverride()
    .showHelpAfterError();
  const ctx = createContext(program);
  program.hook('preAction', async (_program, action) => {
    const names: string[] = [];
    for (let c: Command | null = action; c && c !== program; c = c.parent) names.unshift(c.name());
    await ctx.dailyBackup(names.join(' '));
  });
  registerImport(program, ctx);
  registerSearch(program, ctx);
  registerShow(program, ctx);
  registerList(program, ctx);
  registerMaintenance(program, ctx);
  registerExport(program, ctx);
  registerOrganize(program, ctx);
  registerAnnotations(program, ctx);
  registerReextract(program, ctx);
  registerServeCommand(program, ctx, transports.startServer);
  registerDiff(program, ctx);
  registerBackup(program, ctx);
  registerCapture(program, ctx);
  registerEditDelete(program, ctx);
  registerLater(program, ctx);
  registerArticleExport(program, ctx);
  registerCompact(program, ctx);
  registerOptimize(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof CliFailure) {
      process.stderr.write(`stacks: ${err.message}\n`);
      return err.exitCode;
    }
    const e = toApiError(err);
    process.stderr.write(`stacks: ${e.message}${e.code === 'INTERNAL' ? '' : ` [${e.code}]`}\n`);
    return 1;
  } finally {
    await ctx.close();
  }
}
