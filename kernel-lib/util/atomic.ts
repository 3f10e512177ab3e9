import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from './effects';
import { isEnoent } from './errors';
import { processAlive, processTag, staleNotice, trackTemporary } from './private-temp';

let counter = 0;

/**
 * Owner-only modes for everything samced writes (outputs, caches, temporary cuts): they hold personal
 * data and run on shared research servers. Folders are created with them, so nothing is readable by
 * others even while being written; files that other code creates (SQLite, DuckDB) get them by
 * restrictTree before they are renamed into place.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * A temporary sibling name for `finalPath`: same directory, so the rename is atomic. The name,
 * `.<name>.tmp-<pid>-<start>-<n>`, carries the process tag, so that a later run can recognise
 * one left by a process that no longer runs (sweepStaleTemporaries).
 */
export function temporaryName(finalPath: string): string {
  counter += 1;
  return join(dirname(finalPath), `.${basename(finalPath)}.tmp-${processTag()}-${counter}`);
}

/** `.<name>.tmp-<pid>-<start>-<n>`, and `.<name>.tmp-<pid>-<n>` as earlier versions named them. */
const TEMPORARY = /^\..+\.tmp-(\d+)-(\d+)-\d+$/;
const LEGACY_TEMPORARY = /^\..+\.tmp-(\d+)-\d+$/;

/**
 * Removes the temporary siblings in `dir` (see temporaryName) that processes no longer running
 * left behind (killed, crashed), one notice each through `logger`; those of running processes stay.
 * Returns the paths removed.
 */
export async function sweepStaleTemporaries(dir: string, logger: Logger): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    // no folder (yet), or a file in its place: nothing to sweep; writing there reports it
    if (isEnoent(error) || (error as { code?: string }).code === 'ENOTDIR') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const tagged = TEMPORARY.exec(name);
    const legacy = tagged ? undefined : LEGACY_TEMPORARY.exec(name);
    const pid = Number((tagged ?? legacy)?.[1]);
    if (!(tagged ?? legacy) || processAlive(pid, tagged?.[2])) continue;
    const path = join(dir, name);
    await rm(path, { recursive: true, force: true });
    logger.info(staleNotice(pid, path));
    removed.push(path);
  }
  return removed;
}

/** Sets owner-only modes on a folder and everything in it (PRIVATE_DIR_MODE, PRIVATE_FILE_MODE). */
export async function restrictTree(dir: string): Promise<void> {
  await chmod(dir, PRIVATE_DIR_MODE);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await restrictTree(path);
    else if (entry.isFile()) await chmod(path, PRIVATE_FILE_MODE);
  }
}

/** Writes a file (owner-only) under a temporary name and renames it into place once complete. */
export async function writeFileAtomic(finalPath: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(finalPath), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = temporaryName(finalPath);
  const untrack = trackTemporary(tmp);
  try {
    await writeFile(tmp, data, { mode: PRIVATE_FILE_MODE });
    await rename(tmp, finalPath);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    untrack();
  }
}

/**
 * Runs `fill` on a fresh owner-only temporary directory next to `finalDir`; gives everything in it
 * owner-only modes and renames it to `finalDir` when `fill` resolves, and removes it when `fill`
 * throws (or the process ends meanwhile: see trackTemporary). `finalDir` must not exist yet;
 * missing parent folders are created owner-only.
 */
export async function withAtomicDirectory<T>(finalDir: string, fill: (tmpDir: string) => Promise<T>): Promise<T> {
  await mkdir(dirname(finalDir), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = temporaryName(finalDir);
  const untrack = trackTemporary(tmp);
  try {
    await mkdir(tmp, { recursive: true, mode: PRIVATE_DIR_MODE });
    const result = await fill(tmp);
    await restrictTree(tmp);
    await rename(tmp, finalDir);
    return result;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    untrack();
  }
}
