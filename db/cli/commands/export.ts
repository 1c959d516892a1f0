// `stacks export`: JSON of every article, or a WACZ web archive or BagIt bag of a scope, with progress and Ctrl-C.
import path from 'node:path';
import type { Command } from 'commander';
import type { BagInfoFields, ExportProgress, ExportScope, PackageFormat } from '../../contract/types.js';
import { ExportCancelled, exportPackage } from '../../export/index.js';
import type { CliContext } from '../context.js';
import { fail, parseId, printJson } from '../output.js';
import { progressBar } from '../progress.js';

interface ExportOptions {
  output?: string;
  wacz?: string;
  bagit?: string;
  query?: string;
  collection?: string;
  ids?: string[];
  title?: string;
  sourceOrganization?: string;
  externalDescription?: string;
  contactName?: string;
  contactEmail?: string;
  info: string[];
  json?: boolean;
  progress: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function bagInfoOf(opts: ExportOptions): BagInfoFields {
  const fields: BagInfoFields = {};
  if (opts.sourceOrganization) fields['Source-Organization'] = opts.sourceOrganization;
  if (opts.externalDescription) fields['External-Description'] = opts.externalDescription;
  if (opts.contactName) fields['Contact-Name'] = opts.contactName;
  if (opts.contactEmail) fields['Contact-Email'] = opts.contactEmail;
  for (const item of opts.info) {
    const m = /^([^:\s]+):\s*(.*)$/s.exec(item);
    if (!m) fail(`--info "${item}": write it as "Label: value".`);
    fields[m[1]!] = m[2]!;
  }
  return fields;
}

function scopeOf(opts: ExportOptions): ExportScope {
  const scope: ExportScope = {};
  if (opts.query !== undefined) scope.query = opts.query;
  if (opts.collection !== undefined) scope.collection = opts.collection;
  if (opts.ids !== undefined) {
    scope.ids = opts.ids
      .flatMap((v) => v.split(','))
      .filter(Boolean)
      .map((v) => parseId(v.trim()) as never);
  }
  return scope;
}

export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('Export articles: JSON metadata (default), a WACZ web archive, or a BagIt bag')
    .option('-o, --output <file>', 'JSON: write to a file instead of stdout')
    .option('--wacz <file>', 'write a WACZ web archive (opens in ReplayWeb.page)')
    .option('--bagit <dir>', 'write a BagIt bag folder (a name ending in .zip writes the bag as a ZIP)')
    .option('--query <query>', 'only the articles a search finds')
    .option('--collection <name>', 'only the articles of a collection')
    .option('--ids <ids...>', 'only these article ids (space or comma separated)')
    .option('--title <title>', 'WACZ: the package title')
    .option('--source-organization <name>', 'BagIt: Source-Organization in bag-info.txt')
    .option('--external-description <text>', 'BagIt: External-Description in bag-info.txt')
    .option('--contact-name <name>', 'BagIt: Contact-Name in bag-info.txt')
    .option('--contact-email <email>', 'BagIt: Contact-Email in bag-info.txt')
    .option('--info <label: value>', 'BagIt: any other bag-info.txt field (repeatable)', collect, [])
    .option('--json', 'print the result as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: ExportOptions) => {
      const api = ctx.api();
      const scope = scopeOf(opts);
      const hasScope = Object.keys(scope).length > 0;
      if (opts.wacz && opts.bagit) fail('Choose one of --wacz and --bagit.');
      const format: PackageFormat = opts.wacz ? 'wacz' : opts.bagit ? 'bagit' : 'json';
      if (format === 'json' && !opts.output) {
        if (hasScope) fail('A JSON export of a query, collection or ids needs --output FILE.');
        process.stdout.write(`${api.exportArticles({}).content}\n`);
        return;
      }
      const target = path.resolve((opts.wacz ?? opts.bagit ?? opts.output)!);
      const controller = new AbortController();
      const onSigint = (): void => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
        process.stderr.write('\nCancelling the export… (nothing is left behind)\n');
      };
      process.on('SIGINT', onSigint);
      const bar = progressBar(opts.progress, 'Exporting', ' articles | {mb} MB | {phase}');
      const onProgress = (p: ExportProgress): void =>
        bar.update(p.done, p.total, {
          mb: (p.bytes / 1048576).toFixed(1),
          phase: p.phase === 'packaging' ? 'packaging…' : '',
        });
      try {
        const result = await exportPackage(api.archive, {
          format,
          target,
          scope,
          bagInfo: bagInfoOf(opts),
          ...(opts.title ? { title: opts.title } : {}),
          signal: controller.signal,
          onProgress,
        });
        bar.stop();
        if (opts.json) printJson(result);
        else {
          process.stdout.write(
            `Exported ${result.articles} article(s), ${result.captures} capture(s), ${result.assets} asset(s), ` +
              `${result.annotations} annotation(s) to ${result.path}\n`,
          );
          for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
        }
      } catch (err) {
        bar.stop();
        if (err instanceof ExportCancelled) fail(err.message, 130);
        throw err;
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
