// The command registry and the palette's fuzzy filter: registration and removal, order of matches, misses left out.
import { describe, expect, it } from 'vitest';
import {
  allCommands,
  filterCommands,
  fuzzyScore,
  registerCommands,
  type AppCommand,
} from '../../../renderer/lib/commands.js';

const cmd = (id: string, group: string, title: string, keywords?: string): AppCommand => ({
  id,
  group,
  title,
  run: () => undefined,
  ...(keywords ? { keywords } : {}),
});

describe('command registry', () => {
  it('lists what is registered and removes exactly what one registration added', () => {
    const stop = registerCommands([cmd('a', 'Go to', 'Library'), cmd('b', 'Go to', 'Timeline')]);
    const stopReader = registerCommands([cmd('r', 'Reader', 'Export as Markdown')]);
    expect(allCommands().map((c) => c.id)).toEqual(['a', 'b', 'r']);
    stopReader();
    expect(allCommands().map((c) => c.id)).toEqual(['a', 'b']);
    stop();
    expect(allCommands()).toEqual([]);
  });
});

describe('fuzzy filter', () => {
  const list = [
    cmd('lib', 'Go to', 'Library', 'articles list all'),
    cmd('time', 'Go to', 'Timeline'),
    cmd('md', 'Reader', 'Export as Markdown', 'download save md'),
    cmd('html', 'Reader', 'Export as HTML'),
    cmd('focus', 'Reader', 'Toggle focus mode', 'distraction sidebar'),
  ];
  it('finds by letters in order, best first, and leaves misses out', () => {
    expect(filterCommands(list, 'timel').map((c) => c.id)).toEqual(['time']);
    expect(filterCommands(list, 'exp mark')[0]!.id).toBe('md');
    expect(filterCommands(list, 'export').map((c) => c.id)).toEqual(expect.arrayContaining(['md', 'html']));
    expect(filterCommands(list, 'distr').map((c) => c.id)).toEqual(['focus']);
    expect(filterCommands(list, 'zzz')).toEqual([]);
    expect(filterCommands(list, '  ')).toEqual(list);
  });
  it('scores word starts and runs above scattered letters', () => {
    expect(fuzzyScore('tl', 'Timeline')).toBeGreaterThan(-1);
    expect(fuzzyScore('time', 'Timeline')).toBeGreaterThan(fuzzyScore('time', 'Toggle focus mode: inline me'));
    expect(fuzzyScore('x', 'Library')).toBe(-1);
  });
});
