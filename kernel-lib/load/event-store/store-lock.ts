import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../../util/atomic';
import type { Logger } from '../../util/effects';
import { InputError } from '../../util/errors';
import { processAlive, processTag, staleNotice, trackTemporary } from '../../util/private-temp';

/** The lock file of a store: one index run writes a store at a time. */
export const LOCK_NAME = 'index.lock';

/**
 * Takes the store's lock (`index.lock`, holding the process tag); one left by a process that no
 * longer runs is taken over with a notice. Returns the function that releases it.
 */
export async function lockStore(storeDir: string, logger: Logger): Promise<() => Promise<void>> {
  const path = join(storeDir, LOCK_NAME);
  for (;;) {
    try {
      await writeFile(path, processTag() + '\n', { flag: 'wx', mode: PRIVATE_FILE_MODE });
      const untrack = trackTemporary(path);
      return async () => {
        await rm(path, { force: true });
        untrack();
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const tag = /^(\d+)-(\d+)/.exec(await readFile(path, 'utf8').catch(() => ''));
    if (tag && processAlive(Number(tag[1]), tag[2]))
      throw new InputError(`another samced index (pid ${tag[1]}) is writing this store; wait for it to end`, {
        file: storeDir
      });
    await rm(path, { force: true });
    logger.info(staleNotice(Number(tag?.[1] ?? 0), path));
  }
}
