import type { S3Client } from '@aws-sdk/client-s3';
import type { Effects } from '../util/effects';
import { InputError } from '../util/errors';
import { listObjects, type RemoteObject } from './s3-listing';
import { courseDataTarget, eventTarget, type SyncTarget } from './sync-plan';

/** Default bucket of the weekly database zips (and the legacy tracking tars). */
export const COURSE_BUCKET = 'course-data';
/** Default bucket of the daily event files. */
export const EVENTS_BUCKET = 'edx-course-data';
/** Years the legacy `{date}-{org}-tracking.tar` existed (it starts with its date, not the org). */
export const LEGACY_TRACKING_YEARS = ['2013', '2014'];

/** What to list. */
export interface ListDeliveriesOptions {
  org: string;
  /** Sites of daily event files (`edx`, `edge`, `prod`). */
  sites: string[];
  courseBucket: string;
  eventsBucket: string;
  /** Only deliveries dated on or after this `YYYY-MM-DD`. */
  since?: string;
  /** Keys per ListObjectsV2 page (default: S3's 1000). */
  maxKeys?: number;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** Turns listing failures that are the user's to fix into InputErrors with a hint. */
function listingError(error: unknown, where: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const name = (error as { name?: string }).name ?? '';
  if (/region is missing/i.test(message))
    return new InputError(`${where}: no AWS region: pass --region (edX buckets are in us-east-1) or set AWS_REGION`);
  if (/could not load credentials/i.test(message)) {
    return new InputError(
      `${where}: no AWS credentials: run 'aws configure' with the keys edX sent (credentials.csv.gpg) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`
    );
  }
  if (
    name === 'NoSuchBucket' ||
    name === 'AccessDenied' ||
    name === 'InvalidAccessKeyId' ||
    name === 'SignatureDoesNotMatch' ||
    statusOf(error) === 403
  ) {
    return new InputError(`${where}: ${name || 'error'}: ${message}`);
  }
  return error;
}

async function collect(
  client: S3Client,
  bucket: string,
  prefix: string,
  startAfter: string | undefined,
  maxKeys?: number
): Promise<RemoteObject[]> {
  const objects: RemoteObject[] = [];
  try {
    for await (const object of listObjects(client, { bucket, prefix, startAfter, maxKeys })) objects.push(object);
  } catch (error) {
    throw listingError(error, `cannot list s3://${bucket}/${prefix}`);
  }
  return objects;
}

/**
 * Lists an org's deliveries: `{org}-{date}.zip` in the course bucket (prefixes `{org}-` as
 * typed and lower-cased), legacy `{date}-{org}-tracking.tar` there (prefixes `2013-`, `2014-`;
 * access denied on those is only a warning), and every daily file under
 * `{org lower-cased}/{site}/events/` of the events bucket (starting at the `--since` year).
 * Results are sorted by bucket and key, duplicates removed.
 */
export async function listDeliveries(
  client: S3Client,
  options: ListDeliveriesOptions,
  effects: Effects
): Promise<SyncTarget[]> {
  const { org, since, maxKeys } = options;
  const targets = new Map<string, SyncTarget>();
  const add = (target: SyncTarget | undefined): void => {
    if (target) targets.set(target.bucket + '/' + target.key, target);
  };
  for (const prefix of new Set([org + '-', org.toLowerCase() + '-'])) {
    for (const object of await collect(client, options.courseBucket, prefix, undefined, maxKeys))
      add(courseDataTarget(object, org, since));
  }
  for (const year of LEGACY_TRACKING_YEARS) {
    if (since !== undefined && year < since.slice(0, 4)) continue;
    try {
      for (const object of await collect(client, options.courseBucket, year + '-', undefined, maxKeys))
        add(courseDataTarget(object, org, since));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      effects.logger.warn(`${error.message} (legacy tracking tars skipped)`);
    }
  }
  for (const site of options.sites) {
    const prefix = `${org.toLowerCase()}/${site}/events/`;
    const startAfter = since === undefined ? undefined : prefix + since.slice(0, 4);
    for (const object of await collect(client, options.eventsBucket, prefix, startAfter, maxKeys))
      add(eventTarget(object, since));
  }
  return [...targets.values()].sort((a, b) => (a.bucket + '/' + a.key < b.bucket + '/' + b.key ? -1 : 1));
}
