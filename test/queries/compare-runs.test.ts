import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDuck } from '../../kernel-lib/duck/connection';
import { activityPerWeek, surveyAnswersPerRun, videoCompletion } from '../../kernel-lib/queries/compare-runs';
import { InputError } from '../../kernel-lib/util/errors';

const X = 'course-v1:OrgX+C1+2026A';
const Y = 'course-v1:OrgX+C1+2026B';

test('activity per week of each run: week 1 = the first 7 days from the start, empty weeks as 0, the last week short', async () => {
  const duck = await openDuck({ threads: 1 });
  try {
    // the columns of the org's events view that the query reads
    await duck.run(`CREATE TABLE events AS SELECT course, event_date::DATE AS event_date, user_id FROM (VALUES
      ('${X}', '2025-12-31', 3),  -- before run A: not counted
      ('${X}', '2026-01-01', 1), ('${X}', '2026-01-07', 1), ('${X}', '2026-01-02', NULL),  -- A week 1: 1 learner, 2 events (the anonymous one left out)
      ('${X}', '2026-01-08', 2),  -- A week 2
      ('${X}', '2026-01-16', 1),  -- after run A
      ('${Y}', '2026-01-02', 1),  -- before run B
      ('${Y}', '2026-01-03', 5), ('${Y}', '2026-01-09', 5), ('${Y}', '2026-01-09', 6),  -- B week 1: 2 learners, 3 events
      ('${Y}', '2026-01-10', 6)   -- B week 2 (one day: the window ends on 01-10)
    ) AS t(course, event_date, user_id)`);
    const rows = await activityPerWeek(duck, {
      runs: [
        { label: 'B', course: 'OrgX/C1/2026B', start: '2026-01-03', end: '2026-01-10' },
        { label: 'A', course: X, start: '2026-01-01', end: '2026-01-15' }
      ]
    });
    assert.deepEqual(rows, [
      { run: 'B', week: 1, week_start: '2026-01-03', days: 7, learners: 2, events: 3 },
      { run: 'B', week: 2, week_start: '2026-01-10', days: 1, learners: 1, events: 1 },
      { run: 'A', week: 1, week_start: '2026-01-01', days: 7, learners: 1, events: 2 },
      { run: 'A', week: 2, week_start: '2026-01-08', days: 7, learners: 1, events: 1 },
      { run: 'A', week: 3, week_start: '2026-01-15', days: 1, learners: 0, events: 0 }
    ]);
    assert.throws(
      () =>
        activityPerWeek(duck, { runs: [{ label: 'A', course: 'DATA101', start: '2026-01-01', end: '2026-01-15' }] }),
      (e: unknown) => e instanceof InputError && /run A: 'DATA101' is not a course key/.test(e.message)
    );
    assert.throws(
      () => activityPerWeek(duck, { runs: [{ label: 'A', course: X, start: '2026-01-15', end: '2026-01-01' }] }),
      (e: unknown) => e instanceof InputError && /run A: end 2026-01-01 is before start 2026-01-15/.test(e.message)
    );
    assert.throws(
      () => activityPerWeek(duck, { runs: [{ label: 'A', course: X, start: '20260101', end: '2026-01-15' }] }),
      (e: unknown) => e instanceof InputError && /YYYY-MM-DD/.test(e.message)
    );
  } finally {
    duck.close();
  }
});

test('video completion of a run: completed / viewed per video in course order, mean share watched by viewers', async () => {
  const duck = await openDuck({ threads: 1 });
  try {
    await duck.run('CREATE SCHEMA samced');
    await duck.run(`CREATE TABLE samced.video_summary AS SELECT * FROM (VALUES
      ('v2', 'Second', 2, 0, 0), ('v1', 'Intro', 1, 4, 1), ('v3', NULL, NULL, 2, 2)
    ) AS t(video_id, display_name, course_order, users_viewed, users_completed)`);
    // v1: four viewers (0.2 + 0.5 + 0.3 + 1.0) / 4 = 0.5; user 9 only loaded it (no views: not a viewer)
    await duck.run(`CREATE TABLE samced.video_watch AS SELECT * FROM (VALUES
      ('v1', 1, 1, 0.2), ('v1', 2, 2, 0.5), ('v1', 3, 1, 0.3), ('v1', 4, 1, 1.0), ('v1', 9, 0, 0.0),
      ('v3', 1, 1, 0.96), ('v3', 2, 3, 1.0)
    ) AS t(video_id, user_id, views, fraction_watched)`);
    assert.deepEqual(await videoCompletion(duck, { run: 'A' }), [
      {
        run: 'A',
        video_id: 'v1',
        video: 'Intro',
        course_order: 1,
        viewed: 4,
        completed: 1,
        completion: 0.25,
        mean_fraction_watched: 0.5
      },
      {
        run: 'A',
        video_id: 'v2',
        video: 'Second',
        course_order: 2,
        viewed: 0,
        completed: 0,
        completion: null,
        mean_fraction_watched: null
      },
      {
        run: 'A',
        video_id: 'v3',
        video: 'v3',
        course_order: null,
        viewed: 2,
        completed: 2,
        completion: 1,
        mean_fraction_watched: 0.98
      }
    ]);
  } finally {
    duck.close();
  }
});

test('survey answers of a run: the choice questions of both surveys with the run and survey, free text left out', async () => {
  const duck = await openDuck({ threads: 1 });
  try {
    await duck.run(`CREATE TABLE course_content AS SELECT * FROM (VALUES
      ('problem', 'Pre', 1, 'problem_2_1', 'How confident?', 'choice', ['choice_0', 'choice_1'], ['Low', 'High']),
      ('problem', 'Pre', 1, 'problem_3_1', 'Why?', 'text', []::VARCHAR[], []::VARCHAR[]),
      ('problem', 'Post', 9, 'problem_2_1', 'How confident now?', 'choice', ['choice_0', 'choice_1'], ['Low', 'High'])
    ) AS t(category, display_name, course_order, answer_column, question, input_kind, choice_ids, choice_texts)`);
    await duck.run('CREATE SCHEMA samced');
    await duck.run(`CREATE TABLE samced.pre_survey_answers AS SELECT * FROM (VALUES
      (1, 't', 'choice_0', 'private words'), (2, 't', 'choice_0', ''), (3, 't', 'choice_1', 'x')
    ) AS t(user_id, time, problem_2_1, problem_3_1)`);
    await duck.run(
      `CREATE TABLE samced.post_survey_answers AS SELECT * FROM (VALUES (1, 't', 'choice_1'), (2, 't', 'choice_1')) AS t(user_id, time, problem_2_1)`
    );
    const rows = await surveyAnswersPerRun(duck, {
      run: 'B',
      surveys: { match: 'exact', pre: ['Pre'], post: ['Post'] }
    });
    assert.deepEqual(
      rows.map((r) => [r.run, r.survey, r.question, r.choice_order, r.answer, r.learners, r.respondents, r.share]),
      [
        ['B', 'pre', 'How confident?', 1, 'Low', 2, 3, 0.6667],
        ['B', 'pre', 'How confident?', 2, 'High', 1, 3, 0.3333],
        ['B', 'post', 'How confident now?', 1, 'Low', 0, 2, 0],
        ['B', 'post', 'How confident now?', 2, 'High', 2, 2, 1]
      ]
    );
    assert.equal(JSON.stringify(rows).includes('private'), false);
  } finally {
    duck.close();
  }
});
