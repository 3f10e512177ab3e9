import { copyFile, writeFile, access } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { startCourseRun, type CourseRun, type CourseRunLoading } from '../load/course-run';
import type { Duck } from '../duck/connection';
import { COURSE_DATA_FAMILIES, SAMCED_FAMILIES, WRITE_ORDER } from '../aggregates/families';
import { computeSamcedTables } from '../aggregates/compute';
import { DEFAULT_AGGREGATE_OPTIONS, type SamcedTable } from '../aggregates/table';
import { formatCourseKey, courseFilePrefix } from '../drop/course-key';
import { packageVersion } from '../util/paths';
import { sweepStaleTemporaries, withAtomicDirectory } from '../util/atomic';
import { Stopwatch } from '../util/stopwatch';
import { InputError } from '../util/errors';
import { withDefaults, type Effects } from '../util/effects';
import { csvSink } from './csv';
import { dataDictionary } from './dictionary';
import { infoTxt } from './info-txt';
import { countSkippedLines, fileEntry, listFileEntries } from './manifest';
import { DEFAULT_MAX_LINE_BYTES } from '../load/events/cut';
import type { TableSink } from './sink';
import { sqliteSink } from './sqlite';
import { TableWriter } from './table-writer';
import { checkWindowFitsSqlite, outputFailure } from './build-checks';
import { pseudonymiseTables, PSEUDONYM_DOC } from './pseudonymise';
import {
  COPIED_COURSE_FILES,
  defaultOutName,
  NO_EVENTS_NOTE,
  type BuildOptions,
  type BuildResult
} from './build-options';

export {
  COPIED_COURSE_FILES,
  defaultOutName,
  NO_EVENTS_NOTE,
  type BuildOptions,
  type BuildResult
} from './build-options';

/** What buildSamced writes the tables with, besides Effects (tests pass writers that fail). */
export interface BuildEffects {
  /** Opens the SQLite database `dbPath` and the CSV writer of folder `dir`. */
  openWriters(dir: string, dbPath: string): { sqlite: TableSink & { close(): void }; csv: TableSink };
}

export function openWriters(dir: string, dbPath: string): ReturnType<BuildEffects['openWriters']> {
  return { sqlite: sqliteSink(dbPath), csv: csvSink(dir) };
}

/**
 * Builds one course run's SAMCED output: SQLite database, one CSV per table, info.txt, the copied
 * course files, manifest.json and data-dictionary.md. Written into a temporary folder renamed into
 * place only when complete: a failed run leaves nothing under the final name.
 *
 * @example
 * const { outDir, tables } = await buildSamced({ ...sampleCourseRun(), out: 'out/sample' });
 * tables.find((t) => t.name === 'video_watch')?.rows;
 */
