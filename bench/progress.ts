// Progress for long runs: every stderr line carries the elapsed time, long loops say their rate and time left,
// and each phase's duration is kept (the report prints them, so a small run can estimate a large one).

export interface Progress {
  /** One stderr line, prefixed with the time since the run started. */
  log(line: string): void;
  /** Marks the start of a phase (ending the previous one); its duration is kept under its name. */
  phase(name: string): void;
  /** Ends the current phase. */
  end(): void;
  /** A callback for a loop over `total` items: logs done/total, rate and time left, at most every `everyMs`. */
  counter(label: string, total: number, everyMs?: number): (done: number) => void;
  /** Seconds per phase, in the order they ran. */
  phases(): Array<{ name: string; seconds: number }>;
}

const clock = (ms: number): string => {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

export function createProgress(write: (s: string) => void = (s) => void process.stderr.write(s)): Progress {
  const started = performance.now();
  const done: Array<{ name: string; seconds: number }> = [];
  let current: { name: string; at: number } | null = null;
  const log = (line: string): void => write(`[${clock(performance.now() - started)}] ${line}\n`);
  const end = (): void => {
    if (!current) return;
    const seconds = (performance.now() - current.at) / 1000;
    done.push({ name: current.name, seconds: Math.round(seconds * 10) / 10 });
    log(`${current.name}: done in ${clock(seconds * 1000)}`);
    current = null;
  };
  return {
    log,
    phase(name) {
      end();
      current = { name, at: performance.now() };
      log(`${name}...`);
    },
    end,
    counter(label, total, everyMs = 15_000) {
      const t0 = performance.now();
      let last = 0;
      return (n) => {
        const t = performance.now();
        if (n < total && t - last < everyMs) return;
        last = t;
        const rate = n / Math.max(1e-3, (t - t0) / 1000);
        const left = n < total && rate > 0 ? `, ~${clock(((total - n) / rate) * 1000)} left` : '';
        log(`  ${label}: ${n.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.round(rate)}/s${left})`);
      };
    },
    phases: () => [...done],
  };
}
