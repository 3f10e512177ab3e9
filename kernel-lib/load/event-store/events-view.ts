import { join } from 'node:path';
import { formatCourseKey, type CourseKey } from '../../drop/course-key';
import { literal, type Duck } from '../../duck/connection';
import { createEventsViewOver, EVENT_COLUMNS } from '../events/events-view';
import { InputError } from '../../util/errors';
import { readLedger, type Ledger } from './ledger';

export interface StoreViewOptions {
  org: string;
  course: CourseKey;
  /** Inclusive window of daily file days `YYYY-MM-DD`, as a course run selects its files. */
  start: string;
  end: string;
  /** Event sites; default all. */
  sites?: string[];
  /**
   * The daily files to read, relative to the drop, in the course run's order (day, site, path),
   * each in the ledger: instead of the ledger's files of the window and sites.
   */
  paths?: string[];
  /** The store's ledger, when the caller has read it already. */
  ledger?: Ledger;
}

/**
 * Makes the view `events` of one course run over the store (the same rows and columns as the
 * view a course run makes from the logs, see load/events/events-view.ts): the course's partitions of
 * the daily files in the window, `source_file_order` their rank in name order among all the
 * window's files, duplicate lines removed across them (the first in day, site, path order kept,
 * `copies` counting them). The files and their order come from the ledger. Returns the number
 * of Parquet files read (0: the course has no events in the window, the view has no rows).
 */
export async function createStoreEventsView(duck: Duck, storeDir: string, options: StoreViewOptions): Promise<number> {
  const ledger = options.ledger ?? (await readLedger(storeDir, options.org));
  const key = formatCourseKey(options.course, 'course-v1');
  const byPath = new Map(ledger.files.map((f) => [f.path, f]));
  const selected = options.paths
    ? options.paths.map((path) => byPath.get(path) ?? notIndexed(path, storeDir))
    : ledger.files.filter(
        (f) =>
          f.day >= options.start &&
          f.day <= options.end &&
          (!options.sites || (f.site !== null && options.sites.includes(f.site)))
      );
  const byName = selected.map((f) => f.path).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const rank = new Map(byName.map((path, i) => [path, i + 1]));
  await duck.run(
    'CREATE SCHEMA IF NOT EXISTS internal; CREATE OR REPLACE TABLE internal.store_files (file_index INTEGER, source_file VARCHAR, file_order INTEGER)'
  );
  if (selected.length > 0)
    await duck.run(
      'INSERT INTO internal.store_files VALUES ' +
        selected.map((f, i) => `(${i}, ${literal(f.path)}, ${rank.get(f.path)})`).join(', ')
    );
  const parts = selected
    .flatMap((f) => f.partitions.filter((p) => courseOfPartition(p) === key))
    .map((p) => join(storeDir, p));
  // no event of the course in the window: any file of the store gives the columns, and no row
  const empty = parts.length === 0;
  const anyPart = ledger.files.find((f) => f.partitions.length > 0)?.partitions[0];
  if (empty && anyPart === undefined)
    throw new InputError('the event store holds no events yet (run samced index)', { file: storeDir });
  if (empty) parts.push(join(storeDir, anyPart!));
  const columns = Object.keys(EVENT_COLUMNS)
    .filter((c) => c !== 'copies')
    .map((c) => (c === 'source_file_order' ? 'f.file_order AS source_file_order' : `s.${c}`));
  await createEventsViewOver(
    duck,
    `(SELECT ${columns.join(', ')}, true AS member, f.file_index, s.line_hash, s.line_length
      FROM read_parquet([${parts.map(literal).join(', ')}], hive_partitioning = false) s JOIN internal.store_files f ON f.source_file = s.source_file${empty ? ' WHERE false' : ''})`
  );
  return empty ? 0 : parts.length;
}

function notIndexed(path: string, storeDir: string): never {
  throw new InputError(`daily file ${path} is not in the event store (run samced index)`, { file: storeDir });
}

/** The course key of a partition file's path (`events/course=<percent-encoded key>/day=.../x.parquet`). */
export function courseOfPartition(rel: string): string | undefined {
  const match = /(?:^|\/)course=([^/]+)\//.exec(rel);
  return match ? decodeURIComponent(match[1]!) : undefined;
}
