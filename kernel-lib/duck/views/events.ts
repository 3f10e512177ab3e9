import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { courseKeyForms, type CourseKey } from '../../drop/course-key';
import type { EventFile } from '../../drop/event-files';
import { cutEventFiles, CUT_SEPARATOR, type CutProblem, type CutReport } from '../../events/cut';
import { cutEventFilesInWorker } from '../../events/cut-in-worker';
import { InputError } from '../../util/errors';
import type { Logger } from '../../util/effects';
import { literal, type Duck } from '../connection';
import { loadSql } from '../sql-files';

/** Columns of the `events` view (a table when loadEvents owns no folder): one row per tracking-log event of the course run. */
export const EVENT_COLUMNS = {
  source_file: 'Daily log file the event came from (relative to the drop).',
  source_line: 'Line number in that (decompressed) file.',
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
  event: 'The event payload as JSON, decoded when it arrived as a JSON string (twice if doubly encoded); text that is not JSON is kept as a JSON string.',
  copies: 'How many identical lines (same bytes) the selected files held: 1, or more when sites or servers delivered the line again; the first file and line is the row.'
} as const;

export interface EventsLoadOptions {
  course: CourseKey;
  files: EventFile[];
  /** Skip and count bad lines (not UTF-8, not JSON, truncated gzip) instead of failing. */
  skipBadLines?: boolean;
  /** Turns the bytes of an OpenPGP-encrypted file into its decrypted bytes (see acquire/decrypt-stream.ts). */
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
  concurrency?: number;
  /**
   * Folder for the cut file, owned by the caller, who removes it when done with the `event_lines`
   * view. Default: a temporary folder removed at once (no `event_lines` then).
   */
  workDir?: string;
  logger?: Logger;
}

export interface EventsLoadReport extends CutReport {
  /** Events of the course run in the `events` table. */
  events: number;
  /** Lines that mention the course but whose context.course_id is another course (e.g. run `1T2026B`). */
  otherCourse: number;
  /** Exact duplicate lines dropped (overlapping deliveries). */
  duplicates: number;
  /** True when the table came from the events cache. */
  fromCache?: boolean;
}

