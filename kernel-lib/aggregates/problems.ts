import { ident, literal } from '../duck/connection';
import { loadSql } from '../duck/sql-files';
import type { CourseKey } from '../drop/course-key';
import { countColumnDocs, countColumnsSql, USER_ID_COLUMN, type CountKey } from './counts';
import type { SamcedTable, SharedExtract, TableFamily } from './table';

/** Problem events counted in problem_activity, in column order (problem_check is split by source). */
export const PROBLEM_EVENT_TYPES = [
  'problem_check',
  'problem_check_fail',
  'problem_graded',
  'problem_rescore',
  'problem_rescore_fail',
  'problem_reset',
  'problem_save',
  'problem_show',
  'reset_problem',
  'reset_problem_fail',
  'save_problem_fail',
  'save_problem_success',
  'show_answer',
  'showanswer',
  'edx.problem.hint.demandhint_displayed',
  'edx.problem.hint.feedback_displayed'
] as const;

const PROBLEM_KEYS: CountKey[] = [
  ...['server', 'browser', 'mobile'].map((s) => ({
    column: 'problem_check_' + s,
    key: 'problem_check_' + s,
    doc: `Number of \`problem_check\` events logged by the ${s}${s === 'server' ? ' (one per graded submission)' : ''}; NULL when none.`
  })),
  ...PROBLEM_EVENT_TYPES.filter((t) => t !== 'problem_check').map((t) => ({
    column: t,
    key: t,
    doc: `Number of \`${t}\` events; NULL when none.`
  }))
];

/**
 * The problem_<id> table name: the problem id without the `i4x://<org>/<course>/problem/` prefix,
 * then every character other than [A-Za-z0-9_] removed (as the original).
 */
export function problemTableName(problemId: string, course: CourseKey): string {
  const prefix = `i4x://${course.org}/${course.course}/problem/`;
  const rest = problemId.startsWith(prefix) ? problemId.slice(prefix.length) : problemId;
  return 'problem_' + rest.replace(/[^A-Za-z0-9_]/g, '');
}

/** The temp table `latest_problem_checks`: the latest server problem_check per learner and problem (read by the problem tables and person_course). */
export const LATEST_PROBLEM_CHECKS: SharedExtract = {
  name: 'latest_problem_checks',
  create: (duck) => duck.run(loadSql('aggregates/latest-problem-checks.sql'))
};

export const problemsFamily: TableFamily = {
  family: 'problems',
  extracts: [LATEST_PROBLEM_CHECKS],
  async build(ctx) {
    const types = PROBLEM_EVENT_TYPES.map(literal).join(', ');
    await ctx.duck.run(
      loadSql('aggregates/problems.sql', {
        count_columns: countColumnsSql(PROBLEM_KEYS),
        problem_types: types,
        count_keys: PROBLEM_KEYS.map((k) => literal(k.key)).join(', ')
      })
    );
    const tables: SamcedTable[] = [
      {
        name: 'problem_activity',
        family: 'problems',
        doc: 'One row per learner with a problem event: counts per problem event type. Survey submissions are problem_check events too and are counted here.',
        columns: [USER_ID_COLUMN, ...countColumnDocs(PROBLEM_KEYS)],
        orderBy: ['user_id'],
        fixes: [
          'Hint event columns have dots and are quoted identifiers (the original aborted on them).',
          '`showanswer` (the server event name) is counted beside `show_answer`.'
        ]
      }
    ];
    const problems = (await ctx.duck.json(
      'SELECT DISTINCT problem_id FROM latest_problem_checks ORDER BY problem_id'
    )) as { problem_id: string }[];
    const used = new Set<string>();
    for (const { problem_id } of problems) {
      let name = problemTableName(problem_id, ctx.course);
      while (used.has(name)) name += '_';
      used.add(name);
      await ctx.duck.run(
        `CREATE OR REPLACE TABLE samced.${ident(name)} AS
         SELECT user_id, attempts, grade, max_grade, success, time FROM latest_problem_checks WHERE problem_id = ${literal(problem_id)}`
      );
      tables.push({
        name,
        family: 'problems',
        doc: `Problem \`${problem_id}\`: one row per learner with a server \`problem_check\`, from their latest one (by time).`,
        columns: [
          { name: 'user_id', type: 'INTEGER', doc: 'edX user id.' },
          {
            name: 'attempts',
            type: 'INTEGER',
            doc: 'Attempts so far at that check (`event.attempts`); NULL when missing.'
          },
          { name: 'grade', type: 'REAL', doc: 'Points earned at that check (`event.grade`); NULL when missing.' },
          { name: 'max_grade', type: 'REAL', doc: 'Points possible (`event.max_grade`); NULL when missing.' },
          { name: 'success', type: 'TEXT', doc: '`correct` or `incorrect`.' },
          { name: 'time', type: 'TEXT', doc: 'Time of that check, UTC (`YYYY-MM-DD HH:MM:SS.ffffff`).' }
        ],
        orderBy: ['user_id'],
        fixes: [
          'A check with a missing grade or attempts gives NULL (the original aborted the run).',
          'grade and max_grade are REAL: edX grades can be fractional (the original declared INTEGER).',
          '`time` is a UTC timestamp (the original kept the raw log text).'
        ]
      });
    }
    return tables;
  }
};
