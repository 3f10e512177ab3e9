import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** The first chunk of a stream and the whole stream again (that chunk included). */
export interface PeekedStream {
  /** The first chunk read (empty when the stream was empty). */
  head: Uint8Array;
  /** A byte stream replaying `head` followed by the rest of the input. */
  stream: Readable;
}

async function* replay(first: Uint8Array | undefined, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (first) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Reads the first chunk of `input` (to sniff a format) without losing it. Errors of `input`
 * reject here when they happen on the first read, later ones surface on the returned stream.
 */
export async function peekStream(input: AsyncIterable<Uint8Array>): Promise<PeekedStream> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  return { head, stream: Readable.from(replay(first.done ? undefined : head, iterator), { objectMode: false }) };
}

/** True when `head` starts with the gzip magic bytes. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** `input` decompressed when it is gzip, else unchanged (legacy server day files may be either). */
export async function gunzipIfGzipped(input: AsyncIterable<Uint8Array>): Promise<Readable> {
  const { head, stream } = await peekStream(input);
  if (!isGzip(head)) return stream;
  const gunzip = createGunzip();
  stream.on('error', (error) => gunzip.destroy(error));
  return stream.pipe(gunzip);
}
