/**
 * `npm run bench -- [--lines 3M] [--days 30] [--repeat 3] [--rows a,b,...] [--samced <bin/samced.mjs>]`: the event store
 * benchmark of issue 20. On a generated org-wide drop (D daily files, five courses, the course of
 * interest about 20 % of the lines; cached under .cache/bench/ by its parameters), each round runs,
 * one after the other and each as processes of its own:
 *   floor   Node's zlib inflating every daily file, two processes (half of the files each)
 *   zcat    `zcat` of the same files, two processes (reference only)
 *   bare    the DuckDB query a researcher would type: read_json over the .log.gz files with the
 *           columns it needs declared, the course filter, counts per user and event type
 *   index   `samced index` of every course into a fresh store
 *   cold    `samced build` of the course of interest without a store (`--no-store`)
 *   store   the same build from the store (`--store`)
 *   second  a second course built from the same store
 *   append  `samced index` of the drop plus the next day into a copy of the store (one file read)
 *   oneday  `samced index` of a drop holding only that next day, into a fresh store
 * and prints min / median / max wall seconds and the peak RSS of each (GNU time's %M, or without
 * /usr/bin/time each Node process's own maxRSS), the ratios to the bare query and to the floor,
 * and issue 20's targets, met or not. A build that rejects `--store` / `--no-store` (a samced
 * without the store) gives `n/a` for the rows that need it.
 *
 * `npm run bench -- --notebooks [--lines N] [--repeat R] [--no-all] [--compare-source]`: the
 * notebook kernel, as min / median / max over R interleaved rounds (each round: 03-video on the
 * generated drop, then `run all` on the sample):
 *  - kernel start (spawn to the first kernel_info round trip) and the first cell importing
 *    kernel-lib, read from the run records of the executed notebooks;
 *  - the whole `samced run notebooks/03-video.ipynb` process on the drop of N lines, with its
 *    events read from the store (or the events cache) filled by one run first;
 *  - the whole `samced run all` process on the sample (unless --no-all).
 * --compare-source adds, in the same rounds, the 03-video run with SAMCED_KERNEL_LIB=source (tslab
 * compiles kernel-lib itself, as before the library was compiled ahead).
 *
 * Figures, not timed tests: they depend on the machine and on what else runs on it.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { generateEventDrop } from './sample/event-drop';
import { addDays } from './sample/time';
import { courseKeyForms, parseCourseKey, type CourseKey } from '../kernel-lib/drop/course-key';

const { values } = parseArgs({
  options: {
    lines: { type: 'string' },
    days: { type: 'string', default: '30' },
    repeat: { type: 'string', default: '3' },
    rows: { type: 'string' },
    samced: { type: 'string' },
    notebooks: { type: 'boolean', default: false },
    'no-all': { type: 'boolean', default: false },
    'compare-source': { type: 'boolean', default: false }
  }
});

/** `3M`, `600k`, `3000000`. */
function count(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) throw new Error(`--lines: not a number of lines: ${text}`);
  const unit = match[2]!.toLowerCase();
  return Math.round(Number(match[1]) * (unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : 1));
}

const lines = count(values.lines ?? (values.notebooks ? '600k' : '3M'));
const days = Number(values.days);
const repeat = Number(values.repeat);
const root = process.cwd();
/** The samced under test (another checkout's bin/samced.mjs compares versions on the same drop). */
const samced = values.samced ?? join(root, 'bin', 'samced.mjs');
const ORG = 'BenchX';

// ---------------------------------------------------------------- the drop

/** Bumped when the generated drop's layout changes (a new key, a fresh drop). */
const DROP_FORMAT = 2;

interface BenchDrop {
  /** The drop of `days` daily files. */
  data: string;
  files: string[];
  bytes: number;
  lines: number;
  courseOfInterest: string;
  eventsOfInterest: number;
  /** A second course with a snapshot. */
  secondCourse: string;
  /** A drop holding only the day after the last one (same generator, another seed). */
  nextDay: { data: string; file: string; lines: number };
}

