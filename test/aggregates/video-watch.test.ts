import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { completionParameters, videoWatchFamily } from '../../kernel-lib/aggregates/video-watch';
import type { CourseRun } from '../../kernel-lib/load/course-run';
import { InputError } from '../../kernel-lib/util/errors';
import { key, rows, runFamilies, video, writeWatchDrop } from '../fixtures/watch/watch-drop';
import { computeSamcedTables } from '../../kernel-lib/aggregates/compute';

const OLD_E = 'i4x-WatchX-W1-video-e';
const mobile = { source: 'mobile' as const, encoding: 'object' as const, page: null };

// Seconds after 2026-04-01 10:00:00 -> the table's time text.
const at = (s: number) =>
  new Date(Date.UTC(2026, 3, 1, 10, 0, 0) + s * 1000).toISOString().replace('T', ' ').replace('Z', '000');

const STRUCTURE = {
  [key('course', 'course')]: {
    category: 'course',
    children: [key('chapter', 'ch1')],
    metadata: { display_name: 'Watch' }
  },
  [key('chapter', 'ch1')]: {
    category: 'chapter',
    children: [key('video', 'a'), key('video', 'd'), key('video', 'e')],
    metadata: { display_name: 'Week 1' }
  },
  [key('video', 'a')]: { category: 'video', children: [], metadata: { display_name: 'Video A', duration: 120 } },
  [key('video', 'd')]: { category: 'video', children: [], metadata: { display_name: 'Unwatched', duration: 30 } },
  [key('video', 'e')]: { category: 'video', children: [], metadata: { display_name: 'Video E', duration: 600 } }
};

const EVENTS = [
  // user 1, video a (structure duration 120): play 0 -> pause 12.3, play 12.3 -> pause 40.1, seek 40.1 -> 3, play 3 -> stop 100
  video(1, 'load_video', -1, 'a', {}),
  video(1, 'play_video', 0, 'a', { currentTime: 0 }),
  video(1, 'pause_video', 12, 'a', { currentTime: 12.3 }),
  video(1, 'play_video', 20, 'a', { currentTime: 12.3 }),
  video(1, 'pause_video', 48, 'a', { currentTime: 40.1 }),
  video(1, 'seek_video', 50, 'a', { old_time: 40.1, new_time: 3.0, type: 'onSlideSeek' }),
  video(1, 'play_video', 51, 'a', { currentTime: 3.0 }),
  video(1, 'stop_video', 150, 'a', { currentTime: 100 }),
  // user 2, video a: one play per discard rule, a valid 0.25 s viewing, plays without an end, an end at exactly duration + 1
  video(2, 'play_video', 200, 'a', { currentTime: 10 }),
  video(2, 'pause_video', 201, 'a', { currentTime: 125 }), // past duration + 1
  video(2, 'play_video', 210, 'a', { currentTime: 50 }),
  video(2, 'pause_video', 211, 'a', { currentTime: 40 }), // before its start
  video(2, 'play_video', 220, 'a', { currentTime: 60 }),
  video(2, 'pause_video', 221, 'a', { currentTime: 60.2 }), // 0.2 s: too short
  video(2, 'play_video', 230, 'a', { currentTime: 70 }),
  video(2, 'pause_video', 231, 'a', { currentTime: 70.25 }), // exactly 0.25 s: kept, covers second 70
  video(2, 'play_video', 240, 'a', { currentTime: 80 }), // followed by a play: dropped
  video(2, 'play_video', 245, 'a', { currentTime: 90 }),
  video(2, 'stop_video', 251, 'a', { currentTime: 95.5 }), // seconds 90..95
  video(2, 'play_video', 260, 'a', { currentTime: 115 }),
  video(2, 'stop_video', 266, 'a', { currentTime: 121 }), // duration + 1 is allowed; seconds 115..119 (capped)
  video(2, 'play_video', 270, 'a', { currentTime: 100 }), // never ended
  // user 3, video a: the play after a seek logs the old position (30); the seek's new_time (110) is used
  video(3, 'play_video', 300, 'a', { currentTime: 0 }),
  video(3, 'seek_video', 330, 'a', { old_time: 30, new_time: 110, type: 'onSlideSeek' }),
  video(3, 'play_video', 331, 'a', { currentTime: 30 }),
  video(3, 'pause_video', 341, 'a', { currentTime: 120 }),
  // user 4, video a: mobile events, object payloads, the new name as event_type and as name
  video(4, 'edx.video.played', 400, 'a', { code: 'mobile', currentTime: 0 }, { ...mobile, name: 'edx.video.played' }),
  video(4, 'pause_video', 520, 'a', { code: 'mobile', currentTime: 119.5 }, { ...mobile, name: 'edx.video.paused' }),
  // anonymous: left out everywhere
  video(null, 'play_video', 600, 'a', { currentTime: 0 }),
  video(null, 'pause_video', 650, 'a', { currentTime: 50 }),
  // video b: no duration anywhere -> inferred from the furthest valid end (65.5)
  video(1, 'play_video', 700, 'b', { currentTime: 5 }),
  video(1, 'pause_video', 760, 'b', { currentTime: 65.5 }),
  video(2, 'play_video', 700, 'b', { currentTime: 0 }),
  video(2, 'stop_video', 720, 'b', { currentTime: 20 }),
  // video c: duration from the events (largest of 59.9 and 60); a stop at a negative position is dropped
  video(5, 'load_video', 795, 'c', { duration: 59.9 }),
  video(5, 'play_video', 800, 'c', { currentTime: 0, duration: 60 }),
  video(5, 'stop_video', 830, 'c', { currentTime: -5 }),
  video(5, 'pause_video', 858, 'c', { currentTime: 58, duration: 60 }),
  // an old-style id that matches structure block e
  video(5, 'play_video', 900, OLD_E, { currentTime: 0 }),
  video(5, 'pause_video', 910, OLD_E, { currentTime: 10 })
];

