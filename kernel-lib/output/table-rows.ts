import { ident, type Duck } from '../duck/connection';
import type { SamcedTable } from '../aggregates/table';

export type CellValue = string | number | bigint | null;

/** SQLite/CSV type for a DuckDB column type. */
export function sqliteType(duckType: string): 'INTEGER' | 'REAL' | 'TEXT' {
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT|BOOLEAN)$/.test(duckType))
    return 'INTEGER';
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL.*)$/.test(duckType)) return 'REAL';
  return 'TEXT';
}

/** Integer types whose values can be beyond what a JavaScript number holds exactly (2^53 - 1). */
const WIDE_INTEGER = /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT)$/;

/**
 * One field of a row batch as an item of json_array (see tableBatches): integers as JSON numbers
 * where JavaScript holds them exactly (|n| < 2^53; cheaper to parse and to bind than text), else as
 * JSON strings of their decimal text (SQLite's INTEGER affinity turns them back into integers),
 * reals as JSON numbers (shortest round-trip digits) with infinities as ±1e999 and NaN as the string
 * "NaN", everything else as JSON strings of its text; NULL as null. `plain`: the column holds no
 * integer beyond 2^53 and no NaN or infinity, so the field goes in as it is, without the CASE that
 * handles those (which cost more than the rest of the row: see tableBatches).
 */
function arrayItem(name: string, duckType: string, plain: boolean): string {
  const column = ident(name);
  const type = sqliteType(duckType);
  if (type === 'INTEGER') {
    const n = `CAST(${column} AS BIGINT)`;
    return plain
      ? n
      : `CASE WHEN ${n} BETWEEN -9007199254740991 AND 9007199254740991 THEN CAST(${n} AS JSON) ELSE to_json(CAST(${n} AS VARCHAR)) END`;
  }
  if (type === 'REAL') {
    const x = `CAST(${column} AS DOUBLE)`;
    return plain
      ? x
      : `CASE WHEN isnan(${x}) THEN to_json('NaN') WHEN isinf(${x}) THEN CAST(CASE WHEN ${x} > 0 THEN '1e999' ELSE '-1e999' END AS JSON) ELSE to_json(${x}) END`;
  }
  return `CAST(${column} AS VARCHAR)`;
}

/**
 * Which columns need arrayItem's CASE: one scan of the wide integer and real columns (a few
 * milliseconds for half a million rows) for a value beyond 2^53, a NaN or an infinity.
 */
async function columnsNeedingCare(
  duck: Duck,
  table: string,
  columns: { name: string; sqlType: string }[]
): Promise<Set<string>> {
  const checks = columns.flatMap((c) => {
    const type = sqliteType(c.sqlType);
    const column = ident(c.name);
    if (type === 'INTEGER' && WIDE_INTEGER.test(c.sqlType))
      return [
        {
          name: c.name,
          sql: `coalesce(bool_or(CAST(${column} AS BIGINT) NOT BETWEEN -9007199254740991 AND 9007199254740991), false)`
        }
      ];
    if (type === 'REAL')
      return [{ name: c.name, sql: `coalesce(bool_or(NOT isfinite(CAST(${column} AS DOUBLE))), false)` }];
    return [];
  });
  const needing = new Set<string>();
  // a few dozen aggregates per query at most: DuckDB's time grows faster than their number in one query
  for (let from = 0; from < checks.length; from += CHECKS_PER_QUERY) {
    const some = checks.slice(from, from + CHECKS_PER_QUERY);
    const row = (
      await duck.all(`SELECT ${some.map((c, i) => `${c.sql} AS c${i}`).join(', ')} FROM samced.${ident(table)}`)
    )[0]!;
    for (const [i, c] of some.entries()) if (row[`c${i}`] === true) needing.add(c.name);
  }
  return needing;
}

/** Columns checked per query by columnsNeedingCare. */
const CHECKS_PER_QUERY = 16;

/** Rows per batch of tableBatches. */
export const BATCH_ROWS = 4096;

/**
 * Streams the rows of `samced.<table>` in the table's fixed order, in batches that DuckDB turns
 * into one JSON text each: one value crosses into JavaScript per batch, not one per field (each
 * crossing costs, enough to make writing slower than computing). Reals arrive as numbers, integers
 * as numbers (or, beyond 2^53, decimal strings: the same text in a CSV, and SQLite stores them as
 * integers), everything else as text. Each row is one json_array, which costs less CPU than the
 * fields joined as text, each through a CASE for the values JSON numbers cannot carry (figures:
 * docs/performance.md).
 */
export async function* tableBatches(
  duck: Duck,
  table: SamcedTable,
  columns: { name: string; sqlType: string }[]
): AsyncGenerator<CellValue[][]> {
  if (columns.length === 0) return;
  const order = table.orderBy.filter((c) => columns.some((col) => col.name === c));
  const orderSql = order.length ? `ORDER BY ${order.map((c) => `${ident(c)} NULLS LAST`).join(', ')}` : '';
  const careful = await columnsNeedingCare(duck, table.name, columns);
  const sql = `WITH numbered AS (
      SELECT CAST(json_array(${columns.map((c) => arrayItem(c.name, c.sqlType, !careful.has(c.name))).join(', ')}) AS VARCHAR) AS row_json,
        row_number() OVER (${orderSql}) - 1 AS row_index
      FROM samced.${ident(table.name)})
    SELECT '[' || string_agg(row_json, ',' ORDER BY row_index) || ']' AS batch
    FROM numbered GROUP BY row_index // ${BATCH_ROWS} ORDER BY row_index // ${BATCH_ROWS}`;
  const result = await duck.connection.stream(sql);
  for await (const rows of result.yieldRowsJs()) {
    for (const [json] of rows as [string][]) yield JSON.parse(json) as CellValue[][];
  }
}
