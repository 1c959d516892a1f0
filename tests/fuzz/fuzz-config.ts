// Fuzzing settings shared by the fuzz suites: a fixed seed and a short run in `npm test`, longer under `npm run fuzz`.
export const FUZZ_SEED = Number(process.env.STACKS_FUZZ_SEED ?? 20261207);
/** Cases per property: STACKS_FUZZ_RUNS (set by `npm run fuzz`), else a short run. */
export const FUZZ_RUNS = Number(process.env.STACKS_FUZZ_RUNS ?? 300);

/** Texts that mean nothing to a reader: an engine's or a parser's own words leaking out as an error. */
export const INTERNAL_TEXT =
  /Cannot (destructure|read propert)|undefined|is not a function|of null|call stack|TypeError|RangeError|SqliteError|SQLITE_|fts5|syntax error|no such (column|table)|unrecognized token/i;
