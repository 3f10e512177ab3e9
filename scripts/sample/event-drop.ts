/**
 * A large synthetic org-wide drop for benchmarks: N tracking-log lines over D daily files
 * (`edx-course-data/<org>/edx/events/<YYYY>/<org>-edx-events-<day>.log.gz`) across several
 * courses (both id styles), the course of interest a minority share, plus a small snapshot
 * folder for that course so a SAMCED build can run on it. Lines are streamed into gzip one
 * session at a time; the event shapes are the sample's own builders.
 *
 * Days are split between worker threads (day d goes to part d mod parts). Each part simulates
 * its own learners' progress through the courses; the course of interest's studentmodule and
 * forum state of all parts is merged for the snapshot. Output is deterministic for a given seed
 * and number of workers.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type BenchCourse, type PartResult, benchCourses, runPart } from './event-drop-part';
import { writeBenchSnapshot } from './event-drop-snapshot';
import { addDays } from './time';

/** Options of {@link generateEventDrop}. */
export interface EventDropOptions {
  /** Folder to write the drop into (created; existing files with the same names are replaced). */
  outDir: string;
  /** Total number of event lines. */
  events: number;
  /** Number of daily files (consecutive days). */
  days: number;
  /** Number of courses, the course of interest included (default 5; the others alternate old/new id styles). */
  courses?: number;
  /** Share of lines in the course of interest (default 0.2). */
  shareOfInterest?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Organisation (default `BenchX`; lower-cased in paths). */
  org?: string;
  /** First day (default 2026-01-05). */
  firstDay?: string;
  /** gzip level of the daily files (default 1: fast; files about 1.5x larger than level 6). */
  gzipLevel?: number;
  /** Learners per course (default: one per 300 lines of the course, at least 20, at most 2000). */
  learnersPerCourse?: number;
  /** Worker threads (default: 2 when the machine has 2 or more cores; 1 runs in this thread). */
  workers?: number;
  /**
   * Courses given a snapshot, from the first (default 1: the course of interest only). The others
   * get their structure, learners and enrolments, without studentmodule state or forum.
   */
  snapshotCourses?: number;
  /** Called after each daily file with the number of lines written so far (all workers). */
  onProgress?: (linesWritten: number, file: string) => void;
}

/** What was written. */
export interface EventDropResult {
  /** Daily event files, absolute paths, in day order. */
  files: string[];
  /** Total bytes of the daily files. */
  bytes: number;
  courseOfInterest: string;
  /** Course ids with a snapshot, the course of interest first. */
  snapshotCourseIds: string[];
  /** Lines written in total and in the course of interest. */
  events: number;
  eventsOfInterest: number;
  /** The snapshot folder with the course of interest's tables. */
  snapshotDir: string;
}

/** The plain-data part of the options a worker receives. */
export type PartOptions = Omit<EventDropOptions, 'onProgress'> & { part: number; parts: number };

/** Runs one part in a worker thread (tsx is registered there first, so it can load this TypeScript). */
function runPartInWorker(options: PartOptions, onProgress: (lines: number, file: string) => void): Promise<PartResult> {
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./event-drop-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: options });
    worker.on('message', (message: { progress?: [number, string]; result?: PartResult }) => {
      if (message.progress) onProgress(...message.progress);
      if (message.result) resolve(message.result);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`event drop worker ${options.part} exited with code ${code}`));
    });
  });
}

/**
 * Generates a benchmark drop. Memory is flat in the number of events (one session in memory at a
 * time, lines streamed into gzip); it grows only with learners (capped) and the course of
 * interest's studentmodule and forum state.
 */
export async function generateEventDrop(options: EventDropOptions): Promise<EventDropResult> {
  const parts = Math.max(1, Math.min(options.days, options.workers ?? (availableParallelism() >= 2 ? 2 : 1)));
  const { onProgress, ...plain } = options;
  const linesByPart = new Array<number>(parts).fill(0);
  const progress = (part: number) => (lines: number, file: string) => {
    linesByPart[part] = lines;
    onProgress?.(
      linesByPart.reduce((a, b) => a + b, 0),
      file
    );
  };
  const results: PartResult[] =
    parts === 1
      ? [await runPart({ ...plain, part: 0, parts: 1 }, progress(0))]
      : await Promise.all(
          Array.from({ length: parts }, (_, part) => runPartInWorker({ ...plain, part, parts }, progress(part)))
        );
  const files = results.flatMap((r) => r.files).sort();
  const courses = benchCourses(plain);
  const interest: BenchCourse = courses[0]!;
  const first = plain.firstDay ?? '2026-01-05';
  const snapshotDay = addDays(first, plain.days);
  const snapshotDir = join(plain.outDir, 'course-data', `${interest.course.org.toLowerCase()}-${snapshotDay}`);
  await writeBenchSnapshot(snapshotDir, interest, results, snapshotDay, plain.seed ?? 1);
  const withSnapshot = courses.slice(0, Math.max(1, plain.snapshotCourses ?? 1));
  // the parts keep studentmodule and forum state of the course of interest only
  const noState = results.map((r) => ({ ...r, ledger: [], forum: [] }));
  for (const c of withSnapshot.slice(1))
    await writeBenchSnapshot(snapshotDir, c, noState, snapshotDay, plain.seed ?? 1, false);
  return {
    files,
    bytes: results.reduce((s, r) => s + r.bytes, 0),
    courseOfInterest: interest.course.courseId,
    snapshotCourseIds: withSnapshot.map((c) => c.course.courseId),
    events: results.reduce((s, r) => s + r.written, 0),
    eventsOfInterest: results.reduce((s, r) => s + r.ofInterest, 0),
    snapshotDir
  };
}