let run: CourseRun;

before(async () => {
  run = await runFamilies(writeWatchDrop({ events: EVENTS, structure: STRUCTURE }), [videoWatchFamily]);
});

after(() => run.close());

const watchRow = (
  user: number,
  id: string,
  values: [
    number,
    number | null,
    number | null,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number | null,
    string | null
  ]
) => {
  const [seconds, fraction, furthest, views, discarded, unended, completed, reached, first, last, duration, source] =
    values;
  return {
    user_id: user,
    video_id: id,
    seconds_watched: seconds,
    fraction_watched: fraction,
    furthest_position_s: furthest,
    views,
    discarded_views: discarded,
    unended_plays: unended,
    completed,
    reached_end: reached,
    first_event_time: at(first),
    last_event_time: at(last),
    duration_s: duration,
    duration_source: source
  };
};

test('video_watch: hand-computed rows for every rule', async () => {
  const got = await rows(run, 'SELECT * FROM samced.video_watch ORDER BY user_id, video_id');
  assert.deepEqual(got, [
    // [0,12.3] [12.3,40.1] [3,100] -> seconds 0..99 = 100; 100 < 0.95 x 120; end segment 22 (110-114) not reached
    watchRow(1, 'a', [100, 0.8333, 100, 3, 0, 0, 0, 0, -1, 150, 120, 'structure']),
    // [5,65.5] -> seconds 5..65 = 61; 61 < 0.95 x 65.5 = 62.225; end point 62.225 -> segment 12 (60-64) reached
    watchRow(1, 'b', [61, 0.9313, 65.5, 1, 0, 0, 0, 1, 700, 760, 65.5, 'inferred']),
    // seconds 70, 90..95, 115..119 = 12; 3 discarded; the play at 80 and the last play never ended
    watchRow(2, 'a', [12, 0.1, 121, 3, 3, 2, 0, 0, 200, 270, 120, 'structure']),
    watchRow(2, 'b', [20, 0.3053, 20, 1, 0, 0, 0, 0, 700, 720, 65.5, 'inferred']),
    // [0,30] [110,120] -> 40 s; reaches the end segment without watching 95 %
    watchRow(3, 'a', [40, 0.3333, 120, 2, 0, 0, 0, 1, 300, 341, 120, 'structure']),
    // mobile [0,119.5] -> seconds 0..119 = 120
    watchRow(4, 'a', [120, 1, 119.5, 1, 0, 0, 1, 1, 400, 520, 120, 'structure']),
    // [0,58] -> 58 >= 0.95 x 60 = 57; end point max(30, 57) = 57 in segment 11
    watchRow(5, 'c', [58, 0.9667, 58, 1, 0, 0, 1, 1, 795, 858, 60, 'event']),
    watchRow(5, OLD_E, [10, 0.0167, 10, 1, 0, 0, 0, 0, 900, 910, 600, 'structure'])
  ]);
});

