import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openDuck } from '../../kernel-lib/duck/connection';
import { EVENT_COLUMNS } from '../../kernel-lib/load/events/events-view';
import { loadEvents } from '../../kernel-lib/load/events/events-parser';
import { listEventFiles } from '../../kernel-lib/drop/event-files';
import { LineScanner } from '../../kernel-lib/load/events/line-scanner';
import { InputError } from '../../kernel-lib/util/errors';
import { cutEventFiles, CUT_SEPARATOR, type CutSegment } from '../../kernel-lib/load/events/cut';
import { cutEventFilesInWorker } from '../../kernel-lib/load/events/cut-in-worker';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';
import { computeTables } from '../../kernel-lib/aggregates/compute';
import { openCourseRun } from '../../kernel-lib/load/course-run';
import { memoryLogger } from '../../kernel-lib/util/effects';

const course = { org: MINI.org, course: MINI.course, run: MINI.run };

test('line scanner: only lines with a needle, right line numbers, across chunk boundaries', () => {
  const text = 'aaa\nxx NEEDLE yy\nbbb\n\nNEEDLE\nccc OTHER\nlast NEEDLE';
  for (const size of [1, 2, 3, 7, 100]) {
    const got: [number, string][] = [];
    const scanner = new LineScanner([Buffer.from('NEEDLE'), Buffer.from('OTHER')], (m) =>
      got.push([m.line, m.bytes.toString()])
    );
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += size) scanner.push(buf.subarray(i, i + size));
    scanner.end();
    assert.deepEqual(
      got,
      [
        [2, 'xx NEEDLE yy'],
        [5, 'NEEDLE'],
        [6, 'ccc OTHER'],
        [7, 'last NEEDLE']
      ],
      `chunk size ${size}`
    );
    assert.equal(scanner.lines, 7);
  }
});

test('line scanner with an anchor: the needles are checked only where the anchor occurs', () => {
  // the anchor M101 occurs in both needles, and also in lines that hold neither (run B, another org)
  const text =
    'x M101 y\n{"c":"course-v1:O+M101+R"}\nO/M101/RB here\r\nO/M101/R\r\nM101M101 O/M101/\nend course-v1:O+M101+R';
  const needles = [Buffer.from('course-v1:O+M101+R'), Buffer.from('O/M101/R')];
  for (const size of [1, 2, 5, 13, 1000]) {
    const got: [number, string][] = [];
    const scanner = new LineScanner(needles, (m) => got.push([m.line, m.bytes.toString()]), Buffer.from('M101'));
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += size) scanner.push(buf.subarray(i, i + size));
    scanner.end();
    // line 3 holds O/M101/R as a prefix of the look-alike run RB: a byte match, which the parse drops later
    assert.deepEqual(
      got,
      [
        [2, '{"c":"course-v1:O+M101+R"}'],
        [3, 'O/M101/RB here'],
        [4, 'O/M101/R'],
        [6, 'end course-v1:O+M101+R']
      ],
      `chunk size ${size}`
    );
    assert.equal(scanner.lines, 6);
  }
  assert.throws(() => new LineScanner(needles, () => {}, Buffer.from('XYZ')), /must occur in every needle/);
});

test('the cut stops when its signal is aborted (a course run closed early), and says why', async () => {
  const drop = makeMiniDrop();
  const files = listEventFiles(drop, { org: MINI.org, start: MINI.start, end: MINI.end });
  const dir = mkdtempSync(join(tmpdir(), 'samced-abort-'));
  const stop = new AbortController();
  stop.abort(new Error('closed early'));
  await assert.rejects(
    cutEventFiles(files, join(dir, 'cut.txt'), { needles: ['M101'], signal: stop.signal }),
    /closed early/
  );
  const report = await cutEventFiles(files, join(dir, 'cut.txt'), {
    needles: ['M101'],
    signal: new AbortController().signal
  });
  assert.equal(report.linesRead, 27);
  // the same on a worker thread: the report crosses back whole; an abort ends the thread
  await assert.rejects(
    cutEventFilesInWorker(files, join(dir, 'cut.txt'), { needles: ['M101'], signal: stop.signal }),
    /closed early/
  );
  const fromWorker = await cutEventFilesInWorker(files, join(dir, 'cut2.txt'), { needles: ['M101'] });
  assert.deepEqual(fromWorker, report);
  const lines = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n').sort(); // files are read two at a time
  assert.deepEqual(lines('cut2.txt'), lines('cut.txt'));
  const running = new AbortController();
  const slow = cutEventFilesInWorker(files, join(dir, 'cut3.txt'), { needles: ['M101'], signal: running.signal });
  running.abort(new Error('stopped while running'));
  await assert.rejects(slow, /stopped while running/);
});

