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

function exportExpr(name: string, duckType: string): string {
  const type = sqliteType(duckType);
  if (type === 'INTEGER') return `CAST(${ident(name)} AS BIGINT)`;
  if (type === 'REAL') return `CAST(${ident(name)} AS DOUBLE)`;
  return `CAST(${ident(name)} AS VARCHAR)`;
}

/**
 * Streams the rows of `samced.<table>` in the table's fixed order, converted to values SQLite and
 * CSV take (integers as bigint, reals as numbers, everything else as text).
 */
export async function* tableRows(duck: Duck, table: SamcedTable, columns: { name: string; sqlType: string }[]): AsyncGenerator<CellValue[][]> {
  const order = table.orderBy.filter((c) => columns.some((col) => col.name === c));
  const sql = `SELECT ${columns.map((c) => exportExpr(c.name, c.sqlType)).join(', ')} FROM samced.${ident(table.name)}` +
    (order.length ? ` ORDER BY ${order.map((c) => `${ident(c)} NULLS LAST`).join(', ')}` : '');
  const result = await duck.connection.stream(sql);
  for await (const rows of result.yieldRowsJs()) yield rows as CellValue[][];
}
