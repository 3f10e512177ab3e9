import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openCourseRun, type CourseRun } from '../../kernel-lib/load/course-run';
import { computeSamcedTables } from '../../kernel-lib/aggregates/compute';
import { learnersPerVideo, videoAudience, videoDropOff, watchedShareBins } from '../../kernel-lib/queries/video-charts';
import { dailyActiveLearners } from '../../kernel-lib/queries/activity-charts';
import { forumPostsPerDay, forumPostsPerThread } from '../../kernel-lib/queries/forum-charts';
import { surveyAnswerDistribution, surveyPrePost, surveyTableQuery } from '../../kernel-lib/queries/survey-charts';
import { openDuck } from '../../kernel-lib/duck/connection';
import { problemGradeDistribution, problemTableTitles } from '../../kernel-lib/queries/problem-charts';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';

let run: CourseRun;
before(async () => {
  run = await openCourseRun({ data: makeMiniDrop(), ...MINI }, { logger: memoryLogger() });
  await computeSamcedTables(run);
});
after(() => run.close());

test('learners per video and event type, titled from the course structure', async () => {
  const rows = await learnersPerVideo(run.duck);
  assert.deepEqual(
    rows.map((r) => [r.video, r.event_type, r.learners, r.events]),
    [
      ['Intro', 'hide_transcript', 1, 1],
      ['Intro', 'load_video', 1, 1],
      ['Intro', 'pause_video', 1, 1],
      ['Intro', 'play_video', 1, 2],
      ['Intro', 'seek_video', 1, 1],
      ['Intro', 'speed_change_video', 1, 1],
      ['Intro', 'stop_video', 1, 1]
    ]
  );
});

test('drop-off: learners per 5-second compartment with a play, pause, stop or seek landing', async () => {
  assert.deepEqual(
    (await videoDropOff(run.duck, 'v1')).map((r) => [r.second, r.learners]),
    [
      [0, 1],
      [5, 0],
      [10, 1],
      [40, 1],
      [100, 1]
    ]
  );
});

test('daily active learners, forum per day and thread, survey answers, problem scores', async () => {
  assert.deepEqual(
    (await dailyActiveLearners(run.duck)).map((r) => [r.day, r.learners, r.events]),
    [
      ['2026-02-27', 1, 1],
      ['2026-03-01', 2, 10],
      ['2026-03-02', 2, 7], // lines 1-7 of the 03-02 file (line 8 is dated 03-01, line 9 a duplicate)
      ['2026-03-03', 2, 4]
    ]
  );
  assert.deepEqual(
    (await forumPostsPerDay(run.duck)).map((r) => [r.day, r.post_type, r.posts]),
    [
      ['2026-03-01', 'Comment', 2],
      ['2026-03-01', 'CommentThread', 1]
    ]
  );
  assert.deepEqual(await forumPostsPerThread(run.duck), [{ thread: 1, posts: 3, authors: 2 }]);
  // the mini drop has no course export: which answers are choices is unknown, so every question is only counted
  const surveys = { match: 'exact' as const, pre: ['Pre'], post: ['Post'] };
  assert.deepEqual(
    (await surveyAnswerDistribution(run.duck, 'pre', surveys)).map((r) => [
      r.question_column,
      r.question,
      r.answer,
      r.learners
    ]),
    [
      ['problem_2_1', 'Question 1', null, 1],
      ['problem_3_1', 'Question 2', null, 1],
      ['problem_4_1', 'Question 3', null, 1]
    ]
  );
  assert.deepEqual(await surveyAnswerDistribution(run.duck, 'post', surveys), []);
  assert.deepEqual(
    (await problemGradeDistribution(run.duck)).map((r) => [r.problem, r.score, r.learners]),
    [['Quiz', 1, 1]]
  );
});

