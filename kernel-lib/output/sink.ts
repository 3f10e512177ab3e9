import type { CellValue } from './table-rows';

export interface SinkColumn {
  name: string;
  type: 'INTEGER' | 'REAL' | 'TEXT';
}

/** Receives one table's rows in order; several sinks are fed from one read of the table. */
export interface TableSink {
  begin(table: string, columns: SinkColumn[]): Promise<void> | void;
  rows(batch: CellValue[][]): Promise<void> | void;
  end(): Promise<void> | void;
}

/** Reads the batches once and feeds every sink; returns the row count. */
export async function feedSinks(
  table: string,
  columns: SinkColumn[],
  batches: AsyncIterable<CellValue[][]>,
  sinks: TableSink[]
): Promise<number> {
  for (const sink of sinks) await sink.begin(table, columns);
  let rows = 0;
  for await (const batch of batches) {
    rows += batch.length;
    for (const sink of sinks) await sink.rows(batch);
  }
  for (const sink of sinks) await sink.end();
  return rows;
}
