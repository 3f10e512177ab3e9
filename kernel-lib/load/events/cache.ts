import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { EventFile } from '../../drop/event-files';
import { courseKeyForms, type CourseKey } from '../../drop/course-key';
import type { Duck } from '../../duck/connection';
import { createEventsView, type EventsLoadReport } from './events-view';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, temporaryName, writeFileAtomic } from '../../util/atomic';
import { isEnoent } from '../../util/errors';
import { DEFAULT_MAX_LINE_BYTES } from './cut';

/** Bump when the events table's definition changes, so old cache entries are not read. */
export const EVENTS_CACHE_FORMAT = 6;

/**
 * The cache key of a course run's events table: the course, the options that change its rows, and
 * every selected file's path, size and modification time (cheap to get; a file rewritten in place
 * with the same size and time would not be noticed: `--no-cache` rebuilds).
 */
export function eventsCacheKey(course: CourseKey, files: EventFile[], options: { skipBadLines?: boolean; maxLineBytes?: number }): string {
  const fingerprint = files.map((f) => [f.relPath, f.bytes, Math.trunc(statSync(f.path).mtimeMs)]);
  return createHash('sha256')
    .update(JSON.stringify([EVENTS_CACHE_FORMAT, courseKeyForms(course), Boolean(options.skipBadLines), options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, fingerprint]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * The stored report of a cache entry, or undefined on a miss (no DuckDB needed: a build decides
 * early). Throws when the entry exists but cannot be read or is not a report (damaged).
 */
export async function readEventsCacheReport(dir: string, key: string): Promise<EventsLoadReport | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, key + '.json'), 'utf8');
  } catch (error) {
    // no such file, or no such folder (a path through a file): a miss
    if (isEnoent(error) || (error as { code?: string }).code === 'ENOTDIR') return undefined;
    throw error;
  }
  const report = JSON.parse(text) as EventsLoadReport;
  if (typeof report?.events !== 'number' || !Array.isArray(report.files) || !Array.isArray(report.problems)) throw new Error(`${key}.json is not an events report`);
  return report;
}

/**
 * Makes `events` the view over a cache entry that readEventsCacheReport found (its files read in
 * place). Throws when the files are missing, damaged (not Parquet, truncated) or hold another
 * number of events than the report's `events`.
 */
export async function loadEventsCache(duck: Duck, dir: string, key: string, events: number): Promise<void> {
  const folder = join(dir, key);
  const files = (await readdir(folder)).filter((f) => f.endsWith('.parquet')).sort();
  if (files.length === 0) throw new Error(`no events files in ${folder}`);
  await createEventsView(duck, files.map((f) => join(folder, f)));
  const found = Number(await duck.scalar('SELECT count(*) FROM events'));
  if (found !== events) throw new Error(`its files hold ${found} events, its report ${events}`);
}

/** Removes a cache entry (its report first: without it, what is left is no entry). */
export async function removeEventsCacheEntry(dir: string, key: string): Promise<void> {
  await rm(join(dir, key + '.json'), { force: true });
  await rm(join(dir, key), { recursive: true, force: true });
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
