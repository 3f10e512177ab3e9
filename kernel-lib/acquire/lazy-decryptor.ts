import type { Readable } from 'node:stream';
import { KEY_ENV, loadDecryptionKey, type DecryptionKey } from './decryption-key';
import { decryptReadable } from './decrypt-stream';

/** Where the key for `.gpg` files read in place comes from (see `loadDecryptionKey`). */
export interface LazyDecryptorOptions {
  /** A key file; default the armored key in $SAMCED_GPG_KEY. */
  keyFile?: string;
  /** The key's passphrase; default $SAMCED_GPG_PASSPHRASE, the file named by $SAMCED_GPG_PASSPHRASE_FILE, a prompt. */
  passphrase?: string;
  /** Environment to read the variables from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * A decrypt function for `.gpg` files read in place, when a key is given (`keyFile` or $SAMCED_GPG_KEY);
 * undefined otherwise. The key is loaded (and its passphrase asked) only when the first encrypted
 * file is met, so a window without one needs no passphrase.
 */
export function lazyDecryptor(
  options: LazyDecryptorOptions
): ((encrypted: Readable, path: string) => Promise<Readable>) | undefined {
  const env = options.env ?? process.env;
  if (!options.keyFile && !env[KEY_ENV]) return undefined;
  let key: Promise<DecryptionKey> | undefined;
  return async (encrypted, path) => {
    key ??= loadDecryptionKey({ keyFile: options.keyFile, passphrase: options.passphrase, env });
    return decryptReadable(encrypted, await key, path);
  };
}
