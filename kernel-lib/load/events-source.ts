import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CourseKey } from '../drop/course-key';
import type { EventFile } from '../drop/event-files';
import type { Duck } from '../duck/connection';
import type { Logger } from '../util/effects';
import { DEFAULT_MAX_LINE_BYTES, type CutProblem } from './events/cut';
import type { EventsLoadReport } from './events/events-view';
import { createStoreEventsView } from './event-store/events-view';
import { defaultStoreDir } from './event-store/index-run';
import { LEDGER_NAME, readLedger, type Ledger, type LedgerEntry } from './event-store/ledger';

/** Where a course run reads its events: the daily files, or the event store's partitions of them. */
export type EventsSource = { kind: 'logs' } | { kind: 'store'; dir: string; ledger: Ledger; entries: LedgerEntry[] };

export interface EventsSourceOptions {
  data: string;
  org: string;
  /** The event store folder; false: never; default the store beside the drop (defaultStoreDir) when it has a ledger. */
  store?: string | false;
  skipBadLines?: boolean;
  maxLineBytes?: number;
}

/**
 * The event store when it covers the course run's daily files, else the logs. It covers them when
 * each file the run selected (window and sites) is in the store's ledger with the size and
 * modification time it has now. Otherwise the logs are read, with one warning naming the first
 * file not indexed and the command that indexes it; also when the store skipped bad lines in
 * those files but this run does not skip them (the logs tell whether one of them is the course's),
 * when a line limit other than the default is given (the store kept the lines `samced index`
 * kept), and when its ledger cannot be read (another org's store, another version). The default
 * store, when it has no ledger, is no store: the logs are read without a word.
 */
export async function chooseEventsSource(
  options: EventsSourceOptions,
  files: EventFile[],
  logger: Logger
): Promise<EventsSource> {
  if (options.store === false || files.length === 0) return { kind: 'logs' };
  const dir = options.store ?? defaultStoreDir(options.data, options.org);
  const given = options.store !== undefined;
  const command = `samced index --data ${options.data} --org ${options.org}${given ? ` --store ${dir}` : ''}`;
  const fallBack = (why: string): EventsSource => {
    logger.warn(`event store ${dir}: ${why}; reading the logs`);
    return { kind: 'logs' };
  };
  if (!existsSync(join(dir, LEDGER_NAME))) return given ? fallBack(`no ledger (run \`${command}\`)`) : { kind: 'logs' };
  let ledger: Ledger;
  try {
    ledger = await readLedger(dir, options.org);
  } catch (error) {
    return fallBack(String((error as Error)?.message ?? error).split('\n')[0]!);
  }
  const byPath = new Map(ledger.files.map((e) => [e.path, e]));
  const entries: LedgerEntry[] = [];
  for (const file of files) {
    const entry = byPath.get(file.relPath);
    const info = await stat(file.path);
    if (!entry || entry.size !== info.size || entry.mtimeMs !== info.mtimeMs) {
      return fallBack(
        `${file.relPath} is ${entry ? 'changed since it was indexed' : 'not indexed'} (run \`${command}\`)`
      );
    }
    entries.push(entry);
  }
  if (!ledger.files.some((e) => e.partitions.length > 0)) return { kind: 'logs' }; // no event of any course: nothing to read there
  const skipped = entries.find((e) => e.skipped.length > 0);
  if (skipped && !options.skipBadLines) {
    return fallBack(
      `it skipped bad lines (first: ${skipped.path}:${skipped.skipped[0]!.line}, ${skipped.skipped[0]!.reason}) and this run does not skip bad lines`
    );
  }
  if (options.maxLineBytes !== undefined && options.maxLineBytes !== DEFAULT_MAX_LINE_BYTES)
    return fallBack('a line limit other than the default is given');
  return { kind: 'store', dir, ledger, entries };
}

/** The message of a bad line the store skipped, from its reason (the ledger keeps no text of the line). */
const MESSAGES: Record<string, string> = {
  'not valid UTF-8': 'line is not valid UTF-8',
  'raw control character': 'line holds a raw control character (\\u0001)',
  'raw carriage return': 'line holds a raw carriage return',
  'unreadable gzip data': 'cannot read gzip data'
};

/**
 * Makes the view `events` of a course run over the store's partitions of the files the run
 * selected (see createStoreEventsView: the same rows as from the logs) and gives the report the
 * logs would give, but `matched` and `otherCourse`, which the store does not know (null); its
 * bad lines are those the index skipped in these files: any line with `"course_id"`, the course's or not.
 */
export async function loadStoreEvents(
  duck: Duck,
  source: Extract<EventsSource, { kind: 'store' }>,
  run: { org: string; course: CourseKey; start: string; end: string }
): Promise<EventsLoadReport> {
  const { dir, ledger, entries } = source;
  await createStoreEventsView(duck, dir, {
    org: run.org,
    course: run.course,
    start: run.start,
    end: run.end,
    paths: entries.map((e) => e.path),
    ledger
  });
  const counts = (await duck.json('SELECT count(*) AS events, coalesce(sum(copies), 0) AS member FROM events'))[0] as {
    events: string;
    member: string;
  };
  const problems: CutProblem[] = entries.flatMap((e) =>
    e.skipped.map((s) => ({ file: e.path, line: s.line, message: MESSAGES[s.reason] ?? s.reason, reason: s.reason }))
  );
  const events = Number(counts.events);
  return {
    files: entries.map((e) => ({ file: e.path, lines: e.lines, matched: null, bytes: e.size, sha256: e.sha256 })),
    linesRead: entries.reduce((n, e) => n + e.lines, 0),
    matched: null,
    problems,
    longestLine: 0,
    events,
    otherCourse: null,
    duplicates: Number(counts.member) - events,
    source: 'store',
    store: dir
  };
}
