import type { Duck } from '../duck/connection';
import { ident, literal } from '../duck/connection';
import { plainRows, type PlainRow } from '../duck/rows';
import { tableColumns } from '../duck/rows';
import { displayNameMatch } from '../aggregates/surveys';
import type { AggregateOptions } from '../aggregates/table';

type Surveys = AggregateOptions['surveys'];

/** Input kinds whose answers are choices (charted); `text` answers are free text (only counted). */
export const CHOICE_KINDS = ['choice', 'checkboxes', 'dropdown'] as const;

/**
 * The questions of a survey's answer columns, from `course_content`: the survey problems are those
 * whose display name matches as in the survey tables; a column shared by several of them takes the
 * first in course order. Without the course export a column is called "Question <k>".
 */
function questionsSql(surveys: Surveys, survey: 'pre' | 'post'): string {
  return `SELECT answer_column,
      coalesce(arg_min(question, course_order), 'Question ' || (CAST(split_part(answer_column, '_', 2) AS INTEGER) - 1)) AS question,
      arg_min(input_kind, course_order) AS input_kind, arg_min(choice_ids, course_order) AS choice_ids,
      arg_min(choice_texts, course_order) AS choice_texts, min(course_order) AS course_order,
      CAST(split_part(answer_column, '_', 2) AS INTEGER) AS n, CAST(split_part(answer_column, '_', 3) AS INTEGER) AS m
    FROM (SELECT *, display_name AS module_display_name FROM course_content WHERE category = 'problem' AND answer_column IS NOT NULL)
    WHERE ${displayNameMatch(surveys.match, surveys[survey])}
    GROUP BY answer_column`;
}

async function answerColumns(duck: Duck, survey: 'pre' | 'post'): Promise<string[]> {
  return (await tableColumns(duck, `${survey}_survey_answers`))
    .map((c) => c.name)
    .filter((name) => /^problem_\d+_\d+$/.test(name));
}

/** Long form of a survey table: one row per learner and non-empty answer. */
function longSql(survey: 'pre' | 'post', cols: string[]): string {
  return `(SELECT user_id, question_column, answer FROM (UNPIVOT samced.${ident(`${survey}_survey_answers`)} ON ${cols.map(ident).join(', ')}
           INTO NAME question_column VALUE answer) WHERE answer <> '')`;
}

/**
 * Answer distribution of the pre- or post-survey (samced.pre_survey_answers / post_survey_answers,
 * built first), one row per question and choice, questions in course order and choices in the
 * author's order (choices nobody picked included, with 0). A learner who ticked several checkboxes
 * counts once for each. Columns: `question_column`, `question`, `input_kind`, `choice_order`
 * (1-based; NULL for an answer the course export does not list), `answer_id`, `answer` (the
 * choice text), `learners`, `respondents` (learners who answered the question) and `share`
 * (learners / respondents). A free-text question gives one row with `answer` NULL: `learners` is
 * the number of non-empty answers; the answers themselves are never returned.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * const rows = await surveyAnswerDistribution(run.duck, 'pre', DEFAULT_AGGREGATE_OPTIONS.surveys);
 * showTable(rows); // question, answer (choice text), learners, respondents, share
 */
export async function surveyAnswerDistribution(
  duck: Duck,
  survey: 'pre' | 'post',
  surveys: Surveys
): Promise<PlainRow[]> {
  const cols = await answerColumns(duck, survey);
  if (cols.length === 0) return [];
  const choiceKinds = CHOICE_KINDS.map(literal).join(', ');
  return plainRows(
    duck,
    `
    WITH q AS (${questionsSql(surveys, survey)}),
    cols AS (SELECT unnest([${cols.map(literal).join(', ')}]) AS question_column),
    questions AS (
      SELECT c.question_column, coalesce(q.question, 'Question ' || (CAST(split_part(c.question_column, '_', 2) AS INTEGER) - 1)) AS question,
             coalesce(q.input_kind, 'other') AS input_kind, coalesce(q.choice_ids, []) AS choice_ids, coalesce(q.choice_texts, []) AS choice_texts,
             q.course_order, CAST(split_part(c.question_column, '_', 2) AS INTEGER) AS n, CAST(split_part(c.question_column, '_', 3) AS INTEGER) AS m
      FROM cols c LEFT JOIN q ON q.answer_column = c.question_column),
    long AS ${longSql(survey, cols)},
    respondents AS (SELECT question_column, count(DISTINCT user_id)::INTEGER AS respondents FROM long GROUP BY ALL),
    picked AS (
      SELECT l.question_column, trim(t.choice) AS answer_id, count(DISTINCT l.user_id)::INTEGER AS learners
      FROM long l JOIN questions q USING (question_column), unnest(string_split(l.answer, ',')) AS t(choice)
      WHERE q.input_kind IN (${choiceKinds}) OR (q.input_kind = 'other' AND regexp_matches(l.answer, '^choice_\\w+(,choice_\\w+)*$'))
      GROUP BY ALL),
    listed AS (
      SELECT question_column, unnest(choice_ids) AS answer_id, unnest(choice_texts) AS answer, generate_subscripts(choice_ids, 1) AS choice_order
      FROM questions),
    rows AS (
      SELECT l.question_column, l.choice_order, l.answer_id, l.answer, coalesce(p.learners, 0) AS learners
      FROM listed l LEFT JOIN picked p USING (question_column, answer_id)
      UNION ALL
      SELECT p.question_column, NULL, p.answer_id, p.answer_id, p.learners
      FROM picked p ANTI JOIN listed l USING (question_column, answer_id)
      UNION ALL
      SELECT q.question_column, NULL, NULL, NULL, coalesce(r.respondents, 0)
      FROM questions q LEFT JOIN respondents r USING (question_column)
      WHERE q.input_kind NOT IN (${choiceKinds}) AND NOT EXISTS (SELECT 1 FROM picked p WHERE p.question_column = q.question_column))
    SELECT r.question_column, q.question, q.input_kind, r.choice_order, r.answer_id, r.answer, r.learners::INTEGER AS learners,
           coalesce(s.respondents, 0) AS respondents, round(r.learners / nullif(s.respondents, 0), 4) AS share
    FROM rows r JOIN questions q USING (question_column) LEFT JOIN respondents s USING (question_column)
    ORDER BY q.course_order NULLS LAST, q.n, q.m, r.choice_order NULLS LAST, r.answer_id`
  );
}

