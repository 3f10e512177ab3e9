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
import { makeMiniDrop } from '../fixtures/mini-drop';
import { buildMini } from '../fixtures/cli-build';

const C = 'course-v1:MiniX+M101+2026T1';
const DAY = 'edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-02.log.gz';
const ENROLL = 'course-data/minix-2026-03-10/MiniX-M101-2026T1-student_courseenrollment-prod-analytics.sql';

async function build(
  drop: string,
  extra: string[] = []
): Promise<{ code: number; stderr: string; out: string; logs: string[] }> {
  const out = join(mkdtempSync(join(tmpdir(), 'samced-bad-')), 'out');
  return { ...(await buildMini(drop, ['--out', out, ...extra])), out };
}

const dayLines = (drop: string) =>
  gunzipSync(readFileSync(join(drop, DAY)))
    .toString()
    .trim()
    .split('\n');
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    event_source: 'server',
    time: '2026-03-02T12:00:00+00:00',
    context: { course_id: C, user_id: 12 },
    ...fields
  });

/** What these tests read of a build's manifest.json. */
interface Manifest {
  warnings: string[];
  events: {
    skipped: { file: string; line: number }[];
    events: number;
    filesRead: number;
    source?: 'store' | 'logs';
    read?: boolean;
    note: string;
  };
  inputs: { path: string }[];
  parameters: { maxLineMb: number };
  skippedLines: { file: string; count: number; reason: string }[];
}

async function expectErrorThenSkip(
  drop: string,
  file: string,
  lineNo: number | RegExp,
  message: RegExp,
  kept: (manifest: Manifest) => void
) {
  const failed = await build(drop);
  assert.equal(failed.code, 2, failed.stderr);
  assert.equal(failed.stderr.trim().split('\n').length, 1, 'one line, no stack trace: ' + failed.stderr);
  if (typeof lineNo === 'number') assert.ok(failed.stderr.includes(`${file}:${lineNo}: `), failed.stderr);
  else assert.match(failed.stderr, lineNo);
  assert.match(failed.stderr, message);
  assert.equal(existsSync(failed.out), false, 'no output under the final name');
  const skipped = await build(drop, ['--skip-bad-lines']);
  assert.equal(skipped.code, 0, skipped.stderr);
  const manifest = JSON.parse(readFileSync(join(skipped.out, 'manifest.json'), 'utf8')) as Manifest;
  kept(manifest);
  return manifest;
}

test('a truncated second gzip member: error at the line after the last good one; skip keeps the first member', async () => {
  const drop = makeMiniDrop();
  const lines = dayLines(drop);
  const second = gzipSync(Buffer.from(lines.slice(0, 4).join('\n') + '\n'));
  writeFileSync(
    join(drop, DAY),
    Buffer.concat([gzipSync(Buffer.from(lines.join('\n') + '\n')), second.subarray(0, second.length - 12)])
  );
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
  lines.splice(
    1,
    0,
    Buffer.concat([
      Buffer.from(line({ event_type: 'x' }).slice(0, -1) + ',"bad":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}')
    ])
  );
  writeFileSync(join(drop, DAY), gzipSync(Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]))));
  await expectErrorThenSkip(drop, DAY, 2, /not valid UTF-8/, (m) => {
    assert.deepEqual(
      m.events.skipped.map((s) => [s.file, s.line]),
      [[DAY, 2]]
    );
    assert.equal(m.events.events, 23);
  });
});

test('broken JSON lines of the course, and a huge broken line', async () => {
  const drop = makeMiniDrop();
  const lines = dayLines(drop);
  lines.splice(
    3,
    0,
    line({ event_type: 'play_video' }).slice(0, -10),
    `{"context": {"course_id": "${C}"}, "pad": "${'x'.repeat(3_000_000)}`
  );
  writeFileSync(join(drop, DAY), gzipSync(lines.join('\n') + '\n'));
  await expectErrorThenSkip(drop, DAY, 4, /not a JSON object/, (m) => {
    assert.deepEqual(
      m.events.skipped.map((s) => s.line),
      [4, 5]
    );
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
    line({
      event_type: 'problem_check',
      event: { problem_id: 'block-v1:MiniX+M101+2026T1+type@problem+block@q9', answers: 'not an object' }
    }),
    line({ event_type: `/courses/${C}/progress`, time: '' })
  );
  writeFileSync(join(drop, DAY), gzipSync(lines.join('\n') + '\n'));
  const r = await build(drop);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(readFileSync(join(r.out, 'manifest.json'), 'utf8'));
  assert.equal(m.events.events, 23 + 7);
  assert.match(readFileSync(join(r.out, 'SAMCED-page_activity_progress.csv'), 'utf8'), /\n12,2,,,2\n/); // the progress hit without a time counts outside the window
  assert.match(
    readFileSync(join(r.out, 'SAMCED-problem_blockv1MiniXM1012026T1typeproblemblockq9.csv'), 'utf8'),
    /\n12,,,,,2026-03-02 12:00:00.000000\n/
  );
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
    assert.equal(
      readFileSync(join(skipped.out, 'SAMCED-student_courseenrollment.csv'), 'utf8').trim().split('\n').length,
      3
    );
    const m = JSON.parse(readFileSync(join(skipped.out, 'manifest.json'), 'utf8'));
    assert.ok(
      m.warnings.some((w: string) => w.includes('student_courseenrollment') && w.includes('skipped 1 bad row')),
      m.warnings.join('\n')
    );
  }
});

