import { test } from 'node:test';
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import * as openpgp from 'openpgp';
import { openCourseRun } from '../../../kernel-lib/load/course-run';
import { openDuck } from '../../../kernel-lib/duck/connection';
import { loadDecryptionKey } from '../../../kernel-lib/acquire/decryption-key';
import { decryptReadable } from '../../../kernel-lib/acquire/decrypt-stream';
import { DEMO_KEY_PASSPHRASE } from '../../../kernel-lib/acquire/demo-key';
import { indexEvents, type IndexOptions } from '../../../kernel-lib/load/event-store/index-run';
import { readLedger, type LedgerEntry } from '../../../kernel-lib/load/event-store/ledger';
import { createStoreEventsView } from '../../../kernel-lib/load/event-store/events-view';
import { STORE_COLUMNS } from '../../../kernel-lib/load/event-store/partitions';
import { EVENT_COLUMNS } from '../../../kernel-lib/load/events/events-view';
import { InputError } from '../../../kernel-lib/util/errors';
import { memoryLogger, silentLogger } from '../../../kernel-lib/util/effects';
import { main } from '../../../kernel-lib/cli/main';
import { projectRoot } from '../../../kernel-lib/util/paths';
import { processTag } from '../../../kernel-lib/util/private-temp';
import { DAY_0301, makeMiniDrop, MINI } from '../../fixtures/mini-drop';

const ROOT = projectRoot();
const C = 'course-v1:MiniX+M101+2026T1';
const C_DIR = 'course=course-v1%3AMiniX%2BM101%2B2026T1';
const OTHER = { org: 'MiniX', course: 'OTHER', run: '2026' };

const line = (o: Record<string, unknown>) => JSON.stringify(o);
/** Day 03-05 (encrypted): two events of the course in the old id format, one of OTHER in the new. */
const DAY_0305 = [
  line({
    username: 'user11',
    event_type: 'play_video',
    event_source: 'browser',
    time: '2026-03-05T10:00:00+00:00',
    event: '{"id": "v1", "currentTime": 5}',
    context: { course_id: 'MiniX/M101/2026T1', user_id: 11 }
  }),
  line({
    username: 'user12',
    event_type: 'pause_video',
    event_source: 'browser',
    time: '2026-03-05T10:01:00+00:00',
    event: '{"id": "v1", "currentTime": 9}',
    context: { course_id: 'MiniX/M101/2026T1', user_id: 12 }
  }),
  line({
    username: 'user12',
    event_type: 'play_video',
    event_source: 'browser',
    time: '2026-03-05T11:00:00+00:00',
    event: '{"id": "v9"}',
    context: { course_id: 'course-v1:MiniX+OTHER+2026', user_id: 12 }
  }),
  line({
    username: 'user12',
    event_type: 'login',
    event_source: 'server',
    time: '2026-03-05T09:00:00+00:00',
    event: {},
    context: { user_id: 12 }
  })
];
const gz = (lines: string[]) => gzipSync(Buffer.from(lines.join('\n') + '\n'));

function dayPath(drop: string, site: string, date: string, encrypted = false): string {
  const dir = join(drop, 'edx-course-data', 'minix', site, 'events', date.slice(0, 4));
  mkdirSync(dir, { recursive: true });
  return join(dir, `minix-${site}-events-${date}.log.gz${encrypted ? '.gpg' : ''}`);
}

async function encryptedDay(drop: string, date: string, lines: string[]): Promise<void> {
  const publicKey = await openpgp.readKey({
    armoredKey: readFileSync(join(ROOT, 'data', 'keys', 'DEMO-ONLY-public-key.asc'), 'utf8')
  });
  const message = await openpgp.createMessage({ binary: gz(lines) });
  const encrypted = (await openpgp.encrypt({ message, encryptionKeys: publicKey, format: 'binary' })) as Uint8Array;
  writeFileSync(dayPath(drop, 'edx', date, true), encrypted);
}

