// Section: the desktop UI in Chromium through `stacks serve`: keystroke -> painted results, open article, facet click,
// timeline, library scroll.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { backupSettings, setBackupSettings } from '../db/backup/rotation.js';
import { openArchive } from '../db/open.js';
import { round, summarize, type LatencySummary } from './measure.js';

export interface UiFigures {
  articles: number;
  queries: number;
  /** Last keydown of a query typed char by char -> first frame painted with its results (debounce included). */
  keystrokeToPaint: LatencySummary;
  /** Pointer down on a hit -> first frame painted with the article text in the reader. */
  openArticle: LatencySummary;
  /** Click on a site facet -> first frame painted with the refined results. */
  facetClick: LatencySummary;
  /** Navigating to the timeline -> first frame painted with its chart. */
  timelineOpen: LatencySummary;
  /** Switching the timeline to "Date published" -> the chart repainted with the new buckets. */
  timelineToggle: LatencySummary;
  /** Click on a timeline column -> the library painted with that period's rows. */
  timelineToLibrary: LatencySummary;
  /** The virtualized library scrolled by script for SCROLL_MS; frame deltas from requestAnimationFrame. */
  scroll: {
    ms: number;
    frames: number;
    longFrames: number;
    droppedFrames: number;
    worstFrameMs: number;
    pixels: number;
  };
  debounceMs: number | null;
  /** Why opening a hit failed, as the reader said it (null when every hit opened). */
  openArticleProblem: string | null;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TYPING_DELAY_MS = 40;
/** A long fling through the library: 10 s at 60 px a frame (~530 rows of 68 px). */
const SCROLL_MS = 10_000;
const TIMELINE_ROUNDS = 5;

/** Builds the renderer when dist/renderer is missing or older than its sources. */
function ensureRendererBuilt(log: (s: string) => void): string | null {
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return t;
  };
  const index = path.join(RENDERER_DIR, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest(path.join(ROOT, 'renderer'))) return null;
  log('  building the renderer (npm run build:renderer)...');
  const r = spawnSync('npm', ['run', 'build:renderer'], { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0
    ? null
    : `renderer build failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`;
}

/**
 * Turns the archive's daily automatic backup on or off; returns the previous setting. `stacks serve` starts that
 * backup in the background when one is due, and it would run through the measurements (a 10 GB copy at 1M articles):
 * the backup has its own figure in the versions section.
 */
function setAutomaticBackup(archiveFile: string, on: boolean): boolean {
  const archive = openArchive(archiveFile);
  try {
    const was = backupSettings(archive.db).automatic;
    if (was !== on) setBackupSettings(archive.db, { automatic: on });
    return was;
  } finally {
    archive.close();
  }
}

/** `stacks --archive FILE serve --port 0` in its own process; resolves with the URL it prints. */
function startServe(archiveFile: string): Promise<{ child: ChildProcess; openUrl: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin', 'stacks.js'), '--archive', archiveFile, 'serve', '--port', '0'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`stacks serve printed no URL in 60 s: ${err || out}`));
    }, 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, openUrl: m[1]!, stderr: () => err });
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stacks serve exited (${code}): ${err.trim() || out.trim()}`));
    });
  });
}

/** In-page helpers, installed before the app loads: input timestamps and "painted" detection across shadow roots. */
export function installPageHelpers(): void {
  const w = window as unknown as { __stBench: Record<string, unknown> };
  const state = { lastKey: 0, lastPointer: 0, mark: 0, navigatedAt: 0 };
  addEventListener(
    'keydown',
    () => {
      state.lastKey = performance.now();
    },
    true,
  );
  addEventListener(
    'pointerdown',
    () => {
      state.lastPointer = performance.now();
    },
    true,
  );
  const deepOne = (selector: string, root: Document | ShadowRoot | Element): Element | null => {
    const direct = root.querySelector(selector);
    if (direct) return direct;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const found = deepOne(selector, el.shadowRoot);
        if (found) return found;
      }
    }
    return null;
  };
  /** 'host >> inner': each part is looked up through shadow roots inside the previous match. */
  const deep = (selector: string): Element | null => {
    let found: Element | null = null;
    for (const part of selector.split(' >> ')) {
      const scope: Document | ShadowRoot | Element = found ? (found.shadowRoot ?? found) : document;
      found = deepOne(part, scope);
      if (!found) return null;
    }
    return found;
  };
  /**
   * Polls once per frame; when `check` holds in a frame callback, that frame paints it: time after the paint.
   * The message is posted from that same callback, so it runs right after this frame's rendering (waiting for
   * one more animation frame first would add a whole frame, ~16.7 ms, to every figure).
   */
  const painted = (check: () => boolean, since: () => number, timeoutMs: number): Promise<number> =>
    new Promise((resolve) => {
      const started = performance.now();
      const tick = (): void => {
        if (check()) {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve(performance.now() - since());
          ch.port2.postMessage(0);
        } else if (performance.now() - started > timeoutMs) resolve(-1);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  w.__stBench = { state, deep, painted };
}

type Helpers = {
  state: { lastKey: number; lastPointer: number; mark: number; navigatedAt: number };
  deep(selector: string): Element | null;
  painted(check: () => boolean, since: () => number, timeoutMs: number): Promise<number>;
};

/** The renderer's own User Timing measures (st:*) since the input, as "name start+duration" for the log; then cleared. */
async function timings(page: Page, since: 'lastKey' | 'lastPointer'): Promise<string> {
  const parts = await page.evaluate((key) => {
    const t0 = (window as unknown as { __stBench: Helpers }).__stBench.state[key];
    const out = performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('st:') && m.startTime + m.duration >= t0)
      .map((m) => `${m.name.slice(3)} ${Math.round(m.startTime - t0)}+${Math.round(m.duration)}`);
    performance.clearMeasures();
    return out;
  }, since);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

async function waitForResults(page: Page, query: string): Promise<number> {
  return page.evaluate(
    ([q, timeout]) => {
      const h = (window as unknown as { __stBench: Helpers }).__stBench;
      return h.painted(
        () => {
          const layout = h.deep('st-search-view >> .layout');
          const current = new URLSearchParams(location.hash.split('?')[1] ?? '').get('q');
          return !!layout && layout.getAttribute('aria-busy') === 'false' && current === q;
        },
        () => h.state.lastKey,
        timeout,
      );
    },
    [query, 10_000] as const,
  );
}

export async function benchUi(
  archiveFile: string,
  queries: string[],
  articles: number,
  log: (s: string) => void = () => {},
): Promise<UiFigures | { skipped: string }> {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} is not installed` };
  if (!fs.existsSync(path.join(ROOT, 'renderer', 'index.html'))) return { skipped: 'renderer/ has not landed yet' };
  if (!fs.existsSync(path.join(ROOT, 'db', 'cli', 'commands', 'serve.ts')))
    return { skipped: 'stacks serve has not landed yet' };
  const buildProblem = ensureRendererBuilt(log);
  if (buildProblem) return { skipped: buildProblem };
  let pw: typeof import('playwright-core');
  try {
    pw = await import('playwright-core');
  } catch (err) {
    return { skipped: `playwright-core: ${(err as Error).message}` };
  }

  let serve: { child: ChildProcess; openUrl: string; stderr: () => string } | null = null;
  let browser: Browser | null = null;
  const backupWas = setAutomaticBackup(archiveFile, false);
  try {
    serve = await startServe(archiveFile);
    browser = await pw.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    // tsx/esbuild keep function names with a __name() helper that does not exist in the page: provide it.
    await page.addInitScript({
      content: `globalThis.__name = globalThis.__name || ((f) => f); (${installPageHelpers.toString()})();`,
    });
    await page.goto(serve.openUrl);
    await page.waitForFunction(
      () => !!(window as unknown as { __stBench: Helpers }).__stBench.deep('st-sidebar'),
      undefined,
      { timeout: 30_000 },
    );

    // ---- search as you type, then open the first hit ----
    await page.evaluate(() => {
      location.hash = '#/search';
    });
    const input = page.locator('st-search-view #q');
    await input.waitFor({ timeout: 15_000 });
    const keyMs: number[] = [];
    const openMs: number[] = [];
    const facetMs: number[] = [];
    let warmed = false;
    let openProblem: string | null = null;
    let failures = 0;
    for (const q of queries) {
      if (!(await page.evaluate(() => location.hash.startsWith('#/search')))) {
        await page.evaluate(() => {
          location.hash = '#/search';
        });
        await input.waitFor();
      }
      await input.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.waitForFunction(
        () => !(window as unknown as { __stBench: Helpers }).__stBench.deep('st-search-view >> .layout'),
        undefined,
        { timeout: 10_000 },
      );
      await page.keyboard.type(q, { delay: TYPING_DELAY_MS });
      const ms = await waitForResults(page, q);
      if (ms < 0) {
        log(`  no results painted for "${q}" within 10 s`);
        if (++failures >= 3 && keyMs.length === 0) {
          const said = serve
            .stderr()
            .trim()
            .split('\n')
            .filter((l) => /error/i.test(l))
            .slice(-2)
            .join(' ');
          return {
            skipped: `search results were never painted${said ? `; stacks serve said: ${said}` : serve.child.exitCode !== null ? '; stacks serve exited' : ''}`,
          };
        }
        continue;
      }
      if (!warmed) {
        warmed = true;
        continue;
      } // the first query pays for JIT and caches; not a figure
      keyMs.push(ms);
      log(`  "${q}": painted ${Math.round(ms)} ms after the last keystroke${await timings(page, 'lastKey')}`);

      // Refine by the first site facet: pointer down -> the refined results painted.
      const facet = page.locator('st-search-view aside section button').first();
      if ((await facet.count()) > 0) {
        const refined = page.evaluate(
          ([base, timeout]) => {
            const h = (window as unknown as { __stBench: Helpers }).__stBench;
            const mark = h.state.lastPointer;
            return h.painted(
              () => {
                const layout = h.deep('st-search-view >> .layout');
                const current = new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') ?? '';
                return (
                  h.state.lastPointer !== mark &&
                  !!layout &&
                  layout.getAttribute('aria-busy') === 'false' &&
                  current !== base &&
                  current.startsWith(`${base} `)
                );
              },
              () => h.state.lastPointer,
              timeout,
            );
          },
          [q, 10_000] as const,
        );
        await facet.click();
        const f = await refined;
        if (f >= 0) {
          facetMs.push(f);
          log(`    site facet painted in ${Math.round(f)} ms${await timings(page, 'lastPointer')}`);
        } else log(`  the site facet of "${q}" painted nothing within 10 s`);
      }

      const hit = page.locator('st-search-view a.hit').first();
      if ((await hit.count()) === 0) continue;
      // Mark first (awaited), so the watcher cannot mistake an earlier click for this one.
      await page.evaluate(() => {
        const st = (window as unknown as { __stBench: Helpers }).__stBench.state;
        st.mark = st.lastPointer;
      });
      const opened = page.evaluate((timeout) => {
        const h = (window as unknown as { __stBench: Helpers }).__stBench;
        return h.painted(
          () => {
            const content = h.deep('st-reader >> .content');
            return h.state.lastPointer !== h.state.mark && !!content && (content.textContent ?? '').length > 200;
          },
          () => h.state.lastPointer,
          timeout,
        );
      }, 10_000);
      await hit.click();
      const o = await opened;
      if (o >= 0) {
        openMs.push(o);
        log(`    opened in ${Math.round(o)} ms${await timings(page, 'lastPointer')}`);
      } else if (!openProblem) {
        // Say why: the reader shows its own error box when an article cannot be opened.
        openProblem = await page.evaluate(() => {
          const h = (window as unknown as { __stBench: Helpers }).__stBench;
          const box = h.deep('st-reader >> .empty');
          return box
            ? (box.textContent ?? '').replace(/\s+/g, ' ').trim()
            : 'the reader painted no article text within 10 s';
        });
        log(`  opening a hit failed: ${openProblem}`);
      }
    }

    if (keyMs.length === 0) return { skipped: 'no query painted results (see the notes above)' };

    // ---- timeline: open it, switch it to published dates, click a column into the library ----
    const timelineOpenMs: number[] = [];
    const toggleMs: number[] = [];
    const toLibraryMs: number[] = [];
    for (let round = 0; round < TIMELINE_ROUNDS + 1; round++) {
      await page.evaluate(() => {
        location.hash = '#/library';
      });
      await page.waitForFunction(
        () => !!(window as unknown as { __stBench: Helpers }).__stBench.deep('st-library-view'),
        undefined,
        { timeout: 30_000 },
      );
      const openedTimeline = await page.evaluate((timeout) => {
        const h = (window as unknown as { __stBench: Helpers }).__stBench;
        h.state.navigatedAt = performance.now();
        location.hash = '#/timeline';
        return h.painted(
          () => !!h.deep('st-timeline-view >> svg.chart rect.hit'),
          () => h.state.navigatedAt,
          timeout,
        );
      }, 30_000);
      if (openedTimeline < 0) {
        log('  the timeline painted no chart within 30 s');
        break;
      }
      const columnsBefore = await page.evaluate(() => {
        const h = (window as unknown as { __stBench: Helpers }).__stBench;
        return h.deep('st-timeline-view')?.shadowRoot?.querySelectorAll('svg.chart rect.hit').length ?? 0;
      });
      const toggled = page.evaluate(
        ([before, timeout]) => {
          const h = (window as unknown as { __stBench: Helpers }).__stBench;
          const mark = h.state.lastPointer;
          return h.painted(
            () => {
              const root = h.deep('st-timeline-view')?.shadowRoot;
              const pressed = root?.querySelector('button[role="radio"][aria-checked="true"]')?.textContent ?? '';
              const columns = root?.querySelectorAll('svg.chart rect.hit').length ?? 0;
              return h.state.lastPointer !== mark && /published/i.test(pressed) && columns > 0 && columns !== before;
            },
            () => h.state.lastPointer,
            timeout,
          );
        },
        [columnsBefore, 30_000] as const,
      );
      await page.locator('st-timeline-view button[role="radio"]', { hasText: /published/i }).click();
      const t = await toggled;
      const column = page.locator('st-timeline-view svg.chart rect.hit').last();
      const toLibrary = page.evaluate((timeout) => {
        const h = (window as unknown as { __stBench: Helpers }).__stBench;
        const mark = h.state.lastPointer;
        return h.painted(
          () =>
            h.state.lastPointer !== mark &&
            location.hash.startsWith('#/library') &&
            !!h.deep('st-library-view >> .month-chip') &&
            !!h.deep('st-library-view >> .scroller .row:not([aria-busy="true"])'),
          () => h.state.lastPointer,
          timeout,
        );
      }, 30_000);
      await column.click();
      const l = await toLibrary;
      log(
        `  timeline: chart ${Math.round(openedTimeline)} ms, by published ${Math.round(t)} ms, column -> library ${Math.round(l)} ms${round === 0 ? ' (warm-up)' : ''}`,
      );
      if (round === 0) continue; // the first pass loads the views' code and warms the server's caches
      timelineOpenMs.push(openedTimeline);
      if (t >= 0) toggleMs.push(t);
      if (l >= 0) toLibraryMs.push(l);
    }

    // ---- library scroll ----
    await page.evaluate(() => {
      location.hash = '#/library';
    });
    await page.waitForFunction(
      () => {
        const h = (window as unknown as { __stBench: Helpers }).__stBench;
        return !!h.deep('st-library-view >> .scroller .row:not([aria-busy="true"])');
      },
      undefined,
      { timeout: 30_000 },
    );
    const scroll = await page.evaluate(
      (scrollMs) =>
        new Promise<UiFigures['scroll']>((resolve) => {
          const h = (window as unknown as { __stBench: Helpers }).__stBench;
          const scroller = h.deep('st-library-view >> .scroller') as HTMLElement;
          const deltas: number[] = [];
          const start = performance.now();
          let last = start;
          const step = (t: number): void => {
            deltas.push(t - last);
            last = t;
            scroller.scrollTop += 60; // ~3,600 px/s: a brisk fling through the list
            if (t - start < scrollMs) requestAnimationFrame(step);
            else {
              const frames = deltas.slice(1); // the first delta is from the start call, not a frame
              resolve({
                ms: t - start,
                frames: frames.length,
                pixels: scroller.scrollTop,
                longFrames: frames.filter((d) => d > 16.7).length,
                droppedFrames: frames.reduce((n, d) => n + Math.max(0, Math.round(d / (1000 / 60)) - 1), 0),
                worstFrameMs: Math.max(0, ...frames),
              });
            }
          };
          requestAnimationFrame((t) => {
            last = t;
            requestAnimationFrame(step);
          });
        }),
      SCROLL_MS,
    );
    const debounce = /DEBOUNCE_MS = (\d+)/.exec(
      fs.readFileSync(path.join(ROOT, 'renderer', 'views', 'st-search-view.ts'), 'utf8'),
    );
    return {
      articles,
      queries: keyMs.length,
      keystrokeToPaint: summarize(keyMs),
      openArticle: summarize(openMs),
      facetClick: summarize(facetMs),
      timelineOpen: summarize(timelineOpenMs),
      timelineToggle: summarize(toggleMs),
      timelineToLibrary: summarize(toLibraryMs),
      scroll: { ...scroll, ms: round(scroll.ms), worstFrameMs: round(scroll.worstFrameMs) },
      debounceMs: debounce ? Number(debounce[1]) : null,
      openArticleProblem: openProblem,
    };
  } catch (err) {
    return { skipped: `UI run failed: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    await browser?.close().catch(() => undefined);
    if (serve && serve.child.exitCode === null) {
      const exited = new Promise((r) => serve!.child.once('exit', r));
      serve.child.kill('SIGTERM');
      await exited;
    }
    if (backupWas) setAutomaticBackup(archiveFile, true);
  }
}
