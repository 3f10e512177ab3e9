import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openCourseRun, type CourseRun } from '../../kernel-lib/course-run';
import { computeSamcedTables } from '../../kernel-lib/samced/build';
import { learnersPerVideo, videoDropOff } from '../../kernel-lib/aggregates/video-charts';
import { dailyActiveLearners } from '../../kernel-lib/aggregates/activity-charts';
import { forumPostsPerDay, forumPostsPerThread } from '../../kernel-lib/aggregates/forum-charts';
import { surveyAnswerDistribution } from '../../kernel-lib/aggregates/survey-charts';
import { problemGradeDistribution } from '../../kernel-lib/aggregates/problem-charts';
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
  assert.deepEqual(rows.map((r) => [r.video, r.event_type, r.learners, r.events]), [
    ['Intro', 'hide_transcript', 1, 1],
    ['Intro', 'load_video', 1, 1],
    ['Intro', 'pause_video', 1, 1],
    ['Intro', 'play_video', 1, 2],
    ['Intro', 'seek_video', 1, 1],
    ['Intro', 'speed_change_video', 1, 1],
    ['Intro', 'stop_video', 1, 1]
  ]);
});

test('drop-off: learners per 5-second compartment with a play, pause, stop or seek landing', async () => {
  assert.deepEqual((await videoDropOff(run.duck, 'v1')).map((r) => [r.second, r.learners]), [[0, 1], [5, 0], [10, 1], [40, 1], [100, 1]]);
});

test('daily active learners, forum per day and thread, survey answers, problem scores', async () => {
  assert.deepEqual((await dailyActiveLearners(run.duck)).map((r) => [r.day, r.learners, r.events]), [
    ['2026-02-27', 1, 1],
    ['2026-03-01', 2, 10],
    ['2026-03-02', 2, 7], // lines 1-7 of the 03-02 file (line 8 is dated 03-01, line 9 a duplicate)
    ['2026-03-03', 2, 4]
  ]);
  assert.deepEqual((await forumPostsPerDay(run.duck)).map((r) => [r.day, r.post_type, r.posts]), [['2026-03-01', 'Comment', 2], ['2026-03-01', 'CommentThread', 1]]);
  assert.deepEqual(await forumPostsPerThread(run.duck), [{ thread: 1, posts: 3, authors: 2 }]);
  assert.deepEqual((await surveyAnswerDistribution(run.duck, 'pre')).map((r) => [r.question, r.answer, r.learners]), [
    ['problem_2_1', 'no', 1],
    ['problem_3_1', 'a', 1],
    ['problem_3_1', 'b', 1],
    ['problem_4_1', 'why "not"? ok', 1]
  ]);
  assert.deepEqual(await surveyAnswerDistribution(run.duck, 'post'), []);
  assert.deepEqual((await problemGradeDistribution(run.duck)).map((r) => [r.problem, r.score, r.learners]), [['Quiz', 1, 1]]);
});
