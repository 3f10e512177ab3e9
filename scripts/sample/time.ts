/**
 * Time helpers. Event times are integers of microseconds since the Unix epoch (UTC); days are
 * `YYYY-MM-DD` strings. Formatting never depends on the local time zone.
 */

export const US_PER_SECOND = 1_000_000;
export const US_PER_DAY = 86_400 * US_PER_SECOND;

/** Microseconds since the epoch for an ISO-like UTC time `YYYY-MM-DDTHH:MM:SS[.ffffff]` (zone suffix ignored). */
export function usOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?/.exec(iso);
  if (!m) throw new Error('not a time: ' + iso);
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const frac = m[7] ? Number(m[7].padEnd(6, '0')) : 0;
  return ms * 1000 + frac;
}

/** The UTC day `YYYY-MM-DD` of a time in microseconds. */
export function dayOf(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString().slice(0, 10);
}

/** Midnight UTC of a day, in microseconds. */
export function dayStartUs(day: string): number {
  return usOf(day);
}

/** The day `n` days after `day` (negative goes back). */
export function addDays(day: string, n: number): string {
  return dayOf(dayStartUs(day) + n * US_PER_DAY);
}

/** Every day from `first` to `last`, both inclusive. */
export function daysFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

let cachedSecond = NaN;
let cachedBase = '';

/** `YYYY-MM-DDTHH:MM:SS` and the microsecond part of a time (the last second is cached). */
function parts(us: number): { base: string; micro: number } {
  const second = Math.floor(us / US_PER_SECOND);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedBase = new Date(second * 1000).toISOString().slice(0, 19);
  }
  return { base: cachedBase, micro: us - second * US_PER_SECOND };
}

/**
 * How an event's `time` is written:
 * - `micro`: `2026-01-05T10:00:00.123456+00:00` (the normal server and browser form)
 * - `seconds`: `2026-01-05T10:00:00+00:00` (mobile events)
 * - `zulu`: `2026-01-05T10:00:00.123Z` (Segment-derived mobile events)
 * - `naive`: `2026-01-05T10:00:00.123456` (2013-era lines without a zone)
 */
export type TimeStyle = 'micro' | 'seconds' | 'zulu' | 'naive';

/** Formats an event time in one of the styles edX wrote. */
export function eventTime(us: number, style: TimeStyle = 'micro'): string {
  const { base, micro } = parts(us);
  const six = String(micro).padStart(6, '0');
  switch (style) {
    case 'micro':
      return `${base}.${six}+00:00`;
    case 'seconds':
      return `${base}+00:00`;
    case 'zulu':
      return `${base}.${six.slice(0, 3)}Z`;
    case 'naive':
      return `${base}.${six}`;
  }
}

/** A MySQL DATETIME as the exporter writes it: `YYYY-MM-DD HH:MM:SS`, plus `.ffffff` when asked and non-zero. */
export function sqlTime(us: number, withMicros = false): string {
  const { base, micro } = parts(us);
  const text = base.replace('T', ' ');
  return withMicros && micro !== 0 ? `${text}.${String(micro).padStart(6, '0')}` : text;
}

/** MongoDB's ISO form with milliseconds: `2026-01-08T10:00:00.000Z`. */
export function mongoIso(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString();
}

/** Whole milliseconds of a time. */
export function msOf(us: number): number {
  return Math.floor(us / 1000);
}
