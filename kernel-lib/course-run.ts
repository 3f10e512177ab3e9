import type { Readable } from 'node:stream';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openDuck, type Duck } from './duck/connection';
import { createMacros } from './duck/macros';
import { loadTsvTable, type TableLoadReport } from './duck/views/tables';
import { TABLE_SCHEMAS } from './duck/views/table-schemas';
import { loadForum, type ForumLoadReport } from './duck/views/forum';
import { loadCourseStructure } from './duck/views/course-structure';
import { loadCourseContent } from './duck/views/course-content';
import { cutCourseEvents, EventsParser, type EventsLoadOptions, type EventsLoadReport } from './duck/views/events';
import type { CutSegment } from './events/cut';
import { courseFilePrefix, type CourseKey } from './drop/course-key';
import { parseDate } from './drop/dates';
import { listEventFiles, type EventFile } from './drop/event-files';
import { findCourseFiles, listSnapshots, pickSnapshot, type CourseFiles, type Snapshot } from './drop/snapshots';
import { InputError } from './util/errors';
import { withDefaults, type Effects } from './util/effects';
import { ident } from './duck/connection';
import { Stopwatch } from './util/stopwatch';
import { eventsCacheKey, loadEventsCache, readEventsCacheReport, writeEventsCache } from './events/cache';

export interface CourseRunOptions {
  /** The drop folder (holds `course-data/` and `edx-course-data/`). */
  data: string;
  org: string;
  course: string;
  run: string;
  /** Inclusive window `YYYY-MM-DD` (or `YYYYMMDD`). */
  start: string;
  end: string;
  /** Event sites to read (`edx`, `edge`, `prod`); default all. */
  sites?: string[];
  /** Use this snapshot date instead of the original's choice (first on or after the end date, else the latest). */
  snapshot?: string;
  /** Skip and count bad lines instead of failing. */
  skipBadLines?: boolean;
  /** Tables whose export file must exist; others are empty when missing. */
  requiredTables?: string[];
  /** Decrypts `.gpg` event files read in place (see acquire/decrypt-stream.ts `decryptReadable`). */
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
  /** DuckDB database file; default in memory. */
  duckPath?: string;
  threads?: number;
  /** DuckDB memory limit (it spills to a temporary folder beyond it); default '1GB', so a year of logs stays in bounds. */
  memoryLimit?: string;
  /** Skip reading the tracking logs (course data only). */
  noEvents?: boolean;
  /**
   * Folder of the events cache: the course run's parsed events file (Parquet) is kept there, keyed
   * by the course, the options and every selected file's path, size and time, and a second build
   * or a notebook re-run reads it in place instead of the logs. Default: no cache. (The
   * `event_lines` view of the raw lines exists only when the logs were read.)
   */
  cacheDir?: string;
}

/** One course run, loaded: the DuckDB database and what was read. */
export interface CourseRun {
  duck: Duck;
  course: CourseKey;
  start: string;
  end: string;
  snapshot: Snapshot;
  files: CourseFiles;
  eventFiles: EventFile[];
  tables: TableLoadReport[];
  forum: ForumLoadReport;
  courseStructureRows: number;
  events: EventsLoadReport | undefined;
  warnings: string[];
  /** Seconds spent per loading phase. */
  timings: Record<string, number>;
  /** Closes DuckDB and removes the run's temporary files (the cut behind `event_lines` and the Parquet files behind `events`). */
  close(): Promise<void>;
}

export const DEFAULT_REQUIRED_TABLES = ['student_courseenrollment'];

/** What a caller may do while the course run loads. */
export interface CourseRunHooks {
  /**
   * Called once the course tables, forum and course structure are loaded, while the events are
   * still being cut and parsed, with a connection of its own (closed after it); the course run
   * opens once it has finished too, and fails with it. A build computes the tables that read no
   * events here.
   */
  whileEventsLoad?: (ctx: { duck: Duck; course: CourseKey; start: string; end: string }) => Promise<void>;
}

/**
 * Finds the course run in a drop and loads it into DuckDB: one table per `.sql` export (typed,
 * by header name), `forum`, `course_structure`, `course_content` (questions, choices and videos
 * from the OLX export), and `events` for the window. Missing optional
 * tables are created empty (edX omits a file when its table has no rows) with a warning.
 */
