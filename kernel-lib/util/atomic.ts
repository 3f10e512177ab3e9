import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Owner-only modes for everything samced writes (outputs, caches, temporary cuts): they hold personal
 * data and run on shared research servers. Folders are created with them, so nothing is readable by
 * others even while being written; files that other code creates (SQLite, DuckDB) get them by
 * restrictTree before they are renamed into place.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** A temporary sibling name for `finalPath`: same directory, so the rename is atomic. */
export function temporaryName(finalPath: string): string {
  counter += 1;
  return join(dirname(finalPath), `.${basename(finalPath)}.tmp-${process.pid}-${counter}`);
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
  try {
    await writeFile(tmp, data, { mode: PRIVATE_FILE_MODE });
    await rename(tmp, finalPath);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Runs `fill` on a fresh owner-only temporary directory next to `finalDir`; gives everything in it
 * owner-only modes and renames it to `finalDir` when `fill` resolves, and removes it when `fill`
 * throws. `finalDir` must not exist yet; missing parent folders are created owner-only.
 */
export async function withAtomicDirectory<T>(finalDir: string, fill: (tmpDir: string) => Promise<T>): Promise<T> {
  await mkdir(dirname(finalDir), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = temporaryName(finalDir);
  await mkdir(tmp, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    const result = await fill(tmp);
    await restrictTree(tmp);
    await rename(tmp, finalDir);
    return result;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
