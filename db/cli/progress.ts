// The CLI's one progress bar (import, export): on stderr, only on a terminal, started by the first report, cleared at the end.
import cliProgress from 'cli-progress';

export interface ProgressBar<P extends object> {
  /** Shows `done` of `total` with the format's named fields; a total that grows (a web archive listed) is followed. */
  update(done: number, total: number, fields: P): void;
  stop(): void;
}

/**
 * A bar with `label [bar] {value}/{total}` followed by `details` (cli-progress placeholders such as `{eta_text}`).
 * Off (every call does nothing) when `enabled` is false or stderr is not a terminal: scripts and pipes get no
 * carriage returns.
 */
export function progressBar<P extends object>(enabled: boolean, label: string, details: string): ProgressBar<P> {
  if (!enabled || process.stderr.isTTY !== true) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total}${details}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, fields) {
      if (!started) {
        bar.start(total, done, fields);
        started = true;
        return;
      }
      if (total !== bar.getTotal()) bar.setTotal(total);
      bar.update(done, fields);
    },
    stop: () => bar.stop(),
  };
}
