// Publication dates as the page wrote them: an instant when it gave a zone, else the wall-clock time or the day alone,
// never read in the importing machine's zone (the same file must import on the same day everywhere).
import { cleanInline } from './util.js';

const DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
// A zone the text names: Z, +hh:mm, +hhmm, or a GMT/UTC/zone abbreviation after a time.
const ZONED = /(?:\d(?:Z|[+-]\d{2}:?\d{2})$)|\b(?:GMT|UTC|Z)\b|\b[ECMP][SD]T\b|[+-]\d{4}$/i;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function inRange(year: number): boolean {
  return year >= 1800 && year <= 2200;
}

function validDay(y: number, m: number, d: number): boolean {
  if (!inRange(y) || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * A date as written: "2021-06-15" (a day), "2022-10-13T14:30:00" (a local date-time, no zone), or an ISO instant
 * in UTC when the text gave a zone; null for anything unreadable or outside 1800-2200.
 */
export function toPublishedDate(value: string | null | undefined): string | null {
  const v = cleanInline(value);
  if (!v) return null;
  const day = DAY.exec(v);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    return validDay(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  const local = LOCAL.exec(v);
  if (local) {
    const [y, m, d] = [Number(local[1]), Number(local[2]), Number(local[3])];
    if (!validDay(y, m, d) || Number(local[4]) > 23 || Number(local[5]) > 59) return null;
    return `${local[1]}-${local[2]}-${local[3]}T${local[4]}:${local[5]}:${local[6] ?? '00'}`;
  }
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  if (ZONED.test(v)) {
    const date = new Date(ms);
    return inRange(date.getUTCFullYear()) ? date.toISOString() : null;
  }
  // No zone given: Date.parse read it in this machine's zone, so reading the parts back in that zone gives
  // exactly what was written (a day when it named no time).
  const date = new Date(ms);
  if (!inRange(date.getFullYear())) return null;
  const dayPart = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const hasTime = /\d{1,2}[:.]\d{2}/.test(v);
  return hasTime ? `${dayPart}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` : dayPart;
}
