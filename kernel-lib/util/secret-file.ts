import { readFile, stat } from 'node:fs/promises';
import { InputError } from './errors';
import type { Logger } from './effects';

/**
 * Reads a secret kept in a file (a passphrase, a token, the pseudonymisation secret), without one
 * trailing newline (as `echo` writes it). Warns, naming the file but never the content, when the
 * file can be read by others than its owner (mode not 0600 or 0400). Throws InputError naming the
 * file when it cannot be read.
 */
export async function readSecretFile(path: string, what: string, logger?: Logger): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
    if (logger && ((await stat(path)).mode & 0o077) !== 0)
      logger.warn(`${path}: ${what} is readable by others than its owner (chmod 600 it)`);
  } catch (error) {
    throw new InputError(`cannot read ${what}: ${(error as Error).message}`, { file: path });
  }
  const end = bytes.length - (bytes[bytes.length - 1] === 0x0a ? (bytes[bytes.length - 2] === 0x0d ? 2 : 1) : 0);
  return bytes.subarray(0, end);
}

/** The value of a secret environment variable; InputError naming the variable (never a value) when unset. */
export function secretFromEnvironment(variable: string, what: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[variable];
  if (value === undefined) throw new InputError(`${what}: the environment variable ${variable} is not set`);
  return value;
}