test('the cut in segments: each handed on complete and in order; together the lines of the one-file cut', async () => {
  const drop = makeMiniDrop();
  const files = listEventFiles(drop, { org: MINI.org, start: MINI.start, end: MINI.end });
  const dir = mkdtempSync(join(tmpdir(), 'samced-segments-'));
  await cutEventFiles(files, join(dir, 'whole.txt'), { needles: ['M101'] });
  const sorted = (text: string) => text.split('\n').filter(Boolean).sort();
  const whole = sorted(readFileSync(join(dir, 'whole.txt'), 'utf8'));
  assert.equal(whole.length, 27); // every line of the mini drop names M101 somewhere
  for (const inWorker of [false, true]) {
    const out = join(dir, inWorker ? 'w' : 't');
    mkdirSync(out);
    const seen: CutSegment[] = [];
    const options = {
      needles: ['M101'],
      segments: { firstBytes: 600, maxBytes: 900 },
      onSegment: (s: CutSegment) => seen.push(s)
    };
    const report = inWorker
      ? await cutEventFilesInWorker(files, join(out, 'cut.txt'), options)
      : await cutEventFiles(files, join(out, 'cut.txt'), options);
    assert.equal(report.matched, 27);
    assert.ok(seen.length >= 3, `${seen.length} segments`);
    assert.deepEqual(
      seen.map((s) => s.index),
      seen.map((_, i) => i)
    );
    // each but the last closed once it reached its size: 600 bytes, half as large again each, at most 900
    for (const s of seen.slice(0, -1))
      assert.ok(s.bytes >= Math.min(900, Math.round(600 * 1.5 ** s.index)), `segment ${s.index}: ${s.bytes} bytes`);
    assert.deepEqual(
      readdirSync(out).sort(),
      seen.map((s) => `cut-${String(s.index).padStart(3, '0')}.txt`)
    ); // no empty or spare file left
    let all = '';
    for (const s of seen) {
      const text = readFileSync(s.path, 'utf8');
      assert.equal(statSync(s.path).size, s.bytes);
      assert.ok(text.endsWith('\n'), 'a segment holds whole lines');
      const lines = text.split('\n').filter(Boolean);
      assert.equal(s.longestLine, Math.max(...lines.map((l) => Buffer.byteLength(l.split(CUT_SEPARATOR)[2]!))));
      all += text;
    }
    assert.deepEqual(sorted(all), whole, inWorker ? 'worker' : 'this thread');
  }
});

test('a cut whose output cannot be written fails with the error, in one file or in segments, and does not hang', async () => {
  const drop = makeMiniDrop();
  const files = listEventFiles(drop, { org: MINI.org, start: MINI.start, end: MINI.end });
  const missing = join(mkdtempSync(join(tmpdir(), 'samced-nowrite-')), 'no-such-folder', 'cut.txt');
  await assert.rejects(cutEventFiles(files, missing, { needles: ['M101'] }), /ENOENT/);
  await assert.rejects(
    cutEventFiles(files, missing, {
      needles: ['M101'],
      segments: { firstBytes: 600, maxBytes: 900 },
      onSegment: () => assert.fail('no segment is complete')
    }),
    /ENOENT/
  );
});

test('events parsed segment by segment equal the events parsed from one segment', async () => {
  const drop = makeMiniDrop();
  const files = listEventFiles(drop, { org: MINI.org, start: MINI.start, end: MINI.end });
  const rows: unknown[][] = [];
  for (const segments of [undefined, { firstBytes: 500, maxBytes: 700 }]) {
    const duck = await openDuck();
    const workDir = mkdtempSync(join(tmpdir(), 'samced-segparse-'));
    const report = await loadEvents(duck, { course, files, segments, workDir });
    assert.deepEqual([report.events, report.duplicates, report.otherCourse], [23, 2, 2]);
    const parquet = readdirSync(workDir).filter((f) => f.endsWith('.parquet')).length;
    assert.ok(segments ? parquet >= 3 : parquet === 1, `${parquet} Parquet files`);
    rows.push(
      await duck.json('SELECT * EXCLUDE (event), event::VARCHAR AS event FROM events ORDER BY source_file, source_line')
    );
    rows.push(await duck.json('SELECT count(*)::INTEGER AS n FROM personal.event_lines'));
    duck.close();
  }
  assert.equal((rows[0] as unknown[]).length, 23);
  assert.deepEqual(rows[2], rows[0]);
  assert.deepEqual(rows[3], [{ n: 27 }]); // every cut line: 23 events, 2 duplicates, 2 of other courses
  assert.deepEqual(rows[1], rows[3]);
});

