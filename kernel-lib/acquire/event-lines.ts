/**
 * Merging the tracking-log lines several app servers wrote for one day (legacy tracking tar):
 * exact duplicates dropped, the rest sorted by the event's `time`.
 */

/** Sort key of a line whose `time` is missing or unreadable: after every dated line. */
const UNDATED = Number.POSITIVE_INFINITY;

/**
 * Microseconds since the epoch of an edX `time` value. Accepts the shapes seen in real logs:
 * `2014-05-15T19:03:19.487373+00:00`, no fraction, a `Z`, a space instead of `T`, and no zone
 * at all (2013 logs), which is read as UTC. Returns NaN when unreadable.
 */
export function eventTimeMicros(time: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(time.trim());
  if (!match) return Number.NaN;
  const [, day, clock, fraction = '', zone = 'Z'] = match;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? zone.slice(0, 3) + ':' + zone.slice(3) : zone;
  const seconds = Date.parse(`${day}T${clock}${offset}`);
  if (Number.isNaN(seconds)) return Number.NaN;
  return seconds * 1000 + Number((fraction + '000000').slice(0, 6));
}

/** The sort key of one log line: its `time` in microseconds, or +Infinity when it has none. */
export function lineTimeKey(line: string): number {
  try {
    const parsed: unknown = JSON.parse(line);
    const time = typeof parsed === 'object' && parsed !== null ? (parsed as { time?: unknown }).time : undefined;
    if (typeof time !== 'string') return UNDATED;
    const micros = eventTimeMicros(time);
    return Number.isNaN(micros) ? UNDATED : micros;
  } catch {
    return UNDATED;
  }
}

/** The merged lines of one day and what was dropped. */
export interface MergedLines {
  /** Distinct lines (surrounding white space removed), ordered by `time`, then by the text. */
  lines: string[];
  /** Lines dropped because an identical line was already kept. */
  duplicates: number;
  /** Empty lines dropped. */
  blank: number;
}

/**
 * Merges lines from several sources: trims each line (the edX exporter wrote `line.strip()`),
 * drops empty lines and exact duplicates, and sorts by `time` (lines without a readable `time`
 * go last). Ties are broken by the line text, so the result does not depend on source order.
 * Holds all lines of the day in memory.
 */
export function mergeEventLines(lines: Iterable<string>): MergedLines {
  const seen = new Set<string>();
  let duplicates = 0;
  let blank = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') blank += 1;
    else if (seen.has(line)) duplicates += 1;
    else seen.add(line);
  }
  const keyed = [...seen].map((line) => ({ line, key: lineTimeKey(line) }));
  keyed.sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
  return { lines: keyed.map((entry) => entry.line), duplicates, blank };
}
