// `stacks capture URL... [--from FILE]` and `stacks clipper pair|status|unpair`: fetching on request, pairing the clipper.
import fs from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { checkExtensionOrigin, clipperPairing, pairClipper, unpairClipper } from '../../capture/clipper-pairing.js';
import { LIMITS } from '../../contract/limits.js';
import { validateInput } from '../../contract/schemas.js';
import type { ImportOutcome, ImportProgress } from '../../contract/types.js';
import type { ArchiveApi } from '../../contract/api.js';
import type { CliContext } from '../context.js';
import { fail, printJson } from '../output.js';

/** One address per line; blank lines and lines starting with # are skipped. */
function readUrlFile(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    fail(`Cannot read ${file}: ${(err as Error).message}`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** The address of every article imported as a link only and not captured yet, oldest first. */
function linkOnlyUrls(api: Pick<ArchiveApi, 'listArticles'>): string[] {
  const urls: string[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = api.listArticles({ filter: { linkOnly: true }, sort: 'added', order: 'asc', offset, limit: 200 });
    for (const a of page.items) if (a.sourceUrl && /^https?:/i.test(a.sourceUrl)) urls.push(a.sourceUrl);
    if (page.items.length < 200) return urls;
  }
}

export function registerCapture(program: Command, ctx: CliContext): void {
  program
    .command('capture')
    .description(
      'Fetch web pages now and archive them (the HTTP exchange kept as WARC records, images included); needs a network',
    )
    .argument('[urls...]', 'http:// or https:// addresses')
    .option('--from <file>', 'also read addresses from this file, one per line ("-" for standard input)')
    .option('--ignore-robots', "fetch even where the site's robots.txt says no")
    .option('--link-only', 'also capture every article imported as a link only (not captured yet)')
    .option('--skip-archived', 'leave out addresses already archived with a capture (resumes a stopped run)')
    .option('--json', 'one JSON line per address: {file, status, id?, error?}')
    .option('--no-progress', 'no progress bar')
    .action(
      async (
        args: string[],
        opts: {
          from?: string;
          linkOnly?: boolean;
          ignoreRobots?: boolean;
          skipArchived?: boolean;
          json?: boolean;
          progress: boolean;
        },
      ): Promise<void> => {
        const urls = [...args, ...(opts.from ? readUrlFile(opts.from) : [])];
        if (opts.linkOnly) {
          urls.push(...linkOnlyUrls(ctx.api()));
          if (urls.length === 0) {
            process.stdout.write('Every article is captured: none is a link only.\n');
            return;
          }
        }
        if (urls.length === 0) fail('Name at least one address, or a file of them with --from, or use --link-only.');
        // The same check the API makes: http and https only, each a readable address.
        for (let i = 0; i < urls.length; i += LIMITS.captureUrls) {
          validateInput('captureUrls', { urls: urls.slice(i, i + LIMITS.captureUrls) });
        }
        const api = ctx.api();
        const controller = new AbortController();
        const onSigint = (): void => {
          if (controller.signal.aborted) process.exit(130);
          controller.abort();
          process.stderr.write('\nStopping… (Ctrl-C again to quit at once)\n');
        };
        process.on('SIGINT', onSigint);
        const bar =
          opts.progress && process.stderr.isTTY === true
            ? new cliProgress.SingleBar(
                {
                  format: 'Capturing [{bar}] {value}/{total} | {imported} captured, {failed} failed | {current}',
                  stream: process.stderr,
                  hideCursor: true,
                  clearOnComplete: true,
                },
                cliProgress.Presets.shades_classic,
              )
            : null;
        bar?.start(urls.length, 0, { imported: 0, failed: 0, current: '' });
        const onProgress = (p: ImportProgress): void =>
          bar?.update(p.done, { imported: p.imported, failed: p.failed, current: p.currentFile ?? '' });
        const onOutcome = (o: ImportOutcome): void => {
          if (opts.json) printJson(o);
        };
        const report = await api
          .captureUrlsWithProgress(urls, {
            onProgress,
            onOutcome,
            signal: controller.signal,
            ...(opts.ignoreRobots ? { ignoreRobots: true } : {}),
            ...(opts.skipArchived ? { skipArchived: true } : {}),
          })
          .finally(() => {
            bar?.stop();
            process.off('SIGINT', onSigint);
          });
        if (!opts.json) {
          for (const o of report.outcomes) {
            if (o.status === 'failed') process.stderr.write(`failed     ${o.file}: ${o.error}\n`);
            else if (o.status === 'duplicate')
              process.stdout.write(`skipped     ${o.file}: already archived as ${o.id}\n`);
            else
              process.stdout.write(
                `${o.newVersion ? 'new version' : 'captured   '} ${o.file} → ${o.id}: ${o.title ?? ''}\n`,
              );
            for (const note of o.notes ?? []) process.stderr.write(`note       ${o.file}: ${note}\n`);
            for (const w of o.warnings ?? []) process.stderr.write(`warning    ${o.file}: ${w}\n`);
          }
          process.stdout.write(
            `Captured ${report.imported}${report.duplicates ? `, ${report.duplicates} already archived` : ''}, ${report.failed} failed.\n`,
          );
          if (report.cancelled)
            process.stdout.write('Cancelled: run it again with --skip-archived to capture the rest.\n');
        }
        if (report.stopped) fail(`Capture stopped: ${report.stopped}`, 1);
        if (report.cancelled) fail('Capture cancelled.', 130);
        if (report.failed > 0) fail(`${report.failed} address(es) could not be captured.`, 2);
      },
    );

  const clipper = program.command('clipper').description('Pair the browser clipper with this archive');
  clipper
    .command('pair')
    .description("Allow a clipper extension's origin and make its key (replacing any earlier key)")
    .requiredOption('--origin <origin>', "the origin the clipper's options page shows, e.g. chrome-extension://…")
    .action((opts: { origin: string }) => {
      const origin = checkExtensionOrigin(opts.origin);
      const { key, origins } = pairClipper(ctx.api().archive.db, origin);
      process.stdout.write(
        [
          `Clipper key (shown once; paste it into the clipper's options): ${key}`,
          `Allowed clipper origins: ${origins.join(', ')}`,
          'Start `stacks serve` and paste its address (http://127.0.0.1:4317 by default) too.',
          '',
        ].join('\n'),
      );
    });
  clipper
    .command('status')
    .description('Show whether a clipper is paired, and from which origins')
    .action(() => {
      const { origins, paired } = clipperPairing(ctx.api().archive.db);
      process.stdout.write(
        paired ? `Paired. Allowed clipper origins: ${origins.join(', ')}\n` : 'No clipper is paired.\n',
      );
    });
  clipper
    .command('unpair')
    .description('Forget the clipper key and its origins')
    .action(() => {
      unpairClipper(ctx.api().archive.db);
      process.stdout.write('The clipper is unpaired: its key no longer works.\n');
    });
}
