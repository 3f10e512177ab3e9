import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A temporary sibling name for `finalPath`: same directory, so the rename is atomic. */
export function temporaryName(finalPath: string): string {
  counter += 1;
  return join(dirname(finalPath), `.${basename(finalPath)}.tmp-${process.pid}-${counter}`);
}

/** Writes a file under a temporary name and renames it into place once complete. */
export async function writeFileAtomic(finalPath: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(finalPath), { recursive: true });
  const tmp = temporaryName(finalPath);
  try {
    await writeFile(tmp, data);
    await rename(tmp, finalPath);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Runs `fill` on a fresh temporary directory next to `finalDir`; renames it to `finalDir` when
 * `fill` resolves and removes it when `fill` throws. `finalDir` must not exist yet.
 */
export async function withAtomicDirectory<T>(finalDir: string, fill: (tmpDir: string) => Promise<T>): Promise<T> {
  await mkdir(dirname(finalDir), { recursive: true });
  const tmp = temporaryName(finalDir);
  await mkdir(tmp, { recursive: true });
  try {
    const result = await fill(tmp);
    await rename(tmp, finalDir);
    return result;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
