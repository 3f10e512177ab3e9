import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeTables, familiesWithNeeds } from '../../kernel-lib/aggregates/compute';
import { openCourseRun } from '../../kernel-lib/load/course-run';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';

test('families by name: the families they read come too, first, in output order; an unknown name is an error naming the known ones', () => {
  assert.deepEqual(
    familiesWithNeeds('person_course').map((f) => f.family),
    ['video_watch', 'person_course']
  );
  assert.deepEqual(
    familiesWithNeeds(['pages', 'forum', 'pages']).map((f) => f.family),
    ['forum', 'pages']
  );
  assert.equal(familiesWithNeeds().length, 9);
  assert.throws(
    () => familiesWithNeeds(['videos']),
    /no table family "videos" \(families: standard, forum, surveys, video, problems, textbook, pages, video_watch, person_course\)/
  );
});

test('computeTables computes only the families asked for (and their needs), with the shared extracts they read', async () => {
  const run = await openCourseRun({ data: makeMiniDrop(), ...MINI }, { logger: memoryLogger() });
  try {
    const tables = await computeTables(run, 'person_course');
    assert.deepEqual(
      tables.map((t) => t.name),
      ['video_watch', 'video_segments', 'video_summary', 'person_course']
    );
    const inSchema = (
      await run.duck.json(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'samced' ORDER BY table_name"
      )
    ).map((r) => r.table_name);
    assert.deepEqual(inSchema, ['person_course', 'video_segments', 'video_summary', 'video_watch']);
    // the extracts person_course and video_watch read, left on run.duck for exploration
    assert.ok(Number(await run.duck.scalar('SELECT count(*) FROM video_events')) > 0);
    assert.equal(
      Number(await run.duck.scalar('SELECT count(*) FROM latest_problem_checks')),
      Number(
        await run.duck.scalar(
          "SELECT count(DISTINCT (user_id, json_extract_string(event, '$.problem_id'))) FROM events WHERE event_type = 'problem_check' AND event_source = 'server' AND user_id IS NOT NULL"
        )
      )
    );
  } finally {
    await run.close();
  }
});
