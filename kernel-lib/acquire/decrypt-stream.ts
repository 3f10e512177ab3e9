import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { ReadableStream as WebReadableStream, TextDecoderStream } from 'node:stream/web';
import * as openpgp from 'openpgp';
import type { DecryptionKey } from './decryption-key';
import { decryptionError } from './decryption-errors';
import { peekStream, type PeekedStream } from './stream-peek';

/**
 * openpgp.js options for decryption. `allowUnauthenticatedStream` releases plaintext before the
 * integrity check (MDC / AEAD tag) at the end of the message has run, so memory stays flat on
 * multi-GB files; every caller must therefore treat the output as untrusted until the stream
 * ended without error (decryptFile writes to a temporary name and renames only then).
 */
const STREAMING_CONFIG = { allowUnauthenticatedStream: true };

/**
 * A pull-based web stream over a Node stream: reads the next chunk only when openpgp.js asks
 * for one. (Readable.toWeb in Node 20 keeps reading ahead, which inflated memory use.)
 */
function pullStream(source: AsyncIterable<Uint8Array>): WebReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new WebReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      }
    },
    { highWaterMark: 1 }
  );
}

async function* translateErrors(
  data: WebReadableStream<Uint8Array>,
  file: string,
  key: DecryptionKey,
  recipients: string[]
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of Readable.fromWeb(data)) yield chunk as Uint8Array;
  } catch (error) {
    throw decryptionError(error, file, key, recipients);
  }
}

/**
 * Decrypts an OpenPGP message (binary as edX sends it, or ASCII-armored) read from `input`.
 * Resolves once the session key is found; rejects with an InputError naming `file` when the key
 * does not fit or the input is not OpenPGP. Later problems (truncation, failed integrity check,
 * corrupt compression) are emitted as an InputError 'error' event on the returned stream, after
 * possibly some unauthenticated plaintext: use the output only once it ended without error.
 * Compressed messages (GnuPG compresses by default) come out decompressed.
 *
 * @example
 * const key = await loadDecryptionKey({ keyFile: sampleCourseRun().keyFile });
 * const [day] = listEventFiles(sampleDataDir(), { org: 'SamcedX', start: '2026-01-20', end: '2026-01-20' });
 * const plain = await decryptReadable(createReadStream(day!.path), key, day!.relPath); // rejects at once on a wrong key
 * plain.pipe(createGunzip()); // the day's log lines; a damaged file errors this stream, naming the file
 */
export async function decryptReadable(input: Readable, key: DecryptionKey, file: string): Promise<Readable> {
  let peeked: PeekedStream;
  try {
    peeked = await peekStream(input);
  } catch (error) {
    input.destroy();
    throw decryptionError(error, file, key);
  }
  if (peeked.head.length === 0) throw decryptionError(new Error('unexpected end of input: empty file'), file, key);
  const head = Buffer.from(peeked.head.subarray(0, 64)).toString('latin1').trimStart();
  const body = pullStream(peeked.stream);
  let recipients: string[] = [];
  try {
    const message = head.startsWith('-----BEGIN PGP')
      ? await openpgp.readMessage({
          armoredMessage: body.pipeThrough(new TextDecoderStream()) as unknown as ReadableStream<string>
        })
      : await openpgp.readMessage({ binaryMessage: body as unknown as ReadableStream<Uint8Array> });
    recipients = message.getEncryptionKeyIDs().map((id) => id.toHex());
    const { data } = await openpgp.decrypt({
      message,
      decryptionKeys: key.keys,
      format: 'binary',
      config: STREAMING_CONFIG
    });
    return Readable.from(translateErrors(data as unknown as WebReadableStream<Uint8Array>, file, key, recipients), {
      objectMode: false
    });
  } catch (error) {
    input.destroy();
    throw decryptionError(error, file, key, recipients);
  }
}

/**
 * Opens an encrypted file (e.g. `*.log.gz.gpg`) and returns its plaintext as a Node stream,
 * decrypting on the fly in constant memory. See `decryptReadable` for when errors surface:
 * a wrong key rejects the promise, a truncated or tampered file errors the stream (InputError
 * naming `path`). The SAMCED event reader uses this to read encrypted day files in place.
 *
 * @example
 * const key = await loadDecryptionKey({ keyFile: sampleCourseRun().keyFile });
 * const [day] = listEventFiles(sampleDataDir(), { org: 'SamcedX', start: '2026-01-20', end: '2026-01-20' });
 * const lines = createInterface({ input: (await openDecryptedStream(day!.path, key)).pipe(createGunzip()) });
 * for await (const line of lines) { showText(line); break; } // the first event of the day
 */
export async function openDecryptedStream(path: string, key: DecryptionKey): Promise<Readable> {
  return decryptReadable(createReadStream(path), key, path);
}
