import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { openDuck } from '../../duck/connection';
import { lazyDecryptor } from '../../acquire/lazy-decryptor';
import { listEventFiles, type EventFile } from '../../drop/event-files';
import { PRIVATE_DIR_MODE, sweepStaleTemporaries } from '../../util/atomic';
import { withDefaults, type Effects } from '../../util/effects';
import { holdForTest, processTempDir, trackTemporary } from '../../util/private-temp';
import { lockStore } from './store-lock';
import { plainPath, readLedger, writeLedger, type LedgerEntry } from './ledger';
import { indexOne, sha256Of } from './index-file';
import { removePartitionFiles, unlistedPartitionFiles } from './partitions';

export { STORE_NEEDLE } from './index-file';

/** How often a long run writes the ledger (ms): a run stopped in between reads the files since again. */
const LEDGER_SAVE_MS = 30_000;

/** The widest window of daily file names the index lists (edX tracking logs begin in 2012). */
const ALL_DAYS = { start: '2000-01-01', end: '2099-12-31' };

/**
 * What indexEvents reads and where it writes.
 *
 * @example
 * const options: IndexOptions = { data: '../data/sample-drop', org: 'SamcedX', store: '../.cache/event-store/samcedx', keyFile: '../data/keys/DEMO-ONLY-secret-key.asc' };
 * await indexEvents(options);
 */
export interface IndexOptions {
  /** The drop folder (holds `edx-course-data/`). */
  data: string;
  org: string;
  /** The store folder; default `<data>/event-store/<org>`. */
  store?: string;
  /** Event sites to read (`edx`, `edge`, `prod`); default all found. */
  sites?: string[];
  /** Skip and count bad lines instead of failing (as a build's --skip-bad-lines). */
  skipBadLines?: boolean;
  /** Longest line kept, in bytes (see CutOptions.maxLineBytes). */
  maxLineBytes?: number;
  /** Decrypts `.gpg` daily files read in place; default one from `keyFile`/`passphrase` (see acquire/lazy-decryptor.ts). */
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
  /** OpenPGP private key for `.gpg` daily files; default the armored key in $SAMCED_GPG_KEY. Loaded only when an encrypted file is read. */
  keyFile?: string;
  /** The key's passphrase; default $SAMCED_GPG_PASSPHRASE, else the file named by $SAMCED_GPG_PASSPHRASE_FILE. Never recorded. */
  passphrase?: string;
  /** DuckDB memory limit (it spills beyond it); default '1GB', whatever the drop's size. */
  memoryLimit?: string;
  threads?: number;
}

/**
 * What one indexEvents run did.
 *
 * @example
 * const report: IndexReport = await indexEvents({ data: '../data/sample-drop', org: 'SamcedX', store: '../.cache/event-store/samcedx' });
 * showText(`${report.read.length} of ${report.listed} daily files read, ${report.events} events`);
 */
export interface IndexReport {
  store: string;
  /** Daily files in the drop. */
  listed: number;
  /** Daily files read (new or changed), relative to the drop, in order. */
  read: string[];
  /** Files whose time changed but not their digest (only the ledger changed). */
  touched: string[];
  /** Files read before and gone from the drop: `replaced` by their decrypted twin (partitions removed), else `kept`. */
  replaced: string[];
  kept: string[];
  /** Orphan Parquet files of an interrupted run, removed. */
  orphansRemoved: number;
  /** Lines of the files read, and events written (before removing duplicate lines). */
  lines: number;
  events: number;
  /** Bad lines skipped (--skip-bad-lines), in the files read. */
  skipped: number;
}

/**
 * The default store folder of an org in a drop (where `samced index` writes without --store).
 *
 * @example
 * defaultStoreDir('/srv/edx/drop', 'ChalmersX'); // '/srv/edx/drop/event-store/chalmersx'
 */
export function defaultStoreDir(data: string, org: string): string {
  return join(data, 'event-store', org.toLowerCase());
}

/**
 * `samced index`: reads every daily file of the org in the drop once (all sites, both eras of
 * course ids, `.gpg` decrypted in place) and writes its events into the store's partitions by
 * course and day (see partitions.ts), with a ledger of the files read (see ledger.ts). Run again,
 * it reads only the files that are new, or changed in size, time and digest; a changed file's
 * partitions are replaced. Memory stays bounded: one file at a time, cut in segments on the disk,
 * each parsed by DuckDB within its memory limit. The ledger is written every 30 seconds and
 * at the end: an interrupted run loses what it read since, whose orphan partitions the next run removes.
 *
 * @example
 * const report = await indexEvents({ data: '../data/sample-drop', org: 'SamcedX', store: '../.cache/event-store/samcedx', keyFile: '../data/keys/DEMO-ONLY-secret-key.asc' });
 * report.read; // the daily files read this time: all of them at first, then only new or changed ones
 */