/** The bench's drops, generated once per parameters into .cache/bench/. */
async function benchDrop(): Promise<BenchDrop> {
  const dir = join(root, '.cache', 'bench', `lines-${lines}-days-${days}-v${DROP_FORMAT}`);
  const marker = join(dir, 'bench.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as BenchDrop;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  process.stderr.write(`generating ${lines} lines over ${days} days in ${dir} ...\n`);
  const t = Date.now();
  const data = join(dir, 'drop');
  const info = await generateEventDrop({ outDir: data, events: lines, days, gzipLevel: 6, snapshotCourses: 2 });
  const firstDay = /(\d{4}-\d{2}-\d{2})\.log\.gz$/.exec(info.files[0]!)![1]!;
  const nextData = join(dir, 'next-day');
  const next = await generateEventDrop({
    outDir: nextData,
    events: Math.round(lines / days),
    days: 1,
    firstDay: addDays(firstDay, days),
    gzipLevel: 6,
    seed: 2
  });
  process.stderr.write(`generated in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  const drop: BenchDrop = {
    data,
    files: info.files,
    bytes: info.bytes,
    lines: info.events,
    courseOfInterest: info.courseOfInterest,
    eventsOfInterest: info.eventsOfInterest,
    secondCourse: info.snapshotCourseIds[1]!,
    nextDay: { data: nextData, file: next.files[0]!, lines: next.events }
  };
  writeFileSync(marker, JSON.stringify(drop));
  return drop;
}

/** A drop of hard links to `files` (paths kept relative to their drops): the same files, sizes and times. */
function linkedDrop(dir: string, files: Array<{ drop: string; file: string }>): void {
  for (const { drop, file } of files) {
    const target = join(dir, relative(drop, file));
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    linkSync(file, target);
  }
}

// ---------------------------------------------------------------- measuring

interface Job {
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

interface Measured {
  seconds: number;
  /** Peak RSS of the largest process (MiB), when known. */
  rssMb: number | null;
  /** User + system CPU seconds of all jobs, when known. */
  cpu: number | null;
  stdout: string;
  stderr: string;
}

class JobFailed extends Error {
  constructor(
    readonly job: Job,
    readonly stderr: string
  ) {
    super(`${job.cmd} ${job.args.join(' ')} failed: ${stderr.trim().split('\n').slice(-5).join('\n')}`);
  }
}

const GNU_TIME = '/usr/bin/time';
const haveTime = existsSync(GNU_TIME) && !process.env.SAMCED_BENCH_NO_TIME;

/**
 * Without GNU time: every Node process (worker threads aside) appends its own maxRSS (KiB) and
 * CPU microseconds to the file in $SAMCED_BENCH_RSS when it exits.
 */
const RSS_PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    "import{isMainThread}from'node:worker_threads';import{appendFileSync}from'node:fs';" +
      "if(isMainThread&&process.env.SAMCED_BENCH_RSS)process.on('exit',()=>{const u=process.resourceUsage();" +
      "appendFileSync(process.env.SAMCED_BENCH_RSS,u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)/1e6+'\\n')})"
  );

let scratchCount = 0;

function runOne(
  job: Job,
  scratch: string
): Promise<{ stdout: string; stderr: string; rssKb: number | null; cpu: number | null }> {
  const stats = join(scratch, `stats-${++scratchCount}`);
  const env = { ...process.env, ...job.env };
  let cmd = job.cmd;
  let args = job.args;
  if (haveTime) {
    args = ['-o', stats, '-f', '%M %U %S', cmd, ...args];
    cmd = GNU_TIME;
  } else {
    env.SAMCED_BENCH_RSS = stats;
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${RSS_PRELOAD}`.trim();
  }
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) return reject(new JobFailed(job, stderr));
      let rssKb: number | null = null;
      let cpu: number | null = null;
      if (existsSync(stats)) {
        for (const line of readFileSync(stats, 'utf8').trim().split('\n')) {
          const [kb, a, b] = line.split(' ').map(Number);
          if (!Number.isFinite(kb)) continue; // GNU time's notes ("Command exited ...")
          rssKb = Math.max(rssKb ?? 0, kb!);
          cpu = (cpu ?? 0) + a! + (haveTime ? b! : 0);
        }
        rmSync(stats);
      }
      resolve({ stdout, stderr, rssKb, cpu });
    });
  });
}

