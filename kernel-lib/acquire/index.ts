/**
 * Acquisition: S3 sync and OpenPGP decryption of edX deliveries. The public API of this folder;
 * the `01-sync` notebook and the CLI use `syncDrop` and `decryptDrop`, the event reader uses
 * `openDecryptedStream` to read `*.log.gz.gpg` files in place.
 */
export { syncDrop, type SyncOptions, type SyncSummary, type SyncFailure } from './s3-sync';
export {
  decryptDrop,
  planDecryptJob,
  type DecryptDropOptions,
  type DecryptDropResult,
  type DecryptJob
} from './decrypt-drop';
export {
  loadDecryptionKey,
  KEY_ENV,
  PASSPHRASE_ENV,
  type DecryptionKey,
  type LoadDecryptionKeyOptions
} from './decryption-key';
export { openDecryptedStream, decryptReadable } from './decrypt-stream';
export { decryptFile, type DecryptFileResult } from './decrypt-file';
export { unpackDatabaseZip, type UnpackZipResult } from './unpack-zip';
export { unpackTrackingTar, trackingTarMarker, type UnpackTarResult, type MergedDay } from './unpack-tracking-tar';
export { mergeEventLines, eventTimeMicros, type MergedLines } from './event-lines';
export { createS3Client, type S3ClientFactory, type S3ClientHandle, type S3ConnectionOptions } from './s3-client';
export { listObjects, type RemoteObject, type ListObjectsOptions } from './s3-listing';
export { listDeliveries, COURSE_BUCKET, EVENTS_BUCKET, LEGACY_TRACKING_YEARS } from './list-deliveries';
export {
  downloadObject,
  partialDownloadPath,
  ObjectChangedError,
  type DownloadOptions,
  type DownloadResult
} from './s3-download';
export {
  readSyncState,
  writeSyncState,
  markRemovedAfterDecryption,
  SYNC_STATE_FILE,
  type SyncState,
  type SyncedObject
} from './sync-state';
export { EVENT_SITES, parseDatabaseZipName, parseTrackingTarName, parseServerDayPath } from './delivery-names';
