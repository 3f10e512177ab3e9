import type { Writable } from 'node:stream';
import type { Duck } from '../duck/connection';
import { csvLine } from '../output/csv';
import { sliceTable } from '../display/table-source';
import { tableText } from '../display/table-format';

export type SqlFormat = 'table' | 'csv' | 'json';

/** How results are printed. */
export interface SqlOutputState {
  format: SqlFormat;
  /** Rows an aligned table shows at most (0: all). */
  maxRows: number;
}

/** A JSON value of a row for --json: integer columns as numbers when exact, else as DuckDB's JSON text. */
function jsonCell(value: unknown, type: string): unknown {
  if (typeof value === 'string' && /INT/.test(type) && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)))
    return Number(value);
  return value;
}

/** A CSV field of a row for --csv: JSON values of lists and structs as JSON text. */
function csvCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

/**
 * Runs every statement of `sql` and prints each result in `state.format`. Aligned tables read
 * at most maxRows + 1 rows (a note says when there are more); CSV and JSON stream every row.
 */
export async function runSql(duck: Duck, sql: string, state: SqlOutputState, out: Writable): Promise<void> {
  const statements = await duck.connection.extractStatements(sql);
  for (let i = 0; i < statements.count; i++) {
    const prepared = await statements.prepare(i);
    if (state.format === 'table') {
      const limit = state.maxRows > 0 ? state.maxRows : Number.MAX_SAFE_INTEGER;
      const reader = await prepared.runAndReadUntil(state.maxRows > 0 ? state.maxRows + 1 : Number.MAX_SAFE_INTEGER);
      if (reader.columnCount === 0) continue;
      const slice = sliceTable(reader, limit);
      out.write(tableText({ ...slice, total: reader.done ? reader.currentRowCount : undefined }) + '\n');
      continue;
    }
    const result = await prepared.stream();
    const names = result.columnNames();
    const types = result.columnTypes().map((t) => t.toString());
    if (state.format === 'csv') {
      out.write(csvLine(names));
      for await (const rows of result.yieldRowsJson()) {
        let text = '';
        for (const row of rows) text += csvLine(row.map(csvCell));
        out.write(text);
      }
    } else {
      let first = true;
      out.write('[');
      for await (const rows of result.yieldRowsJson()) {
        let text = '';
        for (const row of rows) {
          const object: Record<string, unknown> = {};
          row.forEach((value, c) => {
            object[names[c]!] = jsonCell(value, types[c]!);
          });
          text += (first ? '\n' : ',\n') + JSON.stringify(object);
          first = false;
        }
        out.write(text);
      }
      out.write(first ? ']\n' : '\n]\n');
    }
  }
}
