import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { openDuck, type Duck } from '../duck/connection';
import { createMacros } from '../duck/macros';
import { createRunSchemas } from '../duck/schemas';
import { loadCourseTables } from './course-tables';
import type { EventsLoadOptions, EventsLoadReport } from './events/events-view';
import { cutCourseEvents, type EventsCut } from './events/course-cut';
import { EventsParser } from './events/events-parser';
import type { CutSegment } from './events/cut';
import { chooseEventsSource, loadStoreEvents, type EventsSource } from './events-source';
import type { CourseKey } from '../drop/course-key';
import { parseDate } from '../drop/dates';
import { listEventFiles } from '../drop/event-files';
import { findCourseFiles, listSnapshots, pickSnapshot } from '../drop/snapshots';
import { InputError } from '../util/errors';
import { withDefaults, type Effects } from '../util/effects';
import { Stopwatch } from '../util/stopwatch';
import { lazyDecryptor } from '../acquire/lazy-decryptor';
import { holdForTest, processTempDir, trackTemporary } from '../util/private-temp';

export { DEFAULT_REQUIRED_TABLES } from './course-tables';
export type { CourseRun, CourseRunLoading, CourseRunOptions, LoadedTables } from './course-run-types';
import type { CourseRun, CourseRunLoading, CourseRunOptions, LoadedTables } from './course-run-types';

/**
 * Finds the course run in a drop and loads it into DuckDB: the course tables (see
 * loadCourseTables), then `events` for the window, from the event store when it covers the window
 * (see chooseEventsSource), else from the daily logs. Reports its milestones (`tablesLoaded`, then
 * `opened`) and logs them as progress ("tables loaded", "events loaded").
 * Schema `main` holds only the documented tables and views; the personal exports (`auth_user`,
 * `user_id_map`), the whole exports of which `main` shows the exportable columns (`auth_userprofile`,
 * ...) and the raw lines `event_lines` are in `personal`, the loader's own tables in `internal`
 * (duck/schemas.ts).
 */
export function startCourseRun(options: CourseRunOptions, effects: Partial<Effects> = {}): CourseRunLoading {
  const { logger } = withDefaults(effects);
  const stop = new AbortController();
  let tablesLoaded!: (loaded: LoadedTables) => void;
  let tablesFailed!: (error: unknown) => void;
  const tables = new Promise<LoadedTables>((resolve, reject) => {
    tablesLoaded = resolve;
    tablesFailed = reject;
  });
  tables.catch(() => {}); // a caller that awaits only `opened` hears of the failure there
  const held: {
    duck?: Duck;
    parseDuck?: Duck;
    parser?: EventsParser;
    cutting?: Promise<EventsCut>;
    removeWorkDir?: () => void;
  } = {};
  const opened = loadCourseRun(options, effects, stop, held, (loaded) => {
    logger.progress('tables loaded');
    tablesLoaded(loaded);
  }).then((run) => Object.assign(run, { close }));
  opened.then(() => logger.progress('events loaded'), tablesFailed);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      if (!stop.signal.aborted) stop.abort(new Error('the course run was closed'));
      await opened.catch(() => {});
      await held.cutting?.catch(() => {});
      held.parser?.stop();
      await held.parser?.settled();
      held.parseDuck?.close();
      held.duck?.close();
      held.removeWorkDir?.();
    })());
  return { tablesLoaded: tables, opened, abort: (reason) => stop.abort(reason), close };
}

/**
 * Opens a course run: startCourseRun, awaiting `opened` (closed again when it fails). Missing optional
 * tables are created empty (edX omits a file when its table has no rows) with a warning.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await run.duck.scalar('SELECT count(*) FROM events');
 * await run.close();
 */
export async function openCourseRun(options: CourseRunOptions, effects: Partial<Effects> = {}): Promise<CourseRun> {
  const loading = startCourseRun(options, effects);
  try {
    return await loading.opened;
  } catch (error) {
    await loading.close();
    throw error;
  }
}

