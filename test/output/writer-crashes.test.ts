/**
 * Crashes of the writers and silent wrong answers: tables wider than one multi-row INSERT allows,
 * long windows, TSV rows with a raw tab too many, broken forum lines counted in the manifest,
 * dates kept as exported, and failures to write the output as one clear line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { openDuck } from '../../kernel-lib/duck/connection';
import { createMacros } from '../../kernel-lib/duck/macros';
import { loadTsvTable } from '../../kernel-lib/load/tables';
import { TABLE_SCHEMAS } from '../../kernel-lib/load/table-schemas';
import { standardTablesFamily } from '../../kernel-lib/aggregates/standard-tables';
import { DEFAULT_AGGREGATE_OPTIONS } from '../../kernel-lib/aggregates/table';
import { buildSamced, openWriters } from '../../kernel-lib/output/build';
import { feedSinks } from '../../kernel-lib/output/sink';
import { rowsPerInsert, sqliteSink } from '../../kernel-lib/output/sqlite';
import { tableBatches } from '../../kernel-lib/output/table-rows';
import { tableColumns } from '../../kernel-lib/duck/rows';
import { fixedClock, memoryLogger } from '../../kernel-lib/util/effects';
import { InputError, OutputError } from '../../kernel-lib/util/errors';
import { makeMiniDrop, MINI } from '../fixtures/mini-drop';
import { buildMini } from '../fixtures/cli-build';

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

test('rows per INSERT: 64, or fewer so that rows x columns stay within 32766 parameters, at least 1', () => {
  assert.equal(rowsPerInsert(2), 64);
  assert.equal(rowsPerInsert(511), 64); // 64 x 511 = 32704
  assert.equal(rowsPerInsert(512), 63); // 64 x 512 = 32768 is too many; 63 x 512 = 32256
  assert.equal(rowsPerInsert(1000), 32);
  assert.equal(rowsPerInsert(40000), 1);
});

test('SQLite writer: a table of 1000 columns and 100 rows goes in whole', async () => {
  const duck = await openDuck();
  const dir = tmp('samced-wide-');
  try {
    await duck.run('CREATE SCHEMA samced');
    // row i, column c<j>: i * 1000 + j
    await duck.run(
      `CREATE TABLE samced.wide AS SELECT ${Array.from({ length: 1000 }, (_, j) => `i * 1000 + ${j} AS c${j}`).join(', ')} FROM range(100) r(i)`
    );
    const table = { name: 'wide', family: 'test', doc: '', columns: [], orderBy: ['c0'] };
    const columns = await tableColumns(duck, 'wide');
    const db = sqliteSink(join(dir, 'w.db'));
    assert.equal(
      await feedSinks(
        'wide',
        columns.map((c) => ({ name: c.name, type: 'INTEGER' as const })),
        tableBatches(duck, table, columns),
        [db]
      ),
      100
    );
    db.close();
    const read = new Database(join(dir, 'w.db'), { readonly: true });
    // sum over i of (i * 1000 + 999) = 1000 x 4950 + 100 x 999
    assert.deepEqual(
      read.prepare('SELECT count(*), sum(c999), min(c0), max(c0) FROM wide').raw().get(),
      [100, 5049900, 0, 99000]
    );
    assert.deepEqual(
      read.prepare('SELECT c0, c1, c500, c999 FROM wide WHERE c0 = 37000').raw().get(),
      [37000, 37001, 37500, 37999]
    );
    read.close();
  } finally {
    duck.close();
  }
});

test('a 600-day window builds: page-activity tables of 602 columns in SQLite and CSV', async () => {
  const drop = makeMiniDrop();
  const out = join(tmp('samced-long-'), 'out');
  const start = '2026-02-27';
  const end = '2027-10-19'; // 599 days after the start: 600 days, both included
  await buildSamced(
    { data: drop, ...MINI, start, end, out },
    { logger: memoryLogger(), clock: fixedClock('2026-03-10T12:00:00Z') }
  );
  const csv = readFileSync(join(out, 'SAMCED-page_activity_progress.csv'), 'utf8').split('\n');
  const header = csv[0]!.split(',');
  assert.equal(header.length, 602);
  assert.deepEqual(
    [header[0], header[1], header[3], header[600], header[601]],
    ['user_id', 'date_20260227', 'date_20260301', 'date_20271019', 'outside_window']
  );
  // learner 12's progress hits: one on 02-27, two on 03-01 (09:00 and 23:59:59), nothing outside
  const row = csv[1]!.split(',');
  assert.deepEqual([row[0], row[1], row[2], row[3], row[601]], ['12', '1', '', '2', '']);
  assert.equal(row.filter((v) => v !== '').length, 3);
  assert.equal(csv.length, 3); // header, one row, and the empty rest after the last \n
  const db = new Database(join(out, 'MiniX-M101-2026T1-SAMCED.db'), { readonly: true });
  const columns = db
    .prepare('SELECT count(*) FROM pragma_table_info(?)')
    .raw()
    .get('page_activity_progress') as number[];
  assert.equal(columns[0], 602);
  assert.deepEqual(
    db
      .prepare(
        'SELECT user_id, date_20260227, date_20260301, date_20260302, outside_window FROM page_activity_progress'
      )
      .raw()
      .all(),
    [[12, 1, 2, null, null]]
  );
  db.close();
});

test('a window longer than SQLite has columns for is refused at once, with the longest that fits', async () => {
  const drop = makeMiniDrop();
  const out = join(tmp('samced-toolong-'), 'out');
  // 2026-01-01 to 2031-06-22: 1999 days, 2001 columns
  await assert.rejects(
    buildSamced({ data: drop, ...MINI, start: '2026-01-01', end: '2031-06-22', out }, { logger: memoryLogger() }),
    (e: unknown) =>
      e instanceof InputError &&
      e.message ===
        'a window of 1999 days is too long: the page_activity tables get one column per day and SQLite allows 2000 columns (at most 1998 days)'
  );
  assert.equal(existsSync(out), false);
});

test('skipped lines: a broken forum line and a TSV row with a tab too many are counted once each, by file, in the manifest', async () => {
  const drop = makeMiniDrop();
  const snapshot = 'course-data/minix-2026-03-10';
  const forum = `${snapshot}/MiniX-M101-2026T1-prod.mongo`;
  const enrollment = `${snapshot}/MiniX-M101-2026T1-student_courseenrollment-prod-analytics.sql`;
  appendFileSync(join(drop, forum), '{"_id": {"$oid": "x"}, "_type": \n[1, 2]\n');
  appendFileSync(join(drop, enrollment), '3\t13\tc\tx\t2026-01-01 00:00:00\t1\t\n');
  const out = join(tmp('samced-skip-'), 'out');
  const logger = memoryLogger();
  await buildSamced(
    { data: drop, ...MINI, out, skipBadLines: true },
    { logger, clock: fixedClock('2026-03-10T12:00:00Z') }
  );
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.skippedLines, [
    { file: forum, count: 1, reason: 'not a JSON object' },
    { file: forum, count: 1, reason: 'not valid JSON' },
    { file: enrollment, count: 1, reason: 'wrong field count' }
  ]);
  assert.ok(
    manifest.warnings.includes('MiniX-M101-2026T1-prod.mongo: skipped 2 bad line(s)'),
    manifest.warnings.join('\n')
  );
  // the forum's three posts and the two enrollments are all there, unshifted
  assert.equal(readFileSync(join(out, 'SAMCED-discussion_forum_activity_ng.csv'), 'utf8').trim().split('\n').length, 4);
  assert.equal(
    readFileSync(join(out, 'SAMCED-student_courseenrollment.csv'), 'utf8'),
    readFileSync(join('test/golden/mini', 'SAMCED-student_courseenrollment.csv'), 'utf8')
  );
});

test('the data dictionary lists the run-wide changes from the original and the renamed pre-roll columns', async () => {
  const out = join(tmp('samced-dict-'), 'out');
  await buildSamced(
    { data: makeMiniDrop(), ...MINI, out },
    { logger: memoryLogger(), clock: fixedClock('2026-03-10T12:00:00Z') }
  );
  const dictionary = readFileSync(join(out, 'data-dictionary.md'), 'utf8');
  const runWide = dictionary.slice(
    dictionary.indexOf('## Changes from the original toolkit'),
    dictionary.indexOf('## Tables')
  );
  assert.match(runWide, /when its `context\.course_id` is exactly the course id.*look-alike runs/);
  assert.match(
    runWide,
    /event files of every site in the drop are read by default.*the original SAMCED builder read only `edx\/`/
  );
  assert.match(runWide, /Byte-identical duplicate event lines .* are counted once; the original counted every copy/);
  const preRoll = dictionary.slice(dictionary.indexOf('## pre_roll_video_activity'));
  assert.match(
    preRoll.slice(0, preRoll.indexOf('\n## ', 5)),
    /the original named them by the whole event type \(`edx\.video\.bumper\.loaded`\)/
  );
});

/** Runs the CLI's build and captures what it prints on stderr. */
async function cliBuild(drop: string, out: string): Promise<{ code: number; stderr: string }> {
  const { code, stderr } = await buildMini(drop, ['--out', out]);
  return { code, stderr };
}

