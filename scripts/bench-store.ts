/**
 * Event store benchmark (`node --import tsx scripts/bench-store.ts --events N [--days D] [--runs R]`):
 * on the org-wide drop scripts/bench.ts generates, times two ways of filling the store, in
 * interleaved runs, each a process of its own under /usr/bin/time (wall, CPU, peak RSS):
 *  (a) duckdb: DuckDB's own gzip + newline-delimited JSON reader with declared columns and a
 *      course filter, one COPY per daily file into the course/day partitions;
 *  (a') duckdb-lines: DuckDB reads each .gz's lines (read_csv, line numbers WITH ORDINALITY), then
 *      the same parse and partition writer as `samced index`;
 *  (b) node: `samced index` (the Node cut on `"course_id"`, then the parse with json_transform).
 * (`--mode duckdb|node --data D --store S` runs one of them; the driver calls itself so.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateEventDrop } from './sample/event-drop';
import { openDuck, literal } from '../kernel-lib/duck/connection';
import { listEventFiles } from '../kernel-lib/drop/event-files';
import { COURSE_KEY_SQL, writePartitions } from '../kernel-lib/load/event-store/partitions';
import { loadSql } from '../kernel-lib/duck/sql-files';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '3000000' },
    days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    dir: { type: 'string' },
    mode: { type: 'string' },
    data: { type: 'string' },
    store: { type: 'string' }
  }
});
const ORG = 'BenchX';

/** (a): DuckDB reads each .gz itself; no line numbers, no raw line (so no line hash), no UTF-8 check of ours. */
async function duckdbIndex(data: string, store: string): Promise<void> {
  const duck = await openDuck({ memoryLimit: '1GB', tempDirectory: join(store, '.spill') });
  const files = listEventFiles(data, { org: ORG, start: '2000-01-01', end: '2099-12-31' });
  const columns = `{'username': 'VARCHAR', 'event_type': 'VARCHAR', 'name': 'VARCHAR', 'event_source': 'VARCHAR', 'time': 'VARCHAR', 'page': 'VARCHAR',
    'host': 'VARCHAR', 'session': 'VARCHAR', 'event': 'JSON',
    'context': 'STRUCT(course_id VARCHAR, user_id VARCHAR, path VARCHAR, module STRUCT(display_name VARCHAR, usage_key VARCHAR))'}`;
  mkdirSync(join(store, 'events'), { recursive: true });
  for (const file of files) {
    await duck.run(`COPY (
      SELECT ${literal(file.relPath)} AS source_file, TRY_CAST(time AS TIMESTAMPTZ) AS time, time AS time_raw, TRY_CAST(context.user_id AS BIGINT) AS user_id,
        username, event_type, name, event_source, course_id, page, host, session, context.path AS context_path,
        context.module.display_name AS module_display_name, context.module.usage_key AS module_usage_key, event, course, ${literal(file.date)}::DATE AS day
      FROM (SELECT *, ${COURSE_KEY_SQL} AS course
        FROM (SELECT *, context.course_id AS course_id FROM read_ndjson(${literal(file.path)}, columns = ${columns}, compression = 'gzip', maximum_object_size = 33554432)))
      WHERE course IS NOT NULL
    ) TO ${literal(join(store, 'events', file.date))} (FORMAT parquet, PARTITION_BY (course, day))`);
  }
  duck.close();
}

/**
 * (a'): DuckDB reads each .gz's lines itself (read_csv on a byte no line holds, WITH ORDINALITY for
 * the line number), then the same parse (events.sql) and partition writer as `samced index`:
 * the Node cut replaced, everything else equal.
 */
