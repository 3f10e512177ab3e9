import type { DuckDBValue } from '@duckdb/node-api';
import type { Duck } from './connection';

/**
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const rows: PlainRow[] = await plainRows(run.duck, 'SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC');
 * rows[0]!.n; // a number (not a bigint), ready for a table or a chart
 */
export type PlainRow = Record<string, string | number | boolean | null>;

/**
 * Runs a query and returns plain rows for tables and charts: integers as numbers (BIGINT beyond
 * 2^53 as strings), timestamps and dates as ISO-like text, everything else as JSON values.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const rows = await plainRows(run.duck, 'SELECT event_date, count(*) AS n FROM events GROUP BY 1 ORDER BY 1');
 * rows[0]; // { event_date: '<first day with events>', n: <its count> }: dates as text, counts as numbers
 */
export async function plainRows(duck: Duck, sql: string, params?: DuckDBValue[]): Promise<PlainRow[]> {
  const reader = await duck.connection.runAndReadAll(sql, params);
  const names = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  return reader.getRowsJson().map((row) => {
    const out: PlainRow = {};
    row.forEach((v, i) => {
      const type = types[i]!;
      if (v === null) out[names[i]!] = null;
      else if (/INT/.test(type) && typeof v === 'string' && Number.isSafeInteger(Number(v))) out[names[i]!] = Number(v);
      else if (typeof v === 'object') out[names[i]!] = JSON.stringify(v);
      else out[names[i]!] = v as string | number | boolean;
    });
    return out;
  });
}

/** The keys of row objects, in the order they first appear (rows may differ in their keys). */
export function rowKeys(rows: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row ?? {})) keys.add(key);
  return [...keys];
}

/** The actual column names and output types of a computed SAMCED table, in table order. */
export async function tableColumns(duck: Duck, table: string): Promise<{ name: string; sqlType: string }[]> {
  const rows = (await duck.json(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'samced' AND table_name = ? ORDER BY ordinal_position`,
    [table]
  )) as { column_name: string; data_type: string }[];
  return rows.map((r) => ({ name: r.column_name, sqlType: r.data_type }));
}
