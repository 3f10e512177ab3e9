import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { projectRoot } from '../util/paths';
import { rowKeys } from '../duck/rows';

/** The parts of a @duckdb/node-api result reader (`await connection.runAndReadAll(sql)`) that frames read. */
export interface ColumnsReaderLike {
  columnNames(): string[];
  getColumnsJS(): unknown[][];
}

/**
 * A query's result as frames take it: the reader of `connection.runAndReadAll(sql)` (column
 * order and types kept, also with no rows), or an array of row objects (`plainRows(duck, sql)`,
 * `duck.all(sql)`, ...; columns in the order of first appearance).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const source: FrameSource = await run.duck.connection.runAndReadAll('SELECT event_type, count(*) AS n FROM events GROUP BY 1');
 * toArquero(source).orderby('event_type').print();
 */
export type FrameSource = readonly Record<string, unknown>[] | ColumnsReaderLike;

function isReader(source: FrameSource): source is ColumnsReaderLike {
  return !Array.isArray(source) && typeof (source as ColumnsReaderLike).getColumnsJS === 'function';
}

/** The columns of a frame source, by name, values as they came. */
export function frameColumns(source: FrameSource): { names: string[]; columns: unknown[][] } {
  if (isReader(source)) {
    const names = source.columnNames();
    const columns = source.getColumnsJS();
    // a result without rows has no columns of values
    return { names, columns: names.map((_, i) => columns[i] ?? []) };
  }
  if (!Array.isArray(source))
    throw new TypeError(
      'frames take an array of row objects or a DuckDB result reader (await connection.runAndReadAll(sql))'
    );
  const rows = source as readonly Record<string, unknown>[];
  const names = rowKeys(rows);
  return { names, columns: names.map((name) => rows.map((row) => row?.[name])) };
}

/** BIGINT as a number when exact (else its text), undefined as null; everything else as it came. */
function exactNumber(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

/**
 * The result as an arquero table (https://idl.uw.edu/arquero): one column per result column, in
 * order. BIGINT becomes a number (its text beyond 2^53); TIMESTAMP and DATE stay JS Dates (UTC);
 * lists and structs stay arrays and objects.
 *
 * @example toArquero(await run.duck.connection.runAndReadAll('SELECT event_type, count(*) AS n FROM events GROUP BY 1')).orderby('event_type')
 */
export function toArquero(source: FrameSource): ColumnTable {
  const { names, columns } = frameColumns(source);
  const data: Record<string, unknown[]> = {};
  names.forEach((name, i) => {
    data[name] = columns[i]!.map(exactNumber);
  });
  return load<typeof import('arquero')>('arquero').table(data, names);
}

/**
 * arquero itself (`op`, `desc`, `escape`, ...), loaded on first use as `toArquero` loads it: a cell
 * takes the expression helpers for `rollup`, `derive` and `orderby` from here, not from an import.
 *
 * @example
 * const { op, desc } = loadArquero();
 * toArquero(rows).groupby('event_source').rollup({ events: op.sum('n') }).orderby(desc('events'));
 */
export function loadArquero(): typeof import('arquero') {
  return load<typeof import('arquero')>('arquero');
}

/**
 * The parts of a danfo.js Series that notebooks use most. Typed here, not imported: danfojs-node's
 * declarations (with TensorFlow.js's) take tslab most of a minute to type-check, in every notebook
 * that imports the library. For the whole API, cast in your own cell:
 * `toDanfo(result) as unknown as import('danfojs-node').DataFrame`.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const frame = toDanfo(await run.duck.connection.runAndReadAll('SELECT user_id, count(*) AS n FROM events GROUP BY 1'));
 * const n: DanfoSeries = frame.column('n');
 * showText(`mean ${n.mean()}, max ${n.max()}`);
 */
export interface DanfoSeries {
  readonly values: unknown[];
  readonly shape: number[];
  readonly dtype: string;
  sum(): number;
  mean(): number;
  min(): number;
  max(): number;
  count(): number;
  unique(): DanfoSeries;
  valueCounts(): DanfoSeries;
  print(): void;
}

/**
 * The parts of a danfo.js DataFrame that notebooks use most (see DanfoSeries for the whole API).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const frame: DanfoDataFrame = toDanfo(await plainRows(run.duck, 'SELECT event_type, user_id FROM events'));
 * frame.groupby(['event_type']).count().print();
 */
export interface DanfoDataFrame {
  readonly shape: number[];
  readonly columns: string[];
  readonly index: (string | number)[];
  readonly values: unknown[][];
  readonly dtypes: string[];
  column(name: string): DanfoSeries;
  head(rows?: number): DanfoDataFrame;
  tail(rows?: number): DanfoDataFrame;
  describe(): DanfoDataFrame;
  loc(select: { rows?: (string | number)[]; columns?: string[] }): DanfoDataFrame;
  sortValues(column: string, options?: { ascending?: boolean }): DanfoDataFrame;
  groupby(columns: string[]): {
    count(): DanfoDataFrame;
    sum(): DanfoDataFrame;
    mean(): DanfoDataFrame;
    agg(spec: Record<string, string | string[]>): DanfoDataFrame;
  };
  print(): void;
}

/** A value danfo can hold: numbers, strings, booleans and null; Dates as ISO text, lists and structs as JSON text. */
function danfoValue(value: unknown): number | string | boolean | null {
  const exact = exactNumber(value);
  if (exact === null) return null;
  if (typeof exact === 'number' || typeof exact === 'string' || typeof exact === 'boolean') return exact;
  if (exact instanceof Date) return exact.toISOString();
  return JSON.stringify(exact, (_, v: unknown) => (typeof v === 'bigint' ? exactNumber(v) : v));
}

/**
 * The result as a danfo.js DataFrame (danfojs-node, https://danfo.jsdata.org), one column per
 * result column, in order. danfojs-node (and its TensorFlow.js) is loaded on the first call
 * only, so it costs nothing to code that never calls this. BIGINT becomes a number (its text
 * beyond 2^53); TIMESTAMP and DATE become ISO text (`new Date(...)` or danfo's `toDateTime`
 * turn them back); lists and structs become JSON text; NULL stays null.
 *
 * @example toDanfo(await run.duck.connection.runAndReadAll('SELECT user_id, count(*) AS n FROM events GROUP BY 1')).describe().print()
 */
export function toDanfo(source: FrameSource): DanfoDataFrame {
  const { names, columns } = frameColumns(source);
  const data: Record<string, (number | string | boolean | null)[]> = {};
  names.forEach((name, i) => {
    data[name] = columns[i]!.map(danfoValue);
  });
  const danfo = load<{ DataFrame: new (data: unknown, options: { columns: string[] }) => DanfoDataFrame }>(
    'danfojs-node'
  );
  // danfo takes an object of columns; with no rows it needs the column names given
  return columns[0]?.length
    ? new danfo.DataFrame(data, { columns: names })
    : new danfo.DataFrame([], { columns: names });
}

/**
 * Loads a package at run time through Node's require from the project root. Not an `import`:
 * tslab compiles kernel-lib as CommonJS, the CLI is an ESM bundle, and this stays a call on both,
 * made only when a frame is asked for (danfojs-node pulls in all of TensorFlow.js; arquero is
 * ESM, which require loads on Node 20.19+).
 */
function load<T>(name: string): T {
  return createRequire(join(projectRoot(), 'package.json'))(name) as T;
}
