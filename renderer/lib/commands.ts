// The one registry of app actions the command palette (Ctrl+K) lists: views register theirs while they are shown.

export interface AppCommand {
  /** Unique; a later registration with the same id replaces the earlier one. */
  id: string;
  title: string;
  /** Where it belongs in the list ("Go to", "Reader", "Library"...). */
  group: string;
  /** The key that does the same, shown beside it. */
  shortcut?: string;
  /** Extra words the filter matches (synonyms). */
  keywords?: string;
  run(): void | Promise<void>;
}

const registry = new Map<string, AppCommand>();
const listeners = new Set<() => void>();

/** Adds commands; the returned function removes exactly these (a view calls it when it goes away). */
export function registerCommands(commands: AppCommand[]): () => void {
  for (const c of commands) registry.set(c.id, c);
  listeners.forEach((l) => l());
  return () => {
    for (const c of commands) if (registry.get(c.id) === c) registry.delete(c.id);
    listeners.forEach((l) => l());
  };
}

export function allCommands(): AppCommand[] {
  return [...registry.values()];
}

export function onCommandsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Fuzzy score of a query against a text: every query character in order, consecutive runs and word starts count
 * most; -1 when the characters are not all there.
 */
export function fuzzyScore(query: string, text: string): number {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const t = text.toLowerCase();
  if (!q) return 0;
  let score = 0;
  let at = 0;
  let run = 0;
  for (const ch of q) {
    const found = t.indexOf(ch, at);
    if (found < 0) return -1;
    run = found === at ? run + 1 : 1;
    const wordStart = found === 0 || /[\s/›:-]/.test(t[found - 1]!);
    score += 1 + run * 2 + (wordStart ? 4 : 0) - Math.min(found - at, 5) * 0.2;
    at = found + 1;
  }
  return score;
}

/** Commands matching the query, best first; in registry order when the query is empty. */
export function filterCommands(commands: AppCommand[], query: string): AppCommand[] {
  if (!query.trim()) return commands;
  return commands
    .map((c) => {
      // The title alone counts a little more than the title with its group; keywords a little less. A miss is -1.
      const own = fuzzyScore(query, c.title);
      const grouped = fuzzyScore(query, `${c.group} ${c.title}`);
      const words = c.keywords ? fuzzyScore(query, c.keywords) : -1;
      return { c, s: Math.max(own < 0 ? -1 : own + 1, grouped, words < 0 ? -1 : Math.max(0, words - 2)) };
    })
    .filter((x) => x.s >= 0)
    .sort((a, b) => b.s - a.s)
    .map((x) => x.c);
}