test('video_segments: the drop-off curve per 5-second segment', async () => {
  const segs = await rows(
    run,
    `SELECT video_id, count(*)::INTEGER AS n, max(segment) AS last FROM samced.video_segments GROUP BY 1 ORDER BY 1`
  );
  // a: 120 s -> 0..23; b: 65.5 s (last second 65) -> 0..13; c: 60 s -> 0..11; e: 600 s -> 0..119; d: nobody watched
  assert.deepEqual(segs, [
    { video_id: 'a', n: 24, last: 23 },
    { video_id: 'b', n: 14, last: 13 },
    { video_id: 'c', n: 12, last: 11 },
    { video_id: OLD_E, n: 120, last: 119 }
  ]);
  const b = await rows(
    run,
    `SELECT segment, start_s, users, views FROM samced.video_segments WHERE video_id = 'b' ORDER BY segment`
  );
  assert.deepEqual(
    b,
    Array.from({ length: 14 }, (_, s) => ({
      segment: s,
      start_s: s * 5,
      users: s === 0 ? 1 : s <= 3 ? 2 : 1,
      views: s === 0 ? 1 : s <= 3 ? 2 : 1
    }))
  );
  const a = await rows(
    run,
    `SELECT segment, users, views FROM samced.video_segments WHERE video_id = 'a' AND segment IN (0, 2, 14, 19, 20, 21, 22, 23) ORDER BY segment`
  );
  assert.deepEqual(a, [
    { segment: 0, users: 3, views: 4 }, // user 1 twice ([0,12.3], [3,100]), users 3 and 4
    { segment: 2, users: 3, views: 5 }, // user 1 three times, users 3 and 4
    { segment: 14, users: 3, views: 3 }, // user 1, user 2's 0.25 s viewing, user 4
    { segment: 19, users: 3, views: 3 }, // user 1 up to 99, user 2 up to 95, user 4
    { segment: 20, users: 1, views: 1 }, // user 1's viewing ends at 100.0: second 100 is not covered
    { segment: 21, users: 1, views: 1 },
    { segment: 22, users: 2, views: 2 }, // users 3 and 4
    { segment: 23, users: 3, views: 3 } // users 2 (capped at 119), 3 and 4
  ]);
});

test('video_summary: structure videos in course order, then event-only videos', async () => {
  const got = await rows(run, 'SELECT * FROM samced.video_summary ORDER BY course_order NULLS LAST, video_id');
  const s = (
    video_id: string,
    block_id: string | null,
    display_name: string | null,
    course_order: number | null,
    duration_s: number | null,
    duration_source: string | null,
    counts: number[],
    median: number | null
  ) => ({
    video_id,
    block_id,
    display_name,
    course_order,
    duration_s,
    duration_source,
    users_with_events: counts[0],
    users_viewed: counts[1],
    users_completed: counts[2],
    users_reached_end: counts[3],
    views: counts[4],
    median_seconds_watched: median
  });
  assert.deepEqual(got, [
    s('a', key('video', 'a'), 'Video A', 3, 120, 'structure', [4, 4, 1, 2, 9], 70), // median of 12, 40, 100, 120
    s('d', key('video', 'd'), 'Unwatched', 4, 30, 'structure', [0, 0, 0, 0, 0], null),
    s(OLD_E, key('video', 'e'), 'Video E', 5, 600, 'structure', [1, 1, 0, 0, 1], 10),
    s('b', null, null, null, 65.5, 'inferred', [2, 2, 0, 1, 2], 40.5),
    s('c', null, null, null, 60, 'event', [1, 1, 1, 1, 1], 58)
  ]);
});

