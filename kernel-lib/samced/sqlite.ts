import Database from 'libsql';
import { ident } from '../duck/connection';
import type { SinkColumn, TableSink } from './sink';
import type { CellValue } from './table-rows';

/** Rows per INSERT statement: one call into SQLite per this many rows (measured: 25-30 % faster than one per row). */
const ROWS_PER_INSERT = 64;

/**
 * A SQLite database written with libsql (better-sqlite3 API), one transaction per table, rows
 * inserted many per statement. Integers may arrive as decimal strings: the INTEGER column's
 * affinity stores them as integers. A REAL column's string "NaN" (see tableBatches) is stored as
 * NULL, which is what SQLite makes of a NaN.
 */
export function sqliteSink(path: string): TableSink & { close(): void } {
  const db = new Database(path);
  db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF');
  let insertMany: ReturnType<typeof db.prepare> | undefined;
  let insertOne: ReturnType<typeof db.prepare> | undefined;
  let realColumns: number[] = [];
  return {
    begin(table, columns) {
      db.exec(`CREATE TABLE ${ident(table)} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
      const row = `(${columns.map(() => '?').join(', ')})`;
      insertOne = db.prepare(`INSERT INTO ${ident(table)} VALUES ${row}`);
      insertMany = db.prepare(`INSERT INTO ${ident(table)} VALUES ${Array(ROWS_PER_INSERT).fill(row).join(', ')}`);
      realColumns = realColumnIndexes(columns);
      db.exec('BEGIN');
    },
    rows(batch) {
      const rows = realColumns.length ? batch.map((row) => (realColumns.some((i) => row[i] === 'NaN') ? row.map((v, i) => (v === 'NaN' && realColumns.includes(i) ? null : v)) : row)) : batch;
      let i = 0;
      const width = rows[0]?.length ?? 0;
      const params: CellValue[] = new Array(ROWS_PER_INSERT * width);
      for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
        let k = 0;
        for (let r = i; r < i + ROWS_PER_INSERT; r++) {
          const row = rows[r]!;
          for (let c = 0; c < width; c++) params[k++] = row[c]!;
        }
        insertMany!.run(params);
      }
      for (; i < rows.length; i++) insertOne!.run(rows[i]);
    },
    end() {
      db.exec('COMMIT');
      insertMany = insertOne = undefined;
    },
    close() {
      db.close();
    }
  };
}

function realColumnIndexes(columns: SinkColumn[]): number[] {
  return columns.flatMap((c, i) => (c.type === 'REAL' ? [i] : []));
}
