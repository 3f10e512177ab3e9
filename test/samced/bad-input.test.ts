/**
 * Bad input, fuzz-style: each corruption gives either a clear one-line error naming the file and
 * line (exit 2, no stack trace) or, with --skip-bad-lines, a counted skip reported in the
 * manifest, never a crash and never a silently short table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { main } from '../../kernel-lib/cli/main';
import { memoryLogger, systemClock } from '../../kernel-lib/util/effects';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';

const C = 'course-v1:MiniX+M101+2026T1';
const DAY = 'edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-02.log.gz';
const ENROLL = 'course-data/minix-2026-03-10/MiniX-M101-2026T1-student_courseenrollment-prod-analytics.sql';

async function build(drop: string, extra: string[] = []): Promise<{ code: number; stderr: string; out: string }> {
  const out = join(mkdtempSync(join(tmpdir(), 'samced-bad-')), 'out');
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(['build', '--data', drop, '--org', MINI.org, '--course', MINI.course, '--run', MINI.run, '--start', MINI.start, '--end', MINI.end, '--out', out, ...extra], { logger: memoryLogger(), clock: systemClock });
    return { code, stderr, out };
  } finally {
    process.stderr.write = write;
  }
}

const dayLines = (drop: string) => gunzipSync(readFileSync(join(drop, DAY))).toString().trim().split('\n');
const line = (fields: Record<string, unknown>) => JSON.stringify({ event_source: 'server', time: '2026-03-02T12:00:00+00:00', context: { course_id: C, user_id: 12 }, ...fields });

async function expectErrorThenSkip(drop: string, file: string, lineNo: number | RegExp, message: RegExp, kept: (manifest: any) => void) {
  const failed = await build(drop);
  assert.equal(failed.code, 2, failed.stderr);
  assert.equal(failed.stderr.trim().split('\n').length, 1, 'one line, no stack trace: ' + failed.stderr);
  if (typeof lineNo === 'number') assert.ok(failed.stderr.includes(`${file}:${lineNo}: `), failed.stderr);
  else assert.match(failed.stderr, lineNo);
  assert.match(failed.stderr, message);
  assert.equal(existsSync(failed.out), false, 'no output under the final name');
  const skipped = await build(drop, ['--skip-bad-lines']);
  assert.equal(skipped.code, 0, skipped.stderr);
  const manifest = JSON.parse(readFileSync(join(skipped.out, 'manifest.json'), 'utf8'));
  kept(manifest);
  return manifest;
}

test('a truncated second gzip member: error at the line after the last good one; skip keeps the first member', async () => {
  const drop = makeMiniDrop();
  const lines = dayLines(drop);
  const second = gzipSync(Buffer.from(lines.slice(0, 4).join('\n') + '\n'));
  writeFileSync(join(drop, DAY), Buffer.concat([gzipSync(Buffer.from(lines.join('\n') + '\n')), second.subarray(0, second.length - 12)]));
  // the second member repeats lines 1-4; the error names the line after the last one it could decode
  const where = new RegExp(`${DAY.replace(/[.+]/g, '\\$&')}:(1[0-3]): cannot read gzip data: unexpected end of file`);
  await expectErrorThenSkip(drop, DAY, where, /cannot read gzip data/, (m) => {
    assert.equal(m.events.skipped.length, 1);
    assert.equal(m.events.events, 23, 'every event of the intact member is kept (the repeats are duplicates)');
    assert.ok(m.warnings.some((w: string) => w.startsWith(`${DAY}:`)));
  });
});

test('invalid UTF-8 in a course line', async () => {
  const drop = makeMiniDrop();
  const lines = dayLines(drop).map((l) => Buffer.from(l));
  lines.splice(1, 0, Buffer.concat([Buffer.from(line({ event_type: 'x' }).slice(0, -1) + ',"bad":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
  writeFileSync(join(drop, DAY), gzipSync(Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]))));
  await expectErrorThenSkip(drop, DAY, 2, /not valid UTF-8/, (m) => {
    assert.deepEqual(m.events.skipped.map((s: any) => [s.file, s.line]), [[DAY, 2]]);
    assert.equal(m.events.events, 23);
  });
});

test('broken JSON lines of the course, and a huge broken line', async () => {
  const drop = makeMiniDrop();
  const lines = dayLines(drop);
  lines.splice(3, 0, line({ event_type: 'play_video' }).slice(0, -10), `{"context": {"course_id": "${C}"}, "pad": "${'x'.repeat(3_000_000)}`);
  writeFileSync(join(drop, DAY), gzipSync(lines.join('\n') + '\n'));
  await expectErrorThenSkip(drop, DAY, 4, /not a JSON object/, (m) => {
    assert.deepEqual(m.events.skipped.map((s: any) => s.line), [4, 5]);
    assert.equal(m.events.events, 23);
  });
});

test('a huge valid line and unknown event shapes are kept, not crashed on', async () => {
  const drop = makeMiniDrop();
  const lines = dayLines(drop);
  lines.push(
    line({ event_type: 'play_video', event: JSON.stringify({ id: 'v1', currentTime: 1, pad: 'y'.repeat(2_000_000) }) }),
    line({ event_type: 'weird', event: [1, 2, 3] }),
    line({ event_type: 'weird', event: 42, time: 'not a time' }),
    line({ event_type: 'weird', event: null, context: { course_id: C, user_id: 'abc' } }),
    line({ event_type: 'play_video', event: '{"id": "v1", "currentTime": "NaN-ish"}' }),
    line({ event_type: 'problem_check', event: { problem_id: 'block-v1:MiniX+M101+2026T1+type@problem+block@q9', answers: 'not an object' } }),
    line({ event_type: `/courses/${C}/progress`, time: '' })
  );
  writeFileSync(join(drop, DAY), gzipSync(lines.join('\n') + '\n'));
  const r = await build(drop);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(readFileSync(join(r.out, 'manifest.json'), 'utf8'));
  assert.equal(m.events.events, 23 + 7);
  assert.match(readFileSync(join(r.out, 'SAMCED-page_activity_progress.csv'), 'utf8'), /\n12,2,,,2\n/); // the progress hit without a time counts outside the window
  assert.match(readFileSync(join(r.out, 'SAMCED-problem_blockv1MiniXM1012026T1typeproblemblockq9.csv'), 'utf8'), /\n12,,,,,2026-03-02 12:00:00.000000\n/);
});

test('TSV rows with a missing or an extra field', async () => {
  for (const bad of ['3\t13\tc\t2026-01-01 00:00:00\t1', '3\t13\tc\t2026-01-01 00:00:00\t1\thonor\textra']) {
    const drop = makeMiniDrop();
    appendFileSync(join(drop, ENROLL), bad + '\n');
    const path = join(drop, ENROLL);
    const failed = await build(drop);
    assert.equal(failed.code, 2);
    assert.ok(failed.stderr.includes(`${path}:4: `), failed.stderr);
    assert.match(failed.stderr, /Expected Number of Columns: 6 Found: (5|7)/);
    const skipped = await build(drop, ['--skip-bad-lines']);
    assert.equal(skipped.code, 0);
    assert.equal(readFileSync(join(skipped.out, 'SAMCED-student_courseenrollment.csv'), 'utf8').trim().split('\n').length, 3);
    const m = JSON.parse(readFileSync(join(skipped.out, 'manifest.json'), 'utf8'));
    assert.ok(m.warnings.some((w: string) => w.includes('student_courseenrollment') && w.includes('skipped 1 bad row')), m.warnings.join('\n'));
  }
});