export async function buildSamced(
  options: BuildOptions,
  effects: Partial<Effects & BuildEffects> = {}
): Promise<BuildResult> {
  const fx = withDefaults(effects);
  const started = fx.clock.now();
  const outDir = resolve(options.out ?? defaultOutName(options, started));
  if (
    await access(outDir).then(
      () => true,
      () => false
    )
  )
    throw new InputError('output folder already exists', { file: outDir });
  // partial output folders of builds that were killed (their process no longer runs)
  await sweepStaleTemporaries(dirname(outDir), fx.logger);
  checkWindowFitsSqlite(options.start, options.end);
  // the families that read no events are computed (and written) while the events load
  const early = options.pseudonymiseSecret
    ? []
    : SAMCED_FAMILIES.filter((f) => COURSE_DATA_FAMILIES.includes(f.family));
  const later = SAMCED_FAMILIES.filter((f) => !early.includes(f));
  const freeText = options.aggregate?.freeText ?? DEFAULT_AGGREGATE_OPTIONS.freeText ?? false;
  if (freeText)
    fx.logger.warn(
      'free text is written (profile language, location and city' +
        (options.pseudonymiseSecret ? ', survey answers, studentmodule state, wiki text' : '') +
        '): it may name or describe learners'
    );
  let loading: CourseRunLoading | undefined;
  let openedRun: CourseRun | undefined;
  try {
    const prefix = courseFilePrefix({ org: options.org, course: options.course, run: options.run });
    let tables: SamcedTable[] = [];
    let rows: Record<string, number> = {};
    await withAtomicDirectory(outDir, async (tmp) => {
      const { sqlite: db, csv } = (effects.openWriters ?? openWriters)(tmp, join(tmp, `${prefix}-SAMCED.db`));
      let writeDuck: Duck | undefined;
      let writer: TableWriter | undefined;
      const startWriter = async (duck: Duck) => {
        writeDuck = await duck.connect();
        writer = new TableWriter(writeDuck, [db, csv], fx.logger);
      };
      const finishWriting = async () => {
        try {
          await writer?.done();
        } finally {
          writeDuck?.close();
          db.close();
        }
      };
      const earlyTimings: Record<string, number> = {};
      let earlyTables: SamcedTable[] = [];
      loading = startCourseRun(options, fx);
      // once the course tables are in, the families that read no events run on a connection of
      // their own while the events load; a failure among them stops the loading at once
      const alongside =
        early.length === 0
          ? undefined
          : loading.tablesLoaded.then(async ({ duck, course, start, end }) => {
              const own = await duck.connect();
              try {
                await startWriter(own);
                earlyTables = await computeSamcedTables(
                  { duck: own, course, start, end, timings: earlyTimings },
                  options.aggregate,
                  (built) => writer!.write(built),
                  { families: early }
                );
              } finally {
                own.close();
              }
            });
      alongside?.catch((error) => loading!.abort(error));
      try {
        openedRun = await loading.opened;
        const run = openedRun;
        await alongside;
        if (!writer) await startWriter(run.duck);
        if (options.pseudonymiseSecret) {
          // every table first: a pseudonym map covers the ids of all of them
          tables = await computeSamcedTables(run, options.aggregate, undefined, { lanes: 2 });
          await pseudonymiseTables(run.duck, tables, options.pseudonymiseSecret, { freeText });
          writer!.write(tables);
        } else {
          tables = [
            ...earlyTables,
            ...(await computeSamcedTables(run, options.aggregate, (built) => writer!.write(built), {
              lanes: 2,
              families: later,
              handOrder: WRITE_ORDER
            }))
          ];
          Object.assign(run.timings, earlyTimings);
        }
      } catch (error) {
        await alongside?.catch(() => {}); // its connection closes before the database does
        await finishWriting().catch(() => {}); // the queued writes end before the folder goes
        throw error;
      }
      const run = openedRun!;
      // the course files' hashes for the manifest, read while the last tables are written
      const courseFileEntries = Promise.all(run.files.all.map((f) => fileEntry(f.path, options.data)));
      courseFileEntries.catch(() => {}); // awaited below
      const watch = new Stopwatch(); // the families' own times are in run.timings
      await finishWriting();
      rows = writer!.rows;
      fx.logger.progress('');
      watch.lap('write SQLite and CSV (after the last table was computed)');
      await writeFile(
        join(tmp, 'info.txt'),
        infoTxt({
          org: run.course.org,
          course: run.course.course,
          run: run.course.run,
          start: run.start,
          end: run.end,
          snapshotDate: run.snapshot.date,
          courseProcessed: true,
          eventsProcessed: !options.noEvents
        })
      );
      const copied = options.pseudonymiseSecret
        ? []
        : run.files.all.filter((f) => COPIED_COURSE_FILES.some((suffix) => f.name === `${prefix}-${suffix}`));
      await Promise.all(copied.map((f) => copyFile(f.path, join(tmp, f.name))));
      const version = packageVersion();
      await writeFile(
        join(tmp, 'data-dictionary.md'),
        dataDictionary(
          {
            courseId: formatCourseKey(run.course),
            start: run.start,
            end: run.end,
            snapshot: run.snapshot.date,
            version,
            copiedFiles: copied.map((f) => f.name),
            pseudonymised: Boolean(options.pseudonymiseSecret),
            freeText
          },
          tables,
          rows
        )
      );
      const inputs = [
        ...(await courseFileEntries),
        ...(run.events?.files.map((f) => ({ path: f.file, bytes: f.bytes, sha256: f.sha256 })) ?? [])
      ];
      const manifest = {
        samced: { version, node: process.version, duckdb: String(await run.duck.scalar('SELECT version()')) },
        createdAt: started.toISOString(),
        parameters: {
          org: run.course.org,
          course: run.course.course,
          run: run.course.run,
          courseId: formatCourseKey(run.course),
          start: run.start,
          end: run.end,
          sites: options.sites ?? 'all',
          skipBadLines: options.skipBadLines ?? false,
          maxLineMb: (options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES) / (1 << 20),
          pseudonymised: options.pseudonymiseSecret ? PSEUDONYM_DOC : false,
          aggregate: { ...DEFAULT_AGGREGATE_OPTIONS, ...options.aggregate }
        },
        snapshot: { date: run.snapshot.date, folder: basename(run.snapshot.dir) },
        inputs,
        events: run.events
          ? {
              filesRead: run.events.files.length,
              linesRead: run.events.linesRead,
              linesMentioningCourse: run.events.matched,
              events: run.events.events,
              otherCourseLines: run.events.otherCourse,
              duplicatesDropped: run.events.duplicates,
              source: run.events.source,
              // the store's folder as the inputs are recorded: relative to the drop
              ...(run.events.store !== undefined ? { store: relative(options.data, run.events.store) } : {}),
              skipped: run.events.problems
            }
          : { read: false, note: NO_EVENTS_NOTE },
        // every line skipped with skipBadLines, once, by input file and reason (event logs, table exports, forum)
        skippedLines: countSkippedLines([
          ...(run.events?.problems ?? []).map((p) => ({ file: p.file, count: 1, reason: p.reason })),
          ...run.tables.flatMap((t) =>
            t.skipped.map((s) => ({ file: relative(options.data, t.file), count: 1, reason: s.reason }))
          ),
          ...run.forum.skipped.map((s) => ({
            file: relative(options.data, run.forum.file),
            count: 1,
            reason: s.reason
          }))
        ]),
        tables: tables.map((t) => ({
          name: t.name,
          family: t.family,
          rows: rows[t.name] ?? 0,
          csv: `SAMCED-${t.name}.csv`
        })),
        outputs: await listFileEntries(tmp),
        warnings: run.warnings,
        timings: { ...run.timings, ...watch.phases, 'write the rest': 0 }
      };
      watch.lap('write the rest');
      manifest.timings['write the rest'] = watch.phases['write the rest'] ?? 0;
      await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    }).catch((error: unknown) => {
      throw outputFailure(error, outDir);
    });
    return {
      outDir,
      tables: tables.map((t) => ({ name: t.name, rows: rows[t.name] ?? 0 })),
      warnings: openedRun!.warnings
    };
  } finally {
    await loading?.close();
  }
}
