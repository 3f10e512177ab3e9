import type { Duck } from '../duck/connection';
import { plainRows, type PlainRow } from '../duck/rows';

/**
 * Grade distribution per problem: learners by the fraction of points earned at their latest
 * server check (grade / max_grade, rounded to 0.1), with the problem's title when known.
 */
export function problemGradeDistribution(duck: Duck): Promise<PlainRow[]> {
  return plainRows(duck, `
    SELECT coalesce(s.display_name, l.problem_id) AS problem, l.problem_id,
           round(l.grade / nullif(l.max_grade, 0), 1) AS score, count(*)::INTEGER AS learners
    FROM latest_problem_checks l
    LEFT JOIN course_structure s ON s.block_id = l.problem_id
    WHERE l.grade IS NOT NULL
    GROUP BY ALL ORDER BY problem, score`);
}