test('completion parameters: a lower threshold and no end slack', async () => {
  await computeSamcedTables(
    run,
    { surveys: { match: 'exact', pre: [], post: [] }, completionThreshold: 0.8, endSlackSeconds: 0 },
    undefined,
    { families: [videoWatchFamily] }
  );
  const got = await rows(
    run,
    `SELECT user_id, video_id, completed, reached_end FROM samced.video_watch WHERE video_id IN ('a', 'b') ORDER BY user_id, video_id`
  );
  // a: 0.8 x 120 = 96; end point max(120, 96) = 120, capped at the last second 119 -> segment 23
  // b: 0.8 x 65.5 = 52.4; end point 65.5 -> second 65 -> segment 13
  assert.deepEqual(got, [
    { user_id: 1, video_id: 'a', completed: 1, reached_end: 0 },
    { user_id: 1, video_id: 'b', completed: 1, reached_end: 1 },
    { user_id: 2, video_id: 'a', completed: 0, reached_end: 1 },
    { user_id: 2, video_id: 'b', completed: 0, reached_end: 0 },
    { user_id: 3, video_id: 'a', completed: 0, reached_end: 1 },
    { user_id: 4, video_id: 'a', completed: 1, reached_end: 1 }
  ]);
  await computeSamcedTables(run, { surveys: { match: 'exact', pre: [], post: [] } }, undefined, {
    families: [videoWatchFamily]
  });
});

test('completion parameters are checked', () => {
  assert.deepEqual(completionParameters({}), { completionThreshold: 0.95, endSlackSeconds: 30 });
  assert.throws(() => completionParameters({ completionThreshold: 0 }), InputError);
  assert.throws(() => completionParameters({ completionThreshold: 1.5 }), InputError);
  assert.throws(() => completionParameters({ completionThreshold: Number.NaN }), InputError);
  assert.throws(() => completionParameters({ endSlackSeconds: -1 }), /endSlackSeconds/);
});

test('video ids are trimmed, of Unicode spaces too (a padded id is the same video); an id of spaces only, or none, is no video', async () => {
  const own = await runFamilies(
    writeWatchDrop({
      events: [
        video(1, 'play_video', 0, ' a', { currentTime: 0 }),
        video(1, 'pause_video', 10, 'a ', { currentTime: 10 }),
        video(1, 'play_video', 20, '\u3000f\u00a0', { currentTime: 0 }),
        video(1, 'pause_video', 25, 'f', { currentTime: 5 }),
        video(2, 'play_video', 0, '   ', { currentTime: 0 }),
        video(2, 'pause_video', 5, '   ', { currentTime: 5 }),
        video(2, 'play_video', 10, 'x', { id: null, currentTime: 0 }),
        video(2, 'pause_video', 15, 'x', { id: null, currentTime: 5 })
      ],
      structure: STRUCTURE
    }),
    [videoWatchFamily]
  );
  try {
    assert.deepEqual(
      await rows(
        own,
        'SELECT user_id, video_id, seconds_watched, views FROM samced.video_watch ORDER BY user_id, video_id'
      ),
      [
        { user_id: 1, video_id: 'a', seconds_watched: 10, views: 1 },
        { user_id: 1, video_id: 'f', seconds_watched: 5, views: 1 }
      ]
    );
  } finally {
    await own.close();
  }
});