const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const csvRows = (out: string, table: string) =>
  readFileSync(join(out, `SAMCED-${table}.csv`), 'utf8')
    .trim()
    .split('\n').length - 1;

test('--no-events: the course tables are built, the tables built from events are empty, and the manifest says so', async () => {
  const drop = makeMiniDrop();
  const r = await build(drop, ['--no-events', '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const m = manifestOf(r.out);
  assert.equal(m.events.read, false);
  assert.match(m.events.note, /--no-events/);
  assert.ok(
    m.warnings.some((w: string) => /events not read/.test(w)),
    m.warnings.join('\n')
  );
  assert.ok(!m.inputs.some((i: { path: string }) => i.path.includes('edx-course-data')), 'no log is an input');
  // course data as with events: 2 enrolments, the forum's 3 posts
  assert.equal(csvRows(r.out, 'student_courseenrollment'), 2);
  assert.equal(csvRows(r.out, 'discussion_forum_activity_ng'), 3);
  for (const table of [
    'video_activity_ng2',
    'problem_activity',
    'textbook_activity',
    'page_activity_progress',
    'pre_survey_answers',
    'video_watch'
  ])
    assert.equal(csvRows(r.out, table), 0, table);
  // person_course: one row per enrolment, without activity
  assert.equal(csvRows(r.out, 'person_course'), 2);
  // info.txt, as the original's, leaves out 'Event data processed.'
  const info = readFileSync(join(r.out, 'info.txt'), 'utf8');
  assert.ok(info.includes(' Course data processed.') && !info.includes('Event data processed'), info);
});

test('no event files in the window (a mistyped year, an unknown site): one-line error; --allow-empty builds', async () => {
  const drop = makeMiniDrop();
  for (const extra of [
    ['--start', '2025-03-01', '--end', '2025-03-03'],
    ['--site', 'nosuch']
  ]) {
    const r = await build(drop, [...extra, '--no-store']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(
      r.stderr,
      /no event files for MiniX in 2025-03-01\.\.2025-03-03 \(sites: all\)|no event files for MiniX in 2026-03-01\.\.2026-03-03 \(sites: nosuch\)/
    );
    assert.match(r.stderr, /--allow-empty/);
    assert.equal(existsSync(r.out), false);
  }
  const allowed = await build(drop, ['--site', 'nosuch', '--allow-empty', '--no-store']);
  assert.equal(allowed.code, 0, allowed.stderr);
  const m = manifestOf(allowed.out);
  assert.equal(m.events.filesRead, 0);
  assert.equal(m.events.events, 0);
  assert.ok(
    m.warnings.some((w: string) => w === 'no daily event files between 2026-03-01 and 2026-03-03'),
    m.warnings.join('\n')
  );
});

test('a 40 MB event line: an error naming file and line; --skip-bad-lines skips it and counts it once', async () => {
  const drop = makeMiniDrop();
  const lines = dayLines(drop).map((l) => Buffer.from(l + '\n'));
  // a valid event of the course, 40 MB long: over the default limit of 32 MB
  const [head, tail] = line({ event_type: 'problem_check', event: { pad: '@' } }).split('@') as [string, string];
  lines.splice(2, 0, Buffer.concat([Buffer.from(head), Buffer.alloc(40 << 20, 'x'), Buffer.from(tail + '\n')]));
  writeFileSync(join(drop, DAY), gzipSync(Buffer.concat(lines), { level: 1 }));
  const failed = await build(drop, ['--no-store']);
  assert.equal(failed.code, 2, failed.stderr);
  assert.equal(failed.stderr.trim().split('\n').length, 1, failed.stderr);
  assert.ok(
    failed.stderr.includes(`${DAY}:3: line of 40 MB is longer than the limit of 32 MB (--max-line-mb)`),
    failed.stderr
  );
  const skipped = await build(drop, ['--no-store', '--skip-bad-lines']);
  assert.equal(skipped.code, 0, skipped.stderr);
  const m = manifestOf(skipped.out);
  assert.deepEqual(
    m.events.skipped.map((s) => [s.file, s.line]),
    [[DAY, 3]]
  );
  assert.deepEqual(m.skippedLines, [{ file: DAY, count: 1, reason: 'longer than --max-line-mb' }]);
  assert.equal(m.events.events, 23);
  assert.equal(m.parameters.maxLineMb, 32);
});

test('--max-line-mb sets the longest line kept; --memory-limit and --max-line-mb reject nonsense in one line', async () => {
  const drop = makeMiniDrop();
  const lines = dayLines(drop);
  lines.splice(2, 0, line({ event_type: 'big', event: { pad: 'y'.repeat(3 << 20) } }));
  writeFileSync(join(drop, DAY), gzipSync(lines.join('\n') + '\n', { level: 1 }));
  const small = await build(drop, ['--no-store', '--max-line-mb', '2']);
  assert.equal(small.code, 2, small.stderr);
  assert.ok(small.stderr.includes(`${DAY}:3: line of 3 MB is longer than the limit of 2 MB`), small.stderr);
  const large = await build(drop, ['--no-store', '--max-line-mb', '4', '--memory-limit', '512MB']);
  assert.equal(large.code, 0, large.stderr);
  assert.equal(manifestOf(large.out).events.events, 24);
  assert.equal(manifestOf(large.out).parameters.maxLineMb, 4);
  for (const [option, value] of [
    ['--memory-limit', 'lots'],
    ['--max-line-mb', '0'],
    ['--max-line-mb', 'x']
  ] as const) {
    const r = await build(drop, ['--no-store', option, value]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(r.stderr.includes(`${option} must be`) && r.stderr.includes(`'${value}'`), r.stderr);
  }
});

test('a raw carriage return inside a course line is a bad line, not a crash of the parser', async () => {
  const drop = makeMiniDrop();
  const lines = dayLines(drop);
  lines.splice(1, 0, `{"context": {"course_id": "${C}"}, "x": "a\rb"}`);
  writeFileSync(join(drop, DAY), gzipSync(lines.join('\n') + '\n'));
  await expectErrorThenSkip(drop, DAY, 2, /raw carriage return/, (m) => {
    assert.deepEqual(m.skippedLines, [{ file: DAY, count: 1, reason: 'raw carriage return' }]);
    assert.equal(m.events.events, 23);
  });
});

test('every skipped line counts once, by file: a short TSV row, and bad event lines in two files', async () => {
  const drop = makeMiniDrop();
  appendFileSync(join(drop, ENROLL), '3\t13\n'); // 2 of 6 fields: DuckDB rejects it once per missing field
  const lines = dayLines(drop);
  lines.splice(1, 0, 'not json ' + C, `{"context": {"course_id": "${C}"`);
  writeFileSync(join(drop, DAY), gzipSync(lines.join('\n') + '\n'));
  const DAY1 = DAY.replace('03-02', '03-01');
  const first = gunzipSync(readFileSync(join(drop, DAY1)))
    .toString()
    .trim()
    .split('\n');
  first.push('{' + C);
  writeFileSync(join(drop, DAY1), gzipSync(first.join('\n') + '\n'));
  const failed = await build(drop, ['--no-store']);
  assert.equal(failed.code, 2, failed.stderr);
  assert.match(failed.stderr, /\(1 bad row\(s\); use skipBadLines/);
  const r = await build(drop, ['--no-store', '--skip-bad-lines']);
  assert.equal(r.code, 0, r.stderr);
  const m = manifestOf(r.out);
  assert.deepEqual(
    m.skippedLines,
    [
      { file: DAY1, count: 1, reason: 'not a JSON object' },
      { file: DAY, count: 2, reason: 'not a JSON object' },
      { file: ENROLL, count: 1, reason: 'wrong field count' }
    ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  );
  assert.ok(
    m.warnings.includes('MiniX-M101-2026T1-student_courseenrollment-prod-analytics.sql: skipped 1 bad row(s)'),
    m.warnings.join('\n')
  );
  assert.equal(m.events.skipped.length, 3);
  // without --skip-bad-lines nothing can be skipped
  assert.deepEqual(manifestOf((await build(makeMiniDrop(), ['--no-store'])).out).skippedLines, []);
});
