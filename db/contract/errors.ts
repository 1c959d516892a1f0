// Error codes that cross every boundary as data, and the one error class db/ throws for expected failures.

export const ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_INPUT',
  'INVALID_QUERY',
  'UNSUPPORTED_FORMAT',
  'CORRUPT',
  'VERSION_FROM_FUTURE',
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

/** Turns anything thrown into data; unexpected errors keep their message but get the INTERNAL code. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ArchiveError) return err.toData();
  if (isApiError(err)) return err;
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
