// What a build takes and gives, and the names it chooses (the output folder, the copied course files).
import type { CourseRunOptions } from '../load/course-run';
import type { AggregateOptions } from '../aggregates/table';
import { shortDate, timestampName } from '../drop/dates';

/**
 * A build's options: the course run's, plus the output folder, the tables' options and pseudonymisation.
 *
 * @example
 * const options: BuildOptions = { ...sampleCourseRun(), out: 'out/sample', aggregate: { completionThreshold: 0.9 } };
 * await buildSamced(options);
 */
export interface BuildOptions extends CourseRunOptions {
  /** Output folder; default `<org>-<course>-<run>-<yymmdd>-<yymmdd>-<YYYYmmddHHMMSS>` in the working directory. Must not exist. */
  out?: string;
  /** Options of the computed tables (survey names, ...). */
  aggregate?: Partial<AggregateOptions>;
  /**
   * Secret for pseudonymisation: every user, profile and per-learner row id becomes a keyed hash,
   * free text is left out (unless aggregate.freeText) and the raw course files are not copied (the
   * event store may be read: it is only read); see pseudonymise.ts.
   */
  pseudonymiseSecret?: Buffer;
}

/**
 * What a build wrote: its folder, each table's rows, the warnings.
 *
 * @example
 * const result = await buildSamced({ ...sampleCourseRun(), out: 'out/sample' });
 * result.tables.map((t) => `${t.name}: ${t.rows}`);
 */
export interface BuildResult {
  outDir: string;
  tables: { name: string; rows: number }[];
  warnings: string[];
}

/**
 * The course files copied unchanged into the output (the original's whitelist), minus
 * `wiki_articlerevision` (its raw export holds editors' IP addresses; the cleaned table is in SAMCED).
 */
export const COPIED_COURSE_FILES = [
  'course_structure-prod-analytics.json',
  'course-prod-analytics.xml.tar.gz',
  'courseware_studentmodule-prod-analytics.sql',
  'student_courseenrollment-prod-analytics.sql',
  'student_languageproficiency-prod-analytics.sql',
  'user_api_usercoursetag-prod-analytics.sql',
  'wiki_article-prod-analytics.sql'
];

/**
 * The manifest's `events` when the logs were not read (--no-events): the families in
 * COURSE_DATA_FAMILIES read no events; the others' tables are written, empty or without activity.
 */
export const NO_EVENTS_NOTE =
  'built with --no-events: the tracking logs were not read. The tables of the families that read events (surveys, video, problems, textbook, pages, video_watch) are empty, ' +
  'but for video_summary (a row per video of the course structure, no viewers); person_course has its enrolment rows without activity. info.txt leaves out "Event data processed."';

/**
 * The default output folder name, as the original named it.
 *
 * @example
 * defaultOutName({ org: 'SamcedX', course: 'DATA101', run: '1T2026', start: '2025-12-15', end: '2026-02-08' }, new Date(Date.UTC(2026, 1, 9, 10)));
 * // 'SamcedX-DATA101-1T2026-251215-260208-20260209100000'
 */
export function defaultOutName(
  options: Pick<BuildOptions, 'org' | 'course' | 'run' | 'start' | 'end'>,
  now: Date
): string {
  return `${options.org}-${options.course}-${options.run}-${shortDate(options.start)}-${shortDate(options.end)}-${timestampName(now)}`;
}
