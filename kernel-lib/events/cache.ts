import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventFile } from '../drop/event-files';
import { courseKeyForms, type CourseKey } from '../drop/course-key';
import type { Duck } from '../duck/connection';
import { eventsViewSql, type EventsLoadReport } from '../duck/views/events';
import { temporaryName } from '../util/atomic';

/** Bump when the events table's definition changes, so old cache entries are not read. */
export const EVENTS_CACHE_FORMAT = 4;

/**
 * The cache key of a course run's events table: the course, the options that change its rows, and
 * every selected file's path, size and modification time (cheap to get; a file rewritten in place
 * with the same size and time would not be noticed: `--no-cache` rebuilds).
 */
export function eventsCacheKey(course: CourseKey, files: EventFile[], options: { skipBadLines?: boolean }): string {
  const fingerprint = files.map((f) => [f.relPath, f.bytes, Math.trunc(statSync(f.path).mtimeMs)]);
  return createHash('sha256')
    .update(JSON.stringify([EVENTS_CACHE_FORMAT, courseKeyForms(course), Boolean(options.skipBadLines), fingerprint]))
    .digest('hex')
    .slice(0, 32);
}

/** The stored report of a cache entry, or undefined on a miss (no DuckDB needed: a build decides early). */
export async function readEventsCacheReport(dir: string, key: string): Promise<EventsLoadReport | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, key + '.json'), 'utf8')) as EventsLoadReport;
  } catch {
    return undefined;
  }
}

/** Makes `events` the view over a cache entry that readEventsCacheReport found (read in place). */
export async function loadEventsCache(duck: Duck, dir: string, key: string): Promise<void> {
  await duck.run(eventsViewSql(join(dir, key + '.parquet')));
}

/** Stores the parsed events file (see parseCourseEvents) and its report under the key, atomically. */
export async function writeEventsCache(dir: string, key: string, report: EventsLoadReport, eventsFile: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const parquet = join(dir, key + '.parquet');
  const tmp = temporaryName(parquet);
  try {
    await copyFile(eventsFile, tmp);
    await rename(tmp, parquet);
    await writeFile(join(dir, key + '.json'), JSON.stringify(report));
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
