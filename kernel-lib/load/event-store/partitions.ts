import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { basename, join } from 'node:path';
import { literal, type Duck } from '../../duck/connection';
import { EVENT_COLUMNS } from '../events/events-view';
import { PRIVATE_DIR_MODE, restrictTree, temporaryName } from '../../util/atomic';
import { isEnoent } from '../../util/errors';
import { trackTemporary } from '../../util/private-temp';

/** The store's folder of event partitions, in the store folder. */
export const EVENTS_DIR = 'events';

/**
 * Columns of the store's Parquet files (`<store>/events/course=<key>/day=<YYYY-MM-DD>/*.parquet`).
 * The event columns are those of the `events` view (EVENT_COLUMNS) but two that depend on which
 * daily files a course run selects, so a view over the store computes them (store/events-view.ts):
 * `source_file_order` (rank in the selection) and `copies` (duplicate lines in the selection).
 */
export const STORE_COLUMNS = {
  ...Object.fromEntries(
    Object.entries(EVENT_COLUMNS).filter(([name]) => name !== 'source_file_order' && name !== 'copies')
  ),
  line_hash:
    'DuckDB hash() of the raw line (64 bits): with line_length, finds the same line delivered twice (a view keeps the first copy).',
  line_length: 'Bytes of the raw line.',
  course:
    'Partition (folder `course=`): the course key in course-v1 form (`course-v1:Org+Course+Run`), also for events whose `course_id` is the old `Org/Course/Run` form; the folder name is the key percent-encoded, as Hive, Spark and DuckDB write and read it.',
  day: "Partition (folder `day=`): the UTC day in the daily file's name (what a course run's window selects), not the event's own day (`event_date`)."
} as Record<string, string>;

/** The event columns written into each file (the partition columns are in the folder names only). */
export const STORED_EVENT_COLUMNS = Object.keys(STORE_COLUMNS).filter((name) => name !== 'course' && name !== 'day');

/**
 * The course key of a logged `course_id`, in course-v1 form, or NULL: exactly one of the two
 * spellings (as the `events` view's membership test, which compares the id as logged): three
 * non-empty parts after `course-v1:` joined by `+`, or three non-empty parts joined by `/`
 * holding no `:` (as parseCourseKey) nor `+` (which would make the course-v1 form ambiguous).
 */
export const COURSE_KEY_SQL = `CASE
  WHEN starts_with(course_id, 'course-v1:') THEN CASE WHEN regexp_full_match(course_id, 'course-v1:[^+]+\\+[^+]+\\+[^+]+') THEN course_id END
  WHEN regexp_full_match(course_id, '[^/:+]+/[^/:+]+/[^/:+]+') THEN 'course-v1:' || replace(course_id, '/', '+')
END`;

/**
 * Rows of a Parquet row group in the store's files. The partitioned write holds the open row group
 * of every partition of a daily file in memory until it is full: smaller row groups keep that
 * bounded (engines read row groups of this size well).
 */
export const STORE_ROW_GROUP_ROWS = 32768;

/**
 * Rows a DuckDB thread gathers in a partitioned write before it hands them to the partitions'
 * files. DuckDB's default (524288) holds about half a day of a large org's events per thread, more
 * than the memory limit; a tenth of it bounds the memory whatever the daily file's size.
 */
export const PARTITION_FLUSH_ROWS = 65536;

/** What one daily file put into the store. */
export interface WrittenPartitions {
  /** Events per course key. */
  events: Record<string, number>;
  /** Parsed lines with no course key. */
  noCourse: number;
  /** Parquet files written, relative to the store folder. */
  files: string[];
}

/**
 * Writes the parsed lines of one daily file (Parquet files of events.sql's columns) into the
 * store's partitions of its day, one Parquet file per course: DuckDB writes them into a temporary
 * folder in the store (on the same file system), then each is renamed into its partition as
 * `<daily file name>-<digest prefix>-<n>.parquet`, so that a file read again after a change gets
 * new names and its old partitions can go once the ledger names the new ones. Sets the database's
 * partitioned_write_flush_threshold (PARTITION_FLUSH_ROWS).
 */