// Surveys worked by hand: three pre and three post learners, two of them in both.
async function surveyFixture() {
  const duck = await openDuck();
  await duck.run(`CREATE TABLE course_content AS SELECT * FROM (VALUES
    ('problem', 'Pre-survey', 1, 'problem_2_1', 'How confident?', 'choice', ['choice_0', 'choice_1', 'choice_2'], ['Low', 'Mid', 'High']),
    ('problem', 'Pre-survey', 1, 'problem_3_1', 'Tools?', 'checkboxes', ['choice_0', 'choice_1'], ['R', 'Python']),
    ('problem', 'Pre-survey', 1, 'problem_4_1', 'Why?', 'text', []::VARCHAR[], []::VARCHAR[]),
    ('problem', 'Post-survey', 9, 'problem_2_1', 'How useful?', 'choice', ['choice_0', 'choice_1'], ['No', 'Yes']),
    ('problem', 'Post-survey', 9, 'problem_3_1', 'How confident?', 'choice', ['choice_0', 'choice_1', 'choice_2'], ['Low', 'Mid', 'High'])
  ) AS t(category, display_name, course_order, answer_column, question, input_kind, choice_ids, choice_texts)`);
  await duck.run('CREATE SCHEMA samced');
  await duck.run(`CREATE TABLE samced.pre_survey_answers AS SELECT * FROM (VALUES
    (1, 't', 'choice_0', 'choice_0,choice_1', 'secret text'), (2, 't', 'choice_1', 'choice_1', ''), (3, 't', 'choice_1', NULL, 'x')
  ) AS t(user_id, time, problem_2_1, problem_3_1, problem_4_1)`);
  await duck.run(`CREATE TABLE samced.post_survey_answers AS SELECT * FROM (VALUES
    (1, 't', 'choice_1', 'choice_2'), (2, 't', 'choice_0', 'choice_1'), (4, 't', 'choice_1', 'choice_0')
  ) AS t(user_id, time, problem_2_1, problem_3_1)`);
  return duck;
}
const SURVEYS = { match: 'exact' as const, pre: ['Pre-survey'], post: ['Post-survey'] };

test('survey answers: question and choice texts in the author order, unpicked choices as 0, free text only counted', async () => {
  const duck = await surveyFixture();
  const rows = await surveyAnswerDistribution(duck, 'pre', SURVEYS);
  assert.deepEqual(
    rows.map((r) => [r.question, r.input_kind, r.choice_order, r.answer, r.learners, r.respondents, r.share]),
    [
      ['How confident?', 'choice', 1, 'Low', 1, 3, 0.3333],
      ['How confident?', 'choice', 2, 'Mid', 2, 3, 0.6667],
      ['How confident?', 'choice', 3, 'High', 0, 3, 0],
      ['Tools?', 'checkboxes', 1, 'R', 1, 2, 0.5],
      ['Tools?', 'checkboxes', 2, 'Python', 2, 2, 1],
      ['Why?', 'text', null, null, 2, 2, 1] // learners 1 and 3 wrote something; 2's empty answer does not count
    ]
  );
  assert.equal(JSON.stringify(rows).includes('secret'), false, 'free text never leaves the table');
  duck.close();
});

test('surveys pre against post: participation and the paired shift of a question asked in both', async () => {
  const duck = await surveyFixture();
  const result = await surveyPrePost(duck, SURVEYS);
  assert.deepEqual(result.participation, { pre: 3, post: 3, both: 2, postShareOfPre: 0.6667 });
  // learner 1: Low -> High (up 2), learner 2: Mid -> Mid; learner 3 has no post answer, 4 no pre answer
  assert.deepEqual(result.questions, [
    {
      question: 'How confident?',
      preColumn: 'problem_2_1',
      postColumn: 'problem_3_1',
      choices: ['Low', 'Mid', 'High'],
      choiceIds: ['choice_0', 'choice_1', 'choice_2'],
      pairs: [
        { pre: 1, post: 3, learners: 1 },
        { pre: 2, post: 2, learners: 1 }
      ],
      learners: 2,
      up: 1,
      same: 1,
      down: 0,
      meanShift: 1
    }
  ]);
  duck.close();
});

