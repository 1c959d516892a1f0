// Finds and starts our worker-thread entries: the built .js beside the caller, else its .ts source through tsx.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** `name`.js beside `base` (a module's import.meta.url) when it exists, else `name`.ts (tests and tsx runs). */
export function workerEntry(base: string, name: string): URL {
  const js = new URL(`./${name}.js`, base);
  if (js.protocol === 'file:' && fs.existsSync(fileURLToPath(js))) return js;
  return new URL(`./${name}.ts`, base);
}

/**
 * Starts a worker, unref'd (its owner refs it while work is in flight). A TypeScript entry starts through a tiny
 * JS shim that registers tsx inside the thread: `execArgv: ['--import', 'tsx']` is not honoured by workers on
 * every Node 20 release. `data` reaches the entry as workerData either way.
 */
export function spawnWorker(url: URL, data: Record<string, unknown> = {}, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  const worker = url.pathname.endsWith('.ts')
    ? new Worker(new URL('./extract/extract-worker-tsx.mjs', import.meta.url), {
        workerData: { ...data, entry: url.href },
        ...limits,
      })
    : new Worker(url, { workerData: data, ...limits });
  worker.unref();
  return worker;
}
