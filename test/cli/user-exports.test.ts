import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../kernel-lib/cli/main';
import { memoryLogger, systemClock } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI, miniCourseArgs } from '../fixtures/mini-drop';

const drop = makeMiniDrop();
const quiet = () => ({ logger: memoryLogger(), clock: systemClock });
const courseArgs = [...miniCourseArgs(drop)];

test('events-for-user: the learner’s video events as CSV and JSON lines without personal fields', async () => {
  const out = mkdtempSync(join(tmpdir(), 'samced-user-'));
  assert.equal(await main(['events-for-user', '--user', '11', '--out', out, ...courseArgs], quiet()), 0);
  const base = join(out, 'user-11-events-MiniX-M101-2026T1-260301-260303');
  const csv = readFileSync(base + '.csv', 'utf8')
    .trim()
    .split('\n');
  assert.equal(
    csv[0],
    'time,event_type,name,event_source,video_id,position,old_time,new_time,page,event,source_file,source_line'
  );
  // load (kept once), hide_transcript (edge), play 12.3, pause 40.1, seek, mobile play, stop 100, speed change: 8 video events of user 11 in C
  assert.equal(csv.length - 1, 8);
  assert.deepEqual(
    csv.slice(1).map((l) => l.split(',')[1]),
    [
      'load_video',
      'play_video',
      'hide_transcript',
      'pause_video',
      'seek_video',
      'play_video',
      'stop_video',
      'speed_change_video'
    ]
  );
  assert.match(csv[5]!, /^2026-03-01 10:00:30\.000000,seek_video,,browser,v1,,40\.1,3,/);
  const lines = readFileSync(base + '.jsonl', 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 8);
  assert.ok(lines.every((l) => !('username' in l) && !('ip' in l) && l.context.user_id === 11));
  assert.ok(!readFileSync(base + '.jsonl', 'utf8').includes('192.0.2.1'));
  assert.ok(!readFileSync(base + '.jsonl', 'utf8').includes('user11'));
});

test('events-for-user --all --raw keeps every event and the lines verbatim', async () => {
  const out = mkdtempSync(join(tmpdir(), 'samced-user-'));
  assert.equal(
    await main(['events-for-user', '--user', '12', '--all', '--raw', '--out', out, ...courseArgs], quiet()),
    0
  );
  const base = join(out, 'user-12-events-MiniX-M101-2026T1-260301-260303');
  // user 12: progress x3, problem_check x3 (one duplicate dropped), bumper, textbook, book, courseware x2
  assert.equal(
    readFileSync(base + '.csv', 'utf8')
      .trim()
      .split('\n').length - 1,
    11
  );
  assert.ok(readFileSync(base + '.jsonl', 'utf8').includes('"username":"user12"'));
});

test('email opt-in: latest preference per course decides; filtered by course when given', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samced-optin-'));
  assert.equal(
    await main(
      [
        'email-opt-in',
        '--data',
        drop,
        '--org',
        'MiniX',
        '--course',
        'M101',
        '--run',
        '2026T1',
        '--out',
        join(dir, 'c.csv')
      ],
      quiet()
    ),
    0
  );
  assert.equal(
    readFileSync(join(dir, 'c.csv'), 'utf8'),
    'user_id,email,name,gender,year_of_birth,country,preference_set_datetime\n11,anna@example.org,"Anna ""Q"" Svensson",f,1990,SE,2026-02-15 10:00:00\n'
  );
  assert.equal(
    await main(['email-opt-in', '--data', drop, '--org', 'MiniX', '--out', join(dir, 'all.csv')], quiet()),
    0
  );
  assert.equal(
    readFileSync(join(dir, 'all.csv'), 'utf8'),
    'user_id,email,name,gender,year_of_birth,country,preference_set_datetime\n' +
      '11,anna@example.org,"Anna ""Q"" Svensson",f,1990,SE,2026-02-15 10:00:00\n' +
      '13,cy@example.org,Cy,,,,2026-02-16 10:00:00\n'
  );
});

test('bad arguments exit 2 with a one-line message', async () => {
  assert.equal(await main(['events-for-user', '--user', 'abc', ...courseArgs], quiet()), 2);
  assert.equal(await main(['build', '--data', drop], quiet()), 2);
  assert.equal(
    await main(
      [
        'build',
        ...courseArgs.slice(0, 8),
        '--start',
        '2026-02-31',
        '--end',
        MINI.end,
        '--out',
        join(tmpdir(), 'x-never')
      ],
      quiet()
    ),
    2
  );
});
