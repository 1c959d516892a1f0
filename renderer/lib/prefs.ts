// Reader preferences (theme, font, size, width), persisted in localStorage and applied app-wide.

export type Theme = 'light' | 'dark' | 'sepia';
export type FontFamily = 'serif' | 'sans';

export interface ReaderPrefs {
  theme: Theme;
  font: FontFamily;
  size: number; // px
  width: number; // ch
}

const KEY = 'stacks.reader';
export const DEFAULT_PREFS: ReaderPrefs = { theme: 'light', font: 'serif', size: 19, width: 68 };

export function loadPrefs(): ReaderPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<ReaderPrefs>;
    return {
      theme: raw.theme === 'dark' || raw.theme === 'sepia' ? raw.theme : 'light',
      font: raw.font === 'sans' ? 'sans' : 'serif',
      size: clamp(Number(raw.size) || DEFAULT_PREFS.size, 14, 28),
      width: clamp(Number(raw.width) || DEFAULT_PREFS.width, 48, 96),
    };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

export function savePrefs(prefs: ReaderPrefs): void {
  localStorage.setItem(KEY, JSON.stringify(prefs));
  applyTheme(prefs.theme);
}

/** The whole app follows the reader theme, so a dark reader never sits inside a bright frame. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
