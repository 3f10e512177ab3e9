import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

export interface DuckOptions {
  /** Database file; default in-memory. */
  path?: string;
  /** Worker threads; default DuckDB's (all cores). */
  threads?: number;
  /** e.g. '1GB'; default DuckDB's (80 % of RAM). Beyond it DuckDB spills to `tempDirectory`. */
  memoryLimit?: string;
  /** Where DuckDB spills; default DuckDB's. */
  tempDirectory?: string;
}

/**
 * An open DuckDB database with one connection, UTC time zone and small helpers.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const duck: Duck = run.duck;
 * await duck.scalar<bigint>('SELECT count(*) FROM events'); // a bigint (BIGINT columns arrive as bigint)
 * await duck.json('SELECT min(time) AS first FROM events'); // [{ first: '<the first event time as text>' }]
 * await run.close();
 */
export interface Duck {
  connection: DuckDBConnection;
  /** Runs statements; returns nothing. */
  run(sql: string, params?: DuckDBValue[]): Promise<void>;
  /** Runs a query; returns rows as plain JS objects (BIGINT as bigint, timestamps as DuckDB values). */
  all(sql: string, params?: DuckDBValue[]): Promise<Record<string, unknown>[]>;
  /** Runs a query; returns rows as JSON-safe objects (BIGINT and timestamps as strings). */
  json(sql: string, params?: DuckDBValue[]): Promise<Record<string, unknown>[]>;
  /** The first column of the first row. */
  scalar<T = unknown>(sql: string, params?: DuckDBValue[]): Promise<T>;
  /**
   * A second connection to the same database (its own transactions and temporary objects), so
   * that two queries can run at once; close() closes only that connection.
   */
  connect(): Promise<Duck>;
  close(): void;
}

/**
 * Opens DuckDB (in memory unless `path` is given) with TimeZone=UTC.
 *
 * @example
 * const duck = await openDuck({ memoryLimit: '1GB' });
 * await duck.run('CREATE TABLE t AS SELECT range AS n FROM range(3)');
 * await duck.all('SELECT n FROM t ORDER BY n'); // [{ n: 0n }, { n: 1n }, { n: 2n }]
 * duck.close();
 */
export async function openDuck(options: DuckOptions = {}): Promise<Duck> {
  const config: Record<string, string> = {};
  if (options.threads) config.threads = String(options.threads);
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  // loaded here, not at import: the native library takes a while to map, and a build starts
  // decompressing the logs meanwhile (see course-run.ts)
  const api = await import('@duckdb/node-api');
  // bundled (bin/compiled-cli.mjs), the CommonJS package's exports are only its default export
  const { DuckDBInstance } = api.DuckDBInstance ? api : (api as unknown as { default: typeof api }).default;
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
  const duck = await connectTo(instance, () => instance.closeSync());
  return duck;
}

type Instance = Awaited<ReturnType<typeof import('@duckdb/node-api').DuckDBInstance.create>>;

async function connectTo(instance: Instance, onClose: () => void): Promise<Duck> {
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return {
    connection,
    async run(sql, params) {
      await connection.run(sql, params);
    },
    async all(sql, params) {
      return (await connection.runAndReadAll(sql, params)).getRowObjectsJS() as Record<string, unknown>[];
    },
    async json(sql, params) {
      return (await connection.runAndReadAll(sql, params)).getRowObjectsJson() as Record<string, unknown>[];
    },
    async scalar<T>(sql: string, params?: DuckDBValue[]) {
      const rows = (await connection.runAndReadAll(sql, params)).getRowsJS();
      return rows[0]?.[0] as T;
    },
    connect: () => connectTo(instance, () => {}),
    close() {
      connection.closeSync();
      onClose();
    }
  };
}

/**
 * Quotes an SQL identifier (`"a.b"` works in DuckDB and SQLite).
 *
 * @example
 * ident('video "A"'); // '"video ""A"""'
 * const run = await openCourseRun(sampleCourseRun());
 * await run.duck.all(`SELECT * FROM ${ident('student_courseenrollment')} LIMIT 5`);
 */
export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/**
 * Quotes an SQL string literal.
 *
 * @example
 * literal("O'Brien"); // "'O''Brien'"
 * const run = await openCourseRun(sampleCourseRun());
 * await run.duck.all(`SELECT * FROM events WHERE event_type = ${literal('play_video')} LIMIT 5`);
 */
export function literal(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}
