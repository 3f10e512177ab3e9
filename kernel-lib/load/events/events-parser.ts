import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { courseKeyForms } from '../../drop/course-key';
import { CUT_SEPARATOR, megabytes, type CutProblem, type CutReport, type CutSegment } from './cut';
import { cutCourseEvents, type EventsCut } from './course-cut';
import { createEventsView, type EventsLoadOptions, type EventsLoadReport } from './events-view';
import { InputError } from '../../util/errors';
import { literal, type Duck } from '../../duck/connection';
import { loadSql } from '../../duck/sql-files';
import { createRunSchemas } from '../../duck/schemas';

/**
 * read_csv over cut files: (file_index, source_line, raw), one row per kept line. The line limit
 * is the longest kept line (plus its two numbers), not DuckDB's 2 MB, and the read buffers are
 * small (DuckDB's default is 16 lines of the limit, 32 MB, each a fresh allocation whose pages the
 * kernel must map), which makes the parse slower (docs/performance.md).
 */
function cutSource(paths: string[], longestLine: number): string {
  const maxLine = Math.max(64 << 10, longestLine + 64);
  const buffer = Math.max(2 << 20, 2 * maxLine); // DuckDB needs buffer >= line limit
  return `read_csv([${paths.map(literal).join(', ')}], delim=${literal(CUT_SEPARATOR)}, quote='', escape='', header=false, auto_detect=false,
    columns={'file_index': 'INTEGER', 'source_line': 'BIGINT', 'raw': 'VARCHAR'}, max_line_size=${maxLine}, buffer_size=${buffer}, new_line='\\n')`;
}

const NO_LINES = `(SELECT NULL::INTEGER AS file_index, NULL::BIGINT AS source_line, NULL::VARCHAR AS raw WHERE false)`;

const VALID_LINE = `(CASE WHEN json_valid(raw) THEN json_type(raw) = 'OBJECT' ELSE false END)`;

/** EventsParser instances made so far in this process (names their files apart). */
let parserCount = 0;

/**
 * The second half: one JSON parse per kept line in DuckDB, streamed from each segment of the cut
 * into a Parquet file beside it (`events-<parser>-<segment>.parquet`), segment by segment as they
 * arrive (add), then the view `events` over those files (finish; see EVENT_COLUMNS): a year of
 * logs is never held in memory, and each query reads only the columns it uses. Also the view
 * `personal.event_lines` (source_file, source_line, raw) over the cut. Both are valid while the files
 * exist. A line that is JSON but not an object counts as another course's line.
 */
export class EventsParser {
  private chain: Promise<void>;
  private readonly parsed: { file: string; source: string; cut?: CutSegment }[] = [];
  private readonly invalid: CutProblem[] = [];
  /**
   * Names this parser's files apart from any earlier parser's in the same folder: DuckDB caches
   * Parquet footers by path and modification time (to the second), so a file must never be
   * rewritten under the same name while the database is open.
   */
  private readonly prefix = `events-${++parserCount}-`;
  private stopped = false;

  /**
   * `duck` may be a second connection (Duck.connect()), so that segments are parsed while the
   * first loads other tables; `onError` hears of a failed segment at once (to stop the cut).
   */
  constructor(
    private readonly duck: Duck,
    private readonly options: EventsLoadOptions,
    private readonly dir: string,
    private readonly onError?: (error: unknown) => void
  ) {
    const files = options.files;
    this.chain = this.enqueue(async () => {
      // file_index: the position in the file list (date, site order: the first copy of a duplicate line
      // is kept from the first file); file_order: the rank in name order (source_file_order)
      await createRunSchemas(duck);
      await duck.run(
        'CREATE OR REPLACE TABLE internal.cut_files (file_index INTEGER, rel_path VARCHAR, file_order INTEGER)'
      );
      if (files.length > 0) {
        // byte order of the UTF-8 names, as DuckDB sorts text
        const byName = files.map((f) => f.relPath).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        const rank = new Map(byName.map((path, i) => [path, i + 1]));
        await duck.run(
          'INSERT INTO internal.cut_files VALUES ' +
            files.map((f, i) => `(${i}, ${literal(f.relPath)}, ${rank.get(f.relPath)})`).join(', ')
        );
      }
    }, Promise.resolve());
  }

