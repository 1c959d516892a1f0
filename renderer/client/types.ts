// The renderer's client: the contract's ArchiveClient plus an optional AbortSignal and an asset URL builder.
import type { ApiInput, ApiOutput, ArchiveMethod } from '../../db/contract/api.js';

export interface CallOptions {
  /** Aborting rejects the call with ClientError('ABORTED'); used to drop stale searches. */
  signal?: AbortSignal;
}

export type RendererClient = {
  [M in ArchiveMethod]: (input: ApiInput<M>, options?: CallOptions) => Promise<ApiOutput<M>>;
} & {
  /** URL the <img> tag can load an archived asset (by SHA-256) from, for this transport. */
  assetUrl(sha256: string): string;
  /** URL a finished export (startExport) is downloaded from, for this transport. */
  exportUrl(jobId: string): string;
  /** 'http' in a browser under `stacks serve`, 'ipc' in the Electron app. */
  readonly transport: 'http' | 'ipc';
};
