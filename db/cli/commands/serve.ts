// `stacks serve`: the archive API and the reader app on loopback HTTP, until Ctrl-C.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { ArchiveService } from '../../api.js';
import { checkExtensionOrigin, clipperKeyMatches, clipperPairing } from '../../capture/clipper-pairing.js';
import type { CliContext } from '../context.js';
import { fail } from '../output.js';

/** The built renderer ships in the package's dist/, wherever the command is run from (source or bundle). */
function defaultRendererDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'renderer');
}

/**
 * The HTTP transport, handed in by the `stacks` entry: the CLI and the server are separate layers that never
 * import each other (build/eslint-layers.js), so the CLI only knows this shape.
 */
export type StartServer = (options: {
  api: ArchiveService;
  archive: ArchiveService['archive'];
  port: number;
  rendererDir: string;
  tokenFile?: string;
  /** Extension origins the browser clipper may call clipPage from, and the check of its key. */
  clipper?: { origins: string[]; keyMatches(given: string | null): boolean };
}) => Promise<{ url: string; openUrl: string; close(): Promise<void> }>;

interface ServeOptions {
  port: string;
  tokenFile?: string;
  renderer: string;
  open?: boolean;
  allowOrigin: string[];
}

export function registerServeCommand(program: Command, ctx: CliContext, startServer: StartServer): void {
  program
    .command('serve')
    .description('Serve the archive and the reader app on http://127.0.0.1 (token-protected)')
    .option('--port <n>', 'port (0 = any free port)', '4317')
    .option('--token-file <file>', 'also write the access token to this file (mode 0600), for scripts and clippers')
    .option('--renderer <dir>', 'built renderer folder', defaultRendererDir())
    .option('--open', 'open the app in the default browser')
    .option(
      '--allow-origin <origin>',
      'also let this browser extension origin send pages to clipPage (repeatable; `stacks clipper pair` remembers one)',
      (value: string, list: string[]) => [...list, checkExtensionOrigin(value)],
      [] as string[],
    )
    .action(async (o: ServeOptions) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`"${o.port}" is not a port number.`);
      // Listening does not wait for a search index rebuild (a missing, old or foreign index): the rebuild runs on a
      // helper thread, the library and reader work at once, and search answers say they are catching up.
      const api = ctx.api({ indexInBackground: true });
      const db = api.archive.db;
      const indexing = api.stats({}).index;
      const clipperOrigins = [...new Set([...clipperPairing(db).origins, ...o.allowOrigin])];
      const server = await startServer({
        api,
        archive: api.archive,
        port,
        rendererDir: o.renderer,
        ...(o.tokenFile ? { tokenFile: o.tokenFile } : {}),
        ...(clipperOrigins.length
          ? { clipper: { origins: clipperOrigins, keyMatches: (given: string | null) => clipperKeyMatches(db, given) } }
          : {}),
      });
      process.stdout.write(
        [
          `Stacks is serving ${ctx.archivePath()}`,
          `Open ${server.openUrl}`,
          ...(o.tokenFile ? [`Token written to ${path.resolve(o.tokenFile)} (readable only by you)`] : []),
          ...(clipperOrigins.length ? [`Browser clipper allowed from ${clipperOrigins.join(', ')}`] : []),
          `API: POST ${server.url}/api/<method> with "Authorization: Bearer <token>" and a JSON body`,
          ...(indexing?.catchingUp
            ? [`The search index is being rebuilt (${indexing.percent}%): search answers cover what is indexed so far.`]
            : []),
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      if (o.open) openInBrowser(server.openUrl);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.stdout.write('Stopping…\n');
      // The archive itself is closed by the CLI context once this action returns.
      await server.close();
    });
}

/** Best effort: a missing opener is not an error, the URL is printed anyway. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // ignore: printing the URL is enough
  }
}
