// `stacks serve`: the archive API and the reader app on loopback HTTP, until Ctrl-C.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { startServer } from '../../server/server.js';
import type { CliContext } from '../context.js';
import { fail } from '../output.js';

/** The built renderer ships beside the package, wherever the command is run from. */
const DEFAULT_RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/renderer');

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('Serve the archive and the reader app on http://127.0.0.1 (token-protected)')
    .option('--port <n>', 'port (0 = any free port)', '4317')
    .option('--token-file <file>', 'also write the access token to this file (mode 0600)')
    .option('--renderer <dir>', 'built renderer folder', DEFAULT_RENDERER_DIR)
    .action(async (o: { port: string; tokenFile?: string; renderer: string }) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`"${o.port}" is not a port number.`);
      const api = ctx.api();
      const server = await startServer({
        api, archive: api.archive, port, rendererDir: o.renderer, ...(o.tokenFile ? { tokenFile: o.tokenFile } : {}),
      });
      process.stdout.write(`Stacks is serving ${ctx.archivePath()}\nOpen ${server.openUrl}\nPress Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => { resolve(); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}
