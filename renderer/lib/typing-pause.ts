// How long search-as-you-type waits before sending what is in the box: nothing, unless the last word is tiny or a phrase is still open.

/**
 * A last word of one or two letters (with or without a `*`) matches a huge share of a large archive, as a
 * word ("a", "of") or even more as a prefix ("f*"), and the server cannot drop a search it has started: sent on
 * every keystroke it would take the server's time from the word the person is about to finish. Such a query goes
 * out only after a pause.
 */
export const SHORT_WORD_PAUSE_MS = 250;

/**
 * A phrase whose closing quote is not typed yet ends in a word still being typed, and a phrase matches only whole
 * words side by side: `"dollars pol` finds next to nothing, yet costs what a phrase costs (reading the positions of
 * every word in it, ~80 ms at a million articles), and the server cannot drop a search it has started, so the
 * finished phrase would share the server with it. It goes out after a pause, or at once with its closing quote or Enter.
 */
export const OPEN_PHRASE_PAUSE_MS = 250;

/** Milliseconds to wait before sending `query` while the person is typing (Enter always sends at once). */
export function typingPause(query: string): number {
  const quotes = query.split('"').length - 1;
  if (quotes % 2 === 1 && /"[^"]*\S[^"]*$/.test(query)) return OPEN_PHRASE_PAUSE_MS;
  const q = query.trimEnd(); // "a " is still a tiny last word, most likely with more to come
  const last = /[^\s"()]*$/.exec(q)?.[0] ?? '';
  const word = last.replace(/^-/, '').replace(/\*$/, '');
  if (word.includes(':')) return 0; // a filter such as site:x or year:2020 is cheap at any length
  return word.length > 0 && word.length < 3 ? SHORT_WORD_PAUSE_MS : 0;
}
