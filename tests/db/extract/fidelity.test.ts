// The fidelity set through Stacks' import and through Readability alone: Stacks must be at least as faithful on every measure.
import { describe, expect, it } from 'vitest';
import { measureFidelity, type FidelityRun } from '../../../bench/fidelity/measure.js';
import { loadFidelityPages } from '../../../bench/fidelity/pages.js';
import { fidelityMisses, formatFidelity, summarizeFidelity } from '../../../bench/fidelity/report.js';
import { bylineNames, readDate, sameDate, tokenF1 } from '../../../bench/fidelity/score.js';

describe('fidelity scorer', () => {
  it('reads bylines, dates and text the way the measures say', () => {
    expect(bylineNames('By Hannah Cole and Marco Ricci')).toEqual(['Hannah Cole', 'Marco Ricci']);
    expect(bylineNames('Ruth Adeyemi, Daniel Ross')).toEqual(['Ruth Adeyemi', 'Daniel Ross']);
    expect(readDate('2021-06-15')).toEqual({ kind: 'day', value: '2021-06-15' });
    expect(readDate('2022-10-13T14:30')).toEqual({ kind: 'local', value: '2022-10-13T14:30:00' });
    // The same instant written in two zones is the same date; a zone-less time is not an instant.
    expect(sameDate('2024-02-11T13:00:00+03:00', '2024-02-11T10:00:00.000Z')).toBe(true);
    expect(sameDate('2022-10-13T14:30:00', '2022-10-13T14:30:00.000Z')).toBe(false);
    expect(sameDate('2021-06-15', '2021-06-15T00:00:00.000Z')).toBe(false);
    expect(tokenF1('the cat sat', 'the cat sat')).toBe(1);
    expect(tokenF1('the cat sat', 'a dog ran')).toBe(0);
    expect(tokenF1('空间站', '空间站')).toBe(1);
  });

  it('has a page set with an expectation for every page', () => {
    const pages = loadFidelityPages();
    expect(pages.length).toBeGreaterThanOrEqual(30);
    for (const p of pages) expect(p.expected.text.length, p.name).toBeGreaterThan(100);
  });
});

describe('fidelity: Stacks beside Readability alone', () => {
  let run: FidelityRun;
  it('measures both on the whole set', async () => {
    run = await measureFidelity();
    console.log(formatFidelity(summarizeFidelity(run), fidelityMisses(run)));
    expect(run.pages.length).toBe(loadFidelityPages().length);
    // The done-criterion: at least as faithful as Readability alone on every measure.
    expect(summarizeFidelity(run).behind).toEqual([]);
  }, 120_000);
});
