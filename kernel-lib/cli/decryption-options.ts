import type { Readable } from 'node:stream';
import { KEY_ENV, loadDecryptionKey, type DecryptionKey } from '../acquire/decryption-key';
import { decryptReadable } from '../acquire/decrypt-stream';

/**
 * A decrypt function for `.gpg` files read in place, when a key is given (`--key` or $SAMCED_GPG_KEY).
 * The key is loaded (and its passphrase asked) only when the first encrypted file is met.
 */
export async function decryptorFromOptions(options: { keyFile?: string; passphrase?: string }): Promise<((encrypted: Readable, path: string) => Promise<Readable>) | undefined> {
  if (!options.keyFile && !process.env[KEY_ENV]) return undefined;
  let key: Promise<DecryptionKey> | undefined;
  return async (encrypted, path) => {
    key ??= loadDecryptionKey({ keyFile: options.keyFile, passphrase: options.passphrase });
    return decryptReadable(encrypted, await key, path);
  };
}
