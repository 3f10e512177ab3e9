// The scripted storyline lines exist exactly as specified (values written by hand from the
// storyline brief, not taken from the generator), and the storyline learners have no other lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { projectRoot } from '../../kernel-lib/util/paths';

const drop = join(projectRoot(), 'data', 'sample-drop');
const C1 = 'course-v1:SamcedX+DATA101+1T2026';
const C3 = 'course-v1:SamcedX+DATA101+1T2026B';
const V1 = 'd1a7e5c0c2b14f5f9a3e6b1c0f2e4a11';
const V2 = 'e2b8f6d1d3c25060ab4f7c2d1a3f5b22';
const block = (type: string, id: string) => `block-v1:SamcedX+DATA101+1T2026+type@${type}+block@${id}`;

// biome-ignore lint/suspicious/noExplicitAny: parsed event JSON, navigated freely by the assertions
type Line = { raw: string; json: Record<string, any> };

function dayLines(day: string): Line[] {
  const file = join(drop, 'edx-course-data/samcedx/edx/events', day.slice(0, 4), `samcedx-edx-events-${day}.log.gz`);
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((raw) => ({ raw, json: JSON.parse(raw) }));
}

// biome-ignore lint/suspicious/noExplicitAny: parsed event JSON, navigated freely by the assertions
function payload(line: Line): any {
  const e = line.json.event;
  return typeof e === 'string' && e.startsWith('{') ? JSON.parse(e) : e;
}

/** The one line of `user` on `day` with this event_type and time; fails when absent or repeated. */
function find(day: string, user: number, eventType: string, time: string): Line {
  const hits = dayLines(day).filter(
    (l) => l.json.context?.user_id === user && l.json.event_type === eventType && l.json.time === time
  );
  assert.equal(hits.length, 1, `${user} ${eventType} at ${time} in the ${day} file`);
  return hits[0]!;
}

test('1001 watches V1 in the browser on 2026-01-05', () => {
  const day = '2026-01-05';
  const at = (t: string) => `2026-01-05T${t}+00:00`;
  const expected: Array<[string, string, Record<string, unknown>]> = [
    ['10:00:00.000000', 'load_video', { id: V1, code: 'html5' }],
    ['10:00:05.000000', 'play_video', { id: V1, currentTime: 0 }],
    ['10:00:17.300000', 'pause_video', { id: V1, currentTime: 12.3 }],
    ['10:00:30.000000', 'play_video', { id: V1, currentTime: 12.3 }],
    ['10:00:57.800000', 'pause_video', { id: V1, currentTime: 40.1 }],
    ['10:01:00.000000', 'seek_video', { id: V1, old_time: 40.1, new_time: 3, type: 'onSlideSeek' }],
    ['10:01:01.000000', 'play_video', { id: V1, currentTime: 3 }],
    ['10:01:20.000000', 'show_transcript', { id: V1, currentTime: 22 }],
    ['10:01:40.000000', 'hide_transcript', { id: V1, currentTime: 41 }],
    ['10:02:38.000000', 'stop_video', { id: V1, currentTime: 100 }]
  ];
  for (const [time, type, fields] of expected) {
    const line = find(day, 1001, type, at(time));
    assert.equal(line.json.event_source, 'browser');
    assert.equal(typeof line.json.event, 'string', `${type} event is a JSON string`);
    assert.equal(line.json.context.course_id, C1);
    for (const [k, v] of Object.entries(fields)) assert.equal(payload(line)[k], v, `${type} ${k}`);
  }
  const speed = find(day, 1001, 'speed_change_video', at('10:01:05.000000'));
  assert.deepEqual(speed.json.event, { id: V1, current_time: 7, old_speed: '1.0', new_speed: '1.50' });
  assert.match(speed.raw, /"current_time": 7\.0,/);
});

test('1001 watches V2 in the mobile app on 2026-01-06', () => {
  const expected: Array<[string, string, string, number | null]> = [
    ['08:00:00', 'load_video', 'edx.video.loaded', null],
    ['08:00:01', 'play_video', 'edx.video.played', 0],
    ['08:01:01', 'pause_video', 'edx.video.paused', 60],
    ['08:05:00', 'play_video', 'edx.video.played', 60],
    ['08:05:58', 'stop_video', 'edx.video.stopped', 118]
  ];
  for (const [time, type, name, position] of expected) {
    const line = find('2026-01-06', 1001, type, `2026-01-06T${time}+00:00`);
    assert.equal(line.json.event_source, 'mobile');
    assert.equal(line.json.name, name);
    assert.equal(line.json.ip, '');
    assert.ok(line.json.context.received_at.startsWith('2026-01-06T'));
    const event = payload(line);
    assert.equal(event.id, V2);
    if (position !== null) assert.equal(event.currentTime, position);
    if (type === 'play_video') assert.equal(event.duration, 120);
  }
});