test('an --out under a regular file: one line naming the file, exit 1', async () => {
  const dir = tmp('samced-notdir-');
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  const drop = makeMiniDrop();
  assert.deepEqual(await cliBuild(drop, join(file, 'out')), {
    code: 1,
    stderr: `samced build: cannot write ${file}: not a directory\n`
  });
  // (the folder that could not be made is named)
  assert.deepEqual(await cliBuild(drop, join(file, 'deeper', 'out')), {
    code: 1,
    stderr: `samced build: cannot write ${join(file, 'deeper')}: not a directory\n`
  });
});

/** A build whose writers are opened by `open` (after which the real ones are opened). */
async function buildWith(open: (dir: string, dbPath: string) => void): Promise<{ out: string; error: unknown }> {
  const parent = tmp('samced-full-');
  const out = join(parent, 'out');
  const error = await buildSamced(
    { data: makeMiniDrop(), ...MINI, out },
    {
      logger: memoryLogger(),
      openWriters: (dir, dbPath) => {
        open(dir, dbPath);
        return openWriters(dir, dbPath);
      }
    }
  ).then(
    () => undefined,
    (e: unknown) => e
  );
  assert.deepEqual(readdirSync(parent), [], 'no output and no temporary folder left');
  return { out, error };
}

const noDevFull = !existsSync('/dev/full') && 'no /dev/full';

