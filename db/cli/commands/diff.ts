// `stacks diff ID [--from CAPTURE] [--to CAPTURE]`: what changed between two captures, and what became of the notes.
import type { Command } from 'commander';
import type { ArticleId, CaptureDiff, CaptureId, DiffSegment } from '../../contract/types.js';
import type { CliContext } from '../context.js';
import { fail, parseId, printJson } from '../output.js';

/** A capture id, or `vN` for the Nth capture of the article (v1 the oldest), as the reader's Versions view numbers them. */
function captureArg(ctx: CliContext, article: ArticleId, value: string | undefined): CaptureId | undefined {
  if (value === undefined) return undefined;
  const version = /^v(\d+)$/i.exec(value);
  if (!version) return parseId(value, 'capture') as CaptureId;
  const captures = ctx.api().getArticle({ id: article }).captures; // newest first
  const n = Number(version[1]);
  const capture = captures[captures.length - n];
  if (!capture || n < 1) fail(`Article ${article} has ${captures.length} version(s); there is no ${value}.`);
  return capture.id;
}

const CONTEXT_CHARS = 60;

export function registerDiff(program: Command, ctx: CliContext): void {
  program
    .command('diff')
    .description('Compare two captures of an article: words added, removed and moved, and where its annotations went')
    .argument('<id>', 'article id')
    .option('--from <capture>', 'older capture: its id, or vN for the Nth version (default: the one before --to)')
    .option('--to <capture>', 'newer capture: its id, or vN (default: the newest)')
    .option('--full', 'print the whole text, not only the changes with some context')
    .option('--json', 'print the full comparison as JSON')
    .action((idArg: string, opts: { from?: string; to?: string; full?: boolean; json?: boolean }) => {
      const id = parseId(idArg) as ArticleId;
      const from = captureArg(ctx, id, opts.from);
      const to = captureArg(ctx, id, opts.to);
      const diff = ctx.api().diffCaptures({ id, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      if (opts.json) return printJson(diff);
      process.stdout.write(render(diff, opts.full === true, process.stdout.isTTY === true));
    });
}

function render(d: CaptureDiff, full: boolean, tty: boolean): string {
  const date = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
  const lines = [
    `${d.title} (article ${d.articleId})`,
    `from v${d.from.version} (capture ${d.from.capture.id}, ${date(d.from.capture.capturedAt)}) ` +
      `to v${d.to.version} (capture ${d.to.capture.id}, ${date(d.to.capture.capturedAt)})`,
    `${d.stats.added} words added, ${d.stats.removed} removed, ${d.stats.moved} moved, ${d.stats.unchanged} unchanged`,
    '',
  ];
  if (d.from.capture.id === d.to.capture.id) lines.push('Both sides are the same capture: nothing to compare.', '');
  else if (d.stats.added + d.stats.removed + d.stats.moved === 0) lines.push('The texts are the same.', '');
  else lines.push(text(d, full, tty), '');
  if (d.annotations.length) {
    lines.push('Annotations:');
    for (const a of d.annotations) {
      const quote = (a.annotation.quote?.exact ?? '').replace(/\s+/g, ' ');
      const where = [
        a.from ? `v${d.from.version} @${a.from.start}` : null,
        a.to ? `v${d.to.version} @${a.to.start}` : null,
      ]
        .filter(Boolean)
        .join(' -> ');
      lines.push(
        `  ${String(a.annotation.id).padStart(4)} ${a.status.toUpperCase().padEnd(9)} ${a.annotation.color ?? 'note'} ` +
          `"${quote.length > 60 ? `${quote.slice(0, 57)}...` : quote}"${where ? ` (${where})` : ''}`,
      );
      if (a.status === 'changed' && a.to)
        lines.push(`${' '.repeat(20)}now: "${a.to.text.replace(/\s+/g, ' ').slice(0, 60)}"`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * The changes, wdiff style when piped ([-removed-] {+added+}, a moved run tagged with its number), colored on a
 * terminal; unchanged text shortened to some context around each change unless `full`.
 */
function text(d: CaptureDiff, full: boolean, tty: boolean): string {
  const paint = (code: string, s: string): string => (tty ? `\u001b[${code}m${s}\u001b[0m` : s);
  const piece = (s: DiffSegment): string => {
    if (s.op === 'equal') {
      const t = d.to.text.slice(s.toStart, s.toEnd);
      if (full || t.length <= CONTEXT_CHARS * 2 + 5) return t;
      return `${t.slice(0, CONTEXT_CHARS)}\n  [...]\n${t.slice(-CONTEXT_CHARS)}`;
    }
    const removed = s.op === 'removed';
    const raw = removed ? d.from.text.slice(s.fromStart, s.fromEnd) : d.to.text.slice(s.toStart, s.toEnd);
    const body = raw.trimEnd();
    const trail = raw.slice(body.length);
    const tag = s.move !== undefined ? (removed ? `(moved away: ${s.move})` : `(moved here: ${s.move})`) : '';
    if (tty) return paint(s.move !== undefined ? '36' : removed ? '31;9' : '32', body) + paint('2', tag) + trail;
    return `${removed ? '[-' : '{+'}${body}${removed ? '-]' : '+}'}${tag}${trail}`;
  };
  // A removed run carries the older text's spacing, which need not fit between the newer text's runs: one space.
  let out = '';
  d.segments.forEach((s, k) => {
    if (s.op === 'removed' && out && !/\s$/.test(out)) out += ' ';
    const p = piece(s);
    out += s.op === 'removed' ? `${p.trimEnd()}${k < d.segments.length - 1 ? ' ' : ''}` : p;
  });
  return out;
}