test('1002 answers the surveys and problems', () => {
  const pre1 = find('2025-12-16', 1002, 'problem_check', '2025-12-16T09:00:00.123456+00:00');
  assert.equal(pre1.json.event_source, 'server');
  assert.equal(pre1.json.context.module.display_name, 'Pre-course survey');
  assert.equal(pre1.json.event.problem_id, block('problem', 'presurvey'));
  assert.deepEqual(pre1.json.event.answers, {
    presurvey_2_1: 'choice_1',
    presurvey_2_1_other: 'x',
    presurvey_3_1: ['choice_0', 'choice_2'],
    presurvey_4_1: 'I want "data" skills? yes',
    presurvey_5_1: 'choice_1'
  });
  const pre2 = find('2025-12-20', 1002, 'problem_check', '2025-12-20T09:00:00.000000+00:00');
  assert.deepEqual(pre2.json.event.answers, { presurvey_2_1: 'choice_3' });
  const post = find('2026-02-05', 1002, 'problem_check', '2026-02-05T15:00:00.000000+00:00');
  assert.equal(post.json.context.module.display_name, 'Post-survey');
  assert.deepEqual(post.json.event.answers, { postsurvey_2_1: 'choice_2', postsurvey_4_1: 'choice_3' });

  const day = '2026-01-07';
  const c1 = dayLines(day).filter(
    (l) => l.json.context?.user_id === 1002 && l.json.event_type === 'problem_check' && l.json.event_source === 'server'
  );
  assert.deepEqual(
    c1.map((l) => [
      l.json.time,
      l.json.event.attempts,
      l.json.event.grade,
      l.json.event.max_grade,
      l.json.event.success
    ]),
    [
      ['2026-01-07T12:00:00.000000+00:00', 1, 1, 2, 'incorrect'],
      ['2026-01-07T12:05:00.000000+00:00', 2, 2, 2, 'correct']
    ]
  );
  assert.equal(c1[0]!.json.context.module.display_name, 'Quiz 1');
  const browser = find(day, 1002, 'problem_check', '2026-01-07T12:04:59.900000+00:00');
  assert.equal(browser.json.event_source, 'browser');
  assert.equal(browser.json.event, 'input_p1quiz_2_1=choice_2&input_p1quiz_3_1=42');
  assert.equal(find(day, 1002, 'problem_show', '2026-01-07T12:06:10.000000+00:00').json.event_source, 'browser');
  assert.deepEqual(find(day, 1002, 'showanswer', '2026-01-07T12:06:10.120000+00:00').json.event, {
    problem_id: block('problem', 'p1quiz')
  });
  assert.equal(
    dayLines(day).filter(
      (l) => l.json.context?.user_id === 1002 && l.json.event_type === 'edx.problem.hint.demandhint_displayed'
    ).length,
    1
  );

  const essay = find('2026-01-09', 1002, 'problem_check', '2026-01-09T08:00:00.000000+00:00');
  assert.equal('grade' in essay.json.event, false, 'P2 check has no grade');
  assert.equal(essay.json.event.attempts, 1);
  assert.equal(essay.json.event.max_grade, 5);
  assert.equal(essay.json.event.success, 'incorrect');
  assert.equal(essay.json.context.module.display_name, 'Essay check');
});

test('1003 and 1004 forum events, textbook, pages and bumper', () => {
  const t1 = find('2026-01-08', 1003, 'edx.forum.thread.created', '2026-01-08T10:00:00.000000+00:00');
  const r1 = find('2026-01-08', 1004, 'edx.forum.response.created', '2026-01-08T11:00:00.000000+00:00');
  const c1 = find('2026-01-08', 1003, 'edx.forum.comment.created', '2026-01-08T12:00:00.000000+00:00');
  const t2 = find('2026-01-09', 1004, 'edx.forum.thread.created', '2026-01-09T09:00:00.000000+00:00');
  assert.equal(r1.json.event.discussion.id, t1.json.event.id);
  assert.equal(c1.json.event.discussion.id, t1.json.event.id);
  assert.equal(c1.json.event.response.id, r1.json.event.id);
  assert.notEqual(t2.json.event.id, t1.json.event.id);

  const book = dayLines('2026-01-12')
    .filter((l) => l.json.context?.user_id === 1003)
    .map((l) => l.json.event_type);
  assert.deepEqual(book, [
    'book',
    'textbook.pdf.page.navigated',
    'textbook.pdf.zoom.buttons.changed',
    'textbook.pdf.search.executed',
    'textbook.pdf.page.scrolled',
    'textbook.pdf.page.scrolled'
  ]);
  assert.equal(
    JSON.parse(dayLines('2026-01-12').find((l) => l.json.context?.user_id === 1003)!.json.event).type,
    'gotopage'
  );

  const path = (sub: string) => `/courses/${C1}/${sub}`;
  const views = (day: string) =>
    dayLines(day)
      .filter((l) => l.json.context?.user_id === 1003 && l.json.event_type.startsWith('/courses/'))
      .map((l) => [l.json.time, l.json.event_type]);
  assert.deepEqual(views('2025-12-15'), [
    ['2025-12-14T23:59:59.999999+00:00', path('progress')],
    ['2025-12-15T10:00:00.000000+00:00', path('progress')]
  ]);
  assert.deepEqual(
    views('2025-12-16').map((v) => v[1]),
    [path('progress'), path('progress')]
  );
  assert.deepEqual(
    views('2026-01-08').map((v) => v[1]),
    [path('discussion/forum')]
  );
  const jan10 = views('2026-01-10').map((v) => v[1]);
  assert.equal(jan10[0], path('courseware'));
  assert.match(jan10[1]!, /^\/courses\/course-v1:SamcedX\+DATA101\+1T2026\/courseware\/[0-9a-f]{32}\/[0-9a-f]{32}\/$/);
  assert.deepEqual(
    views('2026-02-08').map((v) => v[1]),
    [path('info')]
  );
  assert.equal(views('2025-12-14').length, 0, 'the late line is not in the 2025-12-14 file');

  const bumper = dayLines('2026-01-12')
    .filter((l) => l.json.context?.user_id === 1004)
    .map((l) => l.json.event_type);
  assert.deepEqual(bumper, ['edx.video.bumper.loaded', 'edx.video.bumper.played', 'edx.video.bumper.skipped']);
});