test('events of the mini drop: exact course, window by file date, duplicates dropped, both encodings', async () => {
  const drop = makeMiniDrop();
  const files = listEventFiles(drop, { org: MINI.org, start: MINI.start, end: MINI.end });
  assert.equal(files.length, 4);
  const duck = await openDuck();
  const report = await loadEvents(duck, { course, files });
  // 03-01 edx: 11 lines, 9 of C; edge: 2 lines, 1 new; 03-02: 9 lines, 8 distinct; 03-03: 5 lines.
  assert.equal(report.linesRead, 11 + 2 + 9 + 5);
  assert.equal(report.events, 9 + 1 + 8 + 5);
  assert.equal(report.duplicates, 2);
  assert.equal(report.otherCourse, 2); // the look-alike run 2026T1B, and a line of another course whose page URL names C
  const columns = (
    await duck.json(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position"
    )
  ).map((r) => r.column_name);
  assert.deepEqual(columns, Object.keys(EVENT_COLUMNS)); // every column documented, in order
  const byType = await duck.json('SELECT event_type, count(*)::INTEGER AS n FROM events GROUP BY 1 ORDER BY 1');
  assert.deepEqual(Object.fromEntries(byType.map((r) => [r.event_type, r.n])), {
    '/courses/course-v1:MiniX+M101+2026T1/courseware': 1,
    '/courses/course-v1:MiniX+M101+2026T1/courseware/abc/': 1,
    '/courses/course-v1:MiniX+M101+2026T1/info': 1,
    '/courses/course-v1:MiniX+M101+2026T1/progress': 3,
    book: 1,
    'edx.video.bumper.loaded': 1,
    hide_transcript: 1,
    load_video: 1,
    pause_video: 1,
    play_video: 2,
    problem_check: 6,
    seek_video: 1,
    speed_change_video: 1,
    stop_video: 1,
    'textbook.pdf.page.navigated': 1
  });
  const pick = async (where: string) =>
    (
      await duck.json(
        `SELECT source_file, source_line, CAST(time AS VARCHAR) AS time, CAST(event_date AS VARCHAR) AS day, user_id, event_encoding, event::VARCHAR AS event, name, event_source FROM events WHERE ${where}`
      )
    )[0];
  assert.deepEqual(await pick(`event_type = 'play_video' AND event_source = 'mobile'`), {
    source_file: 'edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-01.log.gz',
    source_line: '5',
    time: '2026-03-01 11:00:00',
    day: '2026-03-01',
    user_id: '11',
    event_encoding: 'string',
    event: '{"id":"v1","code":"mobile","currentTime":3}',
    name: 'edx.video.played',
    event_source: 'mobile'
  });
  const speed = await pick(`event_type = 'speed_change_video'`);
  assert.equal(speed!.event_encoding, 'object');
  assert.equal(speed!.event, '{"id":"v1","current_time":7,"old_speed":"1.0","new_speed":"1.50"}');
  assert.equal(
    (await pick(`event_type = 'problem_check' AND event_source = 'browser'`))!.event,
    '"input_q1_2_1=choice_1"'
  );
  assert.equal((await pick(`event_type LIKE '%/info'`))!.user_id, null);
  assert.equal(
    (await pick(`event_type = 'problem_check' AND time_raw = '2026-03-02T09:00:00Z'`))!.time,
    '2026-03-02 09:00:00'
  );
  // the edx/edge duplicate of load_video keeps the first file in date, site order: edge sorts before edx
  assert.equal(
    (await pick(`event_type = 'load_video'`))!.source_file,
    'edx-course-data/minix/edge/events/2026/minix-edge-events-2026-03-01.log.gz'
  );
  // source_file_order: the files ranked by name (every edge file before every edx file), not in
  // date, site order (the files' list: edx 03-01 after edge 03-01, before edx 03-02)
  const ranks = await duck.json(
    'SELECT DISTINCT source_file, source_file_order FROM events ORDER BY source_file_order'
  );
  assert.deepEqual(
    ranks.map((r) => [r.source_file, r.source_file_order]),
    [
      ['edx-course-data/minix/edge/events/2026/minix-edge-events-2026-03-01.log.gz', 1],
      ['edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-01.log.gz', 2],
      ['edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-02.log.gz', 3],
      ['edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-03.log.gz', 4]
    ]
  );
  duck.close();
});

