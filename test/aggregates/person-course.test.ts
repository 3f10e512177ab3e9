import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PERSON_COURSE_COLUMNS, personCourseFamily } from '../../kernel-lib/aggregates/person-course';
import { problemsFamily } from '../../kernel-lib/aggregates/problems';
import { videoWatchFamily } from '../../kernel-lib/aggregates/video-watch';
import { C, ev, key, rows, runFamilies, tsv, video, writeWatchDrop } from '../fixtures/watch/watch-drop';
import { computeSamcedTables } from '../../kernel-lib/aggregates/compute';

const DAY = 86400;
const at = (s: number) =>
  new Date(Date.UTC(2026, 3, 1, 10, 0, 0) + s * 1000).toISOString().replace('T', ' ').replace('Z', '000');

const STRUCTURE = {
  [key('course', 'course')]: {
    category: 'course',
    children: ['ch1', 'ch2', 'ch3', 'ch4'].map((c) => key('chapter', c)),
    metadata: {}
  },
  [key('chapter', 'ch1')]: { category: 'chapter', children: [key('video', 'v1'), key('problem', 'q1')], metadata: {} },
  [key('video', 'v1')]: { category: 'video', children: [], metadata: { duration: 10 } },
  [key('problem', 'q1')]: { category: 'problem', children: [], metadata: {} },
  [key('chapter', 'ch2')]: { category: 'chapter', children: [key('sequential', 's2')], metadata: {} },
  [key('sequential', 's2')]: { category: 'sequential', children: [key('problem', 'q2')], metadata: {} },
  [key('problem', 'q2')]: { category: 'problem', children: [], metadata: {} },
  [key('chapter', 'ch3')]: { category: 'chapter', children: [key('html', 'h3')], metadata: {} },
  [key('html', 'h3')]: { category: 'html', children: [], metadata: {} },
  [key('chapter', 'ch4')]: { category: 'chapter', children: [], metadata: {} }
};

const check = (user: number, second: number, problem: string, success: string) =>
  ev(
    user,
    'problem_check',
    second,
    { problem_id: key('problem', problem), attempts: 1, success, answers: {} },
    {
      source: 'server',
      encoding: 'object',
      page: null,
      context: { module: { display_name: 'Quiz', usage_key: key('problem', problem) } }
    }
  );

const EVENTS = [
  // user 1: video v1 watched 0 -> 10 (ch1), video v2 only loaded; the default page names no chapter
  video(1, 'play_video', 0, 'v1', { currentTime: 0 }),
  video(1, 'stop_video', 10, 'v1', { currentTime: 10 }),
  video(1, 'load_video', 20, 'v2', {}),
  // problem checks: q1 incorrect then correct; q2 correct then (next day) incorrect; a browser check is not counted
  check(1, 30, 'q1', 'incorrect'),
  ev(1, 'problem_check', 40, { q1: 'x' }),
  check(1, 50, 'q1', 'correct'),
  check(1, 60, 'q2', 'correct'),
  check(1, DAY + 100, 'q2', 'incorrect'),
  // a learning-MFE page naming sequential s2 (ch2); an old-style courseware URL naming chapter ch3
  ev(
    1,
    'edx.ui.lms.sequence.tab_selected',
    70,
    {},
    { page: `https://learning.example.org/course/${C}/${key('sequential', 's2')}/${key('vertical', 'x')}` }
  ),
  ev(1, '/courses/WatchX/W1/2026/courseware/ch3/s3/', 80, {}, { source: 'server', page: null }),
  // user 2: an implicit courseware URL of ch4 and a URL-encoded usage key of html h3 (ch3): 2 of 4 chapters
  ev(2, `/courses/${C}/courseware/ch4/`, 100, {}, { source: 'server', page: null }),
  ev(
    2,
    'page_close',
    110,
    {},
    { page: `https://learning.example.org/course/${C}/block-v1:WatchX%2BW1%2B2026%2Btype%40html%2Bblock%40h3` }
  ),
  // user 4: events but no enrolment row; an i4x usage key of h3 (ch3)
  ev(
    4,
    'edx.ui.lms.outline.selected',
    200,
    {},
    { page: null, context: { module: { usage_key: 'i4x://WatchX/W1/html/h3' } } }
  ),
  // anonymous: no row
  ev(null, `/courses/${C}/courseware/ch1/`, 300, {}, { source: 'server' })
];

const CERTIFICATE_HEADER = [
  'id',
  'user_id',
  'download_url',
  'grade',
  'course_id',
  'key',
  'distinction',
  'status',
  'verify_uuid',
  'download_uuid',
  'name',
  'created_date',
  'modified_date',
  'error_reason',
  'mode'
];
const TABLES = {
  certificates_generatedcertificate: tsv(CERTIFICATE_HEADER, [
    [
      1,
      1,
      '',
      '0.9',
      C,
      'k1',
      0,
      'downloadable',
      'v',
      'd',
      'Secret Name',
      '2026-05-01 00:00:00',
      '2026-05-01 00:00:00',
      '',
      'verified'
    ],
    [
      2,
      2,
      '',
      '0.2',
      C,
      'k2',
      0,
      'notpassing',
      'v',
      'd',
      'Other Name',
      '2026-05-01 00:00:00',
      '2026-05-01 00:00:00',
      '',
      'audit'
    ]
  ]),
  auth_userprofile: tsv(
    ['id', 'user_id', 'name', 'gender', 'year_of_birth', 'level_of_education', 'country'],
    [
      [1, 1, 'Secret Name', 'f', 1990, 'm', 'SE'],
      [2, 2, 'Other Name', '', 'NULL', '', ''],
      [3, 3, 'Third Name', 'o', 2000, 'b', 'US']
    ]
  )
};
const thread = (id: string, author: number) =>
  JSON.stringify({
    _id: { $oid: id },
    _type: 'CommentThread',
    author_id: String(author),
    body: 'b',
    created_at: { $date: '2026-04-01T12:00:00Z' }
  });
