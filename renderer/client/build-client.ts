// Builds a RendererClient from one "call a method by name" function, looping over the contract's method list.
import { ARCHIVE_METHODS, type ApiResult, type ArchiveMethod } from '../../db/contract/api.js';
import { ClientError } from './client-error.js';
import type { CallOptions, RendererClient } from './types.js';

export type RawCall = (method: ArchiveMethod, input: unknown, options?: CallOptions) => Promise<ApiResult<unknown>>;

export function buildClient(
  call: RawCall,
  assetUrl: (sha: string) => string,
  transport: 'http' | 'ipc',
  exportUrl: (jobId: string) => string = (id) => `/export/${encodeURIComponent(id)}`,
  originalUrl: (captureId: number) => string = (id) => `/original/${id}`,
): RendererClient {
  const client: Record<string, unknown> = { assetUrl, transport, exportUrl, originalUrl };
  for (const method of ARCHIVE_METHODS) {
    client[method] = async (input: unknown, options?: CallOptions) => {
      if (options?.signal?.aborted) throw new ClientError('ABORTED', 'Cancelled');
      const result = await call(method, input ?? {}, options);
      if (options?.signal?.aborted) throw new ClientError('ABORTED', 'Cancelled');
      if (result.ok) return result.value;
      throw new ClientError(result.error.code, result.error.message);
    };
  }
  return client as unknown as RendererClient;
}
