// `stacks export-article ID` (HTML, Markdown, PDF) and `stacks cite ID...` (BibTeX, RIS, CSL-JSON, plain text).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ArticleId, CitationFormat } from '../../contract/types.js';
import { printHtmlToPdf } from '../../export/article/pdf.js';
import type { CliContext } from '../context.js';
import { fail, parseId } from '../output.js';

/** Writes beside the target, then renames: an interrupted run never leaves half a file under the name asked for. */
function writeWhole(target: string, content: string | Buffer): void {
  const full = path.resolve(target);
  const temp = path.join(path.dirname(full), `.${path.basename(full)}.${process.pid}.part`);
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, full);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    fail(`Could not write ${target}: ${(err as Error).message}`);
  }
}

function emit(out: string | undefined, content: string | Buffer, what: string): void {
  if (!out) {
    process.stdout.write(content);
    return;
  }
  writeWhole(out, content);
  process.stderr.write(`Wrote ${what} to ${out}\n`);
}

const ARTICLE_FORMATS = ['html', 'md', 'markdown', 'pdf'];
const CITE_FORMATS: Record<string, CitationFormat> = {
  bibtex: 'bibtex',
  bib: 'bibtex',
  ris: 'ris',
  'csl-json': 'csl-json',
  csl: 'csl-json',
  text: 'text',
  apa: 'text',
};

export function registerArticleExport(program: Command, ctx: CliContext): void {
  program
    .command('export-article')
    .description('Export one article as a self-contained HTML file, Markdown with front matter, or PDF')
    .argument('<id>', 'article id')
    .option('--format <format>', 'html | md | pdf', 'html')
    .option('-o, --out <file>', 'write to this file (required for pdf; otherwise stdout)')
    .action(async (idArg: string, opts: { format: string; out?: string }) => {
      const format = opts.format.toLowerCase();
      if (!ARTICLE_FORMATS.includes(format)) fail(`Unknown format "${opts.format}": use html, md or pdf.`);
      const id = parseId(idArg) as ArticleId;
      if (format === 'pdf') {
        if (!opts.out) fail('PDF is binary: name the file with --out FILE.pdf.');
        const { content } = await ctx.call('exportArticle', { id, format: 'html' });
        emit(opts.out, await printHtmlToPdf(content), 'the PDF');
        return;
      }
      const file = await ctx.call('exportArticle', { id, format: format === 'html' ? 'html' : 'markdown' });
      emit(opts.out, file.content, format === 'html' ? 'the HTML file' : 'the Markdown file');
    });

  program
    .command('cite')
    .description('Citations of articles (by id or by a search) as BibTeX, RIS, CSL-JSON or a plain reference')
    .argument('[ids...]', 'article ids')
    .option('--format <format>', 'bibtex | ris | csl-json | text', 'bibtex')
    .option('-q, --query <query>', 'cite every article this search matches instead of ids')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (ids: string[], opts: { format: string; query?: string; out?: string }) => {
      const format = CITE_FORMATS[opts.format.toLowerCase()];
      if (!format) fail(`Unknown format "${opts.format}": use bibtex, ris, csl-json or text.`);
      if (ids.length > 0 && opts.query !== undefined) fail('Give article ids or --query, not both.');
      if (ids.length === 0 && opts.query === undefined) fail('Name the articles to cite: ids, or --query "…".');
      const input =
        opts.query !== undefined
          ? { query: opts.query, format }
          : {
              ids: ids
                .flatMap((v) => v.split(','))
                .filter(Boolean)
                .map((v) => parseId(v.trim()) as ArticleId),
              format,
            };
      const file = await ctx.call('citeArticles', input);
      emit(opts.out, file.content, `${format} citations`);
    });
}
