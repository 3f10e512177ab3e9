import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { temporaryName } from '../util/atomic';
import { withDefaults, type Effects } from '../util/effects';
import { InputError, isEnoent } from '../util/errors';
import { decryptDrop, type DecryptDropResult } from './decrypt-drop';
import { loadDecryptionKey, type DecryptionKey } from './decryption-key';
import { EVENT_SITES, isIsoDate } from './delivery-names';
import { COURSE_BUCKET, EVENTS_BUCKET, listDeliveries } from './list-deliveries';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client, type S3ClientFactory } from './s3-client';
import { downloadObject } from './s3-download';
import { decide, type SyncDecision, type SyncTarget } from './sync-plan';
import { formatBytes, syncProgress } from './sync-progress';
import { readSyncState, stateKey, writeSyncState, type SyncState } from './sync-state';

/** Options of `syncDrop` (the `samced sync` flags). */
export interface SyncOptions {
  /** The edX organisation, e.g. `ChalmersX` (any case; edX lower-cases it in keys). */
  org: string;
  /** The local drop folder: gets `course-data/`, `edx-course-data/` and the state file. */
  dest: string;
  /** Only deliveries dated on or after this `YYYY-MM-DD` (date in the file name). */
  since?: string;
  /** Sites of daily event files. Default: edx, edge and prod. */
  sites?: string[];
  /** Also copy every newly downloaded file to this folder (same layout), like the original's xcopy. */
  backup?: string;
  /** Default `course-data`. */
  courseBucket?: string;
  /** Default `edx-course-data`. */
  eventsBucket?: string;
  /** An S3-compatible endpoint URL (path-style addressing). Default: AWS. */
  endpoint?: string;
  /** AWS region. Default: the AWS chain. */
  region?: string;
  /** Makes the S3 client. Default: `createS3Client` (AWS credential chain). */
  createClient?: S3ClientFactory;
  /** Keys per listing page. Default 1000. */
  maxKeys?: number;
  /** Retries per file (resumed with a Range request). Default 3. */
  retries?: number;
  /** Milliseconds between retries (times the attempt number). Default 500. */
  retryDelayMs?: number;
  /** Decrypt and unpack the drop after downloading (see `decryptDrop`). */
  decrypt?: boolean;
  /** Key for `decrypt`; default loaded from `keyFile` / $SAMCED_GPG_KEY. */
  key?: DecryptionKey;
  keyFile?: string;
  passphrase?: string;
  /** With `decrypt`: keep the encrypted files. Default false. */
  keepEncrypted?: boolean;
}

/** One object that failed to download. */
export interface SyncFailure {
  bucket: string;
  key: string;
  message: string;
}

/** What `syncDrop` did. */
export interface SyncSummary {
  /** Objects listed that belong to the org (after the `since` filter). */
  listed: number;
  new: number;
  changed: number;
  unchanged: number;
  /** Re-downloaded because the local copy had gone missing. */
  restored: number;
  failed: SyncFailure[];
  /** Bytes received. */
  bytes: number;
  /** Local paths (absolute) of the files downloaded in this run. */
  downloaded: string[];
  /** The decryption step's result, when `decrypt` was set. */
  decrypted?: DecryptDropResult;
}

/**
 * The state file is rewritten at most this often during a run (and always at the end). Files
 * finished after the last save are not lost: next time they are found on disk with the listed
 * size and adopted as unchanged.
 */
const STATE_SAVE_INTERVAL_MS = 2000;

function validate(options: SyncOptions): string[] {
  if (!options.org || /[/\\\s]/.test(options.org))
    throw new InputError(`--org must be an edX organisation name like ChalmersX, got '${options.org}'`);
  if (!options.dest) throw new InputError('--dest is required');
  if (options.since !== undefined && !isIsoDate(options.since))
    throw new InputError(`--since must be a date YYYY-MM-DD, got '${options.since}'`);
  const sites = options.sites && options.sites.length > 0 ? options.sites : [...EVENT_SITES];
  for (const site of sites) {
    if (!(EVENT_SITES as readonly string[]).includes(site))
      throw new InputError(`--site must be one of ${EVENT_SITES.join(', ')}, got '${site}'`);
  }
  return sites;
}

async function localSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if (isEnoent(error)) return undefined;
    throw error;
  }
}

