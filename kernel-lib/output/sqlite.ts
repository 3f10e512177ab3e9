import Database from 'libsql';
import { ident } from '../duck/connection';
import type { SinkColumn, TableSink } from './sink';
import type { CellValue } from './table-rows';
import { OutputError, writeFailureReason } from '../util/errors';

/** Rows per INSERT statement at most: one call into SQLite per this many rows, not one per row (each call costs; docs/performance.md). */
const ROWS_PER_INSERT = 64;

/** Bound parameters per statement that SQLite allows (SQLITE_MAX_VARIABLE_NUMBER: 32766 since SQLite 3.32, libsql's too). */
export const SQLITE_MAX_VARIABLES = 32766;

/** Columns per table that SQLite allows (SQLITE_MAX_COLUMN). */
export const SQLITE_MAX_COLUMNS = 2000;

/**
 * Rows per multi-row INSERT for a table of `columns` columns: ROWS_PER_INSERT, or fewer so that
 * rows x columns parameters stay within SQLite's limit (a table with one column per day of a long
 * window); at least 1.
 */
export function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(SQLITE_MAX_VARIABLES / Math.max(1, columns))));
}

/**
 * A SQLite database written with libsql (better-sqlite3 API), one transaction per table, rows
 * inserted many per statement. Integers may arrive as decimal strings: the INTEGER column's
 * affinity stores them as integers. A REAL column's string "NaN" (see tableBatches) is stored as
 * NULL, which is what SQLite makes of a NaN. A failed write (full disk, ...) is an OutputError.
 */
export function sqliteSink(path: string): TableSink & { close(): void } {
  // a failed write (full disk, read-only) is an OutputError naming the file
  const writing = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      const reason = writeFailureReason(error);
      throw reason ? new OutputError(path, reason) : error;
    }
  };
  const db = writing(() => new Database(path));
  writing(() => db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF'));
  let insertMany: ReturnType<typeof db.prepare> | undefined;
  let insertOne: ReturnType<typeof db.prepare> | undefined;
  let realColumns: number[] = [];
  let perInsert = ROWS_PER_INSERT;
  return {
    begin: (table, columns) =>
      writing(() => {
        if (columns.length > SQLITE_MAX_COLUMNS)
          throw new Error(`table ${table} has ${columns.length} columns; SQLite allows at most ${SQLITE_MAX_COLUMNS}`);
        perInsert = rowsPerInsert(columns.length);
        db.exec(`CREATE TABLE ${ident(table)} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
        const row = `(${columns.map(() => '?').join(', ')})`;
        insertOne = db.prepare(`INSERT INTO ${ident(table)} VALUES ${row}`);
        insertMany = db.prepare(`INSERT INTO ${ident(table)} VALUES ${Array(perInsert).fill(row).join(', ')}`);
        realColumns = realColumnIndexes(columns);
        db.exec('BEGIN');
      }),
    rows: (batch) =>
      writing(() => {
        const rows = realColumns.length
          ? batch.map((row) =>
              realColumns.some((i) => row[i] === 'NaN')
                ? row.map((v, i) => (v === 'NaN' && realColumns.includes(i) ? null : v))
                : row
            )
          : batch;
        let i = 0;
        const width = rows[0]?.length ?? 0;
        const params: CellValue[] = new Array(perInsert * width);
        for (; i + perInsert <= rows.length; i += perInsert) {
          let k = 0;
          for (let r = i; r < i + perInsert; r++) {
            const row = rows[r]!;
            for (let c = 0; c < width; c++) params[k++] = row[c]!;
          }
          insertMany!.run(params);
        }
        for (; i < rows.length; i++) insertOne!.run(rows[i]);
      }),
    end: () =>
      writing(() => {
        db.exec('COMMIT');
        insertMany = insertOne = undefined;
      }),
    close: () => writing(() => db.close())
  };
}

function realColumnIndexes(columns: SinkColumn[]): number[] {
  return columns.flatMap((c, i) => (c.type === 'REAL' ? [i] : []));
}
