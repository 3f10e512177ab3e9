/**
 * One part of a benchmark drop: the daily files of some days, generated session by session and
 * streamed into gzip. Runs in a worker thread or in the caller's thread.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { type ZlibOptions, createGzip } from 'node:zlib';
import { EDX_HOSTS } from './background';
import { type CourseDef, defineCourse } from './courses';
import { genericOutline } from './course-content';
import type { PartOptions } from './event-drop';
import type { TrackingEvent } from './event-envelope';
import { type DateForm, type ForumDoc, ForumStore } from './forum';
import { Ledger, type LedgerRow, exportLatest } from './ledger';
import type { Outline } from './outline';
import { Rng } from './prng';
import { type CourseProgress, type Learner, newProgress, runSession } from './session';
import { US_PER_DAY, US_PER_SECOND, addDays, dayStartUs } from './time';

/** Default cap on learners per course: keeps memory independent of the number of events. */
const MAX_LEARNERS = 2000;

/** A course of the benchmark drop with its simulated learners' state. */
export interface BenchCourse {
  course: CourseDef;
  outline: Outline;
  firstUserId: number;
  learners: number;
  progress: Map<number, CourseProgress>;
  learnerCache: Map<number, Learner>;
}

/** A forum document as plain data (the course as its id). */
export type ForumDocData = Omit<ForumDoc, 'course'> & { courseId: string };

/** What a part produced. */
export interface PartResult {
  files: string[];
  bytes: number;
  written: number;
  ofInterest: number;
  /** Latest studentmodule state of the course of interest. */
  ledger: LedgerRow[];
  /** Forum documents of the course of interest. */
  forum: ForumDocData[];
}

/** The courses of a drop (the course of interest first); the same in every part for the same options. */
export function benchCourses(options: Omit<PartOptions, 'part' | 'parts'>): BenchCourse[] {
  const rng = new Rng(options.seed ?? 1);
  const org = options.org ?? 'BenchX';
  const first = options.firstDay ?? '2026-01-05';
  const count = Math.max(1, options.courses ?? 5);
  const share = options.shareOfInterest ?? 0.2;
  const start = addDays(first, -7);
  const end = addDays(first, options.days + 7);
  const weeks = Math.min(12, Math.max(3, Math.ceil((options.days + 14) / 7)));
  const out: BenchCourse[] = [];
  for (let i = 0; i < count; i++) {
    const style = i % 2 === 0 ? 'new' : 'old';
    const course = defineCourse({
      label: i === 0 ? 'interest' : `other${i}`,
      org,
      number: i === 0 ? 'BIG101' : `C${100 + i}x`,
      run: style === 'new' ? '1T2026' : '2026_Spring',
      style,
      title: i === 0 ? 'Course of interest' : `Other course ${i}`,
      start,
      end,
      created: addDays(start, -60)
    });
    const lines = i === 0 ? options.events * share : (options.events * (1 - share)) / Math.max(1, count - 1);
    const learners = options.learnersPerCourse ?? Math.min(MAX_LEARNERS, Math.max(20, Math.round(lines / 300)));
    out.push({
      course,
      outline: genericOutline(course, weeks, rng.fork('outline', i)),
      firstUserId: 100_000 * (i + 1),
      learners,
      progress: new Map(),
      learnerCache: new Map()
    });
  }
  return out;
}

function learnerFor(c: BenchCourse, id: number, rng: Rng): Learner {
  let learner = c.learnerCache.get(id);
  if (!learner) {
    const r = rng.fork('learner', id);
    learner = {
      id,
      username: `learner${id}`,
      ip: id % 2 ? `198.51.100.${id % 250}` : `203.0.113.${id % 250}`,
      agent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      mobile: id % 5 === 0,
      skill: r.between(0.2, 0.95),
      tags: {}
    };
    c.learnerCache.set(id, learner);
  }
  return learner;
}