  private enqueue(step: () => Promise<void>, after: Promise<void> = this.chain): Promise<void> {
    const next = after.then(step);
    next.catch((error) => this.onError?.(error));
    return next;
  }

  /** Parses a complete segment of the cut after the ones added before it. */
  add(segment: CutSegment): void {
    this.chain = this.enqueue(() => this.parse(segment));
  }

  private async parse(segment: CutSegment): Promise<void> {
    if (this.stopped) return;
    const file = join(this.dir, `${this.prefix}${String(segment.index).padStart(3, '0')}.parquet`);
    const source = cutSource([segment.path], segment.longestLine);
    // optimistic: parse straight away; only when DuckDB meets malformed JSON, find and report the lines
    try {
      await this.copy(source, file);
    } catch (error) {
      if (!/malformed json/i.test((error as Error).message)) throw this.explain(error, segment);
      const found = await invalidLines(this.duck, source, this.options);
      if (found.length === 0) throw error;
      this.invalid.push(...found);
      // skipBadLines: keep only the valid lines, in a table, and parse again
      const valid = `internal.cut_valid_${segment.index}`;
      await this.duck.run(`CREATE OR REPLACE TABLE ${valid} AS SELECT * FROM ${source} WHERE ${VALID_LINE}`);
      await this.copy(valid, file);
      this.parsed.push({ file, source: valid });
      return;
    }
    this.parsed.push({ file, source, cut: segment });
  }

  /**
   * DuckDB out of memory while parsing a segment: one line that names the segment's longest line
   * (the likeliest cause) and the options that help. Other failures are thrown as they are.
   */
  private explain(error: unknown, segment: CutSegment): unknown {
    const message = String((error as Error)?.message ?? error).split('\n')[0]!;
    if (!/out of memory/i.test(message)) return error;
    const at = segment.longestAt;
    const file = at ? this.options.files[at.fileIndex]?.relPath : undefined;
    const hint =
      'raise --memory-limit, or lower --max-line-mb to make such lines bad lines (skipped with --skip-bad-lines)';
    return new InputError(
      `DuckDB ran out of memory parsing the course's event lines, the longest of which (${megabytes(segment.longestLine)} MB) is here: ${hint} (${message})`,
      {
        file: file ?? segment.path,
        line: file ? at!.line : undefined
      }
    );
  }

  private copy(source: string, file: string): Promise<void> {
    const forms = courseKeyForms(this.options.course).map(literal).join(', ');
    return this.duck.run(
      loadSql('load/events/events-view.sql', { course_forms: forms, cut: source, events_file: literal(file) })
    );
  }

