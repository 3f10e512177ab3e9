import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EventFile } from '../drop/event-files';
import { courseKeyForms, type CourseKey } from '../drop/course-key';
import type { Duck } from '../duck/connection';
import { createEventsView, type EventsLoadReport } from '../duck/views/events';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, temporaryName, writeFileAtomic } from '../util/atomic';

/** Bump when the events table's definition changes, so old cache entries are not read. */
export const EVENTS_CACHE_FORMAT = 6;

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

/** Makes `events` the view over a cache entry that readEventsCacheReport found (its files read in place). */
export async function loadEventsCache(duck: Duck, dir: string, key: string): Promise<void> {
  const folder = join(dir, key);
  const files = (await readdir(folder)).filter((f) => f.endsWith('.parquet')).sort();
  await createEventsView(duck, files.map((f) => join(folder, f)));
}

/**
 * Stores the parsed events files (see EventsParser) in the folder `<key>/` and the report as
 * `<key>.json`, atomically: the folder under a temporary name, renamed when complete, then the
 * report (its presence is what makes the entry). The events hold usernames, IPs, sessions and
 * whole decrypted lines: the cache folder (when created here), the entry's folder and its files are
 * owner-only.
 */
export async function writeEventsCache(dir: string, key: string, report: EventsLoadReport, eventsFiles: string[]): Promise<void> {
  const folder = join(dir, key);
  const tmp = temporaryName(folder);
  try {
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    await mkdir(tmp, { mode: PRIVATE_DIR_MODE });
    for (const file of eventsFiles) {
      await copyFile(file, join(tmp, basename(file)));
      await chmod(join(tmp, basename(file)), PRIVATE_FILE_MODE); // a copy keeps the source's mode
    }
    await rm(folder, { recursive: true, force: true });
    await rename(tmp, folder);
    await writeFileAtomic(join(dir, key + '.json'), JSON.stringify(report));
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
