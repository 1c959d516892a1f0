// Remembers the window's size, position and maximized state in a small JSON file in userData.
import fs from 'node:fs';
import path from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 840, isMaximized: false };
const MIN_WIDTH = 480;
const MIN_HEIGHT = 360;

/** A missing, garbled or off-screen state falls back to defaults rather than opening an invisible window. */
export function loadWindowState(file: string, displays: readonly Rect[] = []): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const r = raw as Record<string, unknown>;
  const num = (v: unknown): number | undefined =>
    typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined;
  const width = Math.max(MIN_WIDTH, num(r.width) ?? DEFAULT_WINDOW_STATE.width);
  const height = Math.max(MIN_HEIGHT, num(r.height) ?? DEFAULT_WINDOW_STATE.height);
  const state: WindowState = { width, height, isMaximized: r.isMaximized === true };
  const x = num(r.x);
  const y = num(r.y);
  if (
    x !== undefined &&
    y !== undefined &&
    (displays.length === 0 || displays.some((d) => overlaps({ x, y, width, height }, d)))
  ) {
    state.x = x;
    state.y = y;
  }
  return state;
}

export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(state, null, 2));
  fs.renameSync(temp, file);
}

/** At least a 100x50 corner of the window must be on the display to count as visible. */
function overlaps(a: Rect, b: Rect): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w >= 100 && h >= 50;
}