  /** Waits for the segments added, then makes the views `events` and `personal.event_lines` on `duck`. */
  async finish(duck: Duck, cut: CutReport): Promise<EventsLoadReport> {
    await this.chain;
    if (this.parsed.length === 0) {
      // nothing mentioned the course: an empty file gives the view its columns
      const file = join(this.dir, `${this.prefix}none.parquet`);
      await this.copy(NO_LINES, file);
      this.parsed.push({ file, source: NO_LINES });
    }
    await createEventsView(
      duck,
      this.parsed.map((p) => p.file)
    );
    const clean = this.parsed.filter((p) => p.cut).map((p) => p.cut!.path);
    const lines = [
      ...(clean.length > 0 ? [`SELECT * FROM ${cutSource(clean, cut.longestLine)}`] : []),
      ...this.parsed.filter((p) => !p.cut).map((p) => `SELECT * FROM ${p.source}`)
    ];
    await duck.run(
      `CREATE OR REPLACE VIEW personal.event_lines AS SELECT f.rel_path AS source_file, c.source_line, c.raw FROM (${lines.join(' UNION ALL ')}) c JOIN internal.cut_files f USING (file_index)`
    );
    const counts = (
      await duck.json('SELECT count(*) AS events, coalesce(sum(copies), 0) AS member FROM events')
    )[0] as { events: string; member: string };
    const kept = cut.matched - this.invalid.length;
    const events = Number(counts.events);
    const order = new Map(this.options.files.map((f, i) => [f.relPath, i]));
    const invalid = [...this.invalid].sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.line - b.line);
    return {
      ...cut,
      problems: [...cut.problems, ...invalid],
      events,
      otherCourse: kept - Number(counts.member),
      duplicates: Number(counts.member) - events,
      source: 'logs'
    };
  }

  /**
   * Waits for the segments added, then gives the Parquet files of the parsed lines (events.sql's
   * columns, every line kept by the cut, `member` or not) and the lines found not to be JSON
   * objects (skipped with skipBadLines), without making the views (the event store's use).
   */
  async parsedFiles(): Promise<{ files: string[]; problems: CutProblem[] }> {
    await this.chain;
    return { files: this.parsed.map((p) => p.file), problems: [...this.invalid] };
  }

  /** Skips the segments not yet begun (a course run closed early need not wait for them). */
  stop(): void {
    this.stopped = true;
  }

  /** Resolves when the segments added so far are parsed or have failed (before closing DuckDB). */
  settled(): Promise<void> {
    return this.chain.then(
      () => {},
      () => {}
    );
  }
}

/** Parses a whole cut (every segment) after it ended: see EventsParser. */
export async function parseCourseEvents(
  duck: Duck,
  cut: EventsCut,
  options: EventsLoadOptions,
  dir: string
): Promise<EventsLoadReport> {
  const parser = new EventsParser(duck, options, dir);
  for (const segment of cut.segments) parser.add(segment);
  return parser.finish(duck, cut.report);
}

/**
 * Reads the selected daily files and builds the DuckDB table `events` for one course run: the cut
 * (cutCourseEvents), then the parse (parseCourseEvents).
 */
export async function loadEvents(duck: Duck, options: EventsLoadOptions): Promise<EventsLoadReport> {
  const ownDir = options.workDir === undefined;
  const dir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'samced-cut-')));
  try {
    const report = await parseCourseEvents(duck, await cutCourseEvents(options, dir), options, dir);
    if (ownDir) {
      // the files go with the folder: keep the events as a table (events_loaded exists only
      // within this call: DuckDB cannot move a table to another schema, so it is made in main)
      await duck.run(
        'CREATE OR REPLACE TABLE events_loaded AS SELECT * FROM events; DROP VIEW events; DROP TABLE internal.event_line_copies; ALTER TABLE events_loaded RENAME TO events'
      );
    }
    return report;
  } finally {
    if (ownDir) {
      await duck.run('DROP VIEW IF EXISTS personal.event_lines');
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** Lines of a cut source that are not JSON objects: an InputError, or found (and left out by the caller) with skipBadLines. */
async function invalidLines(duck: Duck, source: string, options: EventsLoadOptions): Promise<CutProblem[]> {
  const bad = (await duck.json(
    `SELECT file_index, source_line FROM ${source} WHERE NOT ${VALID_LINE} ORDER BY file_index, source_line`
  )) as {
    file_index: number;
    source_line: string;
  }[];
  const found = bad.map((b) => ({
    file: options.files[b.file_index]!.relPath,
    line: Number(b.source_line),
    message: 'not a JSON object',
    reason: 'not a JSON object'
  }));
  if (found.length > 0 && !options.skipBadLines) {
    throw new InputError(
      `${found[0]!.message} (${found.length} bad line(s) in this part of the course's lines; use skipBadLines to skip them)`,
      {
        file: found[0]!.file,
        line: found[0]!.line
      }
    );
  }
  return found;
}