async function copyToBackup(file: string, backupFile: string): Promise<void> {
  await mkdir(dirname(backupFile), { recursive: true });
  const tmp = temporaryName(backupFile);
  try {
    await copyFile(file, tmp);
    await rename(tmp, backupFile);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

function remember(state: SyncState, target: SyncTarget, when: Date): void {
  state.objects[stateKey(target.bucket, target.key)] = {
    bucket: target.bucket,
    key: target.key,
    size: target.size,
    etag: target.etag,
    ...(target.lastModified ? { lastModified: target.lastModified.toISOString() } : {}),
    localPath: target.localPath,
    downloadedAt: when.toISOString()
  };
}

/**
 * Mirrors an org's edX deliveries from S3 into `dest` (the drop layout discovery reads):
 * `course-data/{org}-{date}.zip`, legacy `course-data/{date}-{org}-tracking.tar`, and
 * `edx-course-data/{org}/{site}/events/{YYYY}/*.log.gz.gpg`. Downloads only what is new or
 * changed according to `<dest>/.samced-sync-state.json` (key, size, ETag, local path), saved
 * every few seconds and at the end so an interrupted run resumes; partial files are resumed with Range requests
 * and renamed into place only once their size matches. A file that fails is reported in
 * `failed` and the others carry on. With `decrypt`, runs `decryptDrop(dest)` afterwards.
 *
 * @example
 * const summary = await syncDrop({ org: 'SamcedX', dest: '/srv/edx/drop', since: '2026-01-01' }, { logger: memoryLogger() });
 * summary.downloaded; // the files fetched in this run; summary.failed lists any that could not be
 * // with { decrypt: true, keyFile: '/home/me/.samced/key.asc' } it also runs decryptDrop on dest
 */
export async function syncDrop(options: SyncOptions, effects: Partial<Effects> = {}): Promise<SyncSummary> {
  const full = withDefaults(effects);
  const sites = validate(options);
  const dest = resolve(options.dest);
  const key = options.decrypt
    ? (options.key ?? (await loadDecryptionKey({ keyFile: options.keyFile, passphrase: options.passphrase })))
    : undefined;
  const client = (options.createClient ?? createS3Client)({
    endpoint: options.endpoint,
    region: options.region
  }) as S3Client;
  const targets = await listDeliveries(
    client,
    {
      org: options.org,
      sites,
      since: options.since,
      maxKeys: options.maxKeys,
      courseBucket: options.courseBucket ?? COURSE_BUCKET,
      eventsBucket: options.eventsBucket ?? EVENTS_BUCKET
    },
    full
  );
  const state = await readSyncState(dest);
  const summary: SyncSummary = {
    listed: targets.length,
    new: 0,
    changed: 0,
    unchanged: 0,
    restored: 0,
    failed: [],
    bytes: 0,
    downloaded: []
  };
  const work: { target: SyncTarget; decision: SyncDecision }[] = [];
  for (const target of targets) {
    const local = join(dest, target.localPath);
    const entry = state.objects[stateKey(target.bucket, target.key)];
    const decision = decide(target, entry, await localSize(local));
    if (decision !== 'unchanged') work.push({ target, decision });
    else {
      summary.unchanged += 1;
      if (!entry) remember(state, target, full.clock.now());
    }
  }
  const progress = syncProgress(
    full,
    work.length,
    work.reduce((sum, item) => sum + item.target.size, 0)
  );
  const changedFiles: string[] = [];
  let lastSave = Number.NEGATIVE_INFINITY;
  for (const { target, decision } of work) {
    const local = join(dest, target.localPath);
    try {
      const result = await downloadObject(client, target, local, {
        retries: options.retries,
        retryDelayMs: options.retryDelayMs,
        onBytes: (n) => progress.addBytes(n)
      });
      summary.bytes += result.bytes;
      if (result.resumedFrom > 0) full.logger.info(`resumed ${target.localPath} from byte ${result.resumedFrom}`);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      summary.failed.push({ bucket: target.bucket, key: target.key, message: error.message });
      full.logger.warn(`s3://${target.bucket}/${target.key}: ${error.message}`);
      progress.fileDone();
      continue;
    }
    remember(state, target, full.clock.now());
    if (full.clock.now().getTime() - lastSave >= STATE_SAVE_INTERVAL_MS) {
      await writeSyncState(dest, state);
      lastSave = full.clock.now().getTime();
    }
    if (options.backup) await copyToBackup(local, join(resolve(options.backup), target.localPath));
    summary.downloaded.push(local);
    if (decision === 'new') summary.new += 1;
    else if (decision === 'changed') {
      summary.changed += 1;
      changedFiles.push(local);
    } else summary.restored += 1;
    progress.fileDone();
  }
  await writeSyncState(dest, state);
  progress.end();
  full.logger.info(
    `sync ${options.org}: ${summary.new} new, ${summary.changed} changed, ${summary.unchanged} unchanged` +
      (summary.restored ? `, ${summary.restored} restored` : '') +
      (summary.failed.length ? `, ${summary.failed.length} FAILED` : '') +
      `; downloaded ${formatBytes(summary.bytes)} (${summary.bytes} bytes)`
  );
  if (key)
    summary.decrypted = await decryptDrop(
      dest,
      { key, deleteOriginals: !options.keepEncrypted, regenerate: changedFiles },
      full
    );
  return summary;
}