test('a full disk under the SQLite file (writes to /dev/full): one clear error naming the file', {
  skip: noDevFull
}, async () => {
  const { out, error } = await buildWith((_, dbPath) => symlinkSync('/dev/full', dbPath));
  assert.ok(error instanceof OutputError, String(error));
  assert.equal(error.message, `cannot write ${join(out, 'MiniX-M101-2026T1-SAMCED.db')}: no space left on device`);
});

test('a full disk under a CSV file (writes to /dev/full): one clear error naming the file', {
  skip: noDevFull
}, async () => {
  const { out, error } = await buildWith((dir) => symlinkSync('/dev/full', join(dir, 'SAMCED-video_activity.csv')));
  assert.ok(error instanceof OutputError, String(error));
  assert.equal(error.message, `cannot write ${join(out, 'SAMCED-video_activity.csv')}: no space left on device`);
});

test('no permission to write the output (an injected EACCES, as tests run as root): one clear error', async () => {
  const { out, error } = await buildWith((_, dbPath) => {
    throw Object.assign(new Error(`EACCES: permission denied, open '${dbPath}'`), {
      code: 'EACCES',
      errno: -13,
      syscall: 'open',
      path: dbPath
    });
  });
  assert.ok(error instanceof OutputError, String(error));
  assert.equal(error.message, `cannot write ${join(out, 'MiniX-M101-2026T1-SAMCED.db')}: permission denied`);
});

test('standard tables write dates as the export has them: six-digit fractions kept, none added', async () => {
  const duck = await openDuck();
  try {
    await createMacros(duck);
    const dir = tmp('samced-dates-');
    const p = join(dir, 'cert.sql');
    writeFileSync(
      p,
      'id\tuser_id\tcreated_date\tmodified_date\n' +
        '5\t11\t2026-03-05 12:00:32.422770\t2026-03-05 12:00:00\n' +
        '6\t12\t2026-03-05 12:00:32.000001\tNULL\n' +
        '7\t13\t2026-03-05 23:59:59.100000\t2026-12-31 00:00:00\n'
    );
    await loadTsvTable(duck, 'certificates_generatedcertificate', p);
    for (const s of TABLE_SCHEMAS.filter((t) => t.table !== 'certificates_generatedcertificate')) {
      await duck.run(`CREATE TABLE ${s.table} (${s.columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
    }
    await duck.run('CREATE SCHEMA samced');
    const tables = await standardTablesFamily.build({
      duck,
      course: { org: 'O', course: 'C', run: 'R' },
      start: '2026-03-01',
      end: '2026-03-31',
      options: DEFAULT_AGGREGATE_OPTIONS
    });
    assert.deepEqual(
      await duck.json(
        'SELECT id, created_date, modified_date FROM samced.certificates_generatedcertificate ORDER BY id'
      ),
      [
        { id: '5', created_date: '2026-03-05 12:00:32.422770', modified_date: '2026-03-05 12:00:00' },
        { id: '6', created_date: '2026-03-05 12:00:32.000001', modified_date: null },
        { id: '7', created_date: '2026-03-05 23:59:59.100000', modified_date: '2026-12-31 00:00:00' }
      ]
    );
    const fixes = tables.find((t) => t.name === 'certificates_generatedcertificate')!.fixes!.join('\n');
    assert.match(
      fixes,
      /Dates are written as the export writes them: `YYYY-MM-DD HH:MM:SS` \(UTC\), with `\.ffffff` \(six digits\) only when the microseconds are not zero/
    );
  } finally {
    duck.close();
  }
});
