// The one error type the renderer sees from any transport: the contract's error data, thrown.
import type { ErrorCode } from '../../db/contract/errors.js';

export class ClientError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK' | 'ABORTED',
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export function isAbort(err: unknown): boolean {
  return (
    (err instanceof ClientError && err.code === 'ABORTED') || (err instanceof DOMException && err.name === 'AbortError')
  );
}