test('grade distribution: numeric scores of graded problems only (surveys sit in ungraded subsections), titles for problem_<id> tables', async () => {
  const duck = await openDuck();
  await duck.run(`CREATE TABLE course_content AS SELECT * FROM (VALUES
    ('block-v1:O+C+R+type@problem+block@q', 'problem', 'Quiz 1', true, 3), ('block-v1:O+C+R+type@problem+block@q', 'problem', 'Quiz 1', true, 3),
    ('block-v1:O+C+R+type@problem+block@s', 'problem', 'Survey', false, 1)
  ) AS t(block_id, category, display_name, graded, course_order)`);
  await duck.run(`CREATE TABLE course_structure (block_id VARCHAR, display_name VARCHAR)`);
  await duck.run(`CREATE TABLE latest_problem_checks AS SELECT * FROM (VALUES
    (1, 'block-v1:O+C+R+type@problem+block@q', 1.0, 2.0), (2, 'block-v1:O+C+R+type@problem+block@q', 2.0, 2.0),
    (3, 'block-v1:O+C+R+type@problem+block@q', 2.0, 2.0), (1, 'block-v1:O+C+R+type@problem+block@s', 1.0, 1.0),
    (1, 'block-v1:O+C+R+type@problem+block@x', 0.0, 3.0)
  ) AS t(user_id, problem_id, grade, max_grade)`);
  assert.deepEqual(
    (await problemGradeDistribution(duck)).map((r) => [r.problem, r.score, r.learners]),
    [
      ['Quiz 1', 0.5, 1],
      ['Quiz 1', 1, 2],
      ['block-v1:O+C+R+type@problem+block@x', 0, 1] // unknown to the course content: kept, after the known ones
    ]
  );
  const course = { org: 'O', course: 'C', run: 'R' };
  const titles = await problemTableTitles(duck, course, [
    'problem_blockv1OCRtypeproblemblockq',
    'problem_blockv1OCRtypeproblemblocks',
    'problem_activity'
  ]);
  assert.deepEqual(
    titles.map((r) => [r.table, r.problem, r.graded]),
    [
      ['problem_blockv1OCRtypeproblemblocks', 'Survey', false],
      ['problem_blockv1OCRtypeproblemblockq', 'Quiz 1', true]
    ]
  );
  duck.close();
});

test('video: share-watched bins end at 100 % (100 % in the 90-100 % bin); audience curve as a share of viewers', async () => {
  const duck = await openDuck();
  await duck.run('CREATE SCHEMA samced');
  await duck.run(`CREATE TABLE samced.video_watch AS SELECT * FROM (VALUES
    (1, 0.0), (1, 0.05), (1, 0.5), (1, 0.95), (1, 1.0), (1, 1.0021), (0, 0.9), (1, NULL)
  ) AS t(views, fraction_watched)`);
  const bins = await watchedShareBins(duck);
  assert.deepEqual(
    bins.map((r) => [r.bin, r.bin_mid_pct, r.pairs]),
    [
      ['0-10 %', 5, 2],
      ['10-20 %', 15, 0],
      ['20-30 %', 25, 0],
      ['30-40 %', 35, 0],
      ['40-50 %', 45, 0],
      ['50-60 %', 55, 1],
      ['60-70 %', 65, 0],
      ['70-80 %', 75, 0],
      ['80-90 %', 85, 0],
      ['90-100 %', 95, 3]
    ]
  );
  await duck.run(
    `CREATE TABLE samced.video_summary AS SELECT * FROM (VALUES ('v', 'Intro', 1, 4)) AS t(video_id, display_name, course_order, users_viewed)`
  );
  await duck.run(
    `CREATE TABLE samced.video_segments AS SELECT * FROM (VALUES ('v', 1, 5, 3), ('v', 0, 0, 4)) AS t(video_id, segment, start_s, users)`
  );
  assert.deepEqual(
    (await videoAudience(duck)).map((r) => [r.video, r.start_s, r.users, r.share_of_viewers]),
    [
      ['Intro', 0, 4, 1],
      ['Intro', 5, 3, 0.75]
    ]
  );
  duck.close();
});

test('survey tables for display: choices as their texts, free-text answers hidden unless asked for', async () => {
  const duck = await surveyFixture();
  const hidden = await duck.json(await surveyTableQuery(duck, 'pre', SURVEYS));
  assert.deepEqual(
    hidden.map((r) => [r.user_id, r.problem_2_1, r.problem_3_1, r.problem_4_1]),
    [
      [1, 'Low', 'R; Python', '(free text, not shown)'],
      [2, 'Mid', 'Python', ''],
      [3, 'Mid', null, '(free text, not shown)']
    ]
  );
  const one = await duck.json(await surveyTableQuery(duck, 'pre', SURVEYS, { where: 'user_id = 1', freeText: true }));
  assert.deepEqual(
    one.map((r) => r.problem_4_1),
    ['secret text']
  );
  duck.close();
});
