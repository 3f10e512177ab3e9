import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { literal, openDuck, type Duck } from '../../duck/connection';
import { createEventsViewOver, EVENT_COLUMNS } from '../events/events-view';
import { withDefaults, type Effects } from '../../util/effects';
import { InputError, isEnoent } from '../../util/errors';
import { processTempDir, trackTemporary } from '../../util/private-temp';
import { LEDGER_NAME, readLedger } from './ledger';

/**
 * Columns of the `events` view that openEventStore makes over a whole store: every course of the
 * organisation, one row per event. The event columns are those of a course run's `events` view
 * (EVENT_COLUMNS), with `source_file_order` and `copies` taken over every daily file of the store;
 * `course` and `day` are the store's partitions.
 *
 * @example
 * showTable(Object.entries(ORG_EVENT_COLUMNS).map(([column, doc]) => ({ column, doc })));
 */
export const ORG_EVENT_COLUMNS = {
  course:
    "The course key in course-v1 form (`course-v1:Org+Course+Run`): the store's `course=` partition, percent-decoded. Events logged with the old `Org/Course/Run` id have the same key (their `course_id` keeps the logged spelling).",
  day: "The UTC day in the daily file's name (the store's `day=` partition): what a course run's window selects; not the event's own day (`event_date`), which differs for a line that arrived late.",
  ...EVENT_COLUMNS,
  source_file_order:
    "Rank of source_file among all the store's daily files in name order (1, 2, ...): `ORDER BY time, source_file_order, source_line` orders events stably.",
  copies:
    "How many identical lines (same bytes) the store's daily files held: 1, or more when sites or servers delivered the line again; the first copy in (day, site, path) order is the row."
} as const;

/**
 * Options of openEventStore.
 *
 * @example
 * const options: EventStoreOptions = { org: 'SamcedX', memoryLimit: '2GB' };
 * const duck = await openEventStore('../.cache/event-store/samcedx', options);
 */
export interface EventStoreOptions {
  /** The organisation the store must hold (checked against its ledger); default whichever it holds. */
  org?: string;
  /** DuckDB worker threads; default all cores. */
  threads?: number;
  /** DuckDB memory limit (it spills to a private temporary folder beyond it); default '1GB'. */
  memoryLimit?: string;
}

/**
 * Opens an organisation's event store (written by `samced index` / `indexEvents`) as an in-memory
 * DuckDB with one view `events` over every course: the columns of ORG_EVENT_COLUMNS, the course key
 * and the day read from the Hive partition folders. Only the Parquet files the ledger names are read
 * (not those an interrupted index run left behind). A line delivered twice (e.g. by the edx and
 * edge sites) is one row, the first copy in (day, site, path) order, as in a course run's view.
 * Restrict `day` or `course` in queries: DuckDB then reads only those partitions' files.
 * close() closes DuckDB and removes its spill folder.
 *
 * @example
 * const store = '../.cache/event-store/samcedx';
 * await indexEvents({ data: '../data/sample-drop', org: 'SamcedX', store, keyFile: '../data/keys/DEMO-ONLY-secret-key.asc' });
 * const duck = await openEventStore(store);
 * await duck.json(`SELECT course, count(DISTINCT user_id) AS learners, count(*) AS events FROM events GROUP BY course ORDER BY course`);
 * duck.close();
 */
export async function openEventStore(
  store: string,
  options: EventStoreOptions = {},
  effects: Partial<Effects> = {}
): Promise<Duck> {
  const { logger } = withDefaults(effects);
  const found = await ledgerOrg(store);
  if (found === undefined)
    throw new InputError(
      `no event store here (no ${LEDGER_NAME}): make it with samced index --data <drop> --org <org> --store <this folder>`,
      { file: store }
    );
  const ledger = await readLedger(store, options.org ?? found);
  const files = ledger.files;
  const parts = files.flatMap((f) => f.partitions);
  if (parts.length === 0)
    throw new InputError('the event store holds no events yet (run samced index)', { file: store });
  // files in the ledger's order (day, site, path): the first copy of a duplicated line is kept
  const byName = files.map((f) => f.path).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const rank = new Map(byName.map((path, i) => [path, i + 1]));

  const spill = mkdtempSync(join(processTempDir(logger), 'store-'));
  const untrack = trackTemporary(spill);
  const duck = await openDuck({
    threads: options.threads,
    memoryLimit: options.memoryLimit ?? '1GB',
    tempDirectory: spill
  });
  const close = duck.close.bind(duck);
  duck.close = () => {
    close();
    rmSync(spill, { recursive: true, force: true });
    untrack();
  };
  try {
    // the view's bookkeeping, out of the way of SHOW TABLES (as a course run's loader tables)
    await duck.run('CREATE SCHEMA IF NOT EXISTS internal');
    await duck.run(
      'CREATE OR REPLACE TABLE internal.store_files (file_index INTEGER, source_file VARCHAR, file_order INTEGER)'
    );
    await duck.run(
      'INSERT INTO internal.store_files VALUES ' +
        files.map((f, i) => `(${i}, ${literal(f.path)}, ${rank.get(f.path)})`).join(', ')
    );
    const columns = Object.keys(EVENT_COLUMNS)
      .filter((c) => c !== 'copies')
      .map((c) => (c === 'source_file_order' ? 'f.file_order AS source_file_order' : `s.${c}`));
    // DuckDB decodes the `%XX` escapes of Hive folder names, as partitions.ts writes them
    await createEventsViewOver(
      duck,
      `(SELECT s.course, s.day, ${columns.join(', ')}, true AS member, f.file_index, s.line_hash, s.line_length
        FROM read_parquet([${parts.map((p) => literal(join(store, p))).join(', ')}], hive_partitioning = true, hive_types = {'course': VARCHAR, 'day': DATE}) s
        JOIN internal.store_files f ON f.source_file = s.source_file)`
    );
  } catch (error) {
    duck.close();
    throw error;
  }
  return duck;
}

/** The org a store's ledger names; undefined when the store has no ledger. */
async function ledgerOrg(store: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(store, LEDGER_NAME), 'utf8');
  } catch (error) {
    if (isEnoent(error)) return undefined;
    throw error;
  }
  try {
    return String((JSON.parse(text) as { org?: unknown }).org ?? '');
  } catch {
    return ''; // readLedger reports the damaged ledger
  }
}
