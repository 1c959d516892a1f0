// The XSS suite's witnesses: a tripwire binding payloads call, dialogs, console, CSP reports, requests, navigations, popups.
import type { BrowserContext, Page } from 'playwright-core';

export interface Finding {
  kind:
    | 'execution'
    | 'dialog'
    | 'remote-request'
    | 'navigation'
    | 'popup'
    | 'frame'
    | 'csp-violation'
    | 'console'
    | 'page-error';
  detail: string;
  /** What the suite was looking at when it happened (set by the runner). */
  during: string;
}

export interface Watch {
  findings: Finding[];
  /** Requests seen, all of them to the server (others are counted as findings and aborted). */
  requests: number;
  /** Sets the label findings are filed under from now on. */
  during(label: string): void;
  /** The suite's own page; any other page that appears in the context is a popup. */
  openPage(): Promise<Page>;
}

/**
 * Arms a browser context before any page of it loads. The tripwire `__xss(n)` is a binding (a call into this
 * process), so a payload that runs is counted even if it then navigates or breaks the page; the payload's
 * number says which one.
 */
let watchPopups: (p: Page) => void = () => undefined;

export async function watchContext(context: BrowserContext, serverOrigin: string): Promise<Watch> {
  const findings: Finding[] = [];
  let label = 'start';
  let opening = false;
  const file = (kind: Finding['kind'], detail: string) => findings.push({ kind, detail, during: label });
  const watch: Watch = {
    findings,
    requests: 0,
    during(l) {
      label = l;
    },
    async openPage() {
      opening = true;
      const page = await context.newPage().finally(() => (opening = false));
      watchPage(page, serverOrigin, file);
      return page;
    },
  };

  await context.exposeBinding('__xss', (_source, n: unknown) => file('execution', `payload ${String(n)}`));
  await context.exposeBinding('__xssReport', (_source, kind: unknown, detail: unknown) =>
    file(kind as Finding['kind'], String(detail)),
  );
  // Also catch what the public lists use verbatim (alert/confirm/print) and CSP or Trusted Types refusals: a
  // refusal means a sanitizer let something through that only the policy stopped.
  await context.addInitScript(() => {
    const report = (window as unknown as { __xssReport: (k: string, d: string) => void }).__xssReport;
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
        report('execution', `${name}(${args.map(String).join(',')})`);
    }
    document.addEventListener('securitypolicyviolation', (e) =>
      report('csp-violation', `${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });

  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${serverOrigin}/`)) {
      watch.requests++;
      return route.continue();
    }
    file('remote-request', url);
    return route.abort('blockedbyclient');
  });
  // a popup shows up as the context's new page and as its opener's popup event: counted once
  const popups = new WeakSet<Page>();
  const popup = (p: Page) => {
    if (popups.has(p)) return;
    popups.add(p);
    file('popup', p.url());
  };
  watchPopups = popup;
  context.on('page', (p) => {
    if (!opening) popup(p);
  });
  return watch;
}

function watchPage(page: Page, serverOrigin: string, file: (kind: Finding['kind'], detail: string) => void): void {
  page.on('popup', (p) => watchPopups(p));
  page.on('dialog', (d) => {
    file('dialog', `${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') file('console', m.text());
  });
  page.on('pageerror', (e) => file('page-error', e.message));
  page.on('frameattached', (f) => file('frame', f.url() || 'about:blank'));
  page.on('framenavigated', (f) => {
    if (f !== page.mainFrame()) return file('frame', f.url());
    const u = new URL(f.url());
    if (u.origin !== serverOrigin || u.pathname !== '/') file('navigation', f.url());
  });
}

/**
 * Proves the witnesses can see what they look for, so a run with zero findings means something: the page itself
 * (not archived content) calls the tripwire, adds an inline handler, fetches a remote URL and moves to another
 * path. With the CSP on, the handler must be refused by Trusted Types and the fetch by connect-src instead. The control findings
 * are then removed.
 */
export async function proveWitnesses(page: Page, watch: Watch, cspOn: boolean): Promise<void> {
  watch.during('control');
  const before = watch.findings.length;
  await page.evaluate(() => {
    (window as unknown as { __xss: (n: number) => void }).__xss(0);
    const img = document.createElement('img');
    try {
      img.setAttribute('onerror', '__xss(-1)');
    } catch {
      // Trusted Types refused the handler (and reported it): the control for that policy
    }
    img.src = '/control-missing.png';
    document.body.append(img);
    void fetch('http://192.0.2.1/control').catch(() => undefined);
    const at = location.href;
    history.pushState(null, '', '/control-elsewhere');
    history.replaceState(null, '', at);
    setTimeout(() => img.remove(), 500);
  });
  const want = cspOn
    ? ['execution:payload 0', 'csp-violation:require-trusted-types-for', 'csp-violation:connect-src', 'navigation']
    : ['execution:payload 0', 'execution:payload -1', 'remote-request', 'navigation'];
  const seen = () => watch.findings.slice(before).map((f) => `${f.kind}:${f.detail}`);
  const deadline = Date.now() + 10_000;
  while (!want.every((w) => seen().some((s) => s.startsWith(w)))) {
    if (Date.now() > deadline)
      throw new Error(`the witnesses missed a control: want ${want.join(', ')}; saw ${seen().join(' | ')}`);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(200);
  watch.findings.splice(before);
}
