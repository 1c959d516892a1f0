// Files the OS asks the desktop app to open (launch arguments, a second launch, macOS open-file): picked out and imported one batch at a time.
import fs from 'node:fs';
import path from 'node:path';

/** Options whose next argument is a value, not a file to open. */
const OPTIONS_WITH_VALUE = new Set(['--archive']);

function isRegularFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/**
 * The files named in an app's command line: argv[0] (the executable) and options are skipped, and so is the value of
 * `--archive`; what remains counts only if it is an existing regular file, which also drops the app folder (`.`)
 * that `electron .` passes in development. Which formats import is left to the importer, so an unsupported file is
 * reported with its reason rather than silently ignored.
 */
export function openedFilePaths(
  argv: readonly string[],
  cwd: string,
  isFile: (file: string) => boolean = isRegularFile,
): string[] {
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (arg.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(arg)) i++;
      continue;
    }
    const file = path.resolve(cwd, arg);
    if (isFile(file) && !files.includes(file)) files.push(file);
  }
  return files;
}

/**
 * Collects opened files until the archive is ready (macOS sends open-file before the app is), then hands them to the
 * import in batches, one at a time: files opened while an import runs wait for it instead of being dropped.
 */
export class OpenedFiles {
  #pending: string[] = [];
  #run: ((paths: string[]) => Promise<void>) | null = null;
  #draining: Promise<void> | null = null;

  add(paths: readonly string[]): void {
    for (const p of paths) if (!this.#pending.includes(p)) this.#pending.push(p);
    void this.#drain();
  }

  /** From now on batches go to `run`; whatever was opened before is imported first. */
  start(run: (paths: string[]) => Promise<void>): void {
    this.#run = run;
    void this.#drain();
  }

  /** Resolves when nothing is pending or running (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  #drain(): Promise<void> {
    if (!this.#run || this.#draining || this.#pending.length === 0) return this.#draining ?? Promise.resolve();
    const run = this.#run;
    this.#draining = (async () => {
      try {
        while (this.#pending.length > 0) {
          const batch = this.#pending.splice(0);
          // A failed batch is reported by `run` itself; the next batch still goes.
          await run(batch).catch(() => undefined);
        }
      } finally {
        this.#draining = null;
      }
    })();
    return this.#draining;
  }
}
