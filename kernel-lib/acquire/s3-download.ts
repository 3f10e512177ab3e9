import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isEnoent } from '../util/errors';
import { unquoteEtag, type RemoteObject } from './s3-listing';

/** Options of `downloadObject`. */
export interface DownloadOptions {
  /** How many times a failed or short transfer is resumed before giving up. Default 3. */
  retries?: number;
  /** Wait before retry n is n times this many milliseconds. Default 500. */
  retryDelayMs?: number;
  /** Called with the size of every chunk received (for progress). */
  onBytes?: (bytes: number) => void;
}

/** What one download did. */
export interface DownloadResult {
  /** Bytes received in this call (less than the object's size when a partial file was resumed). */
  bytes: number;
  /** Size of the partial file found when the call started (0: fresh download). */
  resumedFrom: number;
  /** Retries that were needed. */
  retries: number;
}

/** Thrown when the object's ETag no longer matches the listing (it changed during the sync). */
export class ObjectChangedError extends Error {
  constructor(object: RemoteObject) {
    super(`s3://${object.bucket}/${object.key} changed on S3 while it was being downloaded; run sync again`);
    this.name = 'ObjectChangedError';
  }
}

/**
 * The temporary name a download is written to until its size is verified: a hidden sibling
 * carrying a hash of the ETag, so a partial file is only ever resumed for the same object version.
 */
export function partialDownloadPath(localPath: string, etag: string): string {
  const version = createHash('sha256').update(etag).digest('hex').slice(0, 12);
  return join(dirname(localPath), `.${basename(localPath)}.${version}.partial`);
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isEnoent(error)) return undefined;
    throw error;
  }
}

/** Removes partial files of older versions of the same object. */
async function removeStalePartials(localPath: string, keep: string): Promise<void> {
  const prefix = `.${basename(localPath)}.`;
  for (const name of await readdir(dirname(localPath))) {
    if (name.startsWith(prefix) && name.endsWith('.partial') && join(dirname(localPath), name) !== keep) {
      await rm(join(dirname(localPath), name), { force: true });
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ObjectChangedError) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === undefined || status >= 500 || status === 408 || status === 429;
}

async function fetchInto(
  client: S3Client,
  object: RemoteObject,
  partial: string,
  have: number,
  onBytes: (n: number) => void
): Promise<void> {
  const response = await client.send(
    new GetObjectCommand({
      Bucket: object.bucket,
      Key: object.key,
      IfMatch: object.etag ? `"${object.etag}"` : undefined,
      Range: have > 0 ? `bytes=${have}-` : undefined
    })
  );
  const etag = unquoteEtag(response.ETag);
  if (etag && object.etag && etag !== object.etag) {
    (response.Body as Readable | undefined)?.destroy();
    throw new ObjectChangedError(object);
  }
  const append = have > 0 && response.ContentRange !== undefined;
  await writeKeepingPartial(response.Body as Readable, partial, append, onBytes);
}

/**
 * Copies `body` into `partial`. Unlike `pipeline`, a failing body does not discard what was
 * already received: the file is flushed and closed first, so the next attempt can resume.
 */
async function writeKeepingPartial(
  body: Readable,
  partial: string,
  append: boolean,
  onBytes: (n: number) => void
): Promise<void> {
  const out = createWriteStream(partial, { flags: append ? 'a' : 'w' });
  let failure: unknown;
  try {
    for await (const chunk of body) {
      const bytes = chunk as Uint8Array;
      onBytes(bytes.length);
      if (!out.write(bytes)) await once(out, 'drain');
    }
  } catch (error) {
    failure = error;
    body.destroy();
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  if (failure !== undefined) throw failure;
}

/**
 * Downloads one object to `localPath`. Bytes go to a hidden partial file (see
 * `partialDownloadPath`) that is renamed to `localPath` only when its size equals the listed
 * size. A partial file left by an interrupted run, or by a failed attempt, is resumed with a
 * Range request (`If-Match` the listed ETag); a server that ignores the range restarts it from 0.
 * Network errors, 5xx answers and short transfers are retried `retries` times.
 */
export async function downloadObject(
  client: S3Client,
  object: RemoteObject,
  localPath: string,
  options: DownloadOptions = {}
): Promise<DownloadResult> {
  const retries = options.retries ?? 3;
  const delay = options.retryDelayMs ?? 500;
  let received = 0;
  const onBytes = (n: number): void => {
    received += n;
    options.onBytes?.(n);
  };
  await mkdir(dirname(localPath), { recursive: true });
  const partial = partialDownloadPath(localPath, object.etag);
  await removeStalePartials(localPath, partial);
  const resumedFrom = Math.min((await sizeOf(partial)) ?? 0, object.size);
  let attempt = 0;
  for (;;) {
    let have = (await sizeOf(partial)) ?? -1;
    if (have > object.size) {
      await rm(partial, { force: true });
      have = -1;
    }
    let failure: unknown;
    if (object.size === 0) await writeFile(partial, '');
    else if (have < object.size) {
      try {
        await fetchInto(client, object, partial, Math.max(have, 0), onBytes);
      } catch (error) {
        failure = error;
      }
    }
    const size = (await sizeOf(partial)) ?? 0;
    if (failure === undefined && size === object.size) break;
    if (failure === undefined && size > object.size) {
      await rm(partial, { force: true });
      throw new Error(`s3://${object.bucket}/${object.key}: received ${size} bytes, listed size is ${object.size}`);
    }
    if (attempt >= retries || (failure !== undefined && !isRetryable(failure))) {
      if (failure !== undefined) throw failure;
      throw new Error(`s3://${object.bucket}/${object.key}: transfer ended at ${size} of ${object.size} bytes`);
    }
    attempt += 1;
    await new Promise((resolve) => setTimeout(resolve, delay * attempt));
  }
  await rename(partial, localPath);
  return { bytes: received, resumedFrom, retries: attempt };
}