async function duckdbLinesIndex(data: string, store: string): Promise<void> {
  const duck = await openDuck({ memoryLimit: '1GB', tempDirectory: join(store, '.spill') });
  const files = listEventFiles(data, { org: ORG, start: '2000-01-01', end: '2099-12-31' });
  mkdirSync(join(store, 'parsed'), { recursive: true });
  for (const [i, file] of files.entries()) {
    await duck.run(
      `CREATE SCHEMA IF NOT EXISTS internal; CREATE OR REPLACE TABLE internal.cut_files AS SELECT 0 AS file_index, ${literal(file.relPath)} AS rel_path, 1 AS file_order`
    );
    const lines = `(SELECT 0 AS file_index, ordinality AS source_line, raw FROM read_csv(${literal(file.path)}, columns = {'raw': 'VARCHAR'}, delim = '\x01', quote = '', escape = '',
      header = false, auto_detect = false, compression = 'gzip', max_line_size = 33554432, buffer_size = 67108864, new_line = '\\n') WITH ORDINALITY WHERE contains(raw, '"course_id"'))`;
    const parsed = join(store, 'parsed', `${i}.parquet`);
    await duck.run(
      loadSql('load/events/events-view.sql', { course_forms: "'-'", cut: lines, events_file: literal(parsed) })
    );
    await writePartitions(duck, [parsed], store, {
      path: file.relPath,
      day: file.date,
      sha256: String(i).padStart(16, '0')
    });
    rmSync(parsed);
  }
  duck.close();
}

function timed(cmd: string, args: string[]): { seconds: number; rssMb: number; cpu: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const [seconds, kb, user, system] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds: seconds!, rssMb: kb! / 1024, cpu: user! + system! };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]!.toFixed(1)} / median ${s[Math.floor(s.length / 2)]!.toFixed(1)} / max ${s[s.length - 1]!.toFixed(1)}`;
};

async function driver(): Promise<void> {
  const events = Number(values.events);
  const days = Number(values.days);
  const root = process.cwd();
  const dir = values.dir ?? join(root, '.cache', `bench-${events}-${days}`);
  const marker = join(dir, 'bench.json');
  let info: { files: string[]; bytes: number };
  if (existsSync(marker)) {
    info = JSON.parse(readFileSync(marker, 'utf8'));
  } else {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`generating ${events} events over ${days} days in ${dir} ...\n`);
    info = await generateEventDrop({ outDir: dir, events, days, gzipLevel: 6 });
    writeFileSync(marker, JSON.stringify(info));
  }
  const results: Record<string, { seconds: number; cpu: number; rssMb: number }[]> = {
    duckdb: [],
    'duckdb-lines': [],
    node: []
  };
  const store = join(dir, 'store-bench');
  for (let i = 0; i < Number(values.runs); i++) {
    for (const mode of ['duckdb', 'duckdb-lines', 'node'] as const) {
      rmSync(store, { recursive: true, force: true });
      mkdirSync(store, { recursive: true });
      const args =
        mode === 'node'
          ? [join(root, 'bin', 'samced.mjs'), 'index', '--data', dir, '--org', ORG, '--store', store]
          : [
              '--import',
              'tsx',
              join(root, 'scripts', 'bench-store.ts'),
              '--mode',
              mode,
              '--data',
              dir,
              '--store',
              store
            ];
      const r = timed(process.execPath, args);
      results[mode]!.push(r);
      process.stderr.write(
        `${mode} run ${i + 1}: ${r.seconds.toFixed(1)} s, ${r.cpu.toFixed(1)} CPU s, ${r.rssMb.toFixed(0)} MB\n`
      );
    }
  }
  rmSync(store, { recursive: true, force: true });
  const lines = [
    `${events} lines in ${info.files.length} files (${(info.bytes / 1e6).toFixed(1)} MB gz), ${values.runs} interleaved runs`
  ];
  for (const [mode, rs] of Object.entries(results)) {
    lines.push(
      `${mode.padEnd(7)} wall ${stats(rs.map((r) => r.seconds))} s; CPU ${stats(rs.map((r) => r.cpu))} s; peak RSS ${Math.max(...rs.map((r) => r.rssMb)).toFixed(0)} MB`
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

(values.mode === 'duckdb'
  ? duckdbIndex(values.data!, values.store!)
  : values.mode === 'duckdb-lines'
    ? duckdbLinesIndex(values.data!, values.store!)
    : driver()
).catch((error) => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
});