/**
 * Who answered which survey (learners with a row in each table).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * const { participation } = await surveyPrePost(run.duck, DEFAULT_AGGREGATE_OPTIONS.surveys);
 * const p: SurveyParticipation = participation;
 * showText(`${p.both} learners answered both surveys (${p.pre} pre, ${p.post} post)`);
 */
export interface SurveyParticipation {
  pre: number;
  post: number;
  both: number;
  /** Share of the pre-survey's learners who also answered the post-survey (NULL without any). */
  postShareOfPre: number | null;
}

/**
 * One question asked in both surveys, answered both times by `learners` learners.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * const { questions } = await surveyPrePost(run.duck, DEFAULT_AGGREGATE_OPTIONS.surveys);
 * for (const q of questions as PairedQuestion[]) showText(`${q.question}: ${q.up} up, ${q.same} same, ${q.down} down`);
 */
export interface PairedQuestion {
  question: string;
  preColumn: string;
  postColumn: string;
  /** Choice texts in the author's order (the scale of the question). */
  choices: string[];
  /** The answer values of those choices (`choice_0`, ...), same order. */
  choiceIds: string[];
  /** Learners per (pre choice, post choice), 1-based choice positions. */
  pairs: { pre: number; post: number; learners: number }[];
  learners: number;
  /** Learners whose answer moved up the list, stayed, moved down. */
  up: number;
  same: number;
  down: number;
  /** Mean of (post position - pre position), NULL without pairs. */
  meanShift: number | null;
}

/**
 * Pre against post for the learners who answered both: participation counts, and for every
 * single-choice question asked in both (same question text and the same choices) the paired answers
 * of the learners who answered it both times. Needs both survey tables and `course_content`.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * const { participation, questions } = await surveyPrePost(run.duck, DEFAULT_AGGREGATE_OPTIONS.surveys);
 * participation.both; // learners who answered both surveys
 * questions[0]?.pairs; // [{ pre: 1, post: 2, learners: ... }, ...]: choice positions before and after
 */
