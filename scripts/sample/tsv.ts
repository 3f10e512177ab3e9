/**
 * The `.sql` files of the weekly export: tab-separated text with a header row, no quoting,
 * SQL NULL written as `NULL`, and `\\`, `\n`, `\r`, `\t` escaped inside values (exporter
 * `mysql_query.py`). Every record ends with `\n`.
 */
import { PyFloat, formatPyFloat } from './python-json';

/** A cell: null is SQL NULL, booleans are tinyint 0/1, PyFloat is a float column. */
export type Cell = string | number | boolean | null | PyFloat;

/** Escapes one value the way the exporter does. */
export function escapeTsv(text: string): string {
  return text.replace(/[\\\r\n\t\0]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\r' ? '\\r' : c === '\n' ? '\\n' : c === '\t' ? '\\t' : ''
  );
}

/** The text of one cell. */
export function tsvCell(value: Cell): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  if (value instanceof PyFloat) return formatPyFloat(value.value);
  return escapeTsv(value);
}

/** A whole table file: header row plus one line per row. */
export function tsvTable(columns: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  let out = columns.join('\t') + '\n';
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`row has ${row.length} cells, header ${columns.length}`);
    out += row.map(tsvCell).join('\t') + '\n';
  }
  return out;
}

/** Builds rows from objects keyed by column name, in the header's order (missing keys throw). */
export function rowsByName(columns: readonly string[], records: ReadonlyArray<Record<string, Cell>>): Cell[][] {
  return records.map((record) =>
    columns.map((column) => {
      if (!(column in record)) throw new Error('missing column ' + column);
      return record[column] as Cell;
    })
  );
}