async function demoDecrypt(): Promise<(encrypted: Readable, path: string) => Promise<Readable>> {
  const key = await loadDecryptionKey({
    keyFile: join(ROOT, 'data', 'keys', 'DEMO-ONLY-secret-key.asc'),
    passphrase: DEMO_KEY_PASSPHRASE,
    env: {}
  });
  return (encrypted, path) => decryptReadable(encrypted, key, path);
}

/** The mini drop (2 sites, a duplicate line across them, both id formats) plus an encrypted day 03-05. */
async function storeDrop(): Promise<{ drop: string; store: string; options: IndexOptions }> {
  const drop = makeMiniDrop();
  await encryptedDay(drop, '2026-03-05', DAY_0305);
  const store = join(mkdtempSync(join(tmpdir(), 'samced-store-')), 'store');
  return {
    drop,
    store,
    options: { data: drop, org: MINI.org, store, decrypt: await demoDecrypt(), memoryLimit: '256MB', threads: 1 }
  };
}

function treeFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every row of the `events` view, JSON-safe, in a fixed order. */
async function eventsRows(duck: {
  json(sql: string): Promise<Record<string, unknown>[]>;
}): Promise<Record<string, unknown>[]> {
  return duck.json('SELECT * FROM events ORDER BY source_file, source_line');
}

async function courseRunRows(
  drop: string,
  course: { org: string; course: string; run: string },
  start: string,
  end: string,
  decrypt: IndexOptions['decrypt']
) {
  const run = await openCourseRun(
    { data: drop, ...course, start, end, decrypt, requiredTables: [] },
    { logger: silentLogger }
  );
  try {
    return await eventsRows(run.duck);
  } finally {
    await run.close();
  }
}

async function storeRows(
  store: string,
  course: { org: string; course: string; run: string },
  start: string,
  end: string
) {
  const duck = await openDuck({ threads: 1 });
  try {
    await createStoreEventsView(duck, store, { org: MINI.org, course, start, end });
    return await eventsRows(duck);
  } finally {
    duck.close();
  }
}

const entry = (entries: LedgerEntry[], date: string, site = 'edx') =>
  entries.find((e) => e.day === date && e.site === site)!;

