import { InputError } from '../util/errors';

/** A calendar date `YYYY-MM-DD` (UTC). Accepts `YYYYMMDD` too, as the original's prompts did. */
export function parseDate(text: string, what = 'date'): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  const d = new Date(iso + 'T00:00:00Z');
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    throw new InputError(`${what} '${text}' is not a date (expected YYYY-MM-DD)`);
  }
  return iso;
}

/**
 * Every date from `start` to `end`, both included.
 *
 * @example
 * datesBetween('2026-01-30', '2026-02-02'); // ['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']
 */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(start + 'T00:00:00Z'); t <= Date.parse(end + 'T00:00:00Z'); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * `YYYY-MM-DD` -> `YYMMDD`, as in output directory names.
 *
 * @example
 * shortDate('2026-02-08'); // '260208'
 */
export function shortDate(date: string): string {
  return date.slice(2).replace(/-/g, '');
}

/** A local-time stamp `YYYYmmddHHMMSS`, as in the original's output names. */
export function timestampName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