export async function writePartitions(
  duck: Duck,
  parsedFiles: string[],
  storeDir: string,
  file: { path: string; day: string; sha256: string }
): Promise<WrittenPartitions> {
  const events: Record<string, number> = {};
  if (parsedFiles.length === 0) return { events, noCourse: 0, files: [] };
  const source = `(SELECT *, ${COURSE_KEY_SQL} AS course FROM read_parquet([${parsedFiles.map(literal).join(', ')}]))`;
  const counts = (await duck.json(`SELECT course, count(*) AS n FROM ${source} GROUP BY ALL ORDER BY course`)) as {
    course: string | null;
    n: string;
  }[];
  let noCourse = 0;
  for (const { course, n } of counts) {
    if (course === null) noCourse = Number(n);
    else events[course] = Number(n);
  }
  if (Object.keys(events).length === 0) return { events, noCourse, files: [] };
  const eventsDir = join(storeDir, EVENTS_DIR);
  await mkdir(eventsDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = temporaryName(join(storeDir, EVENTS_DIR));
  const untrack = trackTemporary(tmp);
  const written: string[] = [];
  try {
    await mkdir(tmp, { mode: PRIVATE_DIR_MODE });
    const out = join(tmp, 'out');
    await duck.run(`SET partitioned_write_flush_threshold = ${PARTITION_FLUSH_ROWS}`);
    await duck.run(`COPY (SELECT ${STORED_EVENT_COLUMNS.join(', ')}, course, ${literal(file.day)}::DATE AS day FROM ${source} WHERE course IS NOT NULL)
      TO ${literal(out)} (FORMAT parquet, PARTITION_BY (course, day), ROW_GROUP_SIZE ${STORE_ROW_GROUP_ROWS})`);
    await restrictTree(tmp);
    const stem = `${basename(file.path).replace(/\.gpg$/, '')}-${file.sha256.slice(0, 16)}`;
    for (const courseDir of (await readdir(out)).sort()) {
      for (const dayDir of (await readdir(join(out, courseDir))).sort()) {
        const target = join(EVENTS_DIR, courseDir, dayDir);
        await mkdir(join(storeDir, target), { recursive: true, mode: PRIVATE_DIR_MODE });
        const parts = (await readdir(join(out, courseDir, dayDir))).sort();
        for (const [n, part] of parts.entries()) {
          const rel = join(target, `${stem}-${n}.parquet`);
          await rename(join(out, courseDir, dayDir, part), join(storeDir, rel));
          written.push(rel);
        }
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
    untrack();
  }
  return { events, noCourse, files: written };
}

/** Removes Parquet files of the store, and the partition folders left empty. */
export async function removePartitionFiles(storeDir: string, files: string[]): Promise<void> {
  for (const rel of files) {
    await rm(join(storeDir, rel), { force: true });
    await removeEmptyParents(storeDir, rel);
  }
}

async function removeEmptyParents(storeDir: string, rel: string): Promise<void> {
  // day=, then course= folder
  for (const dir of [join(rel, '..'), join(rel, '..', '..')]) {
    try {
      await rmdir(join(storeDir, dir));
    } catch {
      return; // not empty (or gone): its parent is not empty either
    }
  }
}

/**
 * Parquet files under `<store>/events` that the ledger does not name: left by a run interrupted
 * between writing a daily file's partitions and the ledger (or between the ledger and removing a
 * changed file's old partitions). Relative to the store folder.
 */
export async function unlistedPartitionFiles(storeDir: string, listed: Set<string>): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(join(storeDir, rel), { withFileTypes: true });
    } catch (error) {
      if (isEnoent(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const child = join(rel, entry.name);
      if (entry.isDirectory() && depth < 2) await walk(child, depth + 1);
      else if (entry.isFile() && depth === 2 && entry.name.endsWith('.parquet') && !listed.has(child))
        found.push(child);
    }
  };
  await walk(EVENTS_DIR, 0);
  return found.sort();
}