export async function openCourseRun(options: CourseRunOptions, effects: Partial<Effects> = {}, hooks: CourseRunHooks = {}): Promise<CourseRun> {
  const { logger } = withDefaults(effects);
  const watch = new Stopwatch();
  const start = parseDate(options.start, 'start date');
  const end = parseDate(options.end, 'end date');
  if (start > end) throw new InputError(`start date ${start} is after end date ${end}`);
  const course: CourseKey = { org: options.org, course: options.course, run: options.run };
  const snapshots = listSnapshots(options.data, options.org);
  const snapshot = options.snapshot ? snapshots.find((s) => s.date === parseDate(options.snapshot!, 'snapshot date')) : pickSnapshot(snapshots, end);
  if (!snapshot) {
    throw new InputError(options.snapshot ? `no snapshot dated ${options.snapshot}` : `no snapshot folders for ${options.org}`, { file: options.data + '/course-data' });
  }
  const files = findCourseFiles(snapshot, course);
  const warnings: string[] = [];
  const workDir = await mkdtemp(join(tmpdir(), 'samced-run-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  process.once('exit', removeWorkDir);

  // The logs first: their cut needs no DuckDB, so it decompresses while DuckDB starts and loads
  // the course tables; the cut comes in segments, each parsed on a second connection as soon as
  // it is complete (while the cut and the table loading go on).
  const eventFiles = options.noEvents ? [] : listEventFiles(options.data, { org: options.org, start, end, sites: options.sites });
  const eventsOptions: EventsLoadOptions = { course, files: eventFiles, skipBadLines: options.skipBadLines, decrypt: options.decrypt, workDir, logger };
  const cacheKey = options.cacheDir && !options.noEvents ? eventsCacheKey(course, eventFiles, options) : undefined;
  const cached = cacheKey ? await readEventsCacheReport(options.cacheDir!, cacheKey) : undefined;
  const stopCut = new AbortController();
  const waiting: CutSegment[] = []; // segments complete before the parser exists
  let parser: EventsParser | undefined;
  const onSegment = (segment: CutSegment) => (parser ? parser.add(segment) : waiting.push(segment));
  const cutting = options.noEvents || cached ? undefined : cutCourseEvents({ ...eventsOptions, signal: stopCut.signal, onSegment }, workDir);
  cutting?.catch(() => {}); // awaited below; an early failure must not count as unhandled meanwhile

  let duck: Duck | undefined;
  let parseDuck: Duck | undefined;
  let alongside: Promise<void> | undefined; // hooks.whileEventsLoad
  const close = async () => {
    if (cutting) {
      stopCut.abort(new Error('the course run was closed'));
      await cutting.catch(() => {});
    }
    await alongside?.catch(() => {});
    parser?.stop();
    await parser?.settled();
    parseDuck?.close();
    duck?.close();
    removeWorkDir();
    process.removeListener('exit', removeWorkDir);
  };
  try {
    duck = await openDuck({ path: options.duckPath, threads: options.threads, memoryLimit: options.memoryLimit ?? '1GB', tempDirectory: join(workDir, 'spill') });
    await createMacros(duck);
    if (cutting) {
      parseDuck = await duck.connect();
      // a segment that fails to parse (bad JSON) stops the cut at once
      parser = new EventsParser(parseDuck, eventsOptions, workDir, (error) => stopCut.abort(error));
      for (const segment of waiting.splice(0)) parser.add(segment);
    }
    const tables: TableLoadReport[] = [];
    const required = options.requiredTables ?? DEFAULT_REQUIRED_TABLES;
    for (const schema of TABLE_SCHEMAS) {
      const path = files.tables.get(schema.table);
      if (path) {
        const report = await loadTsvTable(duck, schema.table, path, { skipBadLines: options.skipBadLines });
        tables.push(report);
        if (report.skipped.length) warnings.push(`${basename(path)}: skipped ${report.skipped.length} bad row(s)`);
        continue;
      }
      const expected = `${snapshot.dir}/${courseFilePrefix(course)}-${schema.table}-prod-analytics.sql`;
      if (required.includes(schema.table)) throw new InputError('missing table file', { file: expected });
      const cols = schema.columns.filter((c) => !(schema.table === 'user_id_map' && c.name === 'user_id'));
      await duck.run(`CREATE OR REPLACE TABLE ${ident(schema.table)} (${cols.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
      warnings.push(`no ${schema.table} export for the course in snapshot ${snapshot.date}: the table is empty`);
    }
    watch.lap('tables');
    const forum = await loadForum(duck, files.forum, { skipBadLines: options.skipBadLines });
    if (!files.forum) warnings.push('no forum (.mongo) export for the course: forum tables are empty');
    const structure = await loadCourseStructure(duck, files.courseStructure);
    const content = await loadCourseContent(duck, files.olx, course);
    if (content.warning) warnings.push(content.warning);
    watch.lap('forum and course structure');
    if (hooks.whileEventsLoad) {
      const hook = hooks.whileEventsLoad;
      const own = await duck.connect();
      alongside = (async () => {
        try {
          await hook({ duck: own, course, start, end });
        } finally {
          own.close();
        }
      })();
      alongside.catch((error) => stopCut.abort(error)); // a failure stops the cut at once; awaited below (or by close)
    }
    let events: EventsLoadReport | undefined;
    if (!options.noEvents) {
      if (eventFiles.length === 0) warnings.push(`no daily event files between ${start} and ${end}`);
      if (cached) {
        await loadEventsCache(duck, options.cacheDir!, cacheKey!);
        events = cached;
        logger.info(`events: read from the cache (${events.events} events)`);
        watch.lap('events: read the cache');
      } else {
        // (when a segment failed to parse, the cut rejects with that failure: the signal's reason)
        const cut = await cutting!;
        watch.lap('events: rest of the cut');
        watch.add('events: cut (while the above ran)', cut.seconds);
        events = await parser!.finish(duck, cut.report);
        watch.lap('events: parse (what was left after the cut)');
        if (cacheKey) {
          await writeEventsCache(options.cacheDir!, cacheKey, { ...events, fromCache: true }, parser!.eventsFiles);
          watch.lap('events: write the cache');
        }
      }
      for (const p of events.problems) warnings.push(`${p.file}:${p.line}: skipped: ${p.message}`);
    }
    await alongside;
    for (const w of warnings) logger.warn(w);
    return { duck, course, start, end, snapshot, files, eventFiles, tables, forum, courseStructureRows: structure.rows, events, warnings, timings: watch.phases, close };
  } catch (error) {
    await close();
    throw error;
  }
}