test('storyline learners have no lines beyond the storyline', () => {
  // 1001: enrollment + 11 browser V1 + 5 mobile V2; 1002: enrollment + 10; 1003: enrollment + 2 forum + 6 textbook + 8 pages;
  // 1004: enrollment + 2 forum + 3 bumper; 1061: enrollment + 5 C3 lines.
  const expected: Record<number, number> = { 1001: 17, 1002: 11, 1003: 17, 1004: 6, 1061: 6 };
  const counts: Record<number, number> = { 1001: 0, 1002: 0, 1003: 0, 1004: 0, 1061: 0 };
  const files = readdirRecursive(join(drop, 'edx-course-data/samcedx/edx/events'));
  for (const file of files.filter((f) => f.endsWith('.log.gz'))) {
    for (const raw of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
      if (!raw) continue;
      const user = JSON.parse(raw).context?.user_id;
      if (user in counts) counts[user]!++;
    }
  }
  assert.deepEqual(counts, expected);
  const lookalike = dayLines('2026-01-05').filter((l) => l.json.context?.user_id === 1061);
  assert.deepEqual(
    lookalike.map((l) => [l.json.event_type, l.json.context.course_id, payload(l).id]),
    [
      ['load_video', C3, V1],
      ['play_video', C3, V1],
      ['pause_video', C3, V1]
    ]
  );
});

test('trap lines: anonymous, no course id, escaped slashes, naive time', () => {
  const jan5 = dayLines('2026-01-05');
  const anonymous = jan5.filter((l) => l.json.username === '' && l.json.context.course_id === C1);
  assert.ok(anonymous.some((l) => l.json.context.user_id === null));
  assert.ok(anonymous.some((l) => l.json.context.user_id === ''));
  const noCourse = jan5.filter((l) => l.json.context.course_id === '');
  assert.equal(noCourse.length, 1);
  assert.ok(noCourse[0]!.json.page.includes(`/courses/${C1}/`));
  const dec3 = dayLines('2025-12-03');
  assert.ok(
    dec3.some((l) => l.raw.includes('"course_id": "SamcedX\\/HIST.201x\\/2025_Fall"')),
    'escaped slashes written as \\/'
  );
  const naive = dec3.filter((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/.test(l.json.time));
  assert.equal(naive.length, 1);
  assert.equal(naive[0]!.json.context.course_id, 'SamcedX/HIST.201x/2025_Fall');
});

test('the C1 forum dump writes created_at in all three forms', () => {
  const mongo = readFileSync(join(drop, 'course-data/samcedx-2026-02-15/SamcedX-DATA101-1T2026-prod.mongo'), 'utf8');
  const docs = mongo
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const byBody = (start: string) => docs.find((d) => d.body.startsWith(start));
  const t1 = byBody('My table has one column per month');
  const r1 = byBody('Gather the month columns');
  const c1 = byBody('That worked, thanks!');
  const t2 = byBody('Anyone in UTC+9');
  assert.deepEqual(t1.created_at, { $date: '2026-01-08T10:00:00.000Z' });
  assert.deepEqual(r1.created_at, { $date: 1767870000000 });
  assert.deepEqual(c1.created_at, { $date: { $numberLong: '1767873600000' } });
  assert.deepEqual(t2.created_at, { $date: '2026-01-09T09:00:00.000Z' });
  assert.equal(t1._type, 'CommentThread');
  assert.equal(t1.author_id, '1003');
  assert.deepEqual(r1.comment_thread_id, t1._id);
  assert.equal('parent_id' in r1, false);
  assert.deepEqual(c1.parent_id, r1._id);
  assert.equal(t1.comment_count, 2);
  const earlier = readFileSync(join(drop, 'course-data/samcedx-2025-12-07/SamcedX-DATA101-1T2026-prod.mongo'), 'utf8');
  assert.equal(
    earlier.includes('My table has one column per month'),
    false,
    'T1 is not in the snapshot taken before it'
  );
});

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}
