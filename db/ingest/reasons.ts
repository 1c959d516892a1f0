// Failure reasons an import reports per file: what a person can act on, never a parser's or engine's internal text.
import { ArchiveError, storageError } from '../contract/errors.js';

/**
 * The reason to show for a file that failed. Expected failures (ArchiveError, a storage error) keep their message;
 * anything else is a bug or a parser tripping on hostile input, and its text ("Cannot destructure property …")
 * means nothing to the reader, so it is named by what it means for the file.
 */
export function readableError(err: unknown): string {
  if (err instanceof ArchiveError && err.code !== 'INTERNAL') return err.message;
  const storage = storageError(err);
  if (storage) return storage.message;
  if (err instanceof ArchiveError) return err.message;
  if (isApiErrorLike(err) && err.code !== 'INTERNAL') return err.message;
  return 'Stacks could not read this file: its content is malformed in a way the importer cannot handle.';
}

function isApiErrorLike(err: unknown): err is { code: string; message: string } {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'string' &&
    typeof (err as { message?: unknown }).message === 'string'
  );
}
