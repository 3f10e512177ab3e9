import type { Readable } from 'node:stream';
import type { Duck } from '../duck/connection';
import type { CourseKey } from '../drop/course-key';
import type { EventFile } from '../drop/event-files';
import type { CourseFiles, Snapshot } from '../drop/snapshots';
import type { EventsLoadReport } from './events/events-view';
import type { ForumLoadReport } from './forum';
import type { TableLoadReport } from './tables';

/**
 * Where a course run is and how to read it: the drop, the course key, the window, the key for
 * encrypted daily files, the event store.
 *
 * @example
 * const options: CourseRunOptions = { ...sampleCourseRun(), start: '2026-01-05', end: '2026-01-11' };
 * const run = await openCourseRun(options); // one week of the sample
 */
export interface CourseRunOptions {
  /** The drop folder (holds `course-data/` and `edx-course-data/`). */
  data: string;
  org: string;
  course: string;
  run: string;
  /** Inclusive window `YYYY-MM-DD` (or `YYYYMMDD`). */
  start: string;
  end: string;
  /** Event sites to read (`edx`, `edge`, `prod`); default all. */
  sites?: string[];
  /** Use this snapshot date instead of the original's choice (first on or after the end date, else the latest). */
  snapshot?: string;
  /** Skip and count bad lines instead of failing. */
  skipBadLines?: boolean;
  /** Tables whose export file must exist; others are empty when missing. */
  requiredTables?: string[];
  /**
   * OpenPGP private key for `.gpg` event files read in place; default the armored key in
   * $SAMCED_GPG_KEY. Loaded only when an encrypted file is met.
   */
  keyFile?: string;
  /**
   * The key's passphrase; default $SAMCED_GPG_PASSPHRASE, else the file named by
   * $SAMCED_GPG_PASSPHRASE_FILE (the sample's public demo key needs none). Never recorded anywhere.
   */
  passphrase?: string;
  /** Decrypts `.gpg` event files read in place, instead of `keyFile` (see acquire/decrypt-stream.ts `decryptReadable`). */
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
  /** DuckDB database file; default in memory. */
  duckPath?: string;
  threads?: number;
  /**
   * DuckDB memory limit (it spills to a temporary folder beyond it); default '1GB': parsing an event
   * line takes about ten times its length, and a line may be as long as DEFAULT_MAX_LINE_BYTES
   * (32 MB). A lower limit lowers a large build's peak RSS (docs/performance.md).
   */
  memoryLimit?: string;
  /** Longest event line kept, in bytes (default DEFAULT_MAX_LINE_BYTES): a longer line of the course is a bad line. */
  maxLineBytes?: number;
  /**
   * Skip reading the tracking logs (course data only): `events` (and `personal.event_lines`) exist but are
   * empty, so every table built from events is empty; `events` in the result is undefined.
   */
  noEvents?: boolean;
  /** Open the course run even when no daily event file lies in the window (else an InputError: a mistyped date or site). */
  allowEmpty?: boolean;
  /**
   * The event store (see `samced index`) to read the course's events from, when it covers the
   * window (see load/events-source.ts): every daily file selected is in its ledger with the same
   * size and time; otherwise the logs are read, with a warning. false: always read the logs.
   * Default: the store beside the drop (`<data>/event-store/<org>`) when it has a ledger. The store
   * is only read, never written. (The `personal.event_lines` view of the raw lines exists only when the logs were read.)
   */
  store?: string | false;
}

/**
 * One course run, loaded: the DuckDB database and what was read.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * run.eventFiles.length; // the daily files read
 * run.warnings; // e.g. exports missing from the snapshot
 * await run.close();
 */
export interface CourseRun {
  duck: Duck;
  course: CourseKey;
  start: string;
  end: string;
  snapshot: Snapshot;
  files: CourseFiles;
  eventFiles: EventFile[];
  tables: TableLoadReport[];
  forum: ForumLoadReport;
  courseStructureRows: number;
  events: EventsLoadReport | undefined;
  warnings: string[];
  /** Seconds spent per loading phase. */
  timings: Record<string, number>;
  /**
   * Closes DuckDB and removes the run's temporary files (the cut behind `personal.event_lines` and
   * the Parquet files behind `events`); the store's files stay.
   */
  close(): Promise<void>;
}

/** The milestone `tablesLoaded`: the course tables are in, the events still load. */
export interface LoadedTables {
  /** The course run's database: compute on a connection of your own (`duck.connect()`), closed before close(). */
  duck: Duck;
  course: CourseKey;
  start: string;
  end: string;
}

/** A course run being loaded (startCourseRun): its milestones, and how to stop it. */
export interface CourseRunLoading {
  /**
   * Resolves once the course tables, forum, course structure and content are loaded, while the
   * events still load (a build computes the tables that read no events meanwhile); rejects when
   * loading fails before.
   */
  tablesLoaded: Promise<LoadedTables>;
  /** Resolves with the course run once its events are loaded too; rejects when loading fails or is aborted. */
  opened: Promise<CourseRun>;
  /** Stops loading at once (the cut of the logs too): `opened` rejects with `reason`. */
  abort(reason: unknown): void;
  /**
   * Stops loading, waits for it to end, closes DuckDB and removes the temporary files; call it
   * whatever happened (the opened run's close() is the same function). Idempotent.
   */
  close(): Promise<void>;
}
