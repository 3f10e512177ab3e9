import Database from 'libsql';
import { ident } from '../duck/connection';
import type { TableSink } from './sink';

/** A SQLite database written with libsql (better-sqlite3 API), one transaction per table. */
export function sqliteSink(path: string): TableSink & { close(): void } {
  const db = new Database(path);
  db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF');
  let insert: ReturnType<typeof db.prepare> | undefined;
  return {
    begin(table, columns) {
      db.exec(`CREATE TABLE ${ident(table)} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
      insert = db.prepare(`INSERT INTO ${ident(table)} VALUES (${columns.map(() => '?').join(', ')})`);
      db.exec('BEGIN');
    },
    rows(batch) {
      for (const row of batch) insert!.run(row);
    },
    end() {
      db.exec('COMMIT');
      insert = undefined;
    },
    close() {
      db.close();
    }
  };
}
