// Which typed queries wait for a pause before search-as-you-type sends them (tiny last words) and which go at once.
import { describe, expect, test } from 'vitest';
import { OPEN_PHRASE_PAUSE_MS, SHORT_WORD_PAUSE_MS, typingPause } from '../../../renderer/lib/typing-pause.js';

describe('typingPause', () => {
  test('a last word of one or two letters waits, as a word or as a prefix', () => {
    for (const q of ['f', 'fo', 'fo*', 'summer o', 'a ', 'budget -ab', '"ms deaf" fo'])
      expect(typingPause(q), q).toBe(SHORT_WORD_PAUSE_MS);
  });

  test('a phrase still open (its closing quote not typed yet) waits, whatever its last word', () => {
    for (const q of ['"ms d', '"dollars pol', '"dollars pole', 'crazy "began unc', '"a b" "dollars p'])
      expect(typingPause(q), q).toBe(OPEN_PHRASE_PAUSE_MS);
  });

  test('three letters or more, filters, closed phrases and an empty box go at once', () => {
    for (const q of [
      'for',
      'for*',
      'summer',
      'stars barney',
      'site:x',
      'year:20',
      '"ms deaf"',
      '"',
      'crazy "',
      '',
      '   ',
    ])
      expect(typingPause(q), q).toBe(0);
  });
});
