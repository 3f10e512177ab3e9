import { performance } from 'node:perf_hooks';
import type { Duck } from '../duck/connection';
import type { CourseKey } from '../drop/course-key';
import { Stopwatch } from '../util/stopwatch';
import { FAMILY_LANES, SAMCED_FAMILIES } from './families';
import { DEFAULT_AGGREGATE_OPTIONS, type AggregateOptions, type SamcedTable, type TableFamily } from './table';

/**
 * What the families read of an open course run (a CourseRun has all of it).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const source: ComputeSource = run; // or { duck, course, start, end } of a database loaded otherwise
 * await computeTables(source, 'forum');
 */
export interface ComputeSource {
  duck: Duck;
  course: CourseKey;
  /** Inclusive date window `YYYY-MM-DD`. */
  start: string;
  end: string;
  /** Seconds per phase; each family's time is added as `tables: <family>`. */
  timings?: Record<string, number>;
}

/**
 * Computes SAMCED table families on an open course run into the DuckDB schema `samced`, and
 * returns their tables (name, documented columns, row order) in output order. `families` names
 * one or several families (`standard`, `forum`, `surveys`, `video`, `problems`, `textbook`,
 * `pages`, `video_watch`, `person_course`); the families they read are computed too, and
 * first. Default: all of them, as a build computes them. The notebooks and `samced build` call
 * the same scheduler (computeSamcedTables).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const tables = await computeTables(run, ['video', 'video_watch']);
 * showTable(await run.duck.runAndReadAll('SELECT * FROM samced.video_summary'));
 */
export async function computeTables(
  run: ComputeSource,
  families?: string | string[],
  aggregate: Partial<AggregateOptions> = {}
): Promise<SamcedTable[]> {
  return computeSamcedTables(run, aggregate, undefined, { families: familiesWithNeeds(families) });
}

/**
 * The families named (every one when none is), with the families they need, in output order.
 * An unknown name is an error listing the known ones.
 */
export function familiesWithNeeds(names?: string | string[], registry: TableFamily[] = SAMCED_FAMILIES): TableFamily[] {
  if (names === undefined) return registry;
  const byName = new Map(registry.map((f) => [f.family, f]));
  const wanted = new Set<string>();
  const add = (name: string) => {
    const family = byName.get(name);
    if (!family)
      throw new Error(`no table family ${JSON.stringify(name)} (families: ${[...byName.keys()].join(', ')})`);
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const needed of family.needs ?? []) add(needed);
  };
  for (const name of typeof names === 'string' ? [names] : names) add(name);
  return registry.filter((f) => wanted.has(f.family));
}

/**
 * The one scheduler of table families (notebooks through computeTables, builds directly).
 * Computes `families` (default all, in output order; a family's `needs` must be among them or
 * exist already) into schema `samced`. `onFamily` gets each family's tables as soon as they and
 * every family before them exist, in output order or in `handOrder` (family names; the others
 * after them, in output order), not awaited: a writer can run meanwhile. The tables returned are
 * in output order.
 *
 * Shared extracts (TableFamily.extracts) are made afresh by the scheduler on the connection of
 * the first family that reads them, once per call: the families never make them, and an extract
 * of events that changed since is never read.
 *
 * With `lanes` > 1, the families of FAMILY_LANES[0] (video and watch time: they share the
 * extract `video_events`) run in order on one connection while the others run in order on a
 * second one; a family that reads another lane's tables waits for them (BuildContext.after).
 * Temp tables then live on those connections and go with them; a notebook that reads them
 * afterwards (e.g. `latest_problem_checks`) computes with one lane, the default, on `run.duck`.
 */
export async function computeSamcedTables(
  run: ComputeSource,
  aggregate: Partial<AggregateOptions> = {},
  onFamily?: (tables: SamcedTable[]) => void,
  {
    lanes = 1,
    families = SAMCED_FAMILIES,
    handOrder = []
  }: { lanes?: number; families?: TableFamily[]; handOrder?: string[] } = {}
): Promise<SamcedTable[]> {
  const options: AggregateOptions = { ...DEFAULT_AGGREGATE_OPTIONS, ...aggregate };
  await run.duck.run('CREATE SCHEMA IF NOT EXISTS samced');
  const watch = new Stopwatch();
  const built: (SamcedTable[] | undefined)[] = families.map(() => undefined);
  const rank = (i: number) => {
    const at = handOrder.indexOf(families[i]!.family);
    return at < 0 ? handOrder.length : at;
  };
  const order = families.map((_, i) => i).sort((a, b) => rank(a) - rank(b) || a - b);
  let handedOn = 0;
  const handOn = () => {
    for (; handedOn < order.length && built[order[handedOn]!]; handedOn++) onFamily?.(built[order[handedOn]!]!);
  };
  // each family's tables exist (resolved) or never will (rejected: the waiting lane stops too)
  const done = new Map(families.map((f) => [f.family, settlement()]));
  const after =
    lanes > 1
      ? (family: string) => done.get(family)?.promise ?? Promise.reject(new Error(`no table family ${family}`))
      : undefined;
  const runLane = async (duck: Duck, lane: number[]) => {
    const made = new Set<string>(); // the extracts made on this lane's connection in this call
    for (const i of lane) {
      const family = families[i]!;
      const started = performance.now();
      try {
        for (const extract of family.extracts ?? []) {
          if (made.has(extract.name)) continue;
          await extract.create(duck);
          made.add(extract.name);
        }
        built[i] = await family.build({ duck, course: run.course, start: run.start, end: run.end, options, after });
      } catch (error) {
        for (const d of done.values()) d.reject(error);
        throw error;
      }
      done.get(family.family)!.resolve();
      watch.add('tables: ' + family.family, (performance.now() - started) / 1000);
      handOn();
    }
  };
  const all = families.map((_, i) => i);
  if (lanes <= 1) {
    await runLane(run.duck, all);
  } else {
    const first = all.filter((i) => FAMILY_LANES[0]!.includes(families[i]!.family));
    const second = await run.duck.connect();
    try {
      // both lanes run to their end (or first failure) before the second connection closes
      const results = await Promise.allSettled([
        runLane(run.duck, first),
        runLane(
          second,
          all.filter((i) => !first.includes(i))
        )
      ]);
      for (const r of results) if (r.status === 'rejected') throw r.reason;
    } finally {
      second.close();
    }
    watch.lap('tables: every family (two lanes at once)');
  }
  if (run.timings) Object.assign(run.timings, watch.phases);
  return built.flatMap((tables) => tables!);
}

/** A promise with its resolve and reject (a rejection nobody awaits is not unhandled). */
function settlement(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
