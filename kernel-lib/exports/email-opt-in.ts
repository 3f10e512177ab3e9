import { ident, literal, type Duck } from '../duck/connection';
import { createMacros } from '../duck/macros';
import { loadTsvTable } from '../load/tables';
import { formatCourseKey, type CourseKey } from '../drop/course-key';
import { listSnapshotFiles, type Snapshot } from '../drop/snapshots';
import { InputError } from '../util/errors';
import type { OutputColumn } from '../aggregates/table';

/**
 * Columns of email_opt_in.csv. THIS FILE IS PERSONAL DATA: it is written only when asked for by name.
 *
 * @example
 * EMAIL_OPT_IN_COLUMNS.map((c) => c.name); // ['user_id', 'email', 'name', 'gender', ...]
 */
export const EMAIL_OPT_IN_COLUMNS: OutputColumn[] = [
  { name: 'user_id', type: 'INTEGER', doc: 'edX user id.' },
  { name: 'email', type: 'TEXT', doc: 'Email address (personal data).' },
  { name: 'name', type: 'TEXT', doc: 'Full name from the profile, else from the opt-in file (personal data).' },
  { name: 'gender', type: 'TEXT', doc: 'Profile gender.' },
  { name: 'year_of_birth', type: 'INTEGER', doc: 'Profile year of birth.' },
  { name: 'country', type: 'TEXT', doc: 'Profile country.' },
  { name: 'preference_set_datetime', type: 'TEXT', doc: 'When the deciding (latest) opt-in preference was set.' }
];

/**
 * Builds the DuckDB table `personal.email_opt_in` (personal data: read it by name) from a
 * snapshot: learners whose latest email preference is `True`, for the given course only (the
 * course id in either format) or, without a course, for any course of the organisation. Names
 * and demographics come from every auth_user / auth_userprofile export of the organisation in the
 * snapshot.
 *
 * @example
 * const duck = await openDuck();
 * const snapshot = pickSnapshot(listSnapshots(sampleDataDir(), 'SamcedX'), '2026-02-08')!;
 * const rows = await buildEmailOptIn(duck, snapshot, 'SamcedX', { org: 'SamcedX', course: 'DATA101', run: '1T2026' });
 * // rows: the row count of personal.email_opt_in (PERSONAL DATA: emails and names)
 * duck.close();
 */
export async function buildEmailOptIn(
  duck: Duck,
  snapshot: Snapshot,
  org: string,
  course?: CourseKey
): Promise<number> {
  await createMacros(duck);
  const files = listSnapshotFiles(snapshot);
  const optIn = files.find(
    (f) => f.info.kind === 'email_opt_in' && f.info.org.toLowerCase() === org.toLowerCase() && !f.info.encrypted
  );
  if (!optIn) throw new InputError(`no ${org}-email_opt_in-prod-analytics.csv in the snapshot`, { file: snapshot.dir });
  // every course's accounts and profiles (names, emails) in schema personal, apart from an opened
  // course run's own tables when `duck` holds one; dropped once the opt-in table is made
  await duck.run('CREATE SCHEMA IF NOT EXISTS personal');
  const staged: string[] = [];
  const unionOf = async (table: string) => {
    const parts: string[] = [];
    for (const f of files.filter(
      (x) =>
        x.info.kind === 'table' &&
        x.info.table === table &&
        !x.info.encrypted &&
        x.info.coursePrefix.toLowerCase().startsWith(org.toLowerCase() + '-')
    )) {
      const name = `personal.${ident(`opt_in_${table}_${parts.length}`)}`;
      await loadTsvTable(duck, table, f.path, { into: name });
      staged.push(name);
      parts.push(`SELECT * FROM ${name}`);
    }
    return parts.length ? parts.join(' UNION ALL BY NAME ') : undefined;
  };
  const users = await unionOf('auth_user');
  const profiles = await unionOf('auth_userprofile');
  const courseFilter = course
    ? `AND course_id IN (${[formatCourseKey(course, 'course-v1'), formatCourseKey(course, 'slash')].map(literal).join(', ')})`
    : '';
  await duck.run(`CREATE OR REPLACE TABLE personal.email_opt_in AS
    WITH prefs AS (
      SELECT TRY_CAST(user_id AS BIGINT) AS user_id, email, full_name, course_id,
             is_opted_in_for_email, TRY_CAST(preference_set_datetime AS TIMESTAMP) AS set_at
      FROM read_csv(${literal(optIn.path)}, header=true, all_varchar=true, quote='"', escape='"')
      WHERE true ${courseFilter}
    ),
    latest AS (
      SELECT * FROM prefs
      QUALIFY row_number() OVER (PARTITION BY coalesce(CAST(user_id AS VARCHAR), email), course_id ORDER BY set_at DESC NULLS LAST) = 1
    ),
    opted AS (
      SELECT * FROM latest WHERE is_opted_in_for_email = 'True'
      QUALIFY row_number() OVER (PARTITION BY lower(email) ORDER BY set_at DESC NULLS LAST, course_id) = 1
    ),
    u AS (${users ? `SELECT DISTINCT ON (id) id, email FROM (${users})` : 'SELECT NULL::BIGINT AS id, NULL::VARCHAR AS email WHERE false'}),
    p AS (${profiles ? `SELECT DISTINCT ON (user_id) user_id, name, gender, year_of_birth, country FROM (${profiles})` : 'SELECT NULL::BIGINT AS user_id, NULL AS name, NULL AS gender, NULL::INTEGER AS year_of_birth, NULL AS country WHERE false'})
    SELECT coalesce(o.user_id, u.id) AS user_id, o.email, coalesce(p.name, o.full_name) AS name, p.gender,
           p.year_of_birth, p.country, strftime(o.set_at, '%Y-%m-%d %H:%M:%S') AS preference_set_datetime
    FROM opted o
    LEFT JOIN u ON (o.user_id IS NOT NULL AND u.id = o.user_id) OR (o.user_id IS NULL AND lower(u.email) = lower(o.email))
    LEFT JOIN p ON p.user_id = coalesce(o.user_id, u.id)
    ORDER BY user_id NULLS LAST, email`);
  for (const name of staged) await duck.run(`DROP TABLE ${name}`);
  return Number(await duck.scalar('SELECT count(*) FROM personal.email_opt_in'));
}