function dropWith(lines: string[] | Buffer): { drop: string; rel: string } {
  const drop = mkdtempSync(join(tmpdir(), 'samced-bad-'));
  const dir = join(drop, 'edx-course-data', 'minix', 'edx', 'events', '2026');
  mkdirSync(dir, { recursive: true });
  const rel = 'edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-01.log.gz';
  writeFileSync(join(drop, rel), Buffer.isBuffer(lines) ? lines : gzipSync(lines.join('\n') + '\n'));
  return { drop, rel };
}

test('a broken JSON line of the course names file and line; skipBadLines counts it and keeps the rest', async () => {
  const good = readFileSync(
    join(makeMiniDrop(), 'edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-01.log.gz')
  );
  const lines = (await import('node:zlib')).gunzipSync(good).toString().trim().split('\n');
  lines.splice(
    2,
    0,
    '{"event_type": "play_video", "context": {"course_id": "course-v1:MiniX+M101+2026T1"',
    'not json and not the course'
  );
  const { drop, rel } = dropWith(lines);
  const files = listEventFiles(drop, { org: MINI.org, start: MINI.start, end: MINI.end });
  const duck = await openDuck();
  // in one segment, and with the broken line in a segment after the first
  for (const segments of [undefined, { firstBytes: 300, maxBytes: 300 }]) {
    await assert.rejects(loadEvents(duck, { course, files, segments }), (e: Error) =>
      e.message.startsWith(`${rel}:3: not a JSON object`)
    );
    const report = await loadEvents(duck, {
      course,
      files,
      skipBadLines: true,
      segments,
      workDir: mkdtempSync(join(tmpdir(), 'samced-bad-seg-'))
    });
    assert.equal(report.events, 9);
    assert.deepEqual(
      report.problems.map((p) => [p.file, p.line]),
      [[rel, 3]]
    );
    // the file's 11 lines that name the course (9 of it, the look-alike run, another course's page), not the broken one
    assert.equal(await duck.scalar('SELECT count(*)::INTEGER FROM personal.event_lines'), 11);
    // no line twice: the view without the duplicates join has the same copies column
    assert.deepEqual(await duck.json('SELECT DISTINCT copies, typeof(copies) AS type FROM events'), [
      { copies: 1, type: 'INTEGER' }
    ]);
  }
  duck.close();
});

test('a truncated gzip file is an error naming the file; skipBadLines keeps what was readable', async () => {
  const lines = Array.from({ length: 2000 }, (_, i) =>
    JSON.stringify({
      event_type: 'play_video',
      time: '2026-03-01T10:00:00+00:00',
      context: { course_id: 'course-v1:MiniX+M101+2026T1', user_id: i },
      event: '{}',
      pad: 'x'.repeat(200 + (i % 37))
    })
  );
  const full = gzipSync(lines.join('\n') + '\n');
  const { drop, rel } = dropWith(full.subarray(0, Math.floor(full.length / 2)));
  const files = listEventFiles(drop, { org: MINI.org, start: MINI.start, end: MINI.end });
  const duck = await openDuck();
  // raised on the cut's worker thread, it arrives as an InputError (the CLI prints those as one line)
  await assert.rejects(
    loadEvents(duck, { course, files }),
    (e: Error) =>
      e instanceof InputError &&
      e.file === rel &&
      e.message.startsWith(rel + ':') &&
      /cannot read gzip data: unexpected end of file/.test(e.message)
  );
  const report = await loadEvents(duck, { course, files, skipBadLines: true });
  assert.equal(report.problems.length, 1);
  assert.ok(report.events > 0 && report.events < 2000, `kept ${report.events} events`);
  // every complete line before the damage is kept; the cut-off partial line is not
  assert.equal(report.events, report.files[0]!.lines);
  duck.close();
});

