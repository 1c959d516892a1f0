// One archive worker thread seen from the host: numbered requests, their replies, and a clean stop.
import type { Worker } from 'node:worker_threads';
import type { ApiResult } from '../contract/api.js';
import { ArchiveError, type ApiError } from '../contract/errors.js';
import type { ImportProgress } from '../contract/types.js';
import { spawnWorker, workerEntry } from '../threads.js';
import type { ExportDownload } from '../export/jobs.js';
import type { ArchiveThreadData, FromThread, ThreadAsset, ToThread } from './messages.js';
// Before the first thread loads SQLite: read-only archives are opened by URI (see there).
import '../sqlite-uri.js';

type Reply = Extract<FromThread, { id: number }>;

interface Pending {
  resolve(reply: Reply): void;
  onProgress?: ((p: ImportProgress) => void) | undefined;
}

export class ArchiveThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: ApiError | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly role: ArchiveThreadData['role'],
    private readonly onUnavailable: (message: string) => void,
  ) {
    worker.on('message', (message: FromThread) => this.receive(message));
    worker.on('error', (err) => this.stop({ code: 'INTERNAL', message: `The archive thread failed: ${err.message}` }));
    worker.on('exit', () => this.stop({ code: 'INTERNAL', message: 'The archive thread has stopped' }));
  }

  /** Starts a thread and resolves once its connection is open; rejects with the archive's reason otherwise. */
  static start(data: ArchiveThreadData, onUnavailable: (message: string) => void): Promise<ArchiveThread> {
    const worker = spawnWorker(workerEntry(import.meta.url, 'archive-worker'), { ...data });
    worker.ref();
    return new Promise((resolve, reject) => {
      const onExit = (code: number): void =>
        reject(new ArchiveError('INTERNAL', `The archive thread stopped while opening (exit code ${code})`));
      const onError = (err: Error): void => reject(new ArchiveError('INTERNAL', err.message));
      worker.once('exit', onExit);
      worker.once('error', onError);
      worker.once('message', (first: FromThread) => {
        worker.off('exit', onExit);
        worker.off('error', onError);
        if (first.type === 'ready') {
          const thread = new ArchiveThread(worker, data.role, onUnavailable);
          worker.unref(); // referenced again only while a request is in flight
          resolve(thread);
        } else {
          const error = first.type === 'failed' ? first.error : { code: 'INTERNAL' as const, message: 'No answer' };
          void worker.terminate();
          reject(new ArchiveError(error.code, error.message));
        }
      });
    });
  }

  /** Requests sent and not answered yet: the host sends a read to the least busy reader. */
  get load(): number {
    return this.pending.size;
  }

  get alive(): boolean {
    return this.stopped === null && this.closing === null;
  }

  call(method: string, input: unknown): Promise<Extract<Reply, { type: 'result' }>> {
    return this.request((id) => ({ type: 'call', id, method, input })) as Promise<Extract<Reply, { type: 'result' }>>;
  }

  async exportDownload(exportId: string): Promise<ExportDownload | null> {
    const reply = await this.request((id) => ({ type: 'export', id, exportId }));
    return reply.type === 'export' ? reply.download : null;
  }

  async asset(sha256: string): Promise<ThreadAsset | null> {
    const reply = await this.request((id) => ({ type: 'asset', id, sha256 }));
    return reply.type === 'asset' ? reply.asset : null;
  }

  importPaths(
    paths: string[],
    onProgress: ((p: ImportProgress) => void) | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ApiResult<unknown>> {
    let requestId = 0;
    const cancel = (): void => this.post({ type: 'cancel', id: requestId });
    const reply = this.request((id) => {
      requestId = id;
      return { type: 'import', id, paths };
    }, onProgress);
    signal?.addEventListener('abort', cancel, { once: true });
    return reply.then((r) => {
      signal?.removeEventListener('abort', cancel);
      return r.type === 'result' ? r.result : { ok: false, error: { code: 'INTERNAL', message: 'No result' } };
    });
  }

  /** Lets the thread finish its calls, close its connection (checkpointing the WAL), and exit. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.stopped) return resolve();
      this.worker.ref();
      const timer = setTimeout(() => void this.worker.terminate(), 30_000);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.post({ type: 'close' });
    });
    return this.closing;
  }

  private request(make: (id: number) => ToThread, onProgress?: (p: ImportProgress) => void): Promise<Reply> {
    const id = this.nextId++;
    if (this.stopped || this.closing) {
      const error = this.stopped ?? { code: 'UNAVAILABLE' as const, message: 'The archive is closing' };
      return Promise.resolve({ type: 'result', id, result: { ok: false, error } });
    }
    return new Promise<Reply>((resolve) => {
      this.pending.set(id, { resolve, onProgress });
      this.worker.ref();
      this.post(make(id));
    });
  }

  private post(message: ToThread): void {
    if (!this.stopped) this.worker.postMessage(message);
  }

  private receive(message: FromThread): void {
    if (message.type === 'unavailable') return this.onUnavailable(message.message);
    if (!('id' in message)) return;
    const entry = this.pending.get(message.id);
    if (!entry) return;
    if (message.type === 'progress') return entry.onProgress?.(message.progress);
    this.pending.delete(message.id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    entry.resolve(message);
  }

  private stop(error: ApiError): void {
    if (this.stopped) return;
    this.stopped = error;
    for (const [id, entry] of this.pending) entry.resolve({ type: 'result', id, result: { ok: false, error } });
    this.pending.clear();
  }
}
