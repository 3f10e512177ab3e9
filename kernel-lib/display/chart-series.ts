import { plainValue } from './plain-values';
import type { Datum } from './plotly-figure';

/** One named series: `x` is the category (or time) axis, `y` the values. */
export interface Series {
  name?: string;
  x: readonly Datum[];
  y: readonly Datum[];
}

/** Options of {@link seriesFromRows}. */
export interface RowSeriesOptions {
  /** Column for x. */
  x: string;
  /** Column for y. */
  y: string;
  /** Column whose values split the rows into one series each, in order of first appearance. */
  group?: string;
}

/**
 * Builds series from query rows, e.g. `seriesFromRows(rows, { x: 'day', y: 'learners', group: 'event_type' })`.
 *
 * @example
 * const rows = [{ day: '2026-01-05', family: 'video', n: 3 }, { day: '2026-01-05', family: 'problem', n: 1 }, { day: '2026-01-06', family: 'video', n: 2 }];
 * seriesFromRows(rows, { x: 'day', y: 'n', group: 'family' });
 * // [{ name: 'video', x: ['2026-01-05', '2026-01-06'], y: [3, 2] }, { name: 'problem', x: ['2026-01-05'], y: [1] }]
 */
export function seriesFromRows(rows: readonly Record<string, unknown>[], options: RowSeriesOptions): Series[] {
  const groups = new Map<string, { x: Datum[]; y: Datum[] }>();
  for (const row of rows) {
    const name = options.group === undefined ? '' : String(plainValue(row[options.group]));
    let series = groups.get(name);
    if (!series) {
      series = { x: [], y: [] };
      groups.set(name, series);
    }
    series.x.push(row[options.x] as Datum);
    series.y.push(row[options.y] as Datum);
  }
  return [...groups].map(([name, s]) => (options.group === undefined ? { x: s.x, y: s.y } : { name, x: s.x, y: s.y }));
}
