// The user's desktop settings (settings.json in the user data folder): read leniently, every one off by default.
import fs from 'node:fs';

export interface DesktopSettings {
  /** Spellcheck in text fields. Off by default: on Windows and Linux it would download dictionaries. */
  spellcheck: boolean;
}

export const DEFAULT_SETTINGS: DesktopSettings = { spellcheck: false };

/** A missing or garbled file, or a value of the wrong type, means the default: never an error at start-up. */
export function loadSettings(file: string): DesktopSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return { spellcheck: r.spellcheck === true };
}
