import { join } from 'node:path';
import type { CourseRun } from '../load/course-run';
import { shortDate } from '../drop/dates';
import { stripPersonalFields, userEventsSql } from '../exports/user-events';
import { writeQueryFile } from './query-csv';

/**
 * What `exportUserEvents` wrote: the two files (absolute paths) and their rows.
 *
 * @example
 * const written: UserEventsExport = await exportUserEvents(run, 1001, { out });
 */
export interface UserEventsExport {
  /** `user-<id>-events-<org>-<course>-<run>-<yymmdd>-<yymmdd>.csv`: one row per event (USER_EVENT_COLUMNS). */
  csv: string;
  /** The same name with `.jsonl`: the log lines, without PERSONAL_EVENT_FIELDS unless `raw`. */
  jsonl: string;
  rows: number;
  lines: number;
}

/**
 * One learner's events of an open course run, as `samced events-for-user` writes them: a CSV and
 * the log lines as JSON lines, each written atomically into `out`. Video events only (as the
 * original) unless `all`; `raw` keeps the lines verbatim (personal data: username, IP address,
 * user agent). The lines exist only when the run read the logs (not from the event store).
 *
 * @example
 * const written = await exportUserEvents(run, 1001, { out: outputFolder(undefined, 'samced-user-') });
 */
export async function exportUserEvents(
  run: Pick<CourseRun, 'duck' | 'course' | 'start' | 'end'>,
  userId: number,
  options: { out: string; all?: boolean; raw?: boolean }
): Promise<UserEventsExport> {
  const { org, course, run: courseRun } = run.course;
  const base = join(
    options.out,
    `user-${userId}-events-${org}-${course}-${courseRun}-${shortDate(run.start)}-${shortDate(run.end)}`
  );
  const sql = userEventsSql(userId, { all: options.all });
  const rows = await writeQueryFile(run.duck, sql, base + '.csv', { omitColumns: ['line'] });
  const lines = await writeQueryFile(run.duck, sql, base + '.jsonl', {
    jsonLinesColumn: 'line',
    transformLine: options.raw ? undefined : stripPersonalFields
  });
  return { csv: base + '.csv', jsonl: base + '.jsonl', rows, lines };
}