/** The course's context for a hand-made line of the mini course. */
const MINI_CONTEXT = '"context": {"course_id": "course-v1:MiniX+M101+2026T1", "user_id": 7}';

/** Loads a one-day drop of these lines as the events view and returns the rows of `sql` over it. */
async function eventRows(lines: string[], sql: string): Promise<Record<string, unknown>[]> {
  const { drop } = dropWith(lines);
  const files = listEventFiles(drop, { org: MINI.org, start: MINI.start, end: MINI.end });
  const duck = await openDuck();
  try {
    await loadEvents(duck, { course, files });
    return await duck.json(sql);
  } finally {
    duck.close();
  }
}

test('the event payload of every JSON kind: its encoding and its JSON, a string holding JSON decoded once (twice when it holds a JSON string of JSON)', async () => {
  const ctx = MINI_CONTEXT;
  const line = (n: number, event: string | undefined) =>
    `{"event_type": "e${n}", "time": "2026-03-01T10:00:0${n}+00:00", ${ctx}${event === undefined ? '' : `, "event": ${event}`}}`;
  const payloads: [string | undefined, string, string | null][] = [
    ['{"id": "v1", "currentTime": 3}', 'object', '{"id":"v1","currentTime":3}'],
    [JSON.stringify('{"id": "v2"}'), 'string', '{"id": "v2"}'],
    [JSON.stringify('plain text'), 'string', '"plain text"'],
    [JSON.stringify(JSON.stringify('{"a": 1}')), 'string', '{"a": 1}'],
    ['[1, "x"]', 'array', '[1,"x"]'],
    ['42', 'ubigint', '42'],
    ['true', 'boolean', 'true'],
    ['null', 'null', null],
    [undefined, 'missing', null]
  ];
  const rows = await eventRows(
    payloads.map(([event], i) => line(i, event)),
    'SELECT event_type, event_encoding, event::VARCHAR AS event FROM events ORDER BY source_line'
  );
  assert.deepEqual(
    rows.map((r) => [r.event_type, r.event_encoding, r.event]),
    payloads.map(([, encoding, json], i) => [`e${i}`, encoding, json])
  );
});

test('event times: any offset becomes UTC wall-clock time (microseconds kept), its day the UTC day; infinity kept; an unreadable time is NULL', async () => {
  const times: [string | null, string | null, string | null][] = [
    ['2026-03-01T10:00:00.123456+00:00', '2026-03-01 10:00:00.123456', '2026-03-01'],
    ['2026-03-01T01:30:00+05:30', '2026-02-28 20:00:00', '2026-02-28'],
    ['2026-03-01 23:59:59.999999-08:00', '2026-03-02 07:59:59.999999', '2026-03-02'],
    ['1969-12-31T23:59:59.5Z', '1969-12-31 23:59:59.5', '1969-12-31'],
    ['infinity', 'infinity', 'infinity'],
    ['2026-02-29T00:00:00Z', null, null],
    ['soon', null, null],
    [null, null, null]
  ];
  const rows = await eventRows(
    times.map(([time], i) => `{"event_type": "t${i}", "time": ${JSON.stringify(time)}, ${MINI_CONTEXT}}`),
    'SELECT event_type, CAST(time AS VARCHAR) AS time, CAST(event_date AS VARCHAR) AS day, time_raw FROM events ORDER BY source_line'
  );
  assert.deepEqual(
    rows.map((r) => [r.event_type, r.time_raw, r.time, r.day]),
    times.map(([raw, time, day], i) => [`t${i}`, raw, time, day])
  );
});

test('computing families after the events changed makes their shared extracts afresh (video_events, latest_problem_checks)', async () => {
  const all = listEventFiles(makeMiniDrop(), { org: MINI.org, start: MINI.start, end: MINI.end });
  const run = await openCourseRun({ data: makeMiniDrop(), ...MINI }, { logger: memoryLogger() });
  const duck = run.duck;
  try {
    const source = run;
    const counts = async () => [
      Number(await duck.scalar('SELECT count(*) FROM video_events')),
      Number(await duck.scalar('SELECT count(*) FROM latest_problem_checks'))
    ];
    const direct = async (sql: string) => Number(await duck.scalar(sql));
    const expected = async () => [
      await direct(
        "SELECT count(*) FROM events WHERE coalesce(name, event_type) IN ('load_video', 'play_video', 'pause_video', 'stop_video', 'seek_video', 'speed_change_video', 'hide_transcript', 'edx.video.played')"
      ),
      await direct(
        "SELECT count(DISTINCT (user_id, json_extract_string(event, '$.problem_id'))) FROM events WHERE event_type = 'problem_check' AND event_source = 'server' AND user_id IS NOT NULL"
      )
    ];
    await computeTables(source, ['video', 'problems']);
    const before = await counts();
    assert.deepEqual(before, await expected());
    await loadEvents(duck, {
      course,
      files: all.filter((f) => f.date === '2026-03-02'),
      workDir: mkdtempSync(join(tmpdir(), 'samced-remake-'))
    });
    await computeTables(source, ['video', 'problems']);
    const after = await counts();
    assert.deepEqual(after, await expected());
    assert.ok(after[0]! < before[0]! && after[1]! <= before[1]!, `fewer rows for one day: ${before} -> ${after}`);
  } finally {
    await run.close();
  }
});

