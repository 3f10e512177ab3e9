import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from './effects';
import { InputError } from './errors';

/**
 * Temporary files that outlive no run. Every process keeps its temporary files (the cut of the
 * event logs: raw lines with usernames and IP addresses; DuckDB's spill files; Parquet files) in
 * one folder of its own, `$TMPDIR/samced-<uid>/<pid>-<start>/`, inside a private root that only
 * its user can read (0700, owned by the user, not a symlink). The folder goes when the process
 * exits normally, or on SIGINT/SIGTERM when the command installed `exitCleanlyOnSignals`; after a
 * `kill -9` or a crash, the next process that makes its own folder finds the folders of processes
 * no longer alive and removes them, with one line through the logger. Temporary siblings of
 * outputs (`.<name>.tmp-<pid>-<start>-<n>`, see util/atomic.ts) carry the same process tag, so
 * a later run can tell a stale one from one a running process is writing.
 */

/** The notice printed for every stale folder or file removed. */
export function staleNotice(pid: number, path: string): string {
  return `removed temporary files of an interrupted run (pid ${pid}): ${path}`;
}

let ownStart: string | undefined;

/**
 * The start time of process `pid` in clock ticks since boot (field 22 of /proc/<pid>/stat), or
 * undefined where /proc is not readable. With the pid it names a process even after the pid is reused.
 */
function startTicks(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // the command name (field 2) is in parentheses and may hold spaces: count after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

/** This process's tag `<pid>-<start>` (start 0 where it is unknown). */
export function processTag(): string {
  ownStart ??= startTicks('self') ?? '0';
  return `${process.pid}-${ownStart}`;
}

/**
 * True while the process that made tag `<pid>-<start>` (or a legacy bare pid) runs: the pid exists
 * and, when both start times are known, started at that time.
 */
export function processAlive(pid: number, start?: string): boolean {
  if (pid === process.pid) return start === undefined || start === (ownStart ?? startTicks('self') ?? '0');
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the pid exists (another user's process): not ours to judge, so alive
    return (error as { code?: string }).code !== 'ESRCH';
  }
  if (start === undefined || start === '0') return true;
  const now = startTicks(pid);
  return now === undefined || now === start;
}

/** The per-user private root; made (0700) when missing; refused when it is not safely ours. */
export function privateTempRoot(base: string = tmpdir()): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const root = join(base, uid === undefined ? 'samced' : `samced-${uid}`);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const info = lstatSync(root);
  if (info.isSymbolicLink() || !info.isDirectory())
    throw new InputError('the private temporary folder is a symlink or not a folder; remove it', { file: root });
  if (uid !== undefined && info.uid !== uid)
    throw new InputError(
      `the private temporary folder belongs to another user (uid ${info.uid}); remove it or set TMPDIR`,
      { file: root }
    );
  if ((info.mode & 0o077) !== 0) chmodSync(root, 0o700);
  return root;
}

/** `<pid>-<start>` folder names in the private root. */
const PROCESS_FOLDER = /^(\d+)-(\d+)$/;

/** Removes the folders of processes no longer alive from the private root; returns what it removed. */
export function removeStaleProcessFolders(root: string, logger: Logger): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const match = PROCESS_FOLDER.exec(name);
    if (!match || processAlive(Number(match[1]), match[2])) continue;
    const path = join(root, name);
    rmSync(path, { recursive: true, force: true });
    logger.info(staleNotice(Number(match[1]), path));
    removed.push(path);
  }
  return removed;
}

/** Temporary paths of this process removed by `removeTemporariesNow` (on exit or a signal). */
const tracked = new Set<string>();
let exitHookInstalled = false;

/**
 * Registers a temporary path (file or folder) of this process to be removed if the process ends
 * (normal exit, or a signal handled by `exitCleanlyOnSignals`) before the caller is done with it.
 * Returns the function that unregisters it (call it once the path was renamed or removed).
 */
export function trackTemporary(path: string): () => void {
  tracked.add(path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', removeTemporariesNow);
  }
  return () => {
    tracked.delete(path);
  };
}

/** Removes every tracked temporary path at once (synchronously: it runs in exit and signal handlers). */
export function removeTemporariesNow(): void {
  for (const path of [...tracked].reverse()) {
    try {
      // another thread (the cut's worker, DuckDB) may still add files: a few retries
      rmSync(path, { recursive: true, force: true, maxRetries: 3, retryDelay: 10 });
    } catch {
      // best effort: what stays is found by the next run (the name carries the process tag)
    }
    tracked.delete(path);
  }
}

let ownFolder: string | undefined;

/**
 * This process's private temporary folder `<root>/<pid>-<start>/` (0700), made on first use,
 * after removing the stale folders of interrupted runs (one notice each through `logger`).
 * Removed when the process exits.
 */
export function processTempDir(logger: Logger): string {
  if (ownFolder) {
    mkdirSync(ownFolder, { recursive: true, mode: 0o700 });
    return ownFolder;
  }
  const root = privateTempRoot();
  removeStaleProcessFolders(root, logger);
  const folder = join(root, processTag());
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  trackTemporary(folder);
  ownFolder = folder;
  return folder;
}

const SIGNAL_STATUS: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
let signalsInstalled = false;

/**
 * For CLI commands: on SIGINT or SIGTERM, removes this process's temporary files and partial
 * outputs (every tracked path), then exits with 130 or 143 (128 + the signal's number, as a shell
 * reports a process killed by it). Not for notebooks: the kernel uses SIGINT to interrupt a cell.
 */
export function exitCleanlyOnSignals(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const signal of Object.keys(SIGNAL_STATUS) as (keyof typeof SIGNAL_STATUS)[]) {
    process.on(signal, () => {
      removeTemporariesNow();
      if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false); // a passphrase prompt was open
      process.stderr.write(`samced: stopped by ${signal}; temporary files and partial outputs removed\n`);
      process.exit(SIGNAL_STATUS[signal]);
    });
  }
}

/**
 * Test hook of the interruption tests: with `SAMCED_TEST_HOLD=<stage>` in the environment the
 * process stops at that stage for good (after printing `samced: holding at <stage>` on stderr),
 * so a test can signal or kill it there. Resolves at once otherwise.
 */
export function holdForTest(stage: string): Promise<void> {
  if (process.env.SAMCED_TEST_HOLD !== stage) return Promise.resolve();
  process.stderr.write(`samced: holding at ${stage}\n`);
  return new Promise<void>(() => {
    setInterval(() => {}, 60_000);
  });
}
