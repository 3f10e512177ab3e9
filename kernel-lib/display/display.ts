import { currentSink, type DisplaySink } from './display-sink';
import { tableHtml, tableText } from './table-format';
import { sliceTable, type ResultReaderLike, type TableSlice, type TableSource } from './table-source';

/** Options of {@link showTable}. */
export interface ShowTableOptions {
  /** Rows shown at most (default 20); a note says "N of M rows". */
  maxRows?: number;
  /** Shown above the table. */
  caption?: string;
  /** Longer cell texts are cut with '…' (default 200). */
  maxCellChars?: number;
  /** Where to display (default: the notebook inside a kernel, else stdout). */
  sink?: DisplaySink;
}

/**
 * Shows rows as an HTML table in the notebook (plain text outside a kernel), at most `maxRows`
 * of them with an "N of M rows" note, so a large result never floods the notebook. Takes an
 * array of row objects, a DuckDB result reader (`await connection.runAndReadAll(sql)`) or an
 * arquero table. BIGINT, dates and DuckDB values are shown as text; numbers right-aligned.
 *
 * @example showTable(await connection.runAndReadAll('SELECT * FROM video_events'), { maxRows: 10 })
 */
export function showTable(source: TableSource, options: ShowTableOptions = {}): void {
  showSlice(sliceTable(source, options.maxRows ?? 20), options);
}

function showSlice(slice: TableSlice, options: ShowTableOptions): void {
  const sink = options.sink ?? currentSink();
  const format = { caption: options.caption, maxCellChars: options.maxCellChars };
  if (sink.rich) sink.html(tableHtml(slice, format));
  else sink.text(tableText(slice, format));
}

/** The parts of a @duckdb/node-api DuckDBConnection that {@link showQuery} uses. */
export interface QueryConnectionLike {
  runAndReadUntil(sql: string, targetRowCount: number): Promise<ResultReaderLike>;
  runAndReadAll(sql: string): Promise<ResultReaderLike>;
}

/** Options of {@link showQuery}. */
export interface ShowQueryOptions extends ShowTableOptions {
  /** Count all rows with a second `SELECT count(*)` when there are more than shown (default true). */
  countRows?: boolean;
}

/**
 * Runs `sql` reading only about `maxRows` rows, shows them with {@link showTable} and, when
 * there are more, counts them (unless `countRows: false`) for the "N of M rows" note.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await showQuery(run.duck.connection, 'SELECT * FROM events ORDER BY time', { maxRows: 10, caption: 'events' }); // "10 of N rows"
 */
export async function showQuery(
  connection: QueryConnectionLike,
  sql: string,
  options: ShowQueryOptions = {}
): Promise<void> {
  const maxRows = options.maxRows ?? 20;
  const reader = await connection.runAndReadUntil(sql, maxRows + 1);
  let total: number | undefined = reader.done ? reader.currentRowCount : undefined;
  if (total === undefined && options.countRows !== false) {
    const inner = sql.replace(/[\s;]+$/, '').trim();
    const counted = await connection.runAndReadAll(`SELECT count(*) AS n FROM (${inner}\n) AS samced_counted`);
    total = Number(counted.value(0, 0));
  }
  const slice = sliceTable(reader, maxRows);
  showSlice({ ...slice, total }, options);
}

/**
 * Shows Markdown (rendered in the notebook, as text elsewhere).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const count = await run.duck.scalar<bigint>('SELECT count(*) FROM student_courseenrollment');
 * showMarkdown(`**${count}** learners enrolled; see *video_summary* for the videos.`);
 */
export function showMarkdown(markdown: string, sink: DisplaySink = currentSink()): void {
  sink.markdown(markdown);
}

/**
 * Shows plain text as a text/plain output (stdout outside a kernel).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * showText(JSON.stringify(run.timings, null, 2));
 */
export function showText(text: string, sink: DisplaySink = currentSink()): void {
  sink.text(text);
}