/** The needles of the cheap first cut: the course id in both formats, also with JSON-escaped slashes. */
export function courseNeedles(course: CourseKey): string[] {
  const [v1, slash] = courseKeyForms(course);
  return [v1!, slash!, slash!.replace(/\//g, '\\/')];
}

/**
 * The anchor of the cut: the course number, which every spelling of the course id holds and which
 * (unlike the org or the run) few other courses' lines do. Too short a number is no help.
 */
export function courseAnchor(course: CourseKey): string | undefined {
  return course.course.length >= 3 ? course.course : undefined;
}

/** read_csv over a cut file: (file_index, source_line, raw), one row per kept line. */
function cutSource(cutPath: string, longestLine: number): string {
  const maxLine = Math.max(2 << 20, longestLine + 64);
  return `read_csv(${literal(cutPath)}, delim=${literal(CUT_SEPARATOR)}, quote='', escape='', header=false, auto_detect=false,
    columns={'file_index': 'INTEGER', 'source_line': 'BIGINT', 'raw': 'VARCHAR'}, max_line_size=${maxLine}, new_line='\\n')`;
}

const VALID_LINE = `(CASE WHEN json_valid(raw) THEN json_type(raw) = 'OBJECT' ELSE false END)`;

/** The cut of a course run's daily files, written to `path`, waiting to be parsed. */
export interface EventsCut {
  path: string;
  /** Where parseCourseEvents writes the parsed events (Parquet), beside the cut. */
  eventsFile: string;
  report: CutReport;
  /** Seconds the cut took. */
  seconds: number;
}

/**
 * The first half of loading events: the byte-level cut on the course id of the selected daily
 * files into `<dir>/cut.txt`. It needs no DuckDB, so a caller can start it first and load the
 * course tables while the logs decompress.
 */
export async function cutCourseEvents(options: EventsLoadOptions & { signal?: AbortSignal }, dir: string): Promise<EventsCut> {
  const started = performance.now();
  const path = join(dir, 'cut.txt');
  const cutOptions = {
    needles: courseNeedles(options.course),
    anchor: courseAnchor(options.course),
    skipBadLines: options.skipBadLines,
    concurrency: options.concurrency,
    logger: options.logger,
    signal: options.signal
  };
  // on a worker thread, unless a file must be decrypted here (the key's function stays on this thread)
  const report = options.files.some((f) => f.encrypted)
    ? await cutEventFiles(options.files, path, { ...cutOptions, decrypt: options.decrypt })
    : await cutEventFilesInWorker(options.files, path, cutOptions);
  return { path, eventsFile: join(dir, 'events.parquet'), report, seconds: (performance.now() - started) / 1000 };
}

/**
 * The view `events` over a Parquet file of parsed lines (see events.sql): the rows whose course is
 * the course run (the file keeps the other lines that mention it, with `member` false, for the
 * counts), without exact duplicate lines (same 64-bit hash and length: overlapping deliveries from
 * several sites or servers), of which the first file and line is kept and `copies` counts them.
 * The duplicates are found from the file's hash and length columns, a cheap scan, into the small
 * table `event_line_copies` the view joins.
 */
export function eventsViewSql(eventsFile: string): string {
  const file = `read_parquet(${literal(eventsFile)})`;
  return `CREATE OR REPLACE TABLE event_line_copies AS
      SELECT line_hash, line_length, count(*)::INTEGER AS copies, min({'file_index': file_index, 'source_line': source_line}) AS first
      FROM ${file} GROUP BY ALL HAVING count(*) > 1;
    CREATE OR REPLACE VIEW events AS
      SELECT p.* EXCLUDE (member, file_index, line_hash, line_length), coalesce(d.copies, 1) AS copies
      FROM ${file} p
      LEFT JOIN event_line_copies d ON p.line_hash = d.line_hash AND p.line_length = d.line_length
      WHERE p.member AND (d.copies IS NULL OR (d.first.file_index = p.file_index AND d.first.source_line = p.source_line))`;
}

/**
 * The second half: one JSON parse per kept line of the cut in DuckDB, streamed into a Parquet
 * file beside the cut, and the view `events` over it (see EVENT_COLUMNS): a year of logs is
 * never held in memory, and each query reads only the columns it uses. Also the view
 * `event_lines` (source_file, source_line, raw) over the cut file. Both are valid while the files
 * exist. A line that is JSON but not an object counts as another course's line.
 */
export async function parseCourseEvents(duck: Duck, cutResult: EventsCut, options: EventsLoadOptions): Promise<EventsLoadReport> {
  const cut = cutResult.report;
  await duck.run('CREATE OR REPLACE TABLE cut_files (file_index INTEGER, rel_path VARCHAR)');
  if (options.files.length > 0) {
    await duck.run('INSERT INTO cut_files VALUES ' + options.files.map((f, i) => `(${i}, ${literal(f.relPath)})`).join(', '));
  }
  let source = cut.matched > 0 ? cutSource(cutResult.path, cut.longestLine) : `(SELECT NULL::INTEGER AS file_index, NULL::BIGINT AS source_line, NULL::VARCHAR AS raw WHERE false)`;
  // optimistic: parse straight away; only when DuckDB meets malformed JSON, find and report the lines
  const forms = courseKeyForms(options.course).map(literal).join(', ');
  let problems = cut.problems;
  const parse = (from: string) =>
    duck.run(loadSql('duck/views/events.sql', { course_forms: forms, cut: from, events_file: literal(cutResult.eventsFile), events_view: eventsViewSql(cutResult.eventsFile) }));
  try {
    await parse(source);
  } catch (error) {
    if (!/malformed json/i.test((error as Error).message)) throw error;
    problems = await rejectInvalidJson(duck, source, options, cut.problems);
    if (problems.length === cut.problems.length) throw error;
    // skipBadLines: keep only the valid lines, in a table, and parse again
    await duck.run(`CREATE OR REPLACE TABLE cut_valid AS SELECT * FROM ${source} WHERE ${VALID_LINE}`);
    source = 'cut_valid';
    await parse(source);
  }
  await duck.run(`CREATE OR REPLACE VIEW event_lines AS SELECT f.rel_path AS source_file, c.source_line, c.raw FROM ${source} c JOIN cut_files f USING (file_index)`);
  const counts = (await duck.json('SELECT count(*) AS events, coalesce(sum(copies), 0) AS member FROM events'))[0] as { events: string; member: string };
  const kept = cut.matched - (problems.length - cut.problems.length);
  const events = Number(counts.events);
  return { ...cut, problems, events, otherCourse: kept - Number(counts.member), duplicates: Number(counts.member) - events };
}

/**
 * Reads the selected daily files and builds the DuckDB table `events` for one course run: the cut
 * (cutCourseEvents), then the parse (parseCourseEvents).
 */
export async function loadEvents(duck: Duck, options: EventsLoadOptions): Promise<EventsLoadReport> {
  const ownDir = options.workDir === undefined;
  const dir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'samced-cut-')));
  try {
    const report = await parseCourseEvents(duck, await cutCourseEvents(options, dir), options);
    if (ownDir) {
      // the files go with the folder: keep the events as a table
      await duck.run('CREATE OR REPLACE TABLE events_loaded AS SELECT * FROM events; DROP VIEW events; DROP TABLE event_line_copies; ALTER TABLE events_loaded RENAME TO events');
    }
    return report;
  } finally {
    if (ownDir) {
      await duck.run('DROP VIEW IF EXISTS event_lines');
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** Lines of the cut that are not JSON objects: an InputError, or counted (and left out by the caller). */
async function rejectInvalidJson(duck: Duck, source: string, options: EventsLoadOptions, problems: CutProblem[]): Promise<CutProblem[]> {
  const bad = (await duck.json(`SELECT file_index, source_line FROM ${source} WHERE NOT ${VALID_LINE} ORDER BY file_index, source_line`)) as {
    file_index: number;
    source_line: string;
  }[];
  if (bad.length === 0) return problems;
  const found = bad.map((b) => ({ file: options.files[b.file_index]!.relPath, line: Number(b.source_line), message: 'not a JSON object' }));
  if (!options.skipBadLines) {
    throw new InputError(`${found[0]!.message} (${found.length} bad line(s) in the course's lines; use skipBadLines to skip them)`, {
      file: found[0]!.file,
      line: found[0]!.line
    });
  }
  return [...problems, ...found];
}
