/**
 * `npm run bench -- --notebooks [--events N] [--runs R] [--no-all]`: the notebook kernel, as
 * min / median / max over R interleaved rounds (each round: 03-video on the generated drop, then
 * `run all` on the sample):
 *  - kernel start (spawn to the first kernel_info round trip) and the first cell importing
 *    kernel-lib, read from the run records of the executed notebooks;
 *  - the whole `samced run notebooks/03-video.ipynb` process on the drop of N events, with its
 *    events cache filled (one run first fills it);
 *  - the whole `samced run all` process on the sample (unless --no-all).
 * --compare-source adds, in the same rounds, the 03-video run with SAMCED_KERNEL_LIB=source (tslab
 * compiles kernel-lib itself, as before the library was compiled ahead).
 * Figures, not timed tests: the numbers depend on the machine.
 *
 * Benchmark (`npm run bench -- --events N [--days D] [--runs R]`): generates an org-wide drop of N
 * events (several courses, the course of interest a 20 % minority), then times
 *  (a) the decompression floor: `zcat` of the selected daily files, one stream and two parallel streams;
 *  (b) the whole `samced build` process (every table, SQLite and CSVs written),
 * and prints the ratio build / two-stream floor, events per second and the build's peak RSS.
 * Ratios, not timed tests: the numbers depend on the machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateEventDrop } from './sample/event-drop';
import { parseCourseKey } from '../kernel-lib/drop/course-key';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '600000' },
    days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    dir: { type: 'string' },
    notebooks: { type: 'boolean', default: false },
    'no-all': { type: 'boolean', default: false },
    'compare-source': { type: 'boolean', default: false }
  }
});
const events = Number(values.events);
const days = Number(values.days);
const runs = Number(values.runs);
const root = process.cwd();
const dir = values.dir ?? join(root, '.cache', `bench-${events}-${days}`);

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { seconds: number; rssMb: number; cpu: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.slice(-2000)}`);
  const [seconds, kb, user, system] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds: seconds!, rssMb: kb! / 1024, cpu: user! + system! };
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; // an even count: the mean of the middle two
};

type DropInfo = { files: string[]; courseOfInterest: string; eventsOfInterest: number; bytes: number };

async function benchDrop(): Promise<DropInfo> {
  const marker = join(dir, 'bench.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as DropInfo;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`generating ${events} events over ${days} days in ${dir} ...\n`);
  const t = Date.now();
  const info = await generateEventDrop({ outDir: dir, events, days, gzipLevel: 6 });
  process.stderr.write(`generated in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  writeFileSync(marker, JSON.stringify(info));
  return info;
}

const spread = (xs: number[], unit = 's', digits = 2): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]!.toFixed(digits)} ${unit}, median ${median(xs).toFixed(digits)} ${unit}, max ${s[s.length - 1]!.toFixed(digits)} ${unit}`;
};

/** Kernel start and first importing cell (seconds) of every executed notebook in `out`. */
function kernelTimings(out: string): Array<{ notebook: string; start: number; firstImport: number }> {
  return readdirSync(out)
    .filter((name) => name.endsWith('.ipynb'))
    .sort()
    .map((name) => {
      const nb = JSON.parse(readFileSync(join(out, name), 'utf8'));
      const timings = nb.metadata.samced.timings as { kernelStartMs: number; cellMs: number[] };
      // cellMs follows the non-empty code cells in order, the injected parameters cell included
      const code = nb.cells.filter((c: { cell_type: string; source: string | string[] }) => c.cell_type === 'code' && [c.source].flat().join('').trim() !== '');
      const at = code.findIndex((c: { source: string | string[] }) => /from '\.\/kernel-lib\//.test([c.source].flat().join('')));
      return { notebook: name, start: timings.kernelStartMs / 1000, firstImport: (timings.cellMs[at] ?? NaN) / 1000 };
    });
}

async function notebooksBench() {
  const info = await benchDrop();
  const key = parseCourseKey(info.courseOfInterest)!;
  const dates = info.files.map((f) => /(\d{4}-\d{2}-\d{2})\.log\.gz$/.exec(f)![1]!).sort();
  const samced = join(root, 'bin', 'samced.mjs');
  const scratch = mkdtempSync(join(tmpdir(), 'samced-bench-notebooks-'));
  const video = (out: string) => [
    samced, 'run', join(root, 'notebooks', '03-video.ipynb'), '--out', out,
    '--param', `data=${dir}`, '--param', `org=${key.org}`, '--param', `course=${key.course}`, '--param', `run=${key.run}`,
    '--param', `start=${dates[0]}`, '--param', `end=${dates[dates.length - 1]}`, '--param', `cacheDir=${join(dir, 'events-cache')}`
  ];
  const starts: number[] = [];
  const imports: number[] = [];
  const videoRuns: number[] = [];
  const allRuns: number[] = [];
  const source = { starts: [] as number[], imports: [] as number[], video: [] as number[] };
  try {
    timed(process.execPath, video(join(scratch, 'fill'))); // fills the events cache and the compiled library
    for (let i = 0; i < runs; i++) {
      const out = join(scratch, `video-${i}`);
      videoRuns.push(timed(process.execPath, video(out)).seconds);
      for (const t of kernelTimings(out)) (starts.push(t.start), imports.push(t.firstImport));
      if (values['compare-source']) {
        const sourceOut = join(scratch, `video-source-${i}`);
        source.video.push(timed(process.execPath, video(sourceOut), { ...process.env, SAMCED_KERNEL_LIB: 'source' }).seconds);
        for (const t of kernelTimings(sourceOut)) (source.starts.push(t.start), source.imports.push(t.firstImport));
      }
      if (!values['no-all']) {
        const all = join(scratch, `all-${i}`);
        allRuns.push(timed(process.execPath, [samced, 'run', 'all', '--out', all]).seconds);
        for (const t of kernelTimings(all)) (starts.push(t.start), imports.push(t.firstImport));
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const lines = [
    `drop                       ${events} events, course of interest ${info.courseOfInterest}: ${info.eventsOfInterest}; ${runs} interleaved rounds`,
    `kernel start               ${spread(starts)}   (target < 1.2 s every time; ${starts.length} starts)`,
    `first importing cell       ${spread(imports)}   (target < 0.5 s)`,
    `samced run 03-video, warm  ${spread(videoRuns)}   (whole process, events cache filled; target < 2.5 s)`
  ];
  if (source.video.length) {
    lines.push(
      `  kernel-lib from source:  kernel start ${spread(source.starts)}`,
      `                           first importing cell ${spread(source.imports)}`,
      `                           samced run 03-video, warm ${spread(source.video)}`
    );
  }
  if (allRuns.length) lines.push(`samced run all, sample     ${spread(allRuns)}   (whole process; target < 25 s)`);
  lines.push(`load average now           ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}   (figures are wall-clock: other work on the machine inflates them)`);
  process.stdout.write(lines.join('\n') + '\n');
}

async function main() {
  if (values.notebooks) return notebooksBench();
  const info = await benchDrop();
  const key = parseCourseKey(info.courseOfInterest)!;
  const dates = info.files.map((f) => /(\d{4}-\d{2}-\d{2})\.log\.gz$/.exec(f)![1]!).sort();
  const half = Math.ceil(info.files.length / 2);
  const floor1: number[] = [];
  const floor2: number[] = [];
  const build: number[] = [];
  const cpu: number[] = [];
  const floorCpu: number[] = [];
  const warm: number[] = [];
  let rss = 0;
  let timings: Record<string, number> = {};
  for (let i = 0; i < runs; i++) {
    floor1.push(timed('sh', ['-c', `zcat ${info.files.join(' ')} > /dev/null`]).seconds);
    const f = timed('sh', ['-c', `printf '%s\\n' ${info.files.join(' ')} | xargs -P2 -n ${half} zcat > /dev/null`]);
    floor2.push(f.seconds);
    floorCpu.push(f.cpu);
    const out = join(dir, 'out');
    rmSync(out, { recursive: true, force: true });
    const args = [join(root, 'bin', 'samced.mjs'), 'build', '--data', dir, '--org', key.org, '--course', key.course, '--run', key.run, '--start', dates[0]!, '--end', dates[dates.length - 1]!, '--out', out];
    const b = timed(process.execPath, [...args, '--no-cache']);
    build.push(b.seconds);
    cpu.push(b.cpu);
    rss = Math.max(rss, b.rssMb);
    timings = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).timings;
    // a second build with the events cache (Parquet) filled: what a notebook re-run or rebuild costs
    const cache = join(dir, 'events-cache');
    rmSync(out, { recursive: true, force: true });
    timed(process.execPath, [...args, '--cache-dir', cache]);
    rmSync(out, { recursive: true, force: true });
    warm.push(timed(process.execPath, [...args, '--cache-dir', cache]).seconds);
    rmSync(cache, { recursive: true, force: true });
  }

  const f2 = median(floor2);
  const b = median(build);
  const lines = [
    `events                 ${events} in ${info.files.length} files (${(info.bytes / 1e6).toFixed(1)} MB gz), course of interest ${info.courseOfInterest}: ${info.eventsOfInterest}`,
    `zcat, one stream       ${median(floor1).toFixed(2)} s`,
    `zcat, two streams      ${f2.toFixed(2)} s   (the floor)`,
    `samced build           ${b.toFixed(2)} s   (cold, --no-cache; median of ${runs}; runs: ${build.map((x) => x.toFixed(2)).join(', ')})`,
    `samced build, cached   ${median(warm).toFixed(2)} s   (events read in place from the Parquet cache)`,
    `ratio build / floor    ${(b / f2).toFixed(2)}   (target <= 2.0)`,
    `events per second      ${Math.round(events / b).toLocaleString('en')}`,
    `peak RSS of the build  ${rss.toFixed(0)} MB   (target < 1536 MB)`,
    // CPU seconds move less than wall time when other work shares the machine; the build is CPU-bound on 2 cores
    `CPU of the build       ${median(cpu).toFixed(1)} s user+system (zcat floor: ${median(floorCpu).toFixed(1)} s); ${(median(cpu) / b).toFixed(2)} cores busy on average`
  ];
  lines.push('phases of the last build (s): ' + Object.entries(timings).map(([k, v]) => `${k} ${v}`).join(', '));
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
});
