// The desktop app's opt-in browser-clipper listener: the loopback server limited to clipping, its pairing kept privately.
import fs from 'node:fs';
import type { ApiResult, ArchiveMethod } from '../contract/api.js';
import { formatPairingCode, type ClipperListenerInfo } from '../contract/clipper.js';
import { createToken, tokensMatch } from './security.js';
import { CLIPPER_METHOD, startServer, type RunningServer } from './server.js';
import { writeTokenFile } from './token-file.js';

/** What is kept between launches (the file is the user's, mode 0600, like the server's token file). */
interface ListenerState {
  enabled: boolean;
  port: number;
  key: string;
  origins: string[];
}

/** A pairing code can pair a few browsers (or profiles) at once; older ones drop off past this many. */
export const MAX_CLIPPER_ORIGINS = 8;

export interface ClipperListenerOptions {
  /** The JSON file holding the setting, the port, the key and the paired origins. */
  stateFile: string;
  /** Runs clipPage in the archive open now (the listener never calls any other method). */
  call(method: ArchiveMethod, input: unknown): Promise<ApiResult<unknown>>;
}

function validPort(port: unknown): port is number {
  return typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535;
}

/** A missing or garbled file means off with a fresh key: never an error at start-up. */
function readState(file: string): ListenerState {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null) raw = parsed as Record<string, unknown>;
  } catch {
    // absent or unreadable: defaults
  }
  const key = typeof raw.key === 'string' && /^[A-Za-z0-9_-]{40,200}$/.test(raw.key) ? raw.key : createToken();
  const origins = Array.isArray(raw.origins)
    ? raw.origins.filter((o): o is string => typeof o === 'string').slice(-MAX_CLIPPER_ORIGINS)
    : [];
  return { enabled: raw.enabled === true, port: validPort(raw.port) ? raw.port : 0, key, origins };
}

export class ClipperListener {
  private state: ListenerState;
  private server: RunningServer | null = null;
  private error: string | null = null;
  /** Start and stop run one at a time: a quick on-off-on from the page never leaves two servers. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly allowed: string[] = [];

  constructor(private readonly options: ClipperListenerOptions) {
    this.state = readState(options.stateFile);
    this.syncAllowed();
  }

  info(): ClipperListenerInfo {
    const running = this.server !== null;
    return {
      enabled: this.state.enabled,
      running,
      port: this.server?.port ?? this.state.port,
      url: this.server?.url ?? null,
      pairingCode: this.server ? formatPairingCode(this.server.port, this.state.key) : null,
      origins: [...this.state.origins],
      error: this.error,
    };
  }

  /** At launch: listens if the setting is on. A port taken by another program shows as `error`, never a throw. */
  start(): Promise<ClipperListenerInfo> {
    return this.serial(async () => {
      if (this.state.enabled) await this.listen();
      return this.info();
    });
  }

  /** The setting: on listens (on `port` when given: 0 for any free one), off stops; both remembered. */
  setEnabled(enabled: boolean, port?: number): Promise<ClipperListenerInfo> {
    if (port !== undefined && !validPort(port)) {
      return Promise.reject(new RangeError(`${String(port)} is not a port number (0 to 65535)`));
    }
    return this.serial(async () => {
      const portChanged = port !== undefined && port !== (this.server?.port ?? this.state.port);
      this.state = { ...this.state, enabled, ...(port !== undefined ? { port } : {}) };
      this.save();
      if (!enabled || portChanged) await this.close();
      if (enabled && !this.server) await this.listen();
      else this.error = null;
      return this.info();
    });
  }

  /** A new code: the old key stops working at once and every paired browser must pair again. */
  newPairingCode(): Promise<ClipperListenerInfo> {
    return this.serial(() => {
      this.state = { ...this.state, key: createToken(), origins: [] };
      this.save();
      this.syncAllowed();
      return Promise.resolve(this.info());
    });
  }

  /** App quit: stops listening without changing the setting. */
  stop(): Promise<void> {
    return this.serial(() => this.close());
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private save(): void {
    writeTokenFile(this.options.stateFile, JSON.stringify(this.state));
  }

  private async listen(): Promise<void> {
    try {
      this.server = await startServer({
        call: (method, input) => this.options.call(method, input),
        port: this.state.port,
        clipperOnly: true,
        clipper: {
          // Live: an origin paired while the listener runs is allowed on its next request.
          origins: this.allowed,
          keyMatches: (given) => tokensMatch(this.state.key, given),
          pair: (origin, given) => this.pair(origin, given),
        },
      });
      this.error = null;
      if (this.state.port !== this.server.port) {
        // "Any free port" becomes this port from now on, so the pairing code stays valid after a restart.
        this.state = { ...this.state, port: this.server.port };
        this.save();
      }
    } catch (err) {
      this.server = null;
      const code = (err as NodeJS.ErrnoException).code;
      this.error =
        code === 'EADDRINUSE'
          ? `Port ${this.state.port} is in use by another program: choose another port (0 picks a free one).`
          : `The clipper listener could not start: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await server.close();
  }

  private pair(origin: string, given: string | null): string | null {
    if (!tokensMatch(this.state.key, given)) return null;
    if (!this.state.origins.includes(origin)) {
      const origins = [...this.state.origins, origin].slice(-MAX_CLIPPER_ORIGINS);
      this.state = { ...this.state, origins };
      this.save();
      this.syncAllowed();
    }
    return `Paired with Stacks: this browser may now send pages (${CLIPPER_METHOD} only).`;
  }

  /** The running server reads this very array on each request: kept equal to the saved origins. */
  private syncAllowed(): void {
    this.allowed.splice(0, this.allowed.length, ...this.state.origins);
  }
}
