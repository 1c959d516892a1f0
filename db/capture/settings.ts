// The limits and manners of a capture: timeouts, sizes, redirects, delays, retries, and the honest user agent.
import { SOFTWARE } from '../export/warc-records.js';

/** The version Stacks names in its user agent and provenance (the one it writes into its WARC files). */
export const STACKS_VERSION = SOFTWARE.replace(/^Stacks\s+/, '');

/** Says who fetches and why, so a site's owner can tell a user's one-off capture from a crawler. */
export const USER_AGENT = `Stacks/${STACKS_VERSION} (+offline archive; capture on user request)`;

/** Version of the capture importer, recorded on each capture it makes. */
export const CAPTURE_IMPORTER_VERSION = '1.0.0';

export interface CaptureSettings {
  /** Longest wait for the TCP (and TLS) connection. */
  connectTimeoutMs: number;
  /** Longest silence while waiting for or reading the answer. */
  readTimeoutMs: number;
  /** Longest one exchange may take in all: a server dripping bytes forever is cut off here. */
  totalTimeoutMs: number;
  /** Largest answer (headers and body) kept; a larger or endless one is aborted. */
  maxBytes: number;
  /** Redirects followed before giving up. */
  maxRedirects: number;
  /** Time between two page requests to the same host (bulk capture). */
  hostDelayMs: number;
  /** Hosts fetched from at the same time (bulk capture). */
  concurrency: number;
  /** Further attempts after a 429 or 5xx answer (or a dropped connection). */
  retries: number;
  /** First back-off when the server gives no Retry-After; doubled on each attempt. */
  backoffMs: number;
  /** Longest Retry-After honoured: a server asking for more is reported, not waited for. */
  maxRetryAfterMs: number;
  /** Images fetched for one page, and their total size. */
  maxImages: number;
  maxImageBytes: number;
  /** Fetch even where robots.txt says no (the user asked for this page by name). */
  ignoreRobots: boolean;
}

export const DEFAULT_CAPTURE_SETTINGS: CaptureSettings = {
  connectTimeoutMs: 10_000,
  readTimeoutMs: 20_000,
  totalTimeoutMs: 120_000,
  maxBytes: 50 * 1024 * 1024,
  maxRedirects: 10,
  hostDelayMs: 1_000,
  concurrency: 4,
  retries: 2,
  backoffMs: 1_000,
  maxRetryAfterMs: 30_000,
  maxImages: 60,
  maxImageBytes: 32 * 1024 * 1024,
  ignoreRobots: false,
};
