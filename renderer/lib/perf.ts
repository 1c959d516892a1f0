// Named User Timing marks (performance.mark/measure) around the renderer's hot paths, for `npm run bench` and DevTools.

/** Marks `name` now; cheap enough to leave in production builds (a few per user action). */
export function mark(name: string): void {
  performance.mark(`st:${name}`);
}

/** Measures from mark `from` (when it exists) to now as `st:name`; the duration shows in DevTools' Timings track. */
export function measure(name: string, from: string): void {
  try {
    performance.measure(`st:${name}`, `st:${from}`);
  } catch {
    // the start mark was never set (e.g. a view opened straight from the address bar): nothing to measure
  }
}
