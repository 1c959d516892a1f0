// Printing helpers for the CLI: JSON lines, marked snippets for a terminal, and failures on stderr.
import { MARK_CLOSE, MARK_OPEN } from '../contract/types.js';
import { ArchiveError } from '../contract/errors.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Matched words: bold yellow on a terminal, «guillemets» when piped, so they stay visible either way. */
export function renderMarks(snippet: string, tty = process.stdout.isTTY === true): string {
  const [open, close] = tty ? ['\u001b[1;33m', '\u001b[0m'] : ['«', '»'];
  return snippet.split(MARK_OPEN).join(open).split(MARK_CLOSE).join(close);
}

/** A command failed: the reason goes to stderr and the process exits non-zero. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function fail(message: string, exitCode = 1): never {
  throw new CliFailure(message, exitCode);
}

/** Parses a positive integer id argument or fails with a readable reason. */
export function parseId(value: string, what = 'article'): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0)
    throw new ArchiveError('INVALID_INPUT', `"${value}" is not a valid ${what} id.`);
  return id;
}

export function formatDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '          ';
}