export async function indexEvents(options: IndexOptions, effects: Partial<Effects> = {}): Promise<IndexReport> {
  const { logger } = withDefaults(effects);
  const storeDir = options.store ?? defaultStoreDir(options.data, options.org);
  await mkdir(storeDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(storeDir, PRIVATE_DIR_MODE);
  const unlock = await lockStore(storeDir, logger);
  try {
    const decrypt = options.decrypt ?? lazyDecryptor({ keyFile: options.keyFile, passphrase: options.passphrase });
    return await indexLocked(storeDir, { ...options, decrypt }, effects);
  } finally {
    await unlock();
  }
}

async function indexLocked(storeDir: string, options: IndexOptions, effects: Partial<Effects>): Promise<IndexReport> {
  const { logger, clock } = withDefaults(effects);
  await sweepStaleTemporaries(storeDir, logger);
  const ledger = await readLedger(storeDir, options.org);
  const report: IndexReport = {
    store: storeDir,
    listed: 0,
    read: [],
    touched: [],
    replaced: [],
    kept: [],
    orphansRemoved: 0,
    lines: 0,
    events: 0,
    skipped: 0
  };

  const orphans = await unlistedPartitionFiles(storeDir, new Set(ledger.files.flatMap((f) => f.partitions)));
  if (orphans.length > 0) {
    await removePartitionFiles(storeDir, orphans);
    logger.info(`removed ${orphans.length} partition file(s) of an interrupted index run`);
    report.orphansRemoved = orphans.length;
  }

  // every site's files tell which files are gone from the drop; only the chosen sites' are read
  const allFiles = listEventFiles(options.data, { org: options.org, ...ALL_DAYS });
  const files = options.sites
    ? allFiles.filter((f) => f.site !== undefined && options.sites!.includes(f.site))
    : allFiles;
  report.listed = files.length;
  const listed = new Set(allFiles.map((f) => f.relPath));
  const byPath = new Map(ledger.files.map((e) => [e.path, e]));

  // Partition files the ledger will no longer name: removed only after the ledger is written
  // without them (a run stopped in between leaves orphans, which the next run removes).
  let pending: string[] = [];
  let lastSave = Date.now();
  const save = async () => {
    ledger.files = sortedLike(allFiles, byPath);
    await writeLedger(storeDir, ledger);
    lastSave = Date.now();
    const gone = pending;
    pending = [];
    await removePartitionFiles(storeDir, gone);
  };

  // files gone from the drop: a decrypted twin replaces an encrypted one; others keep their events
  const plainListed = new Set(allFiles.map((f) => plainPath(f.relPath)));
  for (const entry of ledger.files.filter((e) => !listed.has(e.path))) {
    if (plainListed.has(plainPath(entry.path))) {
      pending.push(...entry.partitions);
      byPath.delete(entry.path);
      report.replaced.push(entry.path);
    } else {
      report.kept.push(entry.path);
    }
  }
  if (report.kept.length > 0)
    logger.warn(
      `${report.kept.length} daily file(s) read before are no longer in the drop; their events stay in the store (first: ${report.kept[0]})`
    );
  if (report.replaced.length > 0) await save();

  const todo: { file: EventFile; size: number; mtimeMs: number }[] = [];
  for (const file of files) {
    const info = await stat(file.path);
    const entry = byPath.get(file.relPath);
    if (entry && entry.size === info.size && entry.mtimeMs === info.mtimeMs) continue;
    if (entry && entry.size === info.size && (await sha256Of(file.path)) === entry.sha256) {
      byPath.set(file.relPath, { ...entry, mtimeMs: info.mtimeMs });
      report.touched.push(file.relPath);
      continue;
    }
    todo.push({ file, size: info.size, mtimeMs: info.mtimeMs });
  }
  if (report.touched.length > 0) await save();
  if (todo.length === 0) {
    logger.info(`index: ${files.length} daily file(s), none new or changed`);
    return report;
  }

  const workRoot = await mkdtemp(join(processTempDir(logger), 'index-'));
  const untrack = trackTemporary(workRoot);
  const duck = await openDuck({
    memoryLimit: options.memoryLimit ?? '1GB',
    threads: options.threads,
    tempDirectory: join(workRoot, 'spill')
  });
  try {
    for (const [i, { file, size, mtimeMs }] of todo.entries()) {
      logger.progress(`index: ${i + 1}/${todo.length} ${file.relPath}`);
      const old = byPath.get(file.relPath);
      const entry = await indexOne(duck, file, join(workRoot, String(i)), storeDir, options);
      byPath.set(file.relPath, { ...entry, size, mtimeMs, indexedAt: clock.now().toISOString() });
      if (old) pending.push(...old.partitions.filter((p) => !entry.partitions.includes(p)));
      if (i === 0) await holdForTest('index'); // the interruption test stops here (partitions in place, the ledger not yet written)
      report.read.push(file.relPath);
      report.lines += entry.lines;
      report.events += Object.values(entry.events).reduce((a, b) => a + b, 0);
      report.skipped += entry.skipped.length;
      // every so often, not after each file: the ledger of a large drop is megabytes
      if (Date.now() - lastSave >= LEDGER_SAVE_MS) await save();
    }
    await save();
  } catch (error) {
    // the files read before the failure stay read (the failure is what the caller hears of)
    await save().catch(() => {});
    throw error;
  } finally {
    duck.close();
    await rm(workRoot, { recursive: true, force: true });
    untrack();
    logger.progress('');
  }
  logger.info(
    `index: ${report.read.length} of ${files.length} daily file(s) read, ${report.lines} lines, ${report.events} events${report.skipped ? `, ${report.skipped} bad line(s) skipped` : ''}`
  );
  return report;
}

/** The ledger's entries in the drop's order (day, site, path), then those no longer listed. */
function sortedLike(files: EventFile[], byPath: Map<string, LedgerEntry>): LedgerEntry[] {
  const order = new Map(files.map((f, i) => [f.relPath, i]));
  return [...byPath.values()].sort(
    (a, b) => (order.get(a.path) ?? Infinity) - (order.get(b.path) ?? Infinity) || a.path.localeCompare(b.path)
  );
}
