import type { CourseKey } from '../drop/course-key';
import type { Duck } from '../duck/connection';
import { plainRows, type PlainRow } from '../duck/rows';
import { problemTableName } from '../aggregates/problems';

/** Problems of the course content, one row each: title, graded flag and course order. */
const PROBLEMS = `(SELECT block_id, arg_min(display_name, course_order) AS display_name, bool_or(graded) AS graded, min(course_order) AS course_order
  FROM course_content WHERE category = 'problem' GROUP BY block_id)`;

/**
 * Grade distribution per graded problem: learners by the fraction of points earned at their latest
 * server check (grade / max_grade, rounded to 0.1: a number, so it charts on a numeric axis), with
 * the problem's title, in course order. Problems in ungraded subsections (surveys) are left out
 * when the course content knows them; checks without a grade too.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * const rows = await problemGradeDistribution(run.duck); // learners per problem and score: the share of points, 0, 0.1, ..., 1
 * showChart(barChart(seriesFromRows(rows, { x: 'score', y: 'learners', group: 'problem' }), { title: 'Grades of graded problems' }));
 */
export function problemGradeDistribution(duck: Duck): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `
    SELECT coalesce(c.display_name, s.display_name, l.problem_id) AS problem, l.problem_id,
           round(l.grade / nullif(l.max_grade, 0), 1)::DOUBLE AS score, count(*)::INTEGER AS learners
    FROM latest_problem_checks l
    LEFT JOIN ${PROBLEMS} c ON c.block_id = l.problem_id
    LEFT JOIN course_structure s ON s.block_id = l.problem_id
    WHERE l.grade IS NOT NULL AND coalesce(c.graded, true)
    GROUP BY ALL ORDER BY min(c.course_order) NULLS LAST, problem, score`
  );
}

/**
 * The display name of every `problem_<id>` table (whose names are unreadable usage keys kept for
 * compatibility): `table`, `problem` (title; the problem id when the course content lacks it),
 * `problem_id`, `graded` and `course_order`, in course order. `tables` are the names built.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const tables = await computeSamcedTables(run);
 * const problemTables = tables.map((t) => t.name).filter((name) => name.startsWith('problem_'));
 * showTable(await problemTableTitles(run.duck, run.course, problemTables)); // table, problem title, graded, course order
 */
export async function problemTableTitles(
  duck: Duck,
  course: CourseKey,
  tables: readonly string[]
): Promise<PlainRow[]> {
  const ids = (
    await plainRows(duck, `SELECT DISTINCT problem_id FROM latest_problem_checks WHERE problem_id IS NOT NULL`)
  ).map((r) => String(r.problem_id));
  const known = await plainRows(
    duck,
    `SELECT p.block_id, coalesce(p.display_name, s.display_name) AS display_name, p.graded, p.course_order
    FROM ${PROBLEMS} p LEFT JOIN course_structure s ON s.block_id = p.block_id`
  );
  const byId = new Map(known.map((r) => [String(r.block_id), r]));
  const wanted = new Set(tables);
  return [...new Set([...ids, ...known.map((r) => String(r.block_id))])]
    .map((id) => ({ id, table: problemTableName(id, course), row: byId.get(id) }))
    .filter((p) => wanted.has(p.table))
    .map((p) => ({
      table: p.table,
      problem: p.row?.display_name ?? p.id,
      problem_id: p.id,
      graded: p.row?.graded ?? null,
      course_order: p.row?.course_order ?? null
    }))
    .sort(
      (a, b) =>
        Number(a.course_order ?? Infinity) - Number(b.course_order ?? Infinity) || a.table.localeCompare(b.table)
    );
}