async function loadCourseRun(
  options: CourseRunOptions,
  effects: Partial<Effects>,
  stop: AbortController,
  held: {
    duck?: Duck;
    parseDuck?: Duck;
    parser?: EventsParser;
    cutting?: Promise<EventsCut>;
    removeWorkDir?: () => void;
  },
  onTables: (loaded: LoadedTables) => void
): Promise<CourseRun> {
  const { logger } = withDefaults(effects);
  const watch = new Stopwatch();
  const start = parseDate(options.start, 'start date');
  const end = parseDate(options.end, 'end date');
  if (start > end) throw new InputError(`start date ${start} is after end date ${end}`);
  const course: CourseKey = { org: options.org, course: options.course, run: options.run };
  const snapshots = listSnapshots(options.data, options.org);
  const snapshot = options.snapshot
    ? snapshots.find((s) => s.date === parseDate(options.snapshot!, 'snapshot date'))
    : pickSnapshot(snapshots, end);
  if (!snapshot) {
    throw new InputError(
      options.snapshot ? `no snapshot dated ${options.snapshot}` : `no snapshot folders for ${options.org}`,
      { file: options.data + '/course-data' }
    );
  }
  const files = findCourseFiles(snapshot, course);
  const warnings: string[] = [];
  const eventFiles = options.noEvents
    ? []
    : listEventFiles(options.data, { org: options.org, start, end, sites: options.sites });
  // no log in the window is most often a mistyped date or site: an error unless allowed
  if (!options.noEvents && eventFiles.length === 0 && !options.allowEmpty) {
    throw new InputError(
      `no event files for ${options.org} in ${start}..${end} (sites: ${options.sites?.join(', ') ?? 'all'}) under ${join(options.data, 'edx-course-data')}; check the dates and sites, or build anyway with --allow-empty`
    );
  }
  const source: EventsSource = options.noEvents
    ? { kind: 'logs' }
    : await chooseEventsSource(options, eventFiles, logger);
  // in this process's private folder (util/private-temp.ts): the cut holds raw lines with
  // usernames and IP addresses; removed on close, on exit, and by the next run after a kill
  const workDir = await mkdtemp(join(processTempDir(logger), 'run-'));
  const untrackWorkDir = trackTemporary(workDir);
  held.removeWorkDir = () => {
    rmSync(workDir, { recursive: true, force: true });
    untrackWorkDir();
  };
  stop.signal.throwIfAborted();

  // The logs first: their cut needs no DuckDB, so it decompresses while DuckDB starts and loads
  // the course tables; the cut comes in segments, each parsed on a second connection as soon as
  // it is complete (while the cut and the table loading go on).
  const eventsOptions: EventsLoadOptions = {
    course,
    files: eventFiles,
    skipBadLines: options.skipBadLines,
    maxLineBytes: options.maxLineBytes,
    decrypt: options.decrypt ?? lazyDecryptor(options),
    workDir,
    logger
  };
  const waiting: CutSegment[] = []; // segments complete before the parser exists
  const onSegment = (segment: CutSegment) => (held.parser ? held.parser.add(segment) : waiting.push(segment));
  if (!options.noEvents && source.kind === 'logs') {
    held.cutting = cutCourseEvents({ ...eventsOptions, signal: stop.signal, onSegment }, workDir);
    held.cutting.catch(() => {}); // awaited below; an early failure must not count as unhandled meanwhile
  }
  const duck = await openDuck({
    path: options.duckPath,
    threads: options.threads,
    memoryLimit: options.memoryLimit ?? '1GB',
    tempDirectory: join(workDir, 'spill')
  });
  held.duck = duck;
  await createMacros(duck);
  await createRunSchemas(duck); // personal and internal (duck/schemas.ts), before the parser's first table
  if (held.cutting !== undefined) {
    held.parseDuck = await duck.connect();
    // a segment that fails to parse (bad JSON) stops the cut at once
    held.parser = new EventsParser(held.parseDuck, eventsOptions, workDir, (error) => stop.abort(error));
    for (const segment of waiting.splice(0)) held.parser.add(segment);
  }
  const loaded = await loadCourseTables(duck, { course, snapshot, files }, options, warnings, (phase) =>
    watch.lap(phase)
  );
  stop.signal.throwIfAborted();
  onTables({ duck, course, start, end });
  let events: EventsLoadReport | undefined;
  if (options.noEvents) {
    // empty views, so that the families that read events give empty tables instead of failing
    const empty = new EventsParser(duck, { ...eventsOptions, files: [] }, workDir);
    await empty.finish(duck, { files: [], linesRead: 0, matched: 0, problems: [], longestLine: 0 });
    warnings.push('events not read (no-events): the events view is empty, and so is every table built from it');
  } else {
    if (eventFiles.length === 0) warnings.push(`no daily event files between ${start} and ${end}`);
    if (source.kind === 'store') {
      events = await loadStoreEvents(duck, source, { org: options.org, course, start, end });
      logger.info(`events: read from the event store ${source.dir} (${events.events} events)`);
      watch.lap('events: read the store');
    } else {
      await holdForTest('cut'); // the interruption tests stop here (cut files and partial output exist)
      // (when a segment failed to parse, or the loading was aborted, the cut rejects with that reason)
      const cut = await held.cutting!;
      watch.lap('events: rest of the cut');
      watch.add('events: cut (while the above ran)', cut.seconds);
      events = await held.parser!.finish(duck, cut.report);
      watch.lap('events: parse (what was left after the cut)');
    }
    for (const p of events.problems) warnings.push(`${p.file}:${p.line}: skipped: ${p.message}`);
  }
  stop.signal.throwIfAborted();
  for (const w of warnings) logger.warn(w);
  const close = () => Promise.resolve(); // startCourseRun's replaces it
  return {
    duck,
    course,
    start,
    end,
    snapshot,
    files,
    eventFiles,
    ...loaded,
    events,
    warnings,
    timings: watch.phases,
    close
  };
}
