import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dropFolders, listDropFiles } from '../../kernel-lib/drop/drop-files';
import { readDailyLogHead } from '../../kernel-lib/drop/daily-log-head';

function makeDrop(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samced-drop-files-'));
  const events = join(dir, 'edx-course-data', 'OrgX', 'edx', 'events', '2026');
  mkdirSync(events, { recursive: true });
  mkdirSync(join(dir, 'course-data', 'orgx-2026-01-11'), { recursive: true });
  writeFileSync(join(events, 'orgx-edx-events-2026-01-02.log.gz'), Buffer.alloc(3000)); // 3 KiB (2.93 rounds to 3)
  writeFileSync(join(events, 'orgx-edx-events-2026-01-01.log.gz.gpg'), Buffer.alloc(1024)); // 1 KiB, encrypted
  writeFileSync(join(dir, 'course-data', 'orgx-2026-01-11.zip'), Buffer.alloc(100)); // 0 KiB, to unpack
  writeFileSync(
    join(dir, 'course-data', 'orgx-2026-01-11', 'OrgX-C1-R1-auth_user-prod-analytics.sql'),
    Buffer.alloc(2048)
  );
  writeFileSync(join(dir, '.samced-sync-state.json'), '{}'); // hidden: left out
  mkdirSync(join(dir, '.hidden'));
  writeFileSync(join(dir, '.hidden', 'x.gpg'), 'x');
  return dir;
}

test('listDropFiles: every file below the drop by path with size, encrypted flag and name date; hidden ones left out', () => {
  const dir = makeDrop();
  try {
    const { root, files } = listDropFiles(dir);
    assert.equal(root, dir);
    assert.deepEqual(files, [
      { path: 'course-data/orgx-2026-01-11.zip', bytes: 100, encrypted: true, date: '2026-01-11' },
      {
        path: 'course-data/orgx-2026-01-11/OrgX-C1-R1-auth_user-prod-analytics.sql',
        bytes: 2048,
        encrypted: false,
        date: ''
      },
      {
        path: 'edx-course-data/OrgX/edx/events/2026/orgx-edx-events-2026-01-01.log.gz.gpg',
        bytes: 1024,
        encrypted: true,
        date: '2026-01-01'
      },
      {
        path: 'edx-course-data/OrgX/edx/events/2026/orgx-edx-events-2026-01-02.log.gz',
        bytes: 3000,
        encrypted: false,
        date: '2026-01-02'
      }
    ]);
    assert.deepEqual(dropFolders(files), [
      { folder: 'course-data', files: 1, encrypted: 1, kilobytes: 0, first: '2026-01-11', last: '2026-01-11' },
      { folder: 'course-data/orgx-2026-01-11', files: 1, encrypted: 0, kilobytes: 2, first: '', last: '' },
      {
        folder: 'edx-course-data/OrgX/edx/events/2026',
        files: 2,
        encrypted: 1,
        kilobytes: 4,
        first: '2026-01-01',
        last: '2026-01-02'
      }
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const line = (time: string, type: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    username: 'alice',
    ip: '192.0.2.7',
    time,
    event_type: type,
    event_source: 'server',
    context: { user_id: 7, course_id: 'course-v1:O+C+R' },
    ...extra
  });

test('readDailyLogHead: gzip or not, non-empty lines counted, the first events without personal fields', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samced-log-head-'));
  try {
    const text =
      [
        line('2026-01-01T10:00:00.5+00:00', 'play_video'),
        '',
        line('2026-01-01T11:00:00+00:00', 'problem_check'),
        line('2026-01-01T12:00:00+00:00', 'x', { context: {} })
      ].join('\n') + '\n';
    writeFileSync(join(dir, 'a.log.gz'), gzipSync(text));
    writeFileSync(join(dir, 'a.log'), text);
    const head = await readDailyLogHead(join(dir, 'a.log.gz'), 2);
    assert.deepEqual(head, {
      gzip: true,
      lines: 3,
      events: [
        {
          time: '2026-01-01T10:00:00.5+00:00',
          event_type: 'play_video',
          event_source: 'server',
          user_id: 7,
          course_id: 'course-v1:O+C+R'
        },
        {
          time: '2026-01-01T11:00:00+00:00',
          event_type: 'problem_check',
          event_source: 'server',
          user_id: 7,
          course_id: 'course-v1:O+C+R'
        }
      ]
    });
    const plain = await readDailyLogHead(join(dir, 'a.log'));
    assert.deepEqual(
      [plain.gzip, plain.lines, plain.events.length, plain.events[2]!.user_id, plain.events[2]!.course_id],
      [false, 3, 3, null, null]
    );
    writeFileSync(join(dir, 'bad.log.gz'), gzipSync(line('t', 'a') + '\nnot json\n'));
    await assert.rejects(readDailyLogHead(join(dir, 'bad.log.gz')), {
      name: 'InputError',
      message: `${join(dir, 'bad.log.gz')}:2: not a JSON event line`
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
