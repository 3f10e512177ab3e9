import { ident, literal } from '../duck/connection';
import { loadSql } from '../duck/sql-files';
import type { AggregateOptions, BuildContext, SamcedTable, TableFamily } from './table';

/**
 * SQL condition on `module_display_name` for one survey under the configured rule.
 *
 * @example
 * displayNameMatch('exact', ['Pre-course survey']); // "module_display_name IN ('Pre-course survey')"
 * displayNameMatch('contains', ['survey']); // "contains(lower(coalesce(module_display_name, '')), 'survey')"
 */
export function displayNameMatch(rule: AggregateOptions['surveys']['match'], names: string[]): string {
  if (names.length === 0) return 'false';
  if (rule === 'exact') return `module_display_name IN (${names.map(literal).join(', ')})`;
  return names
    .map((w) => `contains(lower(coalesce(module_display_name, '')), ${literal(w.toLowerCase())})`)
    .join(' AND ');
}

async function buildSurvey(ctx: BuildContext, kind: 'pre' | 'post'): Promise<SamcedTable> {
  const { match } = ctx.options.surveys;
  const names = ctx.options.surveys[kind];
  await ctx.duck.run(loadSql('aggregates/surveys.sql', { display_name_match: displayNameMatch(match, names) }));
  const cols = (await ctx.duck.json(
    'SELECT col, count(DISTINCT problem_id)::INTEGER AS problems FROM survey_long GROUP BY col, n, m ORDER BY n, m'
  )) as { col: string; problems: number }[];
  const name = `${kind}_survey_answers`;
  const pivot = cols.map((c) => `max(answer) FILTER (WHERE col = ${literal(c.col)}) AS ${ident(c.col)}`);
  await ctx.duck.run(`CREATE OR REPLACE TABLE samced.${ident(name)} AS
    SELECT user_id, strftime(max(last_time), '%Y-%m-%d %H:%M:%S.%f') AS time${pivot.length ? ',\n      ' + pivot.join(',\n      ') : ''}
    FROM survey_long GROUP BY user_id`);
  const shared = cols.filter((c) => c.problems > 1).map((c) => c.col);
  const rule =
    match === 'exact'
      ? `display name exactly ${names.map((n) => `\`${n}\``).join(' or ')}`
      : `lower-cased display name containing ${names.map((n) => `\`${n}\``).join(' and ')}`;
  return {
    name,
    family: 'surveys',
    doc:
      `One row per learner who submitted the ${kind}-survey: server \`problem_check\` events whose problem has the ${rule}. ` +
      'Answers are merged over submissions: for each answer column the value from the latest submission that contains it wins (equal times: the first logged), so an earlier answer stays unless a later submission overwrites it.' +
      (shared.length
        ? ` Columns ${shared.join(', ')} collect answers of several survey problems with the same answer suffix (the latest wins).`
        : ''),
    columns: [
      { name: 'user_id', type: 'INTEGER', doc: 'edX user id.' },
      { name: 'time', type: 'TEXT', doc: 'Time of the learner’s latest survey submission, UTC.' },
      {
        name: 'problem_<n>_<m>',
        type: 'TEXT',
        doc: 'Answer to input `<m>` of question `<n>` (answer keys ending in `_<n>_<m>`; keys like `..._2_1_other` are skipped). Lists of choices are joined with `,`. Columns are ordered by n, then m.',
        privacy: 'answers'
      }
    ],
    orderBy: ['user_id'],
    fixes: [
      'Answers are kept verbatim and quoted by the CSV writer (the original replaced `"` by `\'` and CR, LF and every `?` by a space).',
      'Column order is fixed (the original used random hash order).'
    ]
  };
}

export const surveysFamily: TableFamily = {
  family: 'surveys',
  async build(ctx) {
    return [await buildSurvey(ctx, 'pre'), await buildSurvey(ctx, 'post')];
  }
};