test('a course run without events (noEvents): events and event_lines exist, with the columns of EVENT_COLUMNS, and are empty', async () => {
  const drop = makeMiniDrop();
  const run = await openCourseRun({ data: drop, ...MINI, noEvents: true }, { logger: memoryLogger() });
  try {
    assert.equal(run.events, undefined);
    assert.equal(run.eventFiles.length, 0);
    assert.equal(Number(await run.duck.scalar('SELECT count(*) FROM events')), 0);
    assert.equal(Number(await run.duck.scalar('SELECT count(*) FROM personal.event_lines')), 0);
    const columns = (await run.duck.json('DESCRIBE events')).map((c) => c.column_name);
    assert.deepEqual(columns, Object.keys(EVENT_COLUMNS));
    assert.ok(
      run.warnings.some((w) => /events not read/.test(w)),
      run.warnings.join('\n')
    );
  } finally {
    await run.close();
  }
});

test('a 30 MB event line, under the default line limit, parses within the default memory limit', async () => {
  const drop = makeMiniDrop();
  const day = 'edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-02.log.gz';
  const lines = gunzipSync(readFileSync(join(drop, day)))
    .toString()
    .trim()
    .split('\n')
    .map((l) => Buffer.from(l + '\n'));
  const [head, tail] = JSON.stringify({
    event_type: 'big_line',
    context: { course_id: 'course-v1:MiniX+M101+2026T1' },
    event: { pad: '@' }
  }).split('@') as [string, string];
  lines.splice(4, 0, Buffer.concat([Buffer.from(head), Buffer.alloc(30 << 20, 'x'), Buffer.from(tail + '\n')]));
  writeFileSync(join(drop, day), gzipSync(Buffer.concat(lines), { level: 1 }));
  const run = await openCourseRun({ data: drop, ...MINI }, { logger: memoryLogger() });
  try {
    assert.equal(Number(await run.duck.scalar("SELECT count(*) FROM events WHERE event_type = 'big_line'")), 1);
  } finally {
    await run.close();
  }
});

test('DuckDB out of memory while parsing the events: an InputError naming the longest line (file:line) and the options that help', async () => {
  const drop = makeMiniDrop();
  const day = 'edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-02.log.gz';
  const lines = gunzipSync(readFileSync(join(drop, day)))
    .toString()
    .trim()
    .split('\n')
    .map((l) => Buffer.from(l + '\n'));
  // 30 MB: under the default line limit, but not within a 200 MB memory limit (the reader's buffers are twice the longest line)
  const [head, tail] = JSON.stringify({
    context: { course_id: 'course-v1:MiniX+M101+2026T1' },
    event: { pad: '@' }
  }).split('@') as [string, string];
  lines.splice(4, 0, Buffer.concat([Buffer.from(head), Buffer.alloc(30 << 20, 'x'), Buffer.from(tail + '\n')]));
  writeFileSync(join(drop, day), gzipSync(Buffer.concat(lines), { level: 1 }));
  await assert.rejects(
    openCourseRun({ data: drop, ...MINI, memoryLimit: '200MB', threads: 1 }, { logger: memoryLogger() }),
    (error: Error) => {
      assert.ok(error instanceof InputError, String(error));
      assert.ok(
        error.message.startsWith(
          `${day}:5: DuckDB ran out of memory parsing the course's event lines, the longest of which (30 MB) is here: raise --memory-limit`
        ),
        error.message
      );
      assert.equal(error.message.split('\n').length, 1);
      return true;
    }
  );
});
