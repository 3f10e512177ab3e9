import type { Readable } from 'node:stream';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { openDuck, type Duck } from '../duck/connection';
import { createMacros } from '../duck/macros';
import { createRunSchemas } from '../duck/schemas';
import { createMainView, loadedTable, loadTsvTable, type TableLoadReport } from './tables';
import { TABLE_SCHEMAS } from './table-schemas';
import { loadForum, type ForumLoadReport } from './forum';
import { loadCourseStructure } from './course-structure';
import { loadCourseContent } from './course-content';
import { cutCourseEvents, EventsParser, type EventsCut, type EventsLoadOptions, type EventsLoadReport } from './events/events-view';
import type { CutSegment } from './events/cut';
import { courseFilePrefix, type CourseKey } from '../drop/course-key';
import { parseDate } from '../drop/dates';
import { listEventFiles, type EventFile } from '../drop/event-files';
import { findCourseFiles, listSnapshots, pickSnapshot, type CourseFiles, type Snapshot } from '../drop/snapshots';
import { InputError } from '../util/errors';
import { withDefaults, type Effects } from '../util/effects';
import { ident } from '../duck/connection';
import { Stopwatch } from '../util/stopwatch';
import { lazyDecryptor } from '../acquire/lazy-decryptor';
import { eventsCacheKey, loadEventsCache, readEventsCacheReport, removeEventsCacheEntry, writeEventsCache } from './events/cache';
import { holdForTest, processTempDir, trackTemporary } from '../util/private-temp';

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
  /**
   * OpenPGP private key for `.gpg` event files read in place; default the armored key in
   * $SAMCED_GPG_KEY. Loaded only when an encrypted file is met.
   */
  keyFile?: string;
  /**
   * The key's passphrase; default $SAMCED_GPG_PASSPHRASE, else the file named by
   * $SAMCED_GPG_PASSPHRASE_FILE (the sample's public demo key needs none). Never recorded anywhere.
   */
  passphrase?: string;
  /** Decrypts `.gpg` event files read in place, instead of `keyFile` (see acquire/decrypt-stream.ts `decryptReadable`). */
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
  /** DuckDB database file; default in memory. */
  duckPath?: string;
  threads?: number;
  /** DuckDB memory limit (it spills to a temporary folder beyond it); default '1GB', so a year of logs stays in bounds. */
  memoryLimit?: string;
  /** Longest event line kept, in bytes (default DEFAULT_MAX_LINE_BYTES): a longer line of the course is a bad line. */
  maxLineBytes?: number;
  /**
   * Skip reading the tracking logs (course data only): `events` (and `personal.event_lines`) exist but are
   * empty, so every table built from events is empty; `events` in the result is undefined.
   */
  noEvents?: boolean;
  /** Open the course run even when no daily event file lies in the window (else an InputError: a mistyped date or site). */
  allowEmpty?: boolean;
  /**
   * Folder of the events cache: the course run's parsed events file (Parquet) is kept there, keyed
   * by the course, the options and every selected file's path, size and time, and a second build
   * or a notebook re-run reads it in place instead of the logs. Default: no cache. (The
   * `personal.event_lines` view of the raw lines exists only when the logs were read.)
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
  /**
   * Closes DuckDB and removes the run's temporary files (the cut behind `personal.event_lines` and
   * the Parquet files behind `events`).
   */
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
 * Schema `main` holds only these documented tables and views; the personal exports (`auth_user`,
 * `user_id_map`), the whole exports of which `main` shows the exportable columns (`auth_userprofile`,
 * ...) and the raw lines `event_lines` are in `personal`, the loader's own tables in `internal`
 * (duck/schemas.ts).
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
  // in this process's private folder (util/private-temp.ts): the cut holds raw lines with
  // usernames and IP addresses; removed on close, on exit, and by the next run after a kill
  const workDir = await mkdtemp(join(processTempDir(logger), 'run-'));
  const untrackWorkDir = trackTemporary(workDir);
  const removeWorkDir = () => {
    rmSync(workDir, { recursive: true, force: true });
    untrackWorkDir();
  };

  // The logs first: their cut needs no DuckDB, so it decompresses while DuckDB starts and loads
  // the course tables; the cut comes in segments, each parsed on a second connection as soon as
  // it is complete (while the cut and the table loading go on).
  const eventFiles = options.noEvents ? [] : listEventFiles(options.data, { org: options.org, start, end, sites: options.sites });
  // no log in the window is most often a mistyped date or site: an error (thrown below) unless allowed
  const noEventFiles = !options.noEvents && eventFiles.length === 0 && !options.allowEmpty;
  const eventsOptions: EventsLoadOptions = { course, files: eventFiles, skipBadLines: options.skipBadLines, maxLineBytes: options.maxLineBytes, decrypt: options.decrypt ?? lazyDecryptor(options), workDir, logger };
  const cacheKey = options.cacheDir && !options.noEvents && !noEventFiles ? eventsCacheKey(course, eventFiles, options) : undefined;
  let cached: EventsLoadReport | undefined;
  if (cacheKey) {
    try {
      cached = await readEventsCacheReport(options.cacheDir!, cacheKey);
    } catch (error) {
      // a damaged or unreadable cache is a miss: the logs are read instead
      logger.warn(`events cache ${options.cacheDir}: cannot read entry ${cacheKey} (${oneLine(error)}); reading the logs`);
    }
  }
  const stopCut = new AbortController();
  const waiting: CutSegment[] = []; // segments complete before the parser exists
  let parser: EventsParser | undefined;
  const onSegment = (segment: CutSegment) => (parser ? parser.add(segment) : waiting.push(segment));
  let cutting: Promise<EventsCut> | undefined;
  const startCut = () => {
    cutting = cutCourseEvents({ ...eventsOptions, signal: stopCut.signal, onSegment }, workDir);
    cutting.catch(() => {}); // awaited below; an early failure must not count as unhandled meanwhile
  };
  if (!options.noEvents && !cached && !noEventFiles) startCut();

  let duck: Duck | undefined;
  let parseDuck: Duck | undefined;
  const startParser = async () => {
    parseDuck = await duck!.connect();
    // a segment that fails to parse (bad JSON) stops the cut at once
    parser = new EventsParser(parseDuck, eventsOptions, workDir, (error) => stopCut.abort(error));
    for (const segment of waiting.splice(0)) parser.add(segment);
  };
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
  };
  try {
    if (noEventFiles) {
      throw new InputError(
        `no event files for ${options.org} in ${start}..${end} (sites: ${options.sites?.join(', ') ?? 'all'}) under ${join(options.data, 'edx-course-data')}; check the dates and sites, or build anyway with --allow-empty`
      );
    }
    duck = await openDuck({ path: options.duckPath, threads: options.threads, memoryLimit: options.memoryLimit ?? '1GB', tempDirectory: join(workDir, 'spill') });
    await createMacros(duck);
    await createRunSchemas(duck); // personal and internal (duck/schemas.ts), before the parser's first table
    if (cutting) await startParser();
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
      await duck.run(`CREATE OR REPLACE TABLE ${loadedTable(schema.table)} (${cols.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`);
      await createMainView(duck, schema.table);
      warnings.push(`no ${schema.table} export for the course in snapshot ${snapshot.date}: the table is empty`);
    }
    watch.lap('tables');
    const forum = await loadForum(duck, files.forum, { skipBadLines: options.skipBadLines });
    if (!files.forum) warnings.push('no forum (.mongo) export for the course: forum tables are empty');
    else if (forum.skipped.length) warnings.push(`${basename(files.forum)}: skipped ${forum.skipped.length} bad line(s)`);
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
    if (options.noEvents) {
      // empty views, so that the families that read events give empty tables instead of failing
      const empty = new EventsParser(duck, { ...eventsOptions, files: [] }, workDir);
      await empty.finish(duck, { files: [], linesRead: 0, matched: 0, problems: [], longestLine: 0 });
      warnings.push('events not read (no-events): the events view is empty, and so is every table built from it');
    } else {
      if (eventFiles.length === 0) warnings.push(`no daily event files between ${start} and ${end}`);
      if (cached) {
        try {
          await loadEventsCache(duck, options.cacheDir!, cacheKey!, cached.events);
          events = cached;
          logger.info(`events: read from the cache (${events.events} events)`);
          watch.lap('events: read the cache');
        } catch (error) {
          logger.warn(`events cache ${options.cacheDir}: entry ${cacheKey} is damaged (${oneLine(error)}); reading the logs`);
          await removeEventsCacheEntry(options.cacheDir!, cacheKey!).catch(() => {});
          startCut();
          await startParser();
        }
      }
      if (!events) {
        await holdForTest('cut'); // the interruption tests stop here (cut files and partial output exist)
        // (when a segment failed to parse, the cut rejects with that failure: the signal's reason)
        const cut = await cutting!;
        watch.lap('events: rest of the cut');
        watch.add('events: cut (while the above ran)', cut.seconds);
        events = await parser!.finish(duck, cut.report);
        watch.lap('events: parse (what was left after the cut)');
        if (cacheKey) {
          try {
            await writeEventsCache(options.cacheDir!, cacheKey, { ...events, fromCache: true }, parser!.eventsFiles);
          } catch (error) {
            // a full disk or an unwritable folder costs the next build its shortcut, not this build
            logger.warn(`events cache ${options.cacheDir}: not stored (${oneLine(error)})`);
          }
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

/** The first line of an error's message (DuckDB's carry a query excerpt on the next lines). */
function oneLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
