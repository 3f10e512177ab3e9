import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot } from '../../kernel-lib/util/paths';
import { sampleCourseRun } from '../../kernel-lib/drop/sample';
import { PassThrough } from 'node:stream';
import { openDuck } from '../../kernel-lib/duck/connection';
import { sqlPrompt, statementComplete } from '../../kernel-lib/cli/sql';
import { independentSampleCounts } from '../fixtures/sample-events';

const root = projectRoot();
const sample = sampleCourseRun(root);

/** Runs the real CLI (bin/samced.mjs) in the project. */
function samced(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'samced.mjs'), ...args], {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, SAMCED_ROOT: root }
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const counts = independentSampleCounts(sample);

test('samced sql --sample -c prints the sample’s event count as an aligned table', async () => {
  const { events } = await counts;
  // --no-store: the count comes from reading the logs now, not from an event store
  const run = samced(['sql', '--sample', '--no-store', '-c', 'select count(*) as n from events']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(
    run.stdout,
    `${'n'.padStart(String(events).length)}\n${'-'.repeat(String(events).length)}\n${events}\n1 row\n`
  );
  assert.ok(events > 16000, `the sample holds its ${events} events`);
});

test('samced sql --csv and --json: every statement’s rows, integers as numbers, NULL and quoting as documented', async () => {
  const { perUser } = await counts;
  const query =
    "select user_id, count(*) as n from events where user_id in (1001, 1002) group by 1 order by 1; select 'a,b' as x, null as y, [1, 2] as z";
  const csv = samced(['sql', '--sample', '--csv', '-c', query]);
  assert.equal(csv.status, 0, csv.stderr);
  assert.equal(csv.stdout, `user_id,n\n1001,${perUser.get(1001)}\n1002,${perUser.get(1002)}\nx,y,z\n"a,b",,"[1,2]"\n`);
  const json = samced(['sql', '--sample', '--json', '-c', query + '; select 1 as one where false']);
  assert.equal(json.status, 0, json.stderr);
  const arrays = json.stdout
    .split(/(?<=\])\n/)
    .filter(Boolean)
    .map((text) => JSON.parse(text));
  assert.deepEqual(arrays, [
    [
      { user_id: 1001, n: perUser.get(1001) },
      { user_id: 1002, n: perUser.get(1002) }
    ],
    [{ x: 'a,b', y: null, z: [1, 2] }],
    []
  ]);
});

test('samced sql prompt on stdin: a statement over several lines, .mode, an error that does not stop the rest (exit 1)', async () => {
  const { perUser } = await counts;
  const input = [
    'select count(*) as n',
    '  from events',
    '  where user_id = 1001;',
    '.mode csv',
    'select nope;',
    "select 'x;y' as s, -- a comment; not the end",
    '  2 as t;',
    ''
  ].join('\n');
  const run = samced(['sql', '--sample'], input);
  assert.equal(run.status, 1);
  const n = String(perUser.get(1001));
  assert.equal(run.stdout, `${'n'.padStart(n.length)}\n${'-'.repeat(n.length)}\n${n}\n1 row\ns,t\nx;y,2\n`);
  assert.match(run.stderr, /Error: Binder Error: .*"nope"/);
});

test('the prompt on a terminal: prompts, a continued statement, history kept owner-only and read again next time', async () => {
  const duck = await openDuck();
  const history = join(mkdtempSync(join(tmpdir(), 'samced-history-')), 'cache', 'sql-history');
  const session = async (lines: string[]): Promise<string> => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
    const done = sqlPrompt(
      duck,
      { format: 'csv', maxRows: 40 },
      { input, output, errors: output, interactive: true, history }
    );
    for (const line of lines) input.write(line + '\n');
    input.end();
    assert.equal(await done, 0);
    return shown;
  };
  try {
    const first = await session(['select 6 *', '7 as answer;', '.quit']);
    assert.match(first, /samced> /);
    assert.match(first, / {3}\.\.\.> /);
    assert.match(first, /answer\r?\n42\r?\n/);
    assert.equal(statSync(history).mode & 0o777, 0o600);
    assert.equal(statSync(join(history, '..')).mode & 0o777, 0o700);
    assert.deepEqual(readFileSync(history, 'utf8').split('\n'), ['select 6 *', '7 as answer;', '.quit', '']);
    await session(['select 1 as one;']);
    assert.deepEqual(
      readFileSync(history, 'utf8').split('\n'),
      ['select 6 *', '7 as answer;', '.quit', 'select 1 as one;', ''],
      'the earlier lines were read back'
    );
  } finally {
    duck.close();
  }
});

test('statementComplete: a statement ends at ; outside quotes and comments', () => {
  assert.equal(statementComplete('select 1;'), true);
  assert.equal(statementComplete('select 1'), false);
  assert.equal(statementComplete("select ';'"), false);
  assert.equal(statementComplete("select 'it''s';  "), true);
  assert.equal(statementComplete('select 1; -- done'), true);
  assert.equal(statementComplete('select 1 -- not yet;'), false);
  assert.equal(statementComplete('select /* ; */ 1'), false);
  assert.equal(statementComplete('select "a;b" from t;'), true);
});

test('samced open --db writes a DuckDB file that DuckDB opens on its own: the tables, events as a table, owner-only', async () => {
  const { events } = await counts;
  const dir = mkdtempSync(join(tmpdir(), 'samced-open-'));
  const file = join(dir, 'course.duckdb');
  const run = samced(['open', '--sample', '--db', file]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim().split('\n').pop(), file);
  assert.match(run.stdout, new RegExp(`^events +${events}$`, 'm'));
  assert.match(run.stderr, /personal data/);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir), ['course.duckdb'], 'no temporary or WAL file left');

  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
    assert.deepEqual(await read('select count(*)::INTEGER as n from events'), [{ n: events }]);
    const tables = (await read(
      "select table_name, table_type from information_schema.tables where table_schema = 'main' order by 1"
    )) as { table_name: string; table_type: string }[];
    const names = tables.map((t) => t.table_name);
    for (const name of ['course_structure', 'courseware_studentmodule', 'events', 'forum', 'student_courseenrollment'])
      assert.ok(names.includes(name), name);
    // without --personal: no personal table, no raw line, no bookkeeping, in any schema of the file
    const everywhere = (await read('select table_name from information_schema.tables')).map((t) =>
      String(t.table_name)
    );
    for (const name of ['auth_user', 'user_id_map', 'event_lines', 'cut_files', 'event_line_copies'])
      assert.ok(!everywhere.includes(name), name);
    assert.ok(
      tables.every((t) => t.table_type === 'BASE TABLE'),
      'views became tables: nothing refers to the run’s temporary files'
    );
    // STORYLINE.md: learner 1001's first V1 event in the sample's 2026-01-05 file
    assert.deepEqual(
      await read(
        "select event_type, strftime(time, '%H:%M:%S') as t from events where user_id = 1001 and event_date = '2026-01-05' order by time, source_file_order, source_line limit 2"
      ),
      [
        { event_type: 'load_video', t: '10:00:00' },
        { event_type: 'play_video', t: '10:00:05' }
      ]
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }

  const again = samced(['open', '--sample', '--db', file]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /course\.duckdb: already exists/);
  assert.ok(existsSync(file));
});
