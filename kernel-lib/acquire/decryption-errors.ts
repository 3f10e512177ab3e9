import { InputError } from '../util/errors';
import type { DecryptionKey } from './decryption-key';

/**
 * Turns an openpgp.js error into an InputError that names the file and says what is wrong in
 * words a data czar can act on: wrong key, truncated download, modified file, not OpenPGP.
 * `recipients` are the key ids the message is encrypted to, when known. System errors (disk
 * full, permissions: they carry a `syscall`) are returned unchanged.
 */
export function decryptionError(error: unknown, file: string, key: DecryptionKey, recipients: string[] = []): Error {
  if (error instanceof InputError) return error;
  if (error instanceof Error && typeof (error as { syscall?: unknown }).syscall === 'string') return error;
  const message = error instanceof Error ? error.message : String(error);
  let reason: string;
  if (
    /no decryption key packets|session key decryption failed|no matching (private )?key|could not find valid.*decryption key/i.test(
      message
    )
  ) {
    const to = recipients.length ? ` (it is encrypted to key id ${recipients.join(', ')};` : ' (';
    reason = `wrong key: none of the keys from ${key.source} can decrypt this file${to} the key has ${key.keyIds.join(', ')})`;
  } else if (/modification detected|authentication tag|mdc|integrity/i.test(message)) {
    reason = `integrity check failed: the file was modified or corrupted (${message})`;
  } else if (/unexpected end|premature|truncated|end of (stream|input|file)/i.test(message)) {
    reason = `truncated: the file ends before its OpenPGP message does, e.g. an incomplete download (${message})`;
  } else if (
    /misformed armored text|unknown ascii armor|error during parsing|packet not allowed|unsupported|invalid (packet|session key)/i.test(
      message
    )
  ) {
    reason = `not a readable OpenPGP message (${message})`;
  } else {
    reason = `decryption failed: the file is corrupt or not what it seems (${message})`;
  }
  return new InputError(reason, { file });
}
