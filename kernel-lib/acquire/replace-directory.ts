import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { temporaryName } from '../util/atomic';
import { isEnoent } from '../util/errors';
import { trackTemporary } from '../util/private-temp';

/**
 * Builds a directory under a temporary sibling name with `fill`, then moves it to `finalDir`.
 * An existing `finalDir` is replaced: it is first renamed aside, then removed once the new one
 * is in place, so readers see either the old or the new complete folder. When `fill` throws the
 * temporary folder is removed and `finalDir` is left as it was.
 */
export async function replaceDirectory<T>(finalDir: string, fill: (tmpDir: string) => Promise<T>): Promise<T> {
  await mkdir(dirname(finalDir), { recursive: true });
  const tmp = temporaryName(finalDir);
  const untrack = trackTemporary(tmp); // removed if the process ends before it is in place
  await mkdir(tmp);
  let result: T;
  try {
    result = await fill(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    untrack();
    throw error;
  }
  const old = temporaryName(finalDir);
  let movedAside = false;
  try {
    await rename(finalDir, old);
    movedAside = true;
  } catch (error) {
    if (!isEnoent(error)) {
      await rm(tmp, { recursive: true, force: true });
      untrack();
      throw error;
    }
  }
  await rename(tmp, finalDir);
  untrack();
  if (movedAside) await rm(old, { recursive: true, force: true });
  return result;
}