export async function surveyPrePost(
  duck: Duck,
  surveys: Surveys
): Promise<{ participation: SurveyParticipation; questions: PairedQuestion[] }> {
  const count = async (sql: string) => Number(await duck.scalar(sql));
  const pre = await count('SELECT count(DISTINCT user_id) FROM samced.pre_survey_answers');
  const post = await count('SELECT count(DISTINCT user_id) FROM samced.post_survey_answers');
  const both = await count(
    'SELECT count(*) FROM (SELECT user_id FROM samced.pre_survey_answers INTERSECT SELECT user_id FROM samced.post_survey_answers)'
  );
  const participation: SurveyParticipation = {
    pre,
    post,
    both,
    postShareOfPre: pre > 0 ? Math.round((both / pre) * 10000) / 10000 : null
  };
  const preCols = await answerColumns(duck, 'pre');
  const postCols = await answerColumns(duck, 'post');
  if (preCols.length === 0 || postCols.length === 0) return { participation, questions: [] };
  const rows = await plainRows(
    duck,
    `
    WITH pq AS (${questionsSql(surveys, 'pre')}), oq AS (${questionsSql(surveys, 'post')}),
    matched AS (
      SELECT p.question, p.answer_column AS pre_column, o.answer_column AS post_column, p.choice_ids, p.choice_texts, p.course_order
      FROM pq p JOIN oq o ON o.question = p.question AND o.choice_texts = p.choice_texts AND o.choice_ids = p.choice_ids
      WHERE p.input_kind IN ('choice', 'dropdown') AND o.input_kind = p.input_kind
        AND p.answer_column IN (${preCols.map(literal).join(', ')}) AND o.answer_column IN (${postCols.map(literal).join(', ')})),
    a AS ${longSql('pre', preCols)}, b AS ${longSql('post', postCols)}
    SELECT m.question, m.pre_column, m.post_column, m.choice_texts, m.choice_ids, list_position(m.choice_ids, a.answer) AS pre, list_position(m.choice_ids, b.answer) AS post,
           count(*)::INTEGER AS learners
    FROM matched m JOIN a ON a.question_column = m.pre_column JOIN b ON b.question_column = m.post_column AND b.user_id = a.user_id
    WHERE list_position(m.choice_ids, a.answer) IS NOT NULL AND list_position(m.choice_ids, b.answer) IS NOT NULL
    GROUP BY ALL ORDER BY min(m.course_order), m.pre_column, pre, post`
  );
  const questions = new Map<string, PairedQuestion>();
  for (const row of rows) {
    const key = `${row.pre_column}/${row.post_column}`;
    let q = questions.get(key);
    if (!q) {
      q = {
        question: String(row.question),
        preColumn: String(row.pre_column),
        postColumn: String(row.post_column),
        choices: (JSON.parse(String(row.choice_texts)) as unknown[]).map(String),
        choiceIds: (JSON.parse(String(row.choice_ids)) as unknown[]).map(String),
        pairs: [],
        learners: 0,
        up: 0,
        same: 0,
        down: 0,
        meanShift: null
      };
      questions.set(key, q);
    }
    const pair = { pre: Number(row.pre), post: Number(row.post), learners: Number(row.learners) };
    q.pairs.push(pair);
    q.learners += pair.learners;
    if (pair.post > pair.pre) q.up += pair.learners;
    else if (pair.post < pair.pre) q.down += pair.learners;
    else q.same += pair.learners;
  }
  for (const q of questions.values()) {
    const total = q.pairs.reduce((sum, p) => sum + (p.post - p.pre) * p.learners, 0);
    q.meanShift = q.learners > 0 ? Math.round((total / q.learners) * 1000) / 1000 : null;
  }
  return { participation, questions: [...questions.values()] };
}

/**
 * What a hidden free-text answer shows instead of the text.
 *
 * @example
 * FREE_TEXT_SHOWN; // '(free text, not shown)': what surveyTableQuery shows in place of a free-text answer
 */
export const FREE_TEXT_SHOWN = '(free text, not shown)';

/**
 * A query of a survey answer table for display. Free text is never shown unless `freeText` (asked
 * for by name): answers of choice, dropdown and numeric questions are shown; of any other question
 * (free text, or a kind unknown without the course export) a value is shown only when it is a list
 * of choice ids or a number, else it reads FREE_TEXT_SHOWN. Choice ids are shown as their texts
 * (several joined by `; `), and `time` to the second: the SAMCED table itself is unchanged.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * const sql = await surveyTableQuery(run.duck, 'post', DEFAULT_AGGREGATE_OPTIONS.surveys); // free text hidden
 * await showQuery(run.duck.connection, sql, { caption: 'post_survey_answers', maxRows: 8 });
 */
export async function surveyTableQuery(
  duck: Duck,
  survey: 'pre' | 'post',
  surveys: Surveys,
  options: { freeText?: boolean; where?: string } = {}
): Promise<string> {
  const table = `samced.${ident(`${survey}_survey_answers`)}`;
  const where = options.where ? ` WHERE ${options.where}` : '';
  const cols = await answerColumns(duck, survey);
  const questions = new Map(
    (
      await plainRows(
        duck,
        `SELECT answer_column, input_kind, choice_ids, choice_texts FROM (${questionsSql(surveys, survey)})`
      )
    ).map((r) => [String(r.answer_column), r])
  );
  const replaced = [`substr(time, 1, 19) AS time`];
  for (const col of cols) {
    const q = questions.get(col);
    const c = ident(col);
    if (q && (CHOICE_KINDS as readonly string[]).includes(String(q.input_kind)) && q.choice_ids !== '[]') {
      const ids = `${literal(String(q.choice_ids))}::VARCHAR[]`;
      const texts = `${literal(String(q.choice_texts))}::VARCHAR[]`;
      replaced.push(
        `array_to_string(list_transform(string_split(${c}, ','), x -> coalesce((${texts})[list_position(${ids}, trim(x))], trim(x))), '; ') AS ${c}`
      );
    } else if (!options.freeText && !(q && q.input_kind === 'numeric')) {
      replaced.push(`CASE WHEN ${c} IS NULL OR ${c} = '' OR regexp_full_match(${c}, 'choice_\\w+(,choice_\\w+)*') OR TRY_CAST(${c} AS DOUBLE) IS NOT NULL
              THEN ${c} ELSE ${literal(FREE_TEXT_SHOWN)} END AS ${c}`);
    }
  }
  return `SELECT * REPLACE (${replaced.join(', ')}) FROM ${table}${where} ORDER BY user_id`;
}
