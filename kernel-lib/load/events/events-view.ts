import type { Readable } from 'node:stream';
import type { CourseKey } from '../../drop/course-key';
import type { EventFile } from '../../drop/event-files';
import type { CutFileReport, CutReport, CutSegmenting } from './cut';
import type { Logger } from '../../util/effects';
import { literal, type Duck } from '../../duck/connection';
import { createRunSchemas } from '../../duck/schemas';

/**
 * Columns of the `events` view (a table when loadEvents owns no folder): one row per tracking-log event of the course run.
 *
 * @example
 * Object.keys(EVENT_COLUMNS); // the documented columns of events
 * EVENT_COLUMNS.event_type; // what a column holds
 */
export const EVENT_COLUMNS = {
  source_file: 'Daily log file the event came from (relative to the drop).',
  source_line: 'Line number in that (decompressed) file.',
  source_file_order:
    "Rank of source_file among the course run's daily files in name order (1, 2, ...): `ORDER BY time, source_file_order, source_line` orders events stably, as the watch-time tables break ties in time.",
  time: 'Event time, UTC (parsed from `time`; with or without microseconds or zone).',
  time_raw: '`time` exactly as logged.',
  event_date: 'UTC calendar day of `time` (the original used the date prefix of `time`, the same day for UTC logs).',
  user_id: 'edX user id (`context.user_id`); NULL for anonymous events (`""` or null in the log).',
  username: 'Login name as logged (personal data; never exported).',
  event_type: '`event_type`: the event name for explicit events, the URL path for implicit page views.',
  name: 'Top-level `name` (server, mobile and newer browser events; e.g. `edx.video.played`).',
  event_source: '`browser`, `server`, `mobile` or `task`.',
  course_id: '`context.course_id` as logged (either format).',
  page: 'Page URL (browser events).',
  host: 'Server that logged the event.',
  session: 'Session id.',
  context_path: '`context.path`: request path (server events).',
  module_display_name: '`context.module.display_name` (problem events).',
  module_usage_key: '`context.module.usage_key`.',
  event_encoding: 'How `event` arrived: `string` (JSON text, browser events), `object` (server events), `missing`, ...',
  event:
    'The event payload as JSON, decoded when it arrived as a JSON string (twice if doubly encoded); text that is not JSON is kept as a JSON string.',
  copies:
    'How many identical lines (same bytes) the selected files held: 1, or more when sites or servers delivered the line again; the first file and line is the row.'
} as const;

export interface EventsLoadOptions {
  course: CourseKey;
  files: EventFile[];
  /** Skip and count bad lines (not UTF-8, not JSON, longer than maxLineBytes, truncated gzip) instead of failing. */
  skipBadLines?: boolean;
  /** Longest line kept (see CutOptions.maxLineBytes; default DEFAULT_MAX_LINE_BYTES): a longer one is a bad line. */
  maxLineBytes?: number;
  /** Turns the bytes of an OpenPGP-encrypted file into its decrypted bytes (see acquire/decrypt-stream.ts). */
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
  concurrency?: number;
  /**
   * Folder for the cut's segment files and the parsed Parquet files, owned by the caller, who
   * removes it when done with the `events` and `personal.event_lines` views. Default: a temporary folder
   * removed at once (`events` is then a table, and there is no `personal.event_lines`).
   */
  workDir?: string;
  logger?: Logger;
  /** Sizes of the cut's segment files (default CUT_SEGMENTS). */
  segments?: CutSegmenting;
}

export interface EventsLoadReport extends Omit<CutReport, 'matched' | 'files'> {
  /** The daily files read, in order (`matched` null when the events came from the event store). */
  files: (Omit<CutFileReport, 'matched'> & { matched: number | null })[];
  /**
   * Lines that mention the course (kept by the byte cut); null when the events came from the
   * event store, which keeps each course's own events only.
   */
  matched: number | null;
  /** Events of the course run in the `events` view. */
  events: number;
  /**
   * Lines that mention the course but whose context.course_id is another course (e.g. run
   * `1T2026B`); null when the events came from the event store (see `matched`).
   */
  otherCourse: number | null;
  /** Exact duplicate lines dropped (overlapping deliveries). */
  duplicates: number;
  /** Where the events came from: `logs` (the daily files, read now) or `store` (the event store's partitions, see `samced index`). */
  source: 'logs' | 'store';
  /** The event store's folder, when `source` is `store`. */
  store?: string;
}

/**
 * Makes the view `events` over Parquet files of parsed lines (see events.sql): the rows whose
 * course is the course run (the files keep the other lines that mention it, with `member` false,
 * for the counts), without exact duplicate lines (same 64-bit hash and length: overlapping
 * deliveries from several sites or servers), of which the first file and line is kept and `copies`
 * counts them. The duplicates are found from the files' hash and length columns, a cheap scan,
 * into the small table `internal.event_line_copies` the view joins, in two steps, cheaper than one
 * aggregate over every line; when there are none, the view has no join, which every query reading
 * the events would pay (docs/performance.md).
 */
export async function createEventsView(duck: Duck, eventsFiles: string[]): Promise<void> {
  await createEventsViewOver(duck, `read_parquet([${eventsFiles.map(literal).join(', ')}])`);
}

/**
 * createEventsView over any relation with the columns events.sql writes (the event store's
 * view gives one over its partitions, see store/events-view.ts).
 */
export async function createEventsViewOver(duck: Duck, files: string): Promise<void> {
  await createRunSchemas(duck);
  // two steps: the hashes seen twice (a narrow aggregate), then only their lines in full
  await duck.run(`CREATE OR REPLACE TABLE internal.event_line_copies AS
      SELECT line_hash, line_length, count(*)::INTEGER AS copies, min({'file_index': file_index, 'source_line': source_line}) AS first
      FROM ${files}
      WHERE line_hash IN (SELECT line_hash FROM ${files} GROUP BY line_hash HAVING count(*) > 1)
      GROUP BY ALL HAVING count(*) > 1`);
  const duplicated = Number(await duck.scalar('SELECT count(*) FROM internal.event_line_copies')) > 0;
  // every query of the families reads these files: keep their footers (DuckDB checks each file's
  // modification time), which makes a rebuild faster. Settable only once the
  // Parquet reader is loaded, as it is now.
  await duck.run('SET parquet_metadata_cache = true');
  const columns = 'p.* EXCLUDE (member, file_index, line_hash, line_length)';
  await duck.run(
    duplicated
      ? `CREATE OR REPLACE VIEW events AS
      SELECT ${columns}, coalesce(d.copies, 1) AS copies
      FROM ${files} p
      LEFT JOIN internal.event_line_copies d ON p.line_hash = d.line_hash AND p.line_length = d.line_length
      WHERE p.member AND (d.copies IS NULL OR (d.first.file_index = p.file_index AND d.first.source_line = p.source_line))`
      : `CREATE OR REPLACE VIEW events AS SELECT ${columns}, 1::INTEGER AS copies FROM ${files} p WHERE p.member`
  );
}
