// robots.txt (RFC 9309), fetched once per site and run: read with robots-parser, for the Stacks user agent.
import robotsParserModule from 'robots-parser';

interface Robots {
  isDisallowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
}
// The package is CommonJS (module.exports = the parser function); its typings declare an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robots;
import { fetchExchange, FetchError } from './exchange.js';
import type { CaptureSettings } from './settings.js';

/** The product token robots.txt groups are matched against. */
export const ROBOTS_AGENT = 'Stacks';

type Verdict = { allowed: true } | { allowed: false; reason: string };

export class RobotsRules {
  private readonly sites = new Map<string, Promise<(url: string) => Verdict>>();

  constructor(
    private readonly settings: CaptureSettings,
    private readonly gate: (host: string, fn: () => Promise<unknown>) => Promise<unknown>,
  ) {}

  /** Whether the site lets Stacks fetch `url`; a network failure is thrown (the page fetch would fail too). */
  async check(url: string, signal?: AbortSignal): Promise<Verdict> {
    if (this.settings.ignoreRobots) return { allowed: true };
    const origin = new URL(url).origin;
    let rules = this.sites.get(origin);
    if (!rules) {
      rules = this.load(origin, signal);
      this.sites.set(origin, rules);
      rules.catch(() => this.sites.delete(origin));
    }
    return (await rules)(url);
  }

  private async load(origin: string, signal?: AbortSignal): Promise<(url: string) => Verdict> {
    const robotsUrl = `${origin}/robots.txt`;
    const ex = (await this.gate(new URL(origin).host, () =>
      fetchExchange(
        robotsUrl,
        { ...this.settings, maxBytes: Math.min(this.settings.maxBytes, 512 * 1024) },
        {
          accept: 'text/plain,*/*;q=0.5',
          ...(signal ? { signal } : {}),
        },
      ).catch((err: unknown) => {
        // A robots.txt over 500 KB is read no further than a crawler would: RFC 9309 asks for at least 500 KiB.
        if (err instanceof FetchError && err.kind === 'too-large') return null;
        throw err;
      }),
    )) as Awaited<ReturnType<typeof fetchExchange>> | null;
    // No rules found (a 4xx, or a redirect, which RFC 9309 lets a crawler treat as unavailable): all allowed.
    if (ex === null || ex.status < 200 || (ex.status >= 300 && ex.status < 500)) return () => ({ allowed: true });
    if (ex.status >= 500) {
      // RFC 9309 2.3.1.4: an unreachable robots.txt means the whole site is off limits.
      return () => ({
        allowed: false,
        reason: `its robots.txt could not be read (HTTP ${ex.status}), which counts as "no"; capture with robots.txt ignored to fetch it anyway`,
      });
    }
    const robots = robotsParser(robotsUrl, Buffer.from(ex.body).toString('utf8'));
    return (url) =>
      robots.isDisallowed(url, ROBOTS_AGENT)
        ? {
            allowed: false,
            reason: `the site's robots.txt does not allow it (line ${robots.getMatchingLineNumber(url, ROBOTS_AGENT)}); capture with robots.txt ignored to fetch it anyway`,
          }
        : { allowed: true };
  }
}
