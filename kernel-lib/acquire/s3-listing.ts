import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/** One object as listed by S3. */
export interface RemoteObject {
  bucket: string;
  key: string;
  size: number;
  /** The ETag without its quotes. */
  etag: string;
  lastModified?: Date;
}

/** Options of `listObjects`. */
export interface ListObjectsOptions {
  bucket: string;
  /** Only keys starting with this. */
  prefix?: string;
  /** Only keys sorting after this (S3 `StartAfter`), e.g. to skip years before `--since`. */
  startAfter?: string;
  /** Keys per page (S3 caps it at 1000). Small values exercise pagination in tests. */
  maxKeys?: number;
}

/** Removes the quotes S3 puts around ETags. */
export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/"/g, '');
}

/**
 * Lists every object under a prefix, following ListObjectsV2 continuation tokens page by page.
 * Folder placeholder keys (ending in `/`) are left out.
 */
export async function* listObjects(client: S3Client, options: ListObjectsOptions): AsyncGenerator<RemoteObject> {
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: options.bucket,
        Prefix: options.prefix,
        StartAfter: token === undefined ? options.startAfter : undefined,
        MaxKeys: options.maxKeys,
        ContinuationToken: token
      })
    );
    for (const item of page.Contents ?? []) {
      if (!item.Key || item.Key.endsWith('/')) continue;
      yield {
        bucket: options.bucket,
        key: item.Key,
        size: item.Size ?? 0,
        etag: unquoteEtag(item.ETag),
        ...(item.LastModified ? { lastModified: item.LastModified } : {})
      };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
}
