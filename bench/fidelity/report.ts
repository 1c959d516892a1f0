// The "fidelity" section of `npm run bench`: Stacks beside Readability alone on the fidelity set, measure by measure.
import { MEASURES, type FidelityFigures } from './score.js';
import type { FidelityRun } from './measure.js';

export type FidelitySummary = Pick<FidelityRun, 'stacks' | 'readability'> & {
  /** Measures where Stacks is below Readability alone (the target is none). */
  behind: string[];
};

const LABELS: Record<(typeof MEASURES)[number], string> = {
  titleRate: 'exact title',
  bylineRate: 'byline (every author, in order)',
  dateRate: 'date as written',
  textF1: 'text token F1',
  phraseMrr: 'phrase search, mean reciprocal rank',
  phraseFound: 'phrase search, page found',
};

export function summarizeFidelity(run: FidelityRun): FidelitySummary {
  const behind = MEASURES.filter((m) => run.stacks[m] + 1e-9 < run.readability[m]).map((m) => LABELS[m]);
  return { stacks: run.stacks, readability: run.readability, behind };
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const show = (m: (typeof MEASURES)[number], f: FidelityFigures): string =>
  m === 'textF1' || m === 'phraseMrr' ? f[m].toFixed(3) : pct(f[m]);

export function formatFidelity(s: FidelitySummary, failing: { name: string; what: string }[] = []): string {
  const rows = [
    ['measure', 'Stacks', 'Readability alone'],
    ...MEASURES.map((m) => [LABELS[m], show(m, s.stacks), show(m, s.readability)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = [`Fidelity (${s.stacks.pages} saved pages, tests/fixtures/fidelity)`];
  for (const r of rows) lines.push(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  lines.push(
    s.behind.length
      ? `behind Readability alone on: ${s.behind.join(', ')}`
      : 'at least Readability alone on every measure',
  );
  for (const f of failing) lines.push(`  ${f.name}: ${f.what}`);
  return lines.join('\n');
}

/** The pages where Stacks misses something, for the report and the test's message. */
export function fidelityMisses(run: FidelityRun): { name: string; what: string }[] {
  const out: { name: string; what: string }[] = [];
  for (const p of run.pages) {
    const s = p.stacks;
    const g = p.got.stacks;
    const miss: string[] = [];
    if (!s.title) miss.push(`title ${JSON.stringify(g.title)}`);
    if (s.byline === false) miss.push(`byline ${JSON.stringify(g.byline)}`);
    if (s.date === false) miss.push(`date ${JSON.stringify(g.date)}`);
    if (s.f1 < 0.95) miss.push(`text F1 ${s.f1.toFixed(3)}`);
    if (s.phraseRank !== 1) miss.push(`phrase rank ${s.phraseRank ?? 'not found'}`);
    if (miss.length) out.push({ name: p.name, what: miss.join('; ') });
  }
  return out;
}
