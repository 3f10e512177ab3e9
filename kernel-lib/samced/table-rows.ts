import { ident, type Duck } from '../duck/connection';
import type { SamcedTable } from '../aggregates/table';

export type CellValue = string | number | bigint | null;

/** The actual column names and output types of a computed SAMCED table, in table order. */
export async function tableColumns(duck: Duck, table: string): Promise<{ name: string; sqlType: string }[]> {
  const rows = (await duck.json(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'samced' AND table_name = ? ORDER BY ordinal_position`,
    [table]
  )) as { column_name: string; data_type: string }[];
  return rows.map((r) => ({ name: r.column_name, sqlType: r.data_type }));
}

/** SQLite/CSV type for a DuckDB column type. */
export function sqliteType(duckType: string): 'INTEGER' | 'REAL' | 'TEXT' {
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT|BOOLEAN)$/.test(duckType)) return 'INTEGER';
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL.*)$/.test(duckType)) return 'REAL';
  return 'TEXT';
}

/**
 * One field of a row batch as JSON text (see tableBatches): integers as JSON numbers where
 * JavaScript holds them exactly (|n| < 2^53; cheaper to parse and to bind than text), else as JSON
 * strings of their decimal text (SQLite's INTEGER affinity turns them back into integers), reals as JSON
 * numbers (shortest round-trip digits) with infinities as ±1e999 and NaN as the string "NaN",
 * everything else as JSON strings of its text; NULL as null.
 */
function batchField(name: string, duckType: string): string {
  const column = ident(name);
  const type = sqliteType(duckType);
  let json = `to_json(CAST(${column} AS VARCHAR))`;
  if (type === 'INTEGER') {
    // a number when JavaScript holds it exactly (the commonest case, and cheaper to bind), else its decimal text
    const n = `CAST(${column} AS BIGINT)`;
    json = `CASE WHEN ${n} BETWEEN -9007199254740991 AND 9007199254740991 THEN CAST(${n} AS VARCHAR) ELSE '"' || CAST(${n} AS VARCHAR) || '"' END`;
  }
  if (type === 'REAL') {
    const x = `CAST(${column} AS DOUBLE)`;
    json = `CASE WHEN isnan(${x}) THEN to_json('NaN') WHEN isinf(${x}) THEN CAST(CASE WHEN ${x} > 0 THEN '1e999' ELSE '-1e999' END AS JSON) ELSE to_json(${x}) END`;
  }
  return `coalesce(CAST(${json} AS VARCHAR), 'null')`;
}

/** Rows per batch of tableBatches. */
export const BATCH_ROWS = 4096;

/**
 * Streams the rows of `samced.<table>` in the table's fixed order, in batches that DuckDB turns
 * into one JSON text each: one value crosses into JavaScript per batch instead of one per field
 * (which made writing slower than computing). Reals arrive as numbers, integers as numbers (or,
 * beyond 2^53, decimal strings: the same text in a CSV, and SQLite stores them as integers),
 * everything else as text.
 */
export async function* tableBatches(duck: Duck, table: SamcedTable, columns: { name: string; sqlType: string }[]): AsyncGenerator<CellValue[][]> {
  if (columns.length === 0) return;
  const order = table.orderBy.filter((c) => columns.some((col) => col.name === c));
  const orderSql = order.length ? `ORDER BY ${order.map((c) => `${ident(c)} NULLS LAST`).join(', ')}` : '';
  const sql = `WITH numbered AS (
      SELECT '[' || concat_ws(',', ${columns.map((c) => batchField(c.name, c.sqlType)).join(', ')}) || ']' AS row_json,
        row_number() OVER (${orderSql}) - 1 AS row_index
      FROM samced.${ident(table.name)})
    SELECT '[' || string_agg(row_json, ',' ORDER BY row_index) || ']' AS batch
    FROM numbered GROUP BY row_index // ${BATCH_ROWS} ORDER BY row_index // ${BATCH_ROWS}`;
  const result = await duck.connection.stream(sql);
  for await (const rows of result.yieldRowsJs()) {
    for (const [json] of rows as [string][]) yield JSON.parse(json) as CellValue[][];
  }
}
