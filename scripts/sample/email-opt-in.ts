/**
 * `{org}-email_opt_in-prod-analytics.csv` as edx-platform's `email_opt_in_list` command writes
 * it: one row per enrollment in the org's courses, csv.DictWriter (CRLF, minimal quoting), the
 * latest org-level preference or the defaults `True` / `2014-12-01 00:00:00`.
 */
import type { CourseDef } from './courses';
import type { Enrollment } from './enrollments';
import type { Person } from './people';
import { csvFile } from './csv';
import { sqlTime } from './time';

export const EMAIL_OPT_IN_COLUMNS = [
  'user_id',
  'username',
  'email',
  'full_name',
  'course_id',
  'is_opted_in_for_email',
  'preference_set_datetime'
] as const;

/** The opt-in CSV as of a cutoff, for the enrollments of the given courses. */
export function emailOptInCsv(
  people: Map<number, Person>,
  enrollments: readonly Enrollment[],
  courses: readonly CourseDef[],
  cutoffUs: number
): string {
  const rows: string[][] = [];
  const list = enrollments
    .filter((e) => courses.includes(e.course) && e.createdUs < cutoffUs)
    .sort((a, b) => a.id - b.id);
  for (const e of list) {
    const p = people.get(e.userId)!;
    const pref = p.optIn.filter((o) => o.setUs < cutoffUs).pop();
    rows.push([
      String(p.id),
      p.username,
      p.email,
      p.fullName,
      e.course.courseId,
      pref ? pref.value : 'True',
      pref ? sqlTime(pref.setUs) + '+00:00' : '2014-12-01 00:00:00'
    ]);
  }
  return csvFile(EMAIL_OPT_IN_COLUMNS, rows);
}
