// Error codes that cross every boundary as data, and the one error class db/ throws for expected failures.

export const ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_INPUT',
  'INVALID_QUERY',
  'UNSUPPORTED_FORMAT',
  'CORRUPT',
  'VERSION_FROM_FUTURE',
  'DISK_FULL',
  'READ_ONLY',
  /** The archive's file cannot be reached (its removable drive was disconnected, say); nothing was changed. */
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export class ArchiveError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }

  toData(): ApiError {
    return { code: this.code, message: this.message };
  }
}

/**
 * SQLite's and the file system's storage failures, said as what they are: a full disk or a folder that cannot be
 * written is not a damaged archive, and the user can act on it. Matched by the error's code (better-sqlite3's
 * SqliteError and Node's fs errors both carry one), so this stays free of any runtime import.
 */
export function storageError(err: unknown): ArchiveError | null {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new ArchiveError(
      'DISK_FULL',
      'The disk is full: Stacks could not write to the archive. Free some space and try again; what was already stored is kept.',
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return new ArchiveError(
      'READ_ONLY',
      'The archive is read-only (on read-only media, or its folder or file cannot be written): Stacks can read, search and export it but cannot change it.',
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new ArchiveError('INTERNAL', 'The archive is busy (another program is writing to it); try again.');
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new ArchiveError('CORRUPT', 'The archive file is damaged or is not a Stacks archive.');
  }
  return null;
}

/** Turns anything thrown into data; unexpected errors keep their message but get the INTERNAL code. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ArchiveError) return err.toData();
  if (isApiError(err)) return err;
  const storage = storageError(err);
  if (storage) return storage.toData();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).message === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as ApiError).code)
  );
}
