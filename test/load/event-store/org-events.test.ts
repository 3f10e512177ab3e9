import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { indexEvents } from '../../../kernel-lib/load/event-store/index-run';
import { readLedger } from '../../../kernel-lib/load/event-store/ledger';
import { openEventStore, ORG_EVENT_COLUMNS } from '../../../kernel-lib/load/event-store/org-events';
import { parseCourseKey, formatCourseKey } from '../../../kernel-lib/drop/course-key';
import { InputError } from '../../../kernel-lib/util/errors';
import { silentLogger } from '../../../kernel-lib/util/effects';
import { projectRoot, sampleDataDir } from '../../../kernel-lib/util/paths';
import { tempDir } from '../../fixtures/temp-dirs';

const C1 = 'course-v1:SamcedX+DATA101+1T2026';
const C2 = 'course-v1:SamcedX+HIST.201x+2025_Fall';
const C3 = 'course-v1:SamcedX+DATA101+1T2026B';
const EDX = 'edx-course-data/samcedx/edx/events';
const EDGE = 'edx-course-data/samcedx/edge/events/2026/samcedx-edge-events-2026-01-05.log.gz';
/** Five daily files of the sample (data/STORYLINE.md): C2's traps, 1003's late line, 1002/1003/1061 on 12-16, 1001 and 1061 on 01-05 with the edge copy. */
const FILES = [
  `${EDX}/2025/samcedx-edx-events-2025-12-03.log.gz`,
  `${EDX}/2025/samcedx-edx-events-2025-12-15.log.gz`,
  `${EDX}/2025/samcedx-edx-events-2025-12-16.log.gz`,
  `${EDX}/2026/samcedx-edx-events-2026-01-05.log.gz`,
  EDGE
];

/** A drop holding those five files of the sample, indexed into a store. */
async function sampleStore(): Promise<{ drop: string; store: string }> {
  const drop = tempDir('samced-orgdrop-');
  for (const rel of FILES) {
    mkdirSync(dirname(join(drop, rel)), { recursive: true });
    copyFileSync(join(sampleDataDir(), rel), join(drop, rel));
  }
  const store = join(tempDir('samced-orgstore-'), 'store');
  await indexEvents({ data: drop, org: 'SamcedX', store, threads: 1, memoryLimit: '256MB' }, { logger: silentLogger });
  return { drop, store };
}

/** Lines per course key in the files, each distinct line once, counted without samced's reader. */
function independentCounts(drop: string): Record<string, number> {
  const seen = new Set<string>();
  const counts: Record<string, number> = {};
  for (const rel of FILES) {
    for (const line of gunzipSync(readFileSync(join(drop, rel)))
      .toString('utf8')
      .split('\n')) {
      if (!line || seen.has(line)) continue;
      seen.add(line);
      const key = parseCourseKey(JSON.parse(line).context?.course_id);
      if (key) counts[formatCourseKey(key, 'course-v1')] = (counts[formatCourseKey(key, 'course-v1')] ?? 0) + 1;
    }
  }
  return counts;
}

const rows = (duck: { json(sql: string): Promise<Record<string, unknown>[]> }, sql: string) => duck.json(sql);

