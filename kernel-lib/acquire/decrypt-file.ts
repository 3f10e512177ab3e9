import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { temporaryName } from '../util/atomic';
import { withDefaults, type Effects } from '../util/effects';
import { InputError, isEnoent } from '../util/errors';
import { holdForTest, trackTemporary } from '../util/private-temp';
import { openDecryptedStream } from './decrypt-stream';
import type { DecryptionKey } from './decryption-key';
import { decryptionError } from './decryption-errors';

/** What `decryptFile` did. */
export interface DecryptFileResult {
  input: string;
  output: string;
  /** Size of the encrypted input. */
  bytesIn: number;
  /** Size of the plaintext written. */
  bytesOut: number;
}

/**
 * Decrypts one OpenPGP file to `output`. The plaintext is streamed into a temporary sibling of
 * `output` and renamed into place only after the whole message was read and its integrity check
 * passed, so `output` either is complete or does not exist (an existing `output` is replaced
 * atomically). Wrong key, truncated or tampered input: InputError naming `input`, temporary
 * file removed (also when the process ends meanwhile; a kill -9 leaves it to the next run's
 * sweepStaleTemporaries). Memory stays flat whatever the size.
 *
 * @example
 * const key = await loadDecryptionKey({ keyFile: sampleCourseRun().keyFile });
 * const [day] = listEventFiles(sampleDataDir(), { org: 'SamcedX', start: '2026-01-20', end: '2026-01-20' });
 * const result = await decryptFile(day!.path, 'outputs/samcedx-edx-events-2026-01-20.log.gz', key);
 * result.bytesOut; // the size of the (still gzipped) plaintext
 */
export async function decryptFile(
  input: string,
  output: string,
  key: DecryptionKey,
  effects: Partial<Effects> = {}
): Promise<DecryptFileResult> {
  const { logger } = withDefaults(effects);
  const bytesIn = await stat(input).then(
    (s) => s.size,
    (error: unknown) => {
      throw isEnoent(error) ? new InputError('file not found', { file: input }) : error;
    }
  );
  await mkdir(dirname(output), { recursive: true });
  const tmp = temporaryName(output);
  const untrack = trackTemporary(tmp);
  try {
    const plaintext = await openDecryptedStream(input, key);
    await pipeline(plaintext, createWriteStream(tmp));
    await holdForTest('decrypt'); // the interruption tests stop here (the plaintext is in the temporary file)
    await rename(tmp, output);
  } catch (error) {
    await rm(tmp, { force: true });
    throw decryptionError(error, input, key);
  } finally {
    untrack();
  }
  const bytesOut = (await stat(output)).size;
  logger.info(`decrypted ${input} -> ${output} (${bytesOut} bytes)`);
  return { input, output, bytesIn, bytesOut };
}