test('index: every daily file once into course/day partitions; the store gives each course run the events the logs give it', async () => {
  const { drop, store, options } = await storeDrop();
  const report = await indexEvents(options, { logger: silentLogger });
  const files = ['2026-02-28', '2026-03-01', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];
  assert.equal(report.read.length, 7);
  assert.equal(report.listed, 7);

  const ledger = await readLedger(store, MINI.org);
  assert.deepEqual(
    ledger.files.map((f) => f.day),
    files
  );
  assert.deepEqual(
    ledger.files.map((f) => f.site),
    ['edx', 'edge', 'edx', 'edx', 'edx', 'edx', 'edx']
  );
  const d0301 = entry(ledger.files, '2026-03-01');
  // day 03-01: lines 1-6, 8, 9, 11 are the course's; 7 is run 2026T1B's; 10 is MiniX/OTHER/2026's
  assert.deepEqual(d0301.events, { [C]: 9, 'course-v1:MiniX+M101+2026T1B': 1, 'course-v1:MiniX+OTHER+2026': 1 });
  assert.equal(d0301.lines, 11);
  assert.equal(d0301.size, statSync(join(drop, d0301.path)).size);
  assert.match(d0301.sha256, /^[0-9a-f]{64}$/);
  const d0305 = entry(ledger.files, '2026-03-05');
  assert.equal(d0305.encrypted, true);
  assert.match(d0305.path, /minix-edx-events-2026-03-05\.log\.gz\.gpg$/);
  // the old-format id goes to the course's partition; the login line names no course (and holds no "course_id")
  assert.deepEqual(d0305.events, { [C]: 2, 'course-v1:MiniX+OTHER+2026': 1 });
  assert.equal(d0305.lines, 4);
  assert.equal(report.lines, 11 + 2 + 9 + 5 + 1 + 1 + 4);

  // Hive layout, one Parquet file per daily file in each of its course/day partitions; owner-only modes
  const all = treeFiles(store);
  assert.ok(
    all.includes(
      `events/${C_DIR}/day=2026-03-01/minix-edx-events-2026-03-01.log.gz-${d0301.sha256.slice(0, 16)}-0.parquet`
    ),
    all.join('\n')
  );
  assert.ok(
    all.includes(
      `events/${C_DIR}/day=2026-03-05/minix-edx-events-2026-03-05.log.gz-${d0305.sha256.slice(0, 16)}-0.parquet`
    ),
    all.join('\n')
  );
  assert.deepEqual(
    all.filter((f) => !f.endsWith('.parquet')),
    ['ledger.json']
  );
  assert.equal(all.length, 1 + ledger.files.reduce((n, f) => n + f.partitions.length, 0));
  assert.equal(statSync(store).mode & 0o777, 0o700);
  for (const f of all) assert.equal(statSync(join(store, f)).mode & 0o777, 0o600, f);
  assert.equal(statSync(join(store, 'events', C_DIR, 'day=2026-03-01')).mode & 0o777, 0o700);

  // plain Hive-partitioned Parquet: a reader that knows nothing of samced finds the course key and day
  const duck = await openDuck({ threads: 1 });
  try {
    const perPartition = await duck.json(
      `SELECT course, day::VARCHAR AS day, count(*)::INTEGER AS n FROM read_parquet('${store}/events/*/*/*.parquet', hive_partitioning = true) GROUP BY ALL ORDER BY ALL`
    );
    assert.deepEqual(perPartition, [
      { course: C, day: '2026-02-28', n: 1 },
      { course: C, day: '2026-03-01', n: 9 + 2 },
      { course: C, day: '2026-03-02', n: 9 },
      { course: C, day: '2026-03-03', n: 5 },
      { course: C, day: '2026-03-04', n: 1 },
      { course: C, day: '2026-03-05', n: 2 },
      { course: 'course-v1:MiniX+M101+2026T1B', day: '2026-03-01', n: 1 },
      { course: 'course-v1:MiniX+OTHER+2026', day: '2026-03-01', n: 1 },
      { course: 'course-v1:MiniX+OTHER+2026', day: '2026-03-05', n: 1 }
    ]);
    const columns = (
      await duck.json(
        `SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('${store}/events/${C_DIR}/day=2026-03-01/*.parquet', hive_partitioning = false))`
      )
    ).map((r) => r.column_name);
    assert.deepEqual(
      columns,
      Object.keys(STORE_COLUMNS).filter((c) => c !== 'course' && c !== 'day')
    );
  } finally {
    duck.close();
  }

  // the same rows and columns as the course run's events from the logs, duplicates across sites included
  const decrypt = options.decrypt;
  const fromLogs = await courseRunRows(drop, MINI, MINI.start, MINI.end, decrypt);
  const fromStore = await storeRows(store, MINI, MINI.start, MINI.end);
  assert.equal(fromLogs.length, 9 + 1 + 8 + 5); // edge 03-01 adds one line; 03-02 line 9 repeats line 1
  assert.deepEqual(Object.keys(fromStore[0]!), Object.keys(EVENT_COLUMNS));
  assert.deepEqual(fromStore, fromLogs);
  const copies = fromStore
    .filter((r) => Number(r.copies) > 1)
    .map((r) => [String(r.source_file).split('/').pop(), r.source_line, r.copies]);
  // the edge site comes first in the drop's order (day, site): its copy is the row
  assert.deepEqual(copies, [
    ['minix-edge-events-2026-03-01.log.gz', '1', 2],
    ['minix-edx-events-2026-03-02.log.gz', '1', 2]
  ]);
  // the whole drop, the encrypted day included; and a course of the old id format
  assert.deepEqual(
    await storeRows(store, MINI, '2026-02-28', '2026-03-05'),
    await courseRunRows(drop, MINI, '2026-02-28', '2026-03-05', decrypt)
  );
  const other = await storeRows(store, OTHER, '2026-02-28', '2026-03-05');
  assert.deepEqual(other, await courseRunRows(drop, OTHER, '2026-02-28', '2026-03-05', decrypt));
  assert.deepEqual(
    other.map((r) => r.course_id),
    ['MiniX/OTHER/2026', 'course-v1:MiniX+OTHER+2026']
  );
  // no event of the course in the window: no rows, as from the logs
  assert.deepEqual(await storeRows(store, OTHER, '2026-03-02', '2026-03-04'), []);
  assert.deepEqual(await courseRunRows(drop, OTHER, '2026-03-02', '2026-03-04', decrypt), []);
  rmSync(drop, { recursive: true, force: true });
  rmSync(join(store, '..'), { recursive: true, force: true });
});

