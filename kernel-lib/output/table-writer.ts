import type { Duck } from '../duck/connection';
import { tableColumns } from '../duck/rows';
import type { SamcedTable } from '../aggregates/table';
import type { Logger } from '../util/effects';
import { checkDocumentedColumns } from './column-check';
import { feedSinks, type TableSink } from './sink';
import { sqliteType, tableBatches } from './table-rows';

/**
 * Writes tables to the SQLite database and the CSV files in order, on a connection of its own, while
 * the caller goes on computing: the writing (JavaScript and SQLite on this thread) and the next
 * family's queries (DuckDB's threads) overlap.
 */
export class TableWriter {
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  readonly rows: Record<string, number> = {};

  constructor(
    private readonly duck: Duck,
    private readonly sinks: TableSink[],
    private readonly logger: Logger
  ) {}

  /** Queues tables for writing; a failure is thrown by done(). */
  write(tables: SamcedTable[]): void {
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        for (const table of tables) await this.writeOne(table);
      } catch (error) {
        this.failure = { error };
      }
    });
  }

  /** Waits for the queued tables; throws the first failure. */
  async done(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure.error;
  }

  private async writeOne(table: SamcedTable): Promise<void> {
    const columns = await tableColumns(this.duck, table.name);
    checkDocumentedColumns(
      table,
      columns.map((c) => c.name)
    );
    const sinkColumns = columns.map((c) => ({ name: c.name, type: sqliteType(c.sqlType) }));
    this.rows[table.name] = await feedSinks(
      table.name,
      sinkColumns,
      tableBatches(this.duck, table, columns),
      this.sinks
    );
    this.logger.progress(`wrote ${table.name} (${this.rows[table.name]} rows)`);
  }
}