test('openEventStore: one events view over every course of the store, course key and day as columns', async () => {
  const { drop, store } = await sampleStore();
  const duck = await openEventStore(store, { threads: 1 });
  try {
    const columns = (await rows(duck, 'DESCRIBE events')).map((r) => r.column_name);
    assert.deepEqual(columns, Object.keys(ORG_EVENT_COLUMNS));
    assert.deepEqual(columns.slice(0, 3), ['course', 'day', 'source_file']);

    // every course of the files, the keys percent-decoded from the folder names (C2's old id too)
    const perCourse = await rows(
      duck,
      'SELECT course, count(*)::INTEGER AS n FROM events GROUP BY ALL ORDER BY course'
    );
    const expected = independentCounts(drop);
    assert.deepEqual(Object.keys(expected).sort(), [C1, C3, C2].sort());
    assert.deepEqual(
      perCourse,
      Object.keys(expected)
        .sort()
        .map((course) => ({ course, n: expected[course] }))
    );

    // the store's rows less the three lines the 2026-01-05 edge file repeats (STORYLINE "Edge re-delivery")
    const ledger = await readLedger(store, 'SamcedX');
    const stored = ledger.files.reduce((n, f) => n + Object.values(f.events).reduce((a, b) => a + b, 0), 0);
    assert.equal(Number(await duck.scalar('SELECT count(*) FROM events')), stored - 3);
    assert.equal(Number(await duck.scalar('SELECT sum(copies) FROM events')), stored);

    // 1061 (C3): the progress page on 12-16, three video events on 01-05
    assert.deepEqual(
      await rows(
        duck,
        `SELECT course, day::VARCHAR AS day, count(*)::INTEGER AS n, min(source_file_order) AS file_order FROM events WHERE user_id = 1061 GROUP BY ALL ORDER BY day`
      ),
      [
        { course: C3, day: '2025-12-16', n: 1, file_order: 4 },
        { course: C3, day: '2026-01-05', n: 3, file_order: 5 }
      ]
    );
    // 1003's progress page logged at 23:59:59 on 12-14 lies in the 12-15 file: day 12-15, event_date 12-14
    assert.deepEqual(
      await rows(
        duck,
        `SELECT day::VARCHAR AS day, event_date::VARCHAR AS event_date, source_file_order FROM events WHERE user_id = 1003 ORDER BY time`
      ),
      [
        { day: '2025-12-15', event_date: '2025-12-14', source_file_order: 3 },
        { day: '2025-12-15', event_date: '2025-12-15', source_file_order: 3 },
        { day: '2025-12-16', event_date: '2025-12-16', source_file_order: 4 },
        { day: '2025-12-16', event_date: '2025-12-16', source_file_order: 4 }
      ]
    );
    // 1001's eleven V1 events on 01-05; the load_video line is also in the edge file: one row, copies 2,
    // the first copy in (day, site, path) order, as a course run keeps it: the edge file's (sites sort by name)
    assert.deepEqual(
      await rows(
        duck,
        `SELECT count(*)::INTEGER AS n, sum(copies)::INTEGER AS copies FROM events WHERE user_id = 1001 AND course = '${C1}'`
      ),
      [{ n: 11, copies: 12 }]
    );
    assert.deepEqual(
      await rows(duck, `SELECT source_file, copies FROM events WHERE user_id = 1001 AND event_type = 'load_video'`),
      [{ source_file: EDGE, copies: 2 }]
    );
    // C2's play_video with no zone: course is the course-v1 key, course_id stays as logged
    assert.deepEqual(
      await rows(
        duck,
        `SELECT course, course_id, time_raw, day::VARCHAR AS day FROM events WHERE user_id = 1033 AND event_type = 'play_video' AND time_raw = '2025-12-03T19:22:10.118204'`
      ),
      [
        {
          course: C2,
          course_id: 'SamcedX/HIST.201x/2025_Fall',
          time_raw: '2025-12-03T19:22:10.118204',
          day: '2025-12-03'
        }
      ]
    );
  } finally {
    duck.close();
  }

  // a Parquet file the ledger does not name (left by an interrupted index run) is not read
  const part = ledger0(store);
  const orphan = join(store, dirname(part), 'orphan.parquet');
  copyFileSync(join(store, part), orphan);
  const again = await openEventStore(store, { org: 'samcedx', threads: 1 });
  let closed = false;
  try {
    const spill = String(await again.scalar("SELECT current_setting('temp_directory')"));
    const stored = (await readLedger(store, 'SamcedX')).files.reduce(
      (n, f) => n + Object.values(f.events).reduce((a, b) => a + b, 0),
      0
    );
    assert.equal(Number(await again.scalar('SELECT sum(copies) FROM events')), stored);
    assert.ok(existsSync(spill), spill);
    again.close();
    closed = true;
    assert.equal(existsSync(spill), false, 'close() removes the spill folder');
  } finally {
    if (!closed) again.close();
  }
});

function ledger0(store: string): string {
  const ledger = JSON.parse(readFileSync(join(store, 'ledger.json'), 'utf8')) as { files: { partitions: string[] }[] };
  return ledger.files.find((f) => f.partitions.length > 0)!.partitions[0]!;
}

test("openEventStore: a folder with no ledger, or another org's store, is a clear error", async () => {
  const empty = tempDir('samced-nostore-');
  await assert.rejects(
    openEventStore(empty),
    (error: unknown) =>
      error instanceof InputError && /no event store here/.test(error.message) && error.message.includes(empty)
  );
  writeFileSync(join(empty, 'ledger.json'), JSON.stringify({ version: 1, org: 'OtherX', files: [] }));
  await assert.rejects(
    openEventStore(empty, { org: 'SamcedX' }),
    (error: unknown) => error instanceof InputError && /org OtherX, not SamcedX/.test(error.message)
  );
  await assert.rejects(
    openEventStore(empty),
    (error: unknown) => error instanceof InputError && /holds no events yet/.test(error.message)
  );
});

test('indexEvents: keyFile (and passphrase) open the .gpg daily files, with no decrypt function of the caller', async () => {
  const drop = tempDir('samced-gpgdrop-');
  const rel = `${EDX}/2026/samcedx-edx-events-2026-01-20.log.gz.gpg`;
  mkdirSync(dirname(join(drop, rel)), { recursive: true });
  copyFileSync(join(sampleDataDir(), rel), join(drop, rel));
  const store = join(tempDir('samced-gpgstore-'), 'store');
  const keyFile = join(projectRoot(), 'data', 'keys', 'DEMO-ONLY-secret-key.asc');
  const report = await indexEvents(
    { data: drop, org: 'SamcedX', store, keyFile, threads: 1, memoryLimit: '256MB' },
    { logger: silentLogger }
  );
  assert.deepEqual(report.read, [rel]);
  const [entry] = (await readLedger(store, 'SamcedX')).files;
  assert.equal(entry!.encrypted, true);
  // a weekday of term: C1 and C2 events both
  assert.ok((entry!.events[C1] ?? 0) > 0 && (entry!.events[C2] ?? 0) > 0, JSON.stringify(entry!.events));
  const duck = await openEventStore(store, { threads: 1 });
  try {
    assert.equal(
      Number(await duck.scalar('SELECT count(*) FROM events')),
      entry!.events[C1]! + entry!.events[C2]! + (entry!.events[C3] ?? 0)
    );
    assert.equal(await duck.scalar('SELECT DISTINCT day::VARCHAR FROM events'), '2026-01-20');
  } finally {
    duck.close();
  }
});