/** Writes one daily file from a source of sessions until `target` lines are written. */
async function writeDay(
  path: string,
  target: number,
  level: number,
  nextSession: (startUs: number, sink: TrackingEvent[]) => string,
  dayStart: number,
  onLine: (course: string) => void
): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  // A deep write buffer lets zlib (thread pool) compress one chunk while the next is generated;
  // zlib passes the option on to its Transform stream although ZlibOptions does not list it.
  const options: ZlibOptions & { writableHighWaterMark: number } = { level, writableHighWaterMark: 8 << 20 };
  const gzip = createGzip(options);
  const out = createWriteStream(path);
  gzip.pipe(out);
  let written = 0;
  // Lines are pure ASCII (Python-style escaping), so latin1 bytes are the UTF-8 bytes. Each
  // chunk is a fresh buffer: zlib keeps a reference until it has compressed it.
  const CHUNK = 1 << 20;
  let buffer = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const flush = async () => {
    if (used === 0) return;
    const full = buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(CHUNK);
    used = 0;
    if (!gzip.write(full)) await once(gzip, 'drain');
  };
  const sink: TrackingEvent[] = [];
  while (written < target) {
    sink.length = 0;
    const startUs = dayStart + Math.floor((written / target) * (US_PER_DAY - 3600 * US_PER_SECOND));
    const course = nextSession(startUs, sink);
    sink.sort((a, b) => a.arrivalUs - b.arrivalUs);
    for (const e of sink) {
      if (written >= target) break;
      if (e.line.length + 1 > CHUNK) throw new Error('line longer than a chunk');
      if (used + e.line.length + 1 > CHUNK) await flush();
      used += buffer.write(e.line, used, 'latin1');
      buffer[used++] = 0x0a;
      written++;
      onLine(course);
    }
  }
  await flush();
  gzip.end();
  await once(out, 'close');
  return written;
}

/** Generates the daily files of the days `d` with `d % parts === part`. */
export async function runPart(
  options: PartOptions,
  onProgress: (lines: number, file: string) => void
): Promise<PartResult> {
  const lower = (options.org ?? 'BenchX').toLowerCase();
  const first = options.firstDay ?? '2026-01-05';
  const share = options.shareOfInterest ?? 0.2;
  const courses = benchCourses(options);
  const interest = courses[0]!;
  const rng = new Rng(options.seed ?? 1).fork('part', options.part, options.parts);
  const ledger = new Ledger(false);
  const forum = new ForumStore();
  const result: PartResult = { files: [], bytes: 0, written: 0, ofInterest: 0, ledger: [], forum: [] };
  const nextSession = (startUs: number, sink: TrackingEvent[]): string => {
    const c = courses.length === 1 || rng.chance(share) ? interest : courses[1 + rng.int(0, courses.length - 2)]!;
    const id = c.firstUserId + rng.int(0, c.learners - 1);
    let progress = c.progress.get(id);
    if (!progress) {
      progress = newProgress();
      c.progress.set(id, progress);
    }
    const world = {
      outline: c.outline,
      baseUrl: 'https://courses.edx.org',
      hosts: EDX_HOSTS,
      emit: (e: TrackingEvent) => sink.push(e),
      ledger: c === interest ? ledger : null,
      forum: c === interest ? forum : null,
      escapeSlashRate: c.course.style === 'old' ? 0.001 : 0
    };
    runSession(
      world,
      learnerFor(c, id, rng),
      progress,
      rng.fork(startUs),
      startUs + rng.int(0, 3_000_000_000),
      rng.chance(0.05) ? 'checkin' : 'study'
    );
    return c.course.label;
  };
  for (let d = options.part; d < options.days; d += options.parts) {
    const day = addDays(first, d);
    const target = Math.floor(options.events / options.days) + (d < options.events % options.days ? 1 : 0);
    const path = join(
      options.outDir,
      'edx-course-data',
      lower,
      'edx',
      'events',
      day.slice(0, 4),
      `${lower}-edx-events-${day}.log.gz`
    );
    result.written += await writeDay(path, target, options.gzipLevel ?? 1, nextSession, dayStartUs(day), (label) => {
      if (label === 'interest') result.ofInterest++;
    });
    result.bytes += (await stat(path)).size;
    result.files.push(path);
    onProgress(result.written, path);
  }
  result.ledger = exportLatest(ledger);
  result.forum = forum.docs.map(({ course, ...rest }) => ({ ...rest, courseId: course.courseId }));
  return result;
}

/** Rebuilds forum documents from plain data. */
export function forumFromData(docs: readonly ForumDocData[], course: CourseDef): ForumStore {
  const store = new ForumStore();
  const sorted = docs.slice().sort((a, b) => a.createdUs - b.createdUs || (a.oid < b.oid ? -1 : 1));
  for (const { courseId, ...rest } of sorted)
    if (courseId === course.courseId) store.add({ ...rest, course, dateForm: rest.dateForm as DateForm });
  return store;
}
