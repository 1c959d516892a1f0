// A page fetched as the user asked: robots.txt checked, redirects followed (each hop kept), 429/5xx retried with back-off.
import { ArchiveError } from '../contract/errors.js';
import { fetchExchange, FetchError, type Exchange } from './exchange.js';
import { sleep } from './host-gate.js';
import type { RobotsRules } from './robots.js';
import type { CaptureSettings } from './settings.js';

export interface FetchedChain {
  /** Every answer on the way, the redirects first and the final answer last. */
  exchanges: Exchange[];
  final: Exchange;
}

export type Gate = <T>(host: string, fn: () => Promise<T>, delay?: boolean) => Promise<T>;

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Retry-After in ms (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function webUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ArchiveError('INVALID_INPUT', `Not a web address: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ArchiveError(
      'INVALID_INPUT',
      `Only http and https addresses are captured, not ${url.protocol} (${value})`,
    );
  }
  url.hash = '';
  return url;
}

/** One answer for one address, retried on 429/5xx and dropped connections. */
async function fetchWithRetries(
  url: string,
  settings: CaptureSettings,
  gate: Gate,
  options: { accept?: string; signal?: AbortSignal; delay: boolean },
): Promise<Exchange> {
  const host = new URL(url).host;
  for (let attempt = 0; ; attempt++) {
    let ex: Exchange;
    try {
      ex = await gate(host, () => fetchExchange(url, settings, options), options.delay);
    } catch (err) {
      // A dropped connection is worth another try; no network, a timeout or a size cap are not.
      const again = err instanceof FetchError && err.kind === 'network' && /closed the connection/.test(err.message);
      if (!again || attempt >= settings.retries) throw err;
      await sleep(settings.backoffMs * 2 ** attempt, options.signal);
      continue;
    }
    if (!RETRY_STATUSES.has(ex.status) || attempt >= settings.retries) return ex;
    const header = ex.headers['retry-after'];
    const asked = retryAfterMs(Array.isArray(header) ? header[0] : header);
    if (asked !== null && asked > settings.maxRetryAfterMs) {
      throw new FetchError(
        `${host} answered ${ex.status} and asked to wait ${Math.round(asked / 1000)} s, longer than Stacks waits (${settings.maxRetryAfterMs / 1000} s): try again later.`,
        'network',
      );
    }
    await sleep(asked ?? settings.backoffMs * 2 ** attempt, options.signal);
  }
}

/** Fetches `target`, following redirects up to the limit; a loop or a redirect off the web is an error. */
export async function fetchChain(
  target: string,
  settings: CaptureSettings,
  gate: Gate,
  robots: RobotsRules,
  options: { accept?: string; signal?: AbortSignal; delay?: boolean } = {},
): Promise<FetchedChain> {
  let url = webUrl(target).href;
  const seen = new Set<string>();
  const exchanges: Exchange[] = [];
  for (;;) {
    if (seen.has(url)) {
      throw new FetchError(`Redirect loop: ${[...seen, url].join(' → ')}`, 'network');
    }
    seen.add(url);
    const verdict = await robots.check(url, options.signal);
    if (!verdict.allowed) throw new ArchiveError('INVALID_INPUT', `Not fetched: ${url}: ${verdict.reason}.`);
    const ex = await fetchWithRetries(url, settings, gate, { ...options, delay: options.delay ?? true });
    exchanges.push(ex);
    const location = ex.headers.location;
    if (!REDIRECTS.has(ex.status) || !location) return { exchanges, final: ex };
    if (exchanges.length > settings.maxRedirects) {
      throw new FetchError(`More than ${settings.maxRedirects} redirects from ${target}.`, 'network');
    }
    url = webUrl(new URL(location, url).href).href;
  }
}
