// Readable dates, sizes and counts for the UI (the user's locale, no libraries).

const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const monthFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', timeZone: 'UTC' });
const numberFmt = new Intl.NumberFormat();

/**
 * A date as stored: an instant (with Z or an offset), a wall-clock time without zone, or a day. JavaScript reads
 * "2021-06-15" as midnight UTC (the day before, west of Greenwich), so a day is read in the local calendar instead;
 * a zone-less date-time is already read as local time, i.e. shown as the page wrote it.
 */
function parseStored(iso: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = parseStored(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = parseStored(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // A day alone has no time to show.
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dateFmt.format(d) : dateTimeFmt.format(d);
}

export function formatMonth(yyyyMm: string): string {
  const d = new Date(`${yyyyMm}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? yyyyMm : monthFmt.format(d);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function formatCount(n: number, one: string, many: string): string {
  return `${numberFmt.format(n)} ${n === 1 ? one : many}`;
}

export function formatNumber(n: number): string {
  return numberFmt.format(n);
}

export function siteOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

export function readingMinutes(words: number): string {
  const m = Math.max(1, Math.round(words / 230));
  return `${m} min read`;
}
