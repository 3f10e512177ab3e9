import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { op } from 'arquero';
import { openCourseRun, type CourseRun } from '../../kernel-lib/load/course-run';
import { plainRows } from '../../kernel-lib/duck/rows';
import { loadArquero, toArquero, toDanfo } from '../../kernel-lib/display/frames';
import { projectRoot } from '../../kernel-lib/util/paths';
import { sampleCourseRun } from '../../kernel-lib/drop/sample';
import { memoryLogger } from '../../kernel-lib/util/effects';

const root = projectRoot();
let run: CourseRun;

before(async () => {
  const sample = sampleCourseRun(root);
  run = await openCourseRun(sample, { logger: memoryLogger() });
});
after(() => run?.close());

// learner 1001 in the sample window (data/STORYLINE.md): V1 in the browser on 2026-01-05 (load,
// play x3, pause x2, seek, speed change, show and hide transcript, stop), V2 on mobile on
// 2026-01-06 (load, play x2, pause, stop): 16 events, nothing else
const QUERY = `SELECT event_type, count(*) AS n, min(time) AS first_time, list_sort(list(DISTINCT event_source)) AS sources
  FROM events WHERE user_id = 1001 GROUP BY 1 ORDER BY 1`;
const TYPES = [
  'hide_transcript',
  'load_video',
  'pause_video',
  'play_video',
  'seek_video',
  'show_transcript',
  'speed_change_video',
  'stop_video'
];
const COUNTS = [1, 2, 3, 5, 1, 1, 1, 2];
const FIRST = [
  '2026-01-05T10:01:40.000Z',
  '2026-01-05T10:00:00.000Z',
  '2026-01-05T10:00:17.300Z',
  '2026-01-05T10:00:05.000Z',
  '2026-01-05T10:01:00.000Z',
  '2026-01-05T10:01:20.000Z',
  '2026-01-05T10:01:05.000Z',
  '2026-01-05T10:02:38.000Z'
];
const BOTH = '["browser","mobile"]';
const SOURCES = ['["browser"]', BOTH, BOTH, BOTH, '["browser"]', '["browser"]', '["browser"]', BOTH];

test('toArquero on a DuckDB reader: the columns in order, BIGINT as numbers, times as Dates, lists as arrays', async () => {
  const table = toArquero(await run.duck.connection.runAndReadAll(QUERY));
  assert.deepEqual(table.columnNames(), ['event_type', 'n', 'first_time', 'sources']);
  assert.deepEqual(table.array('event_type'), TYPES);
  assert.deepEqual(table.array('n'), COUNTS);
  assert.deepEqual(
    (table.array('first_time') as Date[]).map((d) => d.toISOString()),
    FIRST
  );
  assert.deepEqual(
    (table.array('sources') as string[][]).map((s) => JSON.stringify(s)),
    SOURCES
  );
  assert.equal(table.rollup({ total: op.sum('n') }).get('total', 0), 16);
});

test('toArquero on row objects (plainRows) and on an empty result keeps the columns', async () => {
  const table = toArquero(await plainRows(run.duck, QUERY));
  assert.deepEqual(table.array('n'), COUNTS);
  const empty = toArquero(
    await run.duck.connection.runAndReadAll('SELECT user_id, event_type FROM events WHERE false')
  );
  assert.deepEqual([empty.columnNames(), empty.numRows()], [['user_id', 'event_type'], 0]);
});

test('loadArquero gives the op and desc a cell groups and orders with', () => {
  const { op, desc } = loadArquero();
  const rows = [
    { source: 'browser', type: 'play_video', n: 3 },
    { source: 'server', type: 'problem_check', n: 2 },
    { source: 'browser', type: 'pause_video', n: 1 },
    { source: 'server', type: 'problem_check', n: 5 }
  ];
  const bySource = toArquero(rows)
    .groupby('source')
    .rollup({ types: op.distinct('type'), events: op.sum('n') })
    .orderby(desc('events'));
  assert.deepEqual(bySource.objects(), [
    { source: 'server', types: 1, events: 7 },
    { source: 'browser', types: 2, events: 4 }
  ]);
});

test('toDanfo on a DuckDB reader: shape, columns, numbers, ISO times, lists as JSON text; an empty result keeps its columns', async () => {
  const df = toDanfo(await run.duck.connection.runAndReadAll(QUERY));
  assert.deepEqual(df.shape, [8, 4]);
  assert.deepEqual(df.columns, ['event_type', 'n', 'first_time', 'sources']);
  assert.deepEqual(df.column('event_type').values, TYPES);
  assert.deepEqual(df.column('n').values, COUNTS);
  assert.equal(df.column('n').sum(), 16);
  assert.deepEqual(df.column('first_time').values, FIRST);
  assert.deepEqual(df.column('sources').values, SOURCES);
  const empty = toDanfo(await run.duck.connection.runAndReadAll('SELECT user_id, event_type FROM events WHERE false'));
  assert.deepEqual([empty.columns, empty.shape[0]], [['user_id', 'event_type'], 0]);
});

test('danfojs-node is loaded by the first toDanfo call, not by importing the library', () => {
  const script = `
    import { createRequire } from 'node:module';
    const cache = createRequire(process.cwd() + '/package.json').cache;
    const loaded = () => Object.keys(cache).some((k) => k.includes('/node_modules/danfojs-node/'));
    const samced = await import('./kernel-lib/index.ts');
    const before = loaded();
    samced.toDanfo([{ a: 1 }]);
    console.log(JSON.stringify([before, loaded()]));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SAMCED_ROOT: root }
  });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout.trim().split('\n').pop()!), [false, true]);
});

test('under tslab’s TypeScript 5.0 (CommonJS) the packages of frames.ts stay calls made inside the functions', () => {
  const require = createRequire(join(root, 'package.json'));
  const ts = require(
    require.resolve('@tslab/typescript-for-tslab', { paths: [join(root, 'node_modules', 'tslab')] })
  ) as typeof import('typescript');
  const source = readFileSync(join(root, 'kernel-lib', 'display', 'frames.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }
  }).outputText;
  assert.doesNotMatch(
    js,
    /require\(["'](danfojs-node|arquero)["']\)/,
    'no require of either package when the module loads'
  );
  assert.match(js, /load\('danfojs-node'\)/);
  // nor do danfojs-node's declarations come in with the library: with TensorFlow.js's they take tslab most of a
  // minute to type-check in every notebook that imports it
  const program = ts.createProgram([join(root, 'kernel-lib', 'index.ts')], {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node']
  });
  const heavy = program
    .getSourceFiles()
    .map((f) => f.fileName)
    .filter((name) => /node_modules\/(danfojs-node|@tensorflow)\//.test(name));
  assert.deepEqual(heavy, []);
});