const comment = (id: string, author: number) =>
  JSON.stringify({
    _id: { $oid: id },
    _type: 'Comment',
    author_id: String(author),
    comment_thread_id: { $oid: 't1' },
    body: 'c',
    created_at: { $date: '2026-04-01T13:00:00Z' }
  });
const FORUM = [thread('t1', 1), comment('c1', 1), comment('c2', 2), comment('c3', 5)];

const ENROLLMENT = [
  [1, 1, '2026-01-10 09:00:00', 1, 'verified'],
  [2, 2, '2026-01-11 09:30:00', 0, 'audit'],
  [3, 3, '2026-01-12 10:00:00', 1, 'honor']
];

const person = (values: unknown[]) => Object.fromEntries(PERSON_COURSE_COLUMNS.map((c, i) => [c.name, values[i]]));

test('person_course: hand-computed rows (enrolled, unenrolled, inactive, events only)', async () => {
  const drop = writeWatchDrop({
    events: EVENTS,
    enrollment: ENROLLMENT,
    tables: TABLES,
    structure: STRUCTURE,
    forum: FORUM
  });
  const run = await runFamilies(drop, [videoWatchFamily, personCourseFamily]);
  try {
    const got = await rows(run, 'SELECT * FROM samced.person_course ORDER BY user_id');
    assert.deepEqual(got, [
      // 10 events on 2 UTC days; v1 10 s of 10 (completed), v2 loaded only; q1 latest correct, q2 latest incorrect;
      // chapters ch1 (video, problem usage key), ch2 (sequential in the page), ch3 (old courseware URL): 3 of 4
      person([
        1,
        1,
        'verified',
        1,
        '2026-01-10 09:00:00.000000',
        'downloadable',
        0.9,
        1,
        'f',
        1990,
        'm',
        'SE',
        10,
        2,
        at(0),
        at(DAY + 100),
        1,
        1,
        10,
        2,
        1,
        4,
        2,
        1,
        1,
        3,
        4,
        1,
        1
      ]),
      // empty profile fields are NULL; ch4 and ch3: exactly half the chapters is explored
      person([
        2,
        1,
        'audit',
        0,
        '2026-01-11 09:30:00.000000',
        'notpassing',
        0.2,
        0,
        null,
        null,
        null,
        null,
        2,
        1,
        at(100),
        at(110),
        0,
        0,
        0,
        0,
        0,
        0,
        1,
        0,
        1,
        2,
        4,
        1,
        1
      ]),
      // enrolled, never active
      person([
        3,
        1,
        'honor',
        1,
        '2026-01-12 10:00:00.000000',
        null,
        null,
        0,
        'o',
        2000,
        'b',
        'US',
        0,
        0,
        null,
        null,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        4,
        0,
        0
      ]),
      // events without an enrolment row (flagged); user 5 wrote a forum post only: no row
      person([
        4,
        0,
        null,
        null,
        null,
        null,
        null,
        0,
        null,
        null,
        null,
        null,
        1,
        1,
        at(200),
        at(200),
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
        4,
        1,
        0
      ])
    ]);
  } finally {
    await run.close();
  }
});

test('person_course: explored is NULL without chapters; it needs the video_watch tables', async () => {
  const drop = writeWatchDrop({
    events: [ev(7, 'page_close', 0, {})],
    enrollment: [[1, 7, '2026-01-10 09:00:00', 1, 'honor']]
  });
  const run = await runFamilies(drop, []);
  try {
    const options = { surveys: { match: 'exact' as const, pre: [], post: [] } };
    await assert.rejects(
      computeSamcedTables(run, options, undefined, { families: [personCourseFamily] }),
      /video_watch family first/
    );
    await computeSamcedTables(run, options, undefined, { families: [videoWatchFamily, personCourseFamily] });
    const got = await rows(
      run,
      'SELECT user_id, events, chapters_visited, course_chapters, viewed, explored FROM samced.person_course'
    );
    assert.deepEqual(got, [
      { user_id: 7, events: 1, chapters_visited: 0, course_chapters: 0, viewed: 1, explored: null }
    ]);
  } finally {
    await run.close();
  }
});

test('the latest problem check: of checks at the same time, the one of the later file in name order wins, then the later line', async () => {
  // the edx site's file (edx-course-data/watchx/edx/...) sorts after the edge site's (.../edge/...)
  const drop = writeWatchDrop({
    events: [check(1, 5, 'q1', 'incorrect'), check(1, 5, 'q1', 'correct'), check(1, 5, 'q2', 'incorrect')],
    structure: STRUCTURE
  });
  const edge = join(drop, 'edx-course-data', 'watchx', 'edge', 'events', '2026');
  mkdirSync(edge, { recursive: true });
  writeFileSync(
    join(edge, 'watchx-edge-events-2026-04-01.log.gz'),
    gzipSync(Buffer.from([check(1, 5, 'q1', 'partially-correct'), check(1, 5, 'q2', 'correct')].join('\n') + '\n'))
  );
  const run = await runFamilies(drop, [problemsFamily]);
  try {
    assert.deepEqual(
      await rows(run, 'SELECT problem_id, success, time FROM latest_problem_checks ORDER BY problem_id'),
      [
        { problem_id: key('problem', 'q1'), success: 'correct', time: at(5) }, // edx file, its second line
        { problem_id: key('problem', 'q2'), success: 'incorrect', time: at(5) } // edx file over edge file
      ]
    );
  } finally {
    await run.close();
  }
});
