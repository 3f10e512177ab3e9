import { posix } from 'node:path';
import { dateInName, parseDatabaseZipName, parseTrackingTarName } from './delivery-names';
import type { RemoteObject } from './s3-listing';
import type { SyncedObject } from './sync-state';

/** What an S3 object is. */
export type DeliveryKind = 'database-zip' | 'tracking-tar' | 'event-file';

/** An S3 object to mirror, with where it goes in the drop. */
export interface SyncTarget extends RemoteObject {
  kind: DeliveryKind;
  /** Path below the destination folder, `/`-separated: `course-data/<key>` or `edx-course-data/<key>`. */
  localPath: string;
  /** The date in the name, when there is one. */
  date?: string;
}

/** What to do with one target. */
export type SyncDecision =
  /** Never seen: download. */
  | 'new'
  /** ETag or size differ from what was downloaded before: download again. */
  | 'changed'
  /** Same ETag and size and the local copy is there (or was removed after decryption): skip. */
  | 'unchanged'
  /** Same version as before but the local copy is gone or damaged: download again. */
  | 'missing';

/** True when an S3 key can be used as a relative local path (no `..`, no absolute path). */
export function isSafeKey(key: string): boolean {
  if (key === '' || key.startsWith('/') || key.includes('\\') || key.includes('\0')) return false;
  return key.split('/').every((part) => part !== '..' && part !== '.');
}

/**
 * The target for an object of the `course-data` bucket, when it is one of `org`'s deliveries
 * (`{org}-{date}.zip` or `{date}-{org}-tracking.tar` at the top of the bucket, any letter case)
 * dated on or after `since`.
 */
export function courseDataTarget(object: RemoteObject, org: string, since?: string): SyncTarget | undefined {
  if (object.key.includes('/') || !isSafeKey(object.key)) return undefined;
  const zip = parseDatabaseZipName(object.key, org);
  const tar = zip ? undefined : parseTrackingTarName(object.key, org);
  const date = zip?.date ?? tar?.date;
  if (date === undefined || (since !== undefined && date < since)) return undefined;
  return { ...object, kind: zip ? 'database-zip' : 'tracking-tar', localPath: 'course-data/' + object.key, date };
}

/**
 * The target for an object of the `edx-course-data` bucket (already listed under
 * `{org}/{site}/events/`), mirrored at `edx-course-data/<key>`. With `since`, only keys whose
 * name carries a date on or after it.
 */
export function eventTarget(object: RemoteObject, since?: string): SyncTarget | undefined {
  if (!isSafeKey(object.key)) return undefined;
  const date = dateInName(posix.basename(object.key));
  if (since !== undefined && (date === undefined || date < since)) return undefined;
  return { ...object, kind: 'event-file', localPath: 'edx-course-data/' + object.key, ...(date ? { date } : {}) };
}

/**
 * Decides whether to download a target, from what the state file remembers (`entry`) and the
 * size of the local copy (`localSize`, undefined when absent). Without a state entry, a local
 * file of exactly the listed size (e.g. from an earlier `aws s3 sync`) is adopted as unchanged.
 */
export function decide(
  target: SyncTarget,
  entry: SyncedObject | undefined,
  localSize: number | undefined
): SyncDecision {
  if (entry === undefined) {
    if (localSize === undefined) return 'new';
    return localSize === target.size ? 'unchanged' : 'changed';
  }
  if (entry.etag !== target.etag || entry.size !== target.size) return 'changed';
  if (localSize === target.size) return 'unchanged';
  if (localSize === undefined && entry.removedAfterDecryption !== undefined) return 'unchanged';
  return 'missing';
}
