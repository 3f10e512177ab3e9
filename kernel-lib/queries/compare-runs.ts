import type { Duck } from '../duck/connection';
import { literal } from '../duck/connection';
import { plainRows, type PlainRow } from '../duck/rows';
import { formatCourseKey, parseCourseKey } from '../drop/course-key';
import { InputError } from '../util/errors';
import type { AggregateOptions } from '../aggregates/table';
import { surveyAnswerDistribution } from './survey-charts';

/**
 * One run of a course to compare: a label for the charts, its course key and its window.
 *
 * @example
 * const runA: RunWindow = { label: '1T2026', course: 'course-v1:SamcedX+DATA101+1T2026', start: '2025-12-15', end: '2026-02-08' };
 */
export interface RunWindow {
  /** Shown in the `run` column (e.g. `A`, `1T2026`). */
  label: string;
  /** The course key, in either form (`course-v1:Org+Course+Run` or `Org/Course/Run`). */
  course: string;
  /** First and last day of the run, `YYYY-MM-DD`, inclusive (UTC). */
  start: string;
  end: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The runs checked and the course keys in course-v1 form (the store's `course` column). */
function checkedRuns(runs: RunWindow[]): (RunWindow & { key: string })[] {
  if (runs.length === 0) throw new InputError('give at least one run to compare');
  return runs.map((r) => {
    const key = parseCourseKey(r.course);
    if (!key)
      throw new InputError(
        `run ${r.label}: '${r.course}' is not a course key (course-v1:Org+Course+Run or Org/Course/Run)`
      );
    if (
      !DAY.test(r.start) ||
      !DAY.test(r.end) ||
      Number.isNaN(Date.parse(r.start)) ||
      Number.isNaN(Date.parse(r.end))
    ) {
      throw new InputError(`run ${r.label}: start and end must be days YYYY-MM-DD, not '${r.start}' and '${r.end}'`);
    }
    if (r.end < r.start) throw new InputError(`run ${r.label}: end ${r.end} is before start ${r.start}`);
    return { ...r, key: formatCourseKey(key, 'course-v1') };
  });
}

/**
 * Activity per week of each run, over the organisation's `events` view (openEventStore: needs its
 * `course` column). Week 1 is the first 7 days from the run's start, week 2 the next 7, and so on to
 * the run's end (the last week may be shorter: `days`). An event counts in the week of its own UTC
 * day (`event_date`), when that day lies in the run's window; events with no user (anonymous) are
 * left out. Every week of every run has a row, weeks without activity with 0, runs in the order
 * given. Columns: `run` (label), `week`, `week_start` (`YYYY-MM-DD`), `days`, `learners` (distinct
 * users active that week), `events`.
 *
 * @example
 * const duck = await openEventStore('../.cache/event-store/samcedx');
 * const weekly = await activityPerWeek(duck, { runs: [
 *   { label: 'A', course: 'course-v1:SamcedX+DATA101+1T2026', start: '2025-12-15', end: '2026-02-08' },
 *   { label: 'B', course: 'course-v1:SamcedX+DATA101+1T2026B', start: '2025-12-15', end: '2026-02-08' }
 * ] });
 * showChart(barChart(seriesFromRows(weekly, { x: 'week', y: 'learners', group: 'run' }), { title: 'Active learners per week' }));
 */
export function activityPerWeek(duck: Duck, options: { runs: RunWindow[] }): Promise<PlainRow[]> {
  const runs = checkedRuns(options.runs);
  const values = runs
    .map((r, i) => `(${i}, ${literal(r.label)}, ${literal(r.key)}, DATE ${literal(r.start)}, DATE ${literal(r.end)})`)
    .join(', ');
  return plainRows(
    duck,
    `
    WITH runs(run_order, run, course, start_day, end_day) AS (VALUES ${values}),
    weeks AS (SELECT run_order, run, start_day, end_day, unnest(range(1, (end_day - start_day) // 7 + 2)) AS week FROM runs),
    active AS (
      SELECT r.run_order, (e.event_date - r.start_day) // 7 + 1 AS week, count(DISTINCT e.user_id)::INTEGER AS learners, count(*)::INTEGER AS events
      FROM events e JOIN runs r ON e.course = r.course AND e.event_date BETWEEN r.start_day AND r.end_day
      WHERE e.user_id IS NOT NULL
      GROUP BY ALL)
    SELECT w.run, w.week::INTEGER AS week, strftime(w.start_day + 7 * (w.week - 1)::INTEGER, '%Y-%m-%d') AS week_start,
           least(7, (w.end_day - w.start_day) - 7 * (w.week - 1) + 1)::INTEGER AS days,
           coalesce(a.learners, 0) AS learners, coalesce(a.events, 0) AS events
    FROM weeks w LEFT JOIN active a USING (run_order, week)
    ORDER BY w.run_order, w.week`
  );
}

/**
 * Video completion of one run, from its `samced.video_summary` and `samced.video_watch` (the
 * video_watch family, built on the run's DuckDB): one row per video in course order. Columns: `run`
 * (the label given), `video_id` (the block id: a re-run with the same blocks has the same ids),
 * `video` (display name, else the id), `course_order`, `viewed` (learners with a valid viewing),
 * `completed` (learners who watched completionThreshold of it), `completion` (completed / viewed,
 * NULL without viewers), `mean_fraction_watched` (mean share of the video watched by its viewers).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeTables(run, 'video_watch');
 * showTable(await videoCompletion(run.duck, { run: '1T2026' }));
 */
export function videoCompletion(duck: Duck, options: { run: string }): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `
    WITH watched AS (
      SELECT video_id, avg(fraction_watched) AS mean_fraction FROM samced.video_watch WHERE views > 0 GROUP BY video_id)
    SELECT ${literal(options.run)} AS run, s.video_id, coalesce(s.display_name, s.video_id) AS video, s.course_order,
           coalesce(s.users_viewed, 0)::INTEGER AS viewed, coalesce(s.users_completed, 0)::INTEGER AS completed,
           round(s.users_completed / nullif(s.users_viewed, 0), 4) AS completion, round(w.mean_fraction, 4) AS mean_fraction_watched
    FROM samced.video_summary s LEFT JOIN watched w USING (video_id)
    ORDER BY s.course_order NULLS LAST, s.video_id`
  );
}

/**
 * Survey answers of one run, from its `samced.pre_survey_answers` and `post_survey_answers` (the
 * surveys family) and its course export (`course_content`): the choice questions of both surveys,
 * one row per question and choice (as surveyAnswerDistribution, choices nobody picked with 0).
 * Free-text questions are left out: their answers are never shown (surveyAnswerDistribution counts them). Columns:
 * `run`, `survey` (`pre`, `post`), `question_column`, `question`, `input_kind`, `choice_order`,
 * `answer_id`, `answer` (the choice text), `learners`, `respondents` (learners who answered the
 * question), `share` (learners / respondents).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeTables(run, 'surveys');
 * showTable(await surveyAnswersPerRun(run.duck, { run: '1T2026', surveys: DEFAULT_AGGREGATE_OPTIONS.surveys }));
 */
export async function surveyAnswersPerRun(
  duck: Duck,
  options: { run: string; surveys: AggregateOptions['surveys'] }
): Promise<PlainRow[]> {
  const rows: PlainRow[] = [];
  for (const survey of ['pre', 'post'] as const) {
    for (const row of await surveyAnswerDistribution(duck, survey, options.surveys)) {
      if (row.answer === null) continue; // a free-text question's count
      rows.push({ run: options.run, survey, ...row });
    }
  }
  return rows;
}
