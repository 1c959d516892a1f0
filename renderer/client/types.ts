// The renderer's client: the contract's ArchiveClient plus an asset URL builder and which transport carries it.
import type { ArchiveClient, CallOptions } from '../../db/contract/api.js';

export type { CallOptions };

export type RendererClient = ArchiveClient & {
  /** URL the <img> tag can load an archived asset (by SHA-256) from, for this transport. */
  assetUrl(sha256: string): string;
  /** URL a finished export (startExport) is downloaded from, for this transport. */
  exportUrl(jobId: string): string;
  /** URL of a capture's inert original page (the original view's frame), for this transport. */
  originalUrl(captureId: number): string;
  /** 'http' in a browser under `stacks serve`, 'ipc' in the Electron app. */
  readonly transport: 'http' | 'ipc';
};
