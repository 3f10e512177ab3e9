/**
 * Reads the first rows of whatever a notebook wants to show as a table: an array of row
 * objects, a DuckDB result reader (`connection.runAndReadAll(sql)` or `runAndReadUntil(sql, n)`)
 * or an arquero table. Only the rows shown are converted, so big results stay cheap.
 */

import { rowKeys } from '../duck/rows';

/** The parts of @duckdb/node-api's DuckDBResultReader used here. */
export interface ResultReaderLike {
  columnNames(): string[];
  readonly currentRowCount: number;
  readonly done: boolean;
  value(columnIndex: number, rowIndex: number): unknown;
}

/** The parts of an arquero table used here. */
export interface ArqueroTableLike {
  numRows(): number;
  columnNames(): string[];
  get(column: string, row: number): unknown;
}

/** Anything showTable accepts. */
export type TableSource = readonly Record<string, unknown>[] | ResultReaderLike | ArqueroTableLike;

/** The first rows of a table source. */
export interface TableSlice {
  columns: string[];
  /** At most `maxRows` rows, values as they came (not yet formatted). */
  rows: unknown[][];
  /** All rows in the source; undefined when a partly read DuckDB reader does not know. */
  total: number | undefined;
}

function isReader(source: object): source is ResultReaderLike {
  return 'currentRowCount' in source && typeof (source as ResultReaderLike).value === 'function';
}

function isArquero(source: object): source is ArqueroTableLike {
  return (
    typeof (source as ArqueroTableLike).numRows === 'function' && typeof (source as ArqueroTableLike).get === 'function'
  );
}

/** Takes the first `maxRows` rows of `source`. Throws TypeError for unsupported sources. */
export function sliceTable(source: TableSource, maxRows: number): TableSlice {
  if (Array.isArray(source)) {
    const rows = (source as readonly Record<string, unknown>[]).slice(0, maxRows);
    const columns = rowKeys(rows);
    return { columns, rows: rows.map((row) => columns.map((column) => row?.[column])), total: source.length };
  }
  if (typeof source === 'object' && source !== null && isReader(source)) {
    const columns = source.columnNames();
    const count = Math.min(maxRows, source.currentRowCount);
    const rows = Array.from({ length: count }, (_, row) => columns.map((_, column) => source.value(column, row)));
    return { columns, rows, total: source.done ? source.currentRowCount : undefined };
  }
  if (typeof source === 'object' && source !== null && isArquero(source)) {
    const columns = source.columnNames();
    const count = Math.min(maxRows, source.numRows());
    const rows = Array.from({ length: count }, (_, row) => columns.map((column) => source.get(column, row)));
    return { columns, rows, total: source.numRows() };
  }
  throw new TypeError(
    'showTable takes an array of row objects, a DuckDBResultReader (connection.runAndReadAll / runAndReadUntil) ' +
      'or an arquero table; for SQL text use showQuery(connection, sql)'
  );
}