test('index again: nothing new reads nothing; a new day reads only that file; a changed file replaces its partitions', async () => {
  const { drop, store, options } = await storeDrop();
  await indexEvents(options, { logger: silentLogger });
  const before = treeFiles(store).filter((f) => f.endsWith('.parquet'));
  const mtimes = new Map(before.map((f) => [f, statSync(join(store, f)).mtimeMs]));

  const again = await indexEvents(options, { logger: silentLogger });
  assert.deepEqual(again.read, []);
  assert.deepEqual(
    treeFiles(store).filter((f) => f.endsWith('.parquet')),
    before
  );
  for (const f of before) assert.equal(statSync(join(store, f)).mtimeMs, mtimes.get(f), f);

  // a new delivery: one more day
  writeFileSync(dayPath(drop, 'edge', '2026-03-06'), gz([DAY_0301[0]!.replace('2026-03-01T10', '2026-03-06T10')]));
  const appended = await indexEvents(options, { logger: silentLogger });
  assert.deepEqual(appended.read, ['edx-course-data/minix/edge/events/2026/minix-edge-events-2026-03-06.log.gz']);
  assert.equal(appended.lines, 1);
  let ledger = await readLedger(store, MINI.org);
  assert.equal(ledger.files.length, 8);
  assert.deepEqual(entry(ledger.files, '2026-03-06', 'edge').events, { [C]: 1 });

  // the same bytes with a new time: the digest says unchanged, nothing is read
  const d0303 = dayPath(drop, 'edx', '2026-03-03');
  utimesSync(d0303, new Date('2026-04-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
  const touched = await indexEvents(options, { logger: silentLogger });
  assert.deepEqual(touched.read, []);
  assert.deepEqual(touched.touched, ['edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-03.log.gz']);
  ledger = await readLedger(store, MINI.org);
  assert.equal(entry(ledger.files, '2026-03-03').mtimeMs, statSync(d0303).mtimeMs);

  // a changed file (redelivered with one line of the course only): its old partitions go
  const oldParts = entry(ledger.files, '2026-03-03').partitions;
  writeFileSync(d0303, gz([DAY_0301[1]!.replace('2026-03-01T10', '2026-03-03T10')]));
  const changed = await indexEvents(options, { logger: silentLogger });
  assert.deepEqual(changed.read, ['edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-03.log.gz']);
  ledger = await readLedger(store, MINI.org);
  const now = entry(ledger.files, '2026-03-03');
  assert.deepEqual(now.events, { [C]: 1 });
  assert.equal(now.partitions.length, 1);
  assert.notDeepEqual(now.partitions, oldParts);
  for (const p of oldParts) assert.throws(() => statSync(join(store, p)), /ENOENT/);
  const rows = await storeRows(store, MINI, '2026-03-03', '2026-03-03');
  assert.deepEqual(
    rows.map((r) => [r.source_line, r.event_type]),
    [['1', 'play_video']]
  );
  assert.deepEqual(rows, await courseRunRows(drop, MINI, '2026-03-03', '2026-03-03', undefined));

  // an interrupted run left a partition file the ledger does not name: the next run removes it
  const stray = join(store, 'events', C_DIR, 'day=2026-03-02', 'left-by-a-kill.parquet');
  writeFileSync(stray, 'x');
  const swept = await indexEvents(options, { logger: silentLogger });
  assert.equal(swept.orphansRemoved, 1);
  assert.throws(() => statSync(stray), /ENOENT/);

  // the encrypted day decrypted in place (samced decrypt --delete-originals): the plain twin replaces it
  const gpgPath = dayPath(drop, 'edx', '2026-03-05', true);
  writeFileSync(dayPath(drop, 'edx', '2026-03-05'), gz(DAY_0305));
  rmSync(gpgPath);
  const twin = await indexEvents({ ...options, decrypt: undefined }, { logger: silentLogger });
  assert.deepEqual(twin.replaced, ['edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-05.log.gz.gpg']);
  assert.deepEqual(twin.read, ['edx-course-data/minix/edx/events/2026/minix-edx-events-2026-03-05.log.gz']);
  ledger = await readLedger(store, MINI.org);
  assert.deepEqual(
    ledger.files.filter((f) => f.day === '2026-03-05').map((f) => f.encrypted),
    [false]
  );
  assert.deepEqual(
    await storeRows(store, MINI, '2026-03-05', '2026-03-05'),
    await courseRunRows(drop, MINI, '2026-03-05', '2026-03-05', undefined)
  );
  rmSync(drop, { recursive: true, force: true });
  rmSync(join(store, '..'), { recursive: true, force: true });
});

test('index: a bad line fails with its file and line and leaves that file out; --skip-bad-lines skips and counts it', async () => {
  const drop = makeMiniDrop();
  const store = join(mkdtempSync(join(tmpdir(), 'samced-store-')), 'store');
  const bad = dayPath(drop, 'edge', '2026-03-02');
  // line 2 is cut JSON of the course, line 3 not UTF-8, line 4 a line of no course
  const good = DAY_0301[1]!;
  const cutShort = good.slice(0, good.indexOf('"course_id"') + 20);
  writeFileSync(
    bad,
    gzipSync(
      Buffer.concat([
        Buffer.from(good + '\n' + cutShort + '\n'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(' "course_id"\n{"event_type": "login"}\n')
      ])
    )
  );
  const rel = relative(drop, bad);
  const options: IndexOptions = { data: drop, org: MINI.org, store, memoryLimit: '256MB', threads: 1 };
  await assert.rejects(indexEvents(options, { logger: silentLogger }), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, `${rel}:3: line is not valid UTF-8`);
    return true;
  });
  // the files before it in the drop's order are in the store; the bad one is not
  let ledger = await readLedger(store, MINI.org);
  assert.deepEqual(
    ledger.files.map((f) => f.day),
    ['2026-02-28', '2026-03-01', '2026-03-01']
  );
  assert.ok(!ledger.files.some((f) => f.path === rel));
  assert.ok(!treeFiles(store).some((f) => f.includes('minix-edge-events-2026-03-02')));
  assert.deepEqual(readdirSync(store).sort(), ['events', 'ledger.json']); // no temporary left

  // without the UTF-8 fault, the cut JSON line fails in the parse, with its line number
  writeFileSync(bad, gz([good, cutShort, '{"event_type": "login"}']));
  await assert.rejects(
    indexEvents(options, { logger: silentLogger }),
    new RegExp(`^InputError: ${rel.replace(/\./g, '\\.')}:2: not a JSON object`)
  );

  const logger = memoryLogger();
  const skipped = await indexEvents({ ...options, skipBadLines: true }, { logger });
  assert.ok(skipped.read.includes(rel));
  assert.equal(skipped.skipped, 1);
  ledger = await readLedger(store, MINI.org);
  const e = ledger.files.find((f) => f.path === rel)!;
  assert.deepEqual(e.skipped, [{ line: 2, reason: 'not a JSON object' }]);
  assert.deepEqual(e.events, { [C]: 1 });
  assert.equal(e.lines, 3);
  assert.ok(
    logger.lines.some((l) => /1 bad line\(s\) skipped/.test(l)),
    logger.lines.join('\n')
  );
  rmSync(drop, { recursive: true, force: true });
  rmSync(join(store, '..'), { recursive: true, force: true });
});

test('samced index: the command writes the store; a store of another org is refused', async () => {
  const drop = makeMiniDrop();
  const store = join(mkdtempSync(join(tmpdir(), 'samced-store-')), 'store');
  // (stdout is not captured: the test runner reports through it)
  const status = await main(
    ['index', '--data', drop, '--org', 'MiniX', '--store', store, '--threads', '1', '--site', 'edge'],
    { logger: silentLogger, clock: { now: () => new Date('2026-05-01T00:00:00Z') } }
  );
  assert.equal(status, 0);
  const ledger = await readLedger(store, 'minix');
  assert.deepEqual(
    ledger.files.map((f) => [f.path, f.indexedAt]),
    [['edx-course-data/minix/edge/events/2026/minix-edge-events-2026-03-01.log.gz', '2026-05-01T00:00:00.000Z']]
  );
  // the other site's files are not read, and not taken for files gone from the drop
  const logger = memoryLogger();
  const edx = await indexEvents({ data: drop, org: 'MiniX', store, sites: ['edx'], threads: 1 }, { logger });
  assert.equal(edx.read.length, 5);
  assert.deepEqual(edx.kept, []);
  assert.ok(!logger.lines.some((l) => l.startsWith('warn:')), logger.lines.join('\n'));
  assert.equal((await readLedger(store, 'MiniX')).files.length, 6);
  // one run at a time: a lock held by a running process (this one) stops a second run
  writeFileSync(join(store, 'index.lock'), processTag() + '\n');
  await assert.rejects(
    indexEvents({ data: drop, org: 'MiniX', store }, { logger: silentLogger }),
    /another samced index \(pid \d+\) is writing this store/
  );
  rmSync(join(store, 'index.lock'));
  await assert.rejects(
    indexEvents({ data: drop, org: 'OtherX', store }, { logger: silentLogger }),
    /holds the events of org MiniX, not OtherX/
  );
  rmSync(drop, { recursive: true, force: true });
  rmSync(join(store, '..'), { recursive: true, force: true });
});

test('samced index killed (-9) after writing partitions, before its ledger: the next run removes them and reads every file', async () => {
  const drop = makeMiniDrop();
  const base = mkdtempSync(join(tmpdir(), 'samced-store-'));
  const store = join(base, 'store');
  const temp = join(base, 'tmp');
  mkdirSync(temp);
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'samced.mjs'), 'index', '--data', drop, '--org', 'MiniX', '--store', store],
    {
      env: { ...process.env, TMPDIR: temp, SAMCED_TEST_HOLD: 'index' },
      stdio: ['ignore', 'ignore', 'pipe']
    }
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const started = Date.now();
  while (!stderr.includes('samced: holding at index')) {
    assert.ok(Date.now() - started < 60_000 && child.exitCode === null, `no hold; stderr:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  await exited;
  // the first file's partitions are in place, no ledger names them; the lock of a dead process stays
  const left = treeFiles(store).filter((f) => f !== 'index.lock');
  assert.ok(treeFiles(store).includes('index.lock'));
  assert.ok(
    left.some((f) => f.endsWith('.parquet')),
    left.join('\n')
  );
  assert.ok(!left.includes('ledger.json'), left.join('\n'));

  const report = await indexEvents({ data: drop, org: MINI.org, store, threads: 1 }, { logger: silentLogger });
  assert.equal(report.orphansRemoved, left.filter((f) => f.endsWith('.parquet')).length);
  assert.equal(report.read.length, 6);
  const ledger = await readLedger(store, MINI.org);
  const listed = ledger.files.flatMap((f) => f.partitions).sort();
  assert.deepEqual(
    treeFiles(store).filter((f) => f !== 'ledger.json'),
    listed
  );
  rmSync(drop, { recursive: true, force: true });
  rmSync(base, { recursive: true, force: true });
});
