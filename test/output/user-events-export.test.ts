import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCourseRun, type CourseRun } from '../../kernel-lib/load/course-run';
import { exportUserEvents } from '../../kernel-lib/output/user-events-export';
import { memoryLogger } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';

// The function samced events-for-user and notebook 08 both call, on the mini drop (see test/cli/user-exports.test.ts).
let run: CourseRun;
const out = mkdtempSync(join(tmpdir(), 'samced-user-export-'));

before(async () => {
  run = await openCourseRun({ data: makeMiniDrop(), ...MINI }, { logger: memoryLogger() });
});
after(async () => {
  await run?.close();
  rmSync(out, { recursive: true, force: true });
});

test('exportUserEvents: the two files named after the learner, course and window, with their row counts', async () => {
  const written = await exportUserEvents(run, 11, { out });
  const base = join(out, 'user-11-events-MiniX-M101-2026T1-260301-260303');
  // user 11's 8 video events in the mini drop: load, play, hide_transcript, pause, seek, mobile play, stop, speed change
  assert.deepEqual(written, { csv: base + '.csv', jsonl: base + '.jsonl', rows: 8, lines: 8 });
  assert.equal(readFileSync(written.csv, 'utf8').trim().split('\n').length, 9);
  const lines = readFileSync(written.jsonl, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.ok(lines.every((l) => !('username' in l) && !('ip' in l)));
});

test('exportUserEvents with all and raw: every event of the learner, lines verbatim', async () => {
  const written = await exportUserEvents(run, 12, { out, all: true, raw: true });
  // user 12: progress x3, problem_check x3 (one duplicate dropped), bumper, textbook, book, courseware x2
  assert.deepEqual([written.rows, written.lines], [11, 11]);
  assert.ok(readFileSync(written.jsonl, 'utf8').includes('"username":"user12"'));
});