/** Runs the jobs at once; wall time until the last ends, the largest peak RSS, the CPU of all. */
async function measure(jobs: Job[], scratch: string): Promise<Measured> {
  const started = performance.now();
  const results = await Promise.all(jobs.map((job) => runOne(job, scratch)));
  const seconds = (performance.now() - started) / 1000;
  const rss = results.map((r) => r.rssKb);
  const cpu = results.map((r) => r.cpu);
  return {
    seconds,
    rssMb: rss.every((r) => r !== null) ? Math.max(...(rss as number[])) / 1024 : null,
    cpu: cpu.every((c) => c !== null) ? (cpu as number[]).reduce((a, b) => a + b, 0) : null,
    stdout: results.map((r) => r.stdout).join(''),
    stderr: results.map((r) => r.stderr).join('')
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; // an even count: the mean of the middle two
};

const spread = (xs: number[], unit = 's', digits = 2): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]!.toFixed(digits)} ${unit}, median ${median(xs).toFixed(digits)} ${unit}, max ${s[s.length - 1]!.toFixed(digits)} ${unit}`;
};

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// ---------------------------------------------------------------- the event store bench

/** Node's zlib over the files given as arguments, output counted and dropped (the floor's process). */
const INFLATE_CODE = `import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
let bytes = 0;
for (const file of process.argv.slice(1)) {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 1 << 20 }))) bytes += chunk.length;
}
process.stdout.write(bytes + '\\n');`;

/** The bare query: argv = a JSON list of the daily files, then the course id in its two forms. */
const BARE_CODE = `import { DuckDBInstance } from '@duckdb/node-api';
const [files, v1, slash] = [JSON.parse(process.argv[1]), process.argv[2], process.argv[3]];
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
const result = await connection.runAndReadAll(\`SELECT context.user_id AS user_id, event_type, count(*) AS n
  FROM read_json([\${files.map(q).join(', ')}], format = 'newline_delimited', compression = 'gzip',
    columns = {'event_type': 'VARCHAR', 'context': 'STRUCT(course_id VARCHAR, user_id VARCHAR)'})
  WHERE context.course_id IN (\${q(v1)}, \${q(slash)})
  GROUP BY ALL\`);
process.stdout.write(result.getRows().length + ' rows\\n');`;

const ROWS = ['floor', 'zcat', 'bare', 'index', 'cold', 'store', 'second', 'append', 'oneday'] as const;
type Row = (typeof ROWS)[number];

const LABELS: Record<Row, string> = {
  floor: 'Node zlib, 2 processes (floor)',
  zcat: 'zcat, 2 processes (reference)',
  bare: 'bare DuckDB read_json query',
  index: 'samced index, every course',
  cold: 'samced build, cold',
  store: 'samced build, from the store',
  second: 'second course, same store',
  append: 'index: append 1 day to 30',
  oneday: 'index: that day alone'
};

/** Why a row has no figure (the samced under test lacks an option), by row. */
const unavailable = new Map<Row, string>();

function buildArgs(drop: BenchDrop, course: string, out: string, dates: string[]): string[] {
  const key = parseCourseKey(course)!;
  return [
    samced,
    'build',
    '--data',
    drop.data,
    '--org',
    key.org,
    '--course',
    key.course,
    '--run',
    key.run,
    '--start',
    dates[0]!,
    '--end',
    dates[dates.length - 1]!,
    '--out',
    out
  ];
}

const rejected = (error: unknown, flag: string) =>
  error instanceof JobFailed && new RegExp(`unknown option '${flag}'`, 'i').test(error.stderr);

async function storeBench() {
  const drop = await benchDrop();
  const chosen = new Set<Row>(values.rows ? (values.rows.split(',').map((r) => r.trim()) as Row[]) : ROWS);
  for (const row of chosen)
    if (!ROWS.includes(row)) throw new Error(`--rows: no row ${row} (rows: ${ROWS.join(', ')})`);
  // the store rows need the store the index row writes
  if (['store', 'second', 'append'].some((r) => chosen.has(r as Row))) chosen.add('index');
  if (chosen.has('append')) chosen.add('oneday');
  const rows = ROWS.filter((r) => chosen.has(r));

  const key: CourseKey = parseCourseKey(drop.courseOfInterest)!;
  const [v1, slash] = courseKeyForms(key);
  const dates = drop.files.map((f) => /(\d{4}-\d{2}-\d{2})\.log\.gz$/.exec(f)![1]!).sort();
  const half = Math.ceil(drop.files.length / 2);
  const halves = [drop.files.slice(0, half), drop.files.slice(half)];
  const work = mkdtempSync(join(dirname(drop.data), 'work-'));
  const store = join(work, 'store');
  const appendDrop = join(work, 'append-drop');
  linkedDrop(appendDrop, [
    ...drop.files.map((file) => ({ drop: drop.data, file })),
    { drop: drop.nextDay.data, file: drop.nextDay.file }
  ]);

  const node = (args: string[], env?: NodeJS.ProcessEnv): Job => ({ cmd: process.execPath, args, env });
  const index = (data: string, into: string) => node([samced, 'index', '--data', data, '--org', ORG, '--store', into]);
  let coldFlag = '--no-store';
  let secondSource = 'not read from the manifest';
  let appendRead = '';

  const results = new Map<Row, Measured[]>(rows.map((r) => [r, []]));
  const once = async (row: Row, round: number): Promise<void> => {
    if (unavailable.has(row)) return;
    const out = join(work, 'out');
    rmSync(out, { recursive: true, force: true });
    let m: Measured;
    try {
      switch (row) {
        case 'floor':
          m = await measure(
            halves.map((files) => node(['--input-type=module', '-e', INFLATE_CODE, ...files])),
            work
          );
          break;
        case 'zcat':
          m = await measure(
            halves.map((files) => ({ cmd: 'sh', args: ['-c', 'zcat "$@" > /dev/null', 'zcat', ...files] })),
            work
          );
          break;
        case 'bare':
          m = await measure(
            [node(['--input-type=module', '-e', BARE_CODE, JSON.stringify(drop.files), v1!, slash!])],
            work
          );
          break;
        case 'index':
          rmSync(store, { recursive: true, force: true });
          m = await measure([index(drop.data, store)], work);
          break;
        case 'cold':
          try {
            m = await measure([node([...buildArgs(drop, drop.courseOfInterest, out, dates), coldFlag])], work);
          } catch (error) {
            if (coldFlag !== '--no-store' || !rejected(error, '--no-store')) throw error;
            coldFlag = '--no-cache'; // a samced without the store: its events cache, off
            return once(row, round);
          }
          break;
        case 'store':
        case 'second': {
          const course = row === 'store' ? drop.courseOfInterest : drop.secondCourse;
          try {
            m = await measure([node([...buildArgs(drop, course, out, dates), '--store', store])], work);
          } catch (error) {
            if (!rejected(error, '--store')) throw error;
            unavailable.set('store', 'n/a (needs --store)');
            unavailable.set('second', 'n/a (needs --store)');
            return;
          }
          if (row === 'second') {
            const source = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).events?.source;
            secondSource =
              source === undefined
                ? 'the manifest does not say where the events came from'
                : `events read from: ${source}`;
          }
          break;
        }
        case 'append': {
          const copy = join(work, 'store-append');
          rmSync(copy, { recursive: true, force: true });
          // a copy of hard links: the index writes new files and renames its ledger, it never writes a file in place
          await measure([{ cmd: 'cp', args: ['-al', store, copy] }], work);
          m = await measure([index(appendDrop, copy)], work);
          appendRead = /index: (\d+ of \d+) daily file/.exec(m.stderr)?.[1] ?? '?';
          rmSync(copy, { recursive: true, force: true });
          break;
        }
        case 'oneday': {
          const one = join(work, 'store-one');
          rmSync(one, { recursive: true, force: true });
          m = await measure([index(drop.nextDay.data, one)], work);
          rmSync(one, { recursive: true, force: true });
          break;
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    results.get(row)!.push(m);
    const rss = m.rssMb === null ? 'RSS n/a' : `${m.rssMb.toFixed(0)} MiB`;
    process.stderr.write(
      `round ${round + 1}: ${row.padEnd(7)} ${m.seconds.toFixed(2)} s, ${rss}, ${m.cpu === null ? '-' : m.cpu.toFixed(1)} CPU s   (load ${loadAverage()})\n`
    );
  };

  const loadBefore = loadAverage();
  // Ctrl-C: the stores and outputs of the round go too
  const stop = () => {
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    await measure([node([samced, '--help'])], work); // compiles the CLI ahead if it must
    for (let round = 0; round < repeat; round++) {
      for (const row of rows) await once(row, round);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const med = (row: Row) => (results.get(row)?.length ? median(results.get(row)!.map((m) => m.seconds)) : undefined);
  const peak = (row: Row) => {
    const rss = results.get(row)?.map((m) => m.rssMb) ?? [];
    return rss.length && rss.every((r) => r !== null) ? Math.max(...(rss as number[])) : undefined;
  };
  const ratio = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined ? (a / b).toFixed(2) : '-';
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'met' : 'NOT MET');
  const GB = 1024;

  // CPU seconds (user + system, median) move less than wall time when other work shares the machine
  const cpuMed = (row: Row) => {
    const ms = results.get(row) ?? [];
    return ms.length && ms.every((m) => m.cpu !== null) ? median(ms.map((m) => m.cpu!)) : undefined;
  };
  const head = `${'row'.padEnd(40)} ${'wall s: min / median / max'.padEnd(28)} ${'peak RSS'.padStart(9)} ${'CPU s'.padStart(6)} ${'/bare'.padStart(6)} ${'/floor'.padStart(6)} ${'CPU/bare'.padStart(9)} ${'CPU/floor'.padStart(9)}`;
  const table = [head];
  for (const row of rows) {
    const ms = results.get(row)!;
    if (ms.length === 0) {
      table.push(`${LABELS[row].padEnd(40)} ${unavailable.get(row) ?? 'n/a'}`);
      continue;
    }
    const s = ms.map((m) => m.seconds).sort((a, b) => a - b);
    const cpu = cpuMed(row)?.toFixed(1) ?? '-';
    const rss = peak(row);
    const label = row === 'cold' ? `${LABELS[row]} (${coldFlag})` : LABELS[row];
    table.push(
      `${label.padEnd(40)} ${`${s[0]!.toFixed(2)} / ${median(s).toFixed(2)} / ${s[s.length - 1]!.toFixed(2)}`.padEnd(28)} ${(rss === undefined ? 'n/a' : `${rss.toFixed(0)} MiB`).padStart(9)} ${cpu.padStart(6)} ${ratio(med(row), med('bare')).padStart(6)} ${ratio(med(row), med('floor')).padStart(6)} ${ratio(cpuMed(row), cpuMed('bare')).padStart(9)} ${ratio(cpuMed(row), cpuMed('floor')).padStart(9)}`
    );
  }

  const over = (x: number | undefined, y: number | undefined) =>
    x !== undefined && y !== undefined ? x / y : undefined;
  const target = (name: string, row: Row, of: Row, limit: number) => {
    const value = over(med(row), med(of));
    const cpu = over(cpuMed(row), cpuMed(of));
    return `${name.padEnd(44)} ${value === undefined ? '-' : value.toFixed(2)} (CPU ${cpu === undefined ? '-' : cpu.toFixed(2)}; target <= ${limit} x ${of}): ${verdict(value === undefined ? undefined : value <= limit)}`;
  };
  const rssRows = (['index', 'cold', 'store', 'second', 'append'] as Row[]).filter((r) => peak(r) !== undefined);
  const worst = rssRows.length ? Math.max(...rssRows.map((r) => peak(r)!)) : undefined;
  const targets = [
    target('cold build / bare query', 'cold', 'bare', 1.3),
    target('build from the store / bare query', 'store', 'bare', 0.7),
    target('index of every course / bare query', 'index', 'bare', 1.5),
    `${'second course from the same store'.padEnd(44)} ${results.get('second')?.length ? secondSource : (unavailable.get('second') ?? 'n/a')} (target: no log file read again): ${verdict(
      results.get('second')?.length ? secondSource === 'events read from: store' : undefined
    )}`,
    target(`append one day / that day alone${appendRead ? ` (${appendRead} read)` : ''}`, 'append', 'oneday', 1.2),
    `${'peak RSS of index and builds'.padEnd(44)} ${worst === undefined ? '-' : `${worst.toFixed(0)} MiB (${rssRows.map((r) => `${r} ${peak(r)!.toFixed(0)}`).join(', ')})`} (target < 1 GB): ${verdict(worst === undefined ? undefined : worst < GB)}`
  ];
  const out = [
    `drop: ${drop.lines} lines in ${drop.files.length} daily files (${(drop.bytes / 1e6).toFixed(1)} MB gzip), course of interest ${drop.courseOfInterest}: ${drop.eventsOfInterest} lines; second course ${drop.secondCourse}; next day ${drop.nextDay.lines} lines`,
    `${repeat} interleaved round(s); peak RSS from ${haveTime ? 'GNU time (%M)' : "each Node process's maxRSS"}; load average before ${loadBefore}, after ${loadAverage()}`,
    '',
    ...table,
    '',
    'targets (issue 20), on the medians:',
    ...targets
  ];
  process.stdout.write(out.join('\n') + '\n');
}

// ---------------------------------------------------------------- the notebook kernel bench

/** Kernel start and first importing cell (seconds) of every executed notebook in `out`. */
function kernelTimings(out: string): Array<{ notebook: string; start: number; firstImport: number }> {
  return readdirSync(out)
    .filter((name) => name.endsWith('.ipynb'))
    .sort()
    .map((name) => {
      const nb = JSON.parse(readFileSync(join(out, name), 'utf8'));
      const timings = nb.metadata.samced.timings as { kernelStartMs: number; cellMs: number[] };
      // cellMs follows the non-empty code cells in order, the injected parameters cell included
      const code = nb.cells.filter(
        (c: { cell_type: string; source: string | string[] }) =>
          c.cell_type === 'code' && [c.source].flat().join('').trim() !== ''
      );
      const at = code.findIndex((c: { source: string | string[] }) =>
        /from '\.\/kernel-lib\//.test([c.source].flat().join(''))
      );
      return { notebook: name, start: timings.kernelStartMs / 1000, firstImport: (timings.cellMs[at] ?? NaN) / 1000 };
    });
}

async function notebooksBench() {
  const drop = await benchDrop();
  const key = parseCourseKey(drop.courseOfInterest)!;
  const dates = drop.files.map((f) => /(\d{4}-\d{2}-\d{2})\.log\.gz$/.exec(f)![1]!).sort();
  const notebook = join(root, 'notebooks', '03-video.ipynb');
  const scratch = mkdtempSync(join(tmpdir(), 'samced-bench-notebooks-'));
  // a notebook with the events cache's parameter fills that cache; else the default store beside the drop
  const cacheParam = readFileSync(notebook, 'utf8').includes('cacheDir')
    ? ['--param', `cacheDir=${join(scratch, 'events-cache')}`]
    : [];
  const video = (out: string) => [
    samced,
    'run',
    notebook,
    '--out',
    out,
    '--param',
    `data=${drop.data}`,
    '--param',
    `org=${key.org}`,
    '--param',
    `course=${key.course}`,
    '--param',
    `run=${key.run}`,
    '--param',
    `start=${dates[0]}`,
    '--param',
    `end=${dates[dates.length - 1]}`,
    ...cacheParam
  ];
  const timed = async (args: string[], env?: NodeJS.ProcessEnv) =>
    (await measure([{ cmd: process.execPath, args, env }], scratch)).seconds;
  const starts: number[] = [];
  const imports: number[] = [];
  const videoRuns: number[] = [];
  const allRuns: number[] = [];
  const source = { starts: [] as number[], imports: [] as number[], video: [] as number[] };
  try {
    if (cacheParam.length === 0) await timed([samced, 'index', '--data', drop.data, '--org', key.org]);
    await timed(video(join(scratch, 'fill'))); // fills the compiled library (and the OS's file cache)
    for (let i = 0; i < repeat; i++) {
      const out = join(scratch, `video-${i}`);
      videoRuns.push(await timed(video(out)));
      for (const t of kernelTimings(out)) {
        starts.push(t.start);
        imports.push(t.firstImport);
      }
      if (values['compare-source']) {
        const sourceOut = join(scratch, `video-source-${i}`);
        source.video.push(await timed(video(sourceOut), { SAMCED_KERNEL_LIB: 'source' }));
        for (const t of kernelTimings(sourceOut)) {
          source.starts.push(t.start);
          source.imports.push(t.firstImport);
        }
      }
      if (!values['no-all']) {
        const all = join(scratch, `all-${i}`);
        allRuns.push(await timed([samced, 'run', 'all', '--out', all]));
        for (const t of kernelTimings(all)) {
          starts.push(t.start);
          imports.push(t.firstImport);
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const out = [
    `drop                       ${drop.lines} lines, course of interest ${drop.courseOfInterest}: ${drop.eventsOfInterest}; ${repeat} interleaved rounds`,
    `kernel start               ${spread(starts)}   (target < 1.2 s every time; ${starts.length} starts)`,
    `first importing cell       ${spread(imports)}   (target < 0.5 s)`,
    `samced run 03-video, warm  ${spread(videoRuns)}   (whole process, events stored; target < 2.5 s)`
  ];
  if (source.video.length) {
    out.push(
      `  kernel-lib from source:  kernel start ${spread(source.starts)}`,
      `                           first importing cell ${spread(source.imports)}`,
      `                           samced run 03-video, warm ${spread(source.video)}`
    );
  }
  if (allRuns.length) out.push(`samced run all, sample     ${spread(allRuns)}   (whole process; target < 25 s)`);
  out.push(
    `load average now           ${loadAverage()}   (figures are wall-clock: other work on the machine inflates them)`
  );
  process.stdout.write(out.join('\n') + '\n');
}

(values.notebooks ? notebooksBench() : storeBench()).catch((error) => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
});
