// A file written in order with backpressure, hashing (SHA-256) and counting its bytes as they go out.
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';

export class HashingFileSink {
  private readonly stream: fs.WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private failure: Error | null = null;
  bytes = 0;

  constructor(readonly path: string) {
    // 'wx': a temp name we just chose must not exist; never overwrite something by accident.
    this.stream = fs.createWriteStream(path, { flags: 'wx' });
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  /** Writes and waits for the stream to drain when its buffer is full, so memory stays bounded. */
  async write(chunk: Uint8Array | string): Promise<void> {
    if (this.failure) throw this.failure;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (buf.byteLength === 0) return;
    this.hash.update(buf);
    this.bytes += buf.byteLength;
    if (!this.stream.write(buf)) {
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
      if (this.failure) throw this.failure;
    }
  }

  /** Flushes to disk (fsync) and returns the file's hex SHA-256 and size. */
  async close(): Promise<{ sha256: string; bytes: number }> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failure) throw this.failure;
    const fd = fs.openSync(this.path, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  /** Abandons the file (on error or cancel); the caller removes it. */
  destroy(): void {
    this.stream.destroy();
  }
}
