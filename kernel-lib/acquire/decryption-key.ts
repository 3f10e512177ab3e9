import { readFile } from 'node:fs/promises';
import * as openpgp from 'openpgp';
import { InputError, isEnoent } from '../util/errors';
import { readSecretFile } from '../util/secret-file';
import { canPrompt, promptPassphrase } from './passphrase-prompt';
import { DEMO_KEY_FINGERPRINT, DEMO_KEY_PASSPHRASE } from './demo-key';

/** Environment variable holding an armored private key (alternative to a key file). */
export const KEY_ENV = 'SAMCED_GPG_KEY';
/** Environment variable holding the private key's passphrase. */
export const PASSPHRASE_ENV = 'SAMCED_GPG_PASSPHRASE';
/** Environment variable naming a file that holds the passphrase (used when PASSPHRASE_ENV is unset). */
export const PASSPHRASE_FILE_ENV = 'SAMCED_GPG_PASSPHRASE_FILE';

/**
 * One or more unlocked OpenPGP private keys, ready to decrypt. Made by `loadDecryptionKey`;
 * pass it to `decryptFile`, `openDecryptedStream` or `decryptDrop`.
 */
export interface DecryptionKey {
  /** The unlocked keys (a key file may hold several). */
  readonly keys: openpgp.PrivateKey[];
  /** Where the key came from (a file path or the environment variable name), for messages. */
  readonly source: string;
  /** Hex ids of every primary key and subkey, for messages. */
  readonly keyIds: string[];
}

/** Options of `loadDecryptionKey`. */
export interface LoadDecryptionKeyOptions {
  /** A key file: armored (`.asc`, as `gpg --armor --export-secret-keys` writes) or binary. */
  keyFile?: string;
  /** An armored private key given as text. Default: $SAMCED_GPG_KEY when no keyFile. */
  armoredKey?: string;
  /**
   * The passphrase. Default: $SAMCED_GPG_PASSPHRASE, else the file named by $SAMCED_GPG_PASSPHRASE_FILE,
   * else (the sample's public demo key only) its published passphrase, else a prompt when on a terminal.
   */
  passphrase?: string;
  /** Environment to read the two variables from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Asks for the passphrase. Default: a no-echo terminal prompt, only when stdin is a TTY. */
  prompt?: (question: string) => Promise<string>;
}

async function readKeys(bytes: Uint8Array, source: string): Promise<openpgp.PrivateKey[]> {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart();
  try {
    if (text.startsWith('-----BEGIN PGP')) {
      return await openpgp.readPrivateKeys({ armoredKeys: Buffer.from(bytes).toString('utf8') });
    }
    return await openpgp.readPrivateKeys({ binaryKeys: bytes });
  } catch (error) {
    const reason = (error as Error).message;
    const hint = /not of type private key/i.test(reason)
      ? ' (this is a public key; export the secret key with gpg --armor --export-secret-keys)'
      : '';
    throw new InputError(`not an OpenPGP private key: ${reason}${hint}`, { file: source });
  }
}

async function unlock(
  keys: openpgp.PrivateKey[],
  source: string,
  options: LoadDecryptionKeyOptions,
  env: NodeJS.ProcessEnv
): Promise<openpgp.PrivateKey[]> {
  if (keys.every((key) => key.isDecrypted())) return keys;
  let passphrase = options.passphrase ?? env[PASSPHRASE_ENV];
  const file = env[PASSPHRASE_FILE_ENV];
  if (passphrase === undefined && file)
    passphrase = (await readSecretFile(file, 'the key passphrase')).toString('utf8');
  if (passphrase === undefined && keys.every((key) => key.getFingerprint() === DEMO_KEY_FINGERPRINT))
    passphrase = DEMO_KEY_PASSPHRASE;
  if (passphrase === undefined) {
    const prompt = options.prompt ?? (canPrompt() ? promptPassphrase : undefined);
    if (!prompt) {
      throw new InputError(
        `the private key is protected by a passphrase: set ${PASSPHRASE_ENV} or ${PASSPHRASE_FILE_ENV} (no terminal to ask on)`,
        { file: source }
      );
    }
    passphrase = await prompt(`Passphrase for ${source}: `);
  }
  const unlocked: openpgp.PrivateKey[] = [];
  for (const key of keys) {
    if (key.isDecrypted()) {
      unlocked.push(key);
      continue;
    }
    try {
      unlocked.push(await openpgp.decryptKey({ privateKey: key, passphrase }));
    } catch (error) {
      throw new InputError(`cannot unlock key ${key.getKeyID().toHex()}: ${(error as Error).message}`, {
        file: source
      });
    }
  }
  return unlocked;
}

/**
 * Loads and unlocks the private key(s) used to decrypt edX deliveries. The key comes from
 * `keyFile`, else `armoredKey`, else $SAMCED_GPG_KEY; the passphrase (only asked when the key
 * is protected) from `passphrase`, else $SAMCED_GPG_PASSPHRASE, else the file named by
 * $SAMCED_GPG_PASSPHRASE_FILE (one trailing newline dropped), else a terminal prompt.
 * Works for RSA and ECC (curve25519) keys exported by GnuPG, including `--export-secret-subkeys`
 * exports whose primary key is a stub. Throws InputError naming the source when the key is
 * missing, not a private key, or the passphrase is wrong.
 *
 * @example
 * const key = await loadDecryptionKey({ keyFile: sampleCourseRun().keyFile }); // the sample's DEMO key: no passphrase
 * const plain = await openDecryptedStream(listEventFiles(sampleDataDir(), { org: 'SamcedX', start: '2026-01-20', end: '2026-01-20' })[0]!.path, key);
 */
export async function loadDecryptionKey(options: LoadDecryptionKeyOptions = {}): Promise<DecryptionKey> {
  const env = options.env ?? process.env;
  let bytes: Uint8Array;
  let source: string;
  if (options.keyFile !== undefined) {
    source = options.keyFile;
    try {
      bytes = await readFile(options.keyFile);
    } catch (error) {
      if (isEnoent(error)) throw new InputError('key file not found', { file: options.keyFile });
      throw error;
    }
  } else if (options.armoredKey !== undefined || env[KEY_ENV]) {
    source = options.armoredKey !== undefined ? 'the armored key given' : '$' + KEY_ENV;
    bytes = Buffer.from(options.armoredKey ?? env[KEY_ENV]!, 'utf8');
  } else {
    throw new InputError(`no decryption key: pass --key FILE or set ${KEY_ENV} to an armored private key`);
  }
  const keys = await unlock(await readKeys(bytes, source), source, options, env);
  const keyIds = keys.flatMap((key) => [
    key.getKeyID().toHex(),
    ...key.getSubkeys().map((sub) => sub.getKeyID().toHex())
  ]);
  return { keys, source, keyIds };
}
