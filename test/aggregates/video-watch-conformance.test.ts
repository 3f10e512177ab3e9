/**
 * Optional conformance test: the edx-analytics-pipeline's own video acceptance fixture
 * (`video_timeline.log`, public AGPL data read in place from ../shared/samples, never copied
 * here) against the timeline its acceptance test expects (tests/acceptance/test_video.py).
 * Skips when the samples are absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { videoWatchFamily } from '../../kernel-lib/aggregates/video-watch';
import { openDuck } from '../../kernel-lib/duck/connection';
import { createMacros } from '../../kernel-lib/duck/macros';
import { loadCourseStructure } from '../../kernel-lib/load/course-structure';
import { loadEvents } from '../../kernel-lib/load/events/events-parser';
import { listEventFiles } from '../../kernel-lib/drop/event-files';
import { computeSamcedTables } from '../../kernel-lib/aggregates/compute';

const LOG = resolve(
  process.cwd(),
  '..',
  'shared',
  'samples',
  'edx-analytics-pipeline',
  'events',
  'raw_tracking_logs',
  'video_timeline.log'
);
const skip = existsSync(LOG) ? false : `public samples not found at ${LOG}`;

test('the pipeline acceptance fixture gives the pipeline’s timeline (one documented boundary difference)', {
  skip
}, async () => {
  const drop = mkdtempSync(join(tmpdir(), 'samced-conf-video-'));
  const dir = join(drop, 'edx-course-data', 'x', 'edx', 'events', '2014');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'x-edx-events-2014-05-02.log.gz'), gzipSync(readFileSync(LOG)));
  const duck = await openDuck();
  try {
    await createMacros(duck);
    await loadCourseStructure(duck, undefined);
    const course = { org: 'edX', course: 'DemoX', run: 'Demo_Course' };
    const files = listEventFiles(drop, { org: 'x', start: '2014-05-02', end: '2014-05-02' });
    await loadEvents(duck, { course, files, skipBadLines: true }); // the fixture has `#` comment lines
    await computeSamcedTables(
      { duck, course, start: '2014-05-02', end: '2014-05-02' },
      { surveys: { match: 'exact', pre: [], post: [] } },
      undefined,
      { families: [videoWatchFamily] }
    );
    const timeline = (
      await duck.json(`SELECT video_id, segment, users, views FROM samced.video_segments ORDER BY video_id, segment`)
    ).map((r) => [String(r.video_id).slice(-6), r.segment, r.users, r.views]);
    assert.deepEqual(timeline, [
      // i4x-edX-DemoX-video-3cb54a11efae4ccc8a0aade24d14b255: exactly the pipeline's (segment, num_users, num_views)
      ['14b255', 0, 2, 2],
      ['14b255', 1, 2, 3],
      ['14b255', 2, 1, 2],
      ['14b255', 3, 2, 2],
      ['14b255', 4, 2, 3],
      // ...8cd8635f: one viewing 10 -> 20. The pipeline lists segments 2, 3 and 4 (floor(20 / 5)); samced covers
      // seconds 10..19, so segment 4 is not covered, and it lists the unwatched segments 0 and 1 with zeros.
      ['d8635f', 0, 0, 0],
      ['d8635f', 1, 0, 0],
      ['d8635f', 2, 1, 1],
      ['d8635f', 3, 1, 1]
    ]);
    // The pipeline's users_at_end for 3cb54a is 2 (inferred duration): users 10001 and 10003 reach the end segment.
    const atEnd = await duck.json(
      `SELECT user_id, reached_end, duration_source FROM samced.video_watch WHERE ends_with(video_id, '14b255') ORDER BY user_id`
    );
    assert.deepEqual(atEnd, [
      { user_id: '10001', reached_end: 1, duration_source: 'inferred' },
      { user_id: '10002', reached_end: 0, duration_source: 'inferred' },
      { user_id: '10003', reached_end: 1, duration_source: 'inferred' }
    ]);
  } finally {
    duck.close();
  }
});
