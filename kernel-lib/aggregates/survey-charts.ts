import type { Duck } from '../duck/connection';
import { ident } from '../duck/connection';
import { plainRows, type PlainRow } from '../duck/rows';
import { tableColumns } from '../samced/table-rows';

/**
 * Answer distribution of a survey table (samced.pre_survey_answers / post_survey_answers): learners
 * per question column and answer; list answers (`a,b`) count once per chosen option.
 */
export async function surveyAnswerDistribution(duck: Duck, survey: 'pre' | 'post'): Promise<PlainRow[]> {
  const table = `${survey}_survey_answers`;
  const cols = (await tableColumns(duck, table)).map((c) => c.name).filter((name) => name.startsWith('problem_'));
  if (cols.length === 0) return [];
  return plainRows(duck, `
    WITH long AS (UNPIVOT samced.${ident(table)} ON ${cols.map(ident).join(', ')} INTO NAME question VALUE answer)
    SELECT question, trim(choice) AS answer, count(DISTINCT user_id)::INTEGER AS learners
    FROM long, unnest(string_split(answer, ',')) AS t(choice)
    GROUP BY ALL ORDER BY question, learners DESC, answer`);
}
