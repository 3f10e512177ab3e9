import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { sweepStaleTemporaries } from '../util/atomic';
import { withDefaults, type Effects } from '../util/effects';
import { InputError, isEnoent, isInputError } from '../util/errors';
import { decryptFile } from './decrypt-file';
import { loadDecryptionKey, type DecryptionKey } from './decryption-key';
import {
  isDailyEventDeliveryName,
  isDatabaseExportMemberPath,
  parseDatabaseZipName,
  parseTrackingTarName
} from './delivery-names';
import { markRemovedAfterDecryption } from './sync-state';
import { trackingTarMarker, unpackTrackingTar } from './unpack-tracking-tar';
import { unpackDatabaseZip } from './unpack-zip';

/** Options of `decryptDrop`. */
export interface DecryptDropOptions {
  /** The unlocked key. Default: loaded with `keyFile`/`passphrase` (or the env), only if something needs decrypting. */
  key?: DecryptionKey;
  /** Key file used when `key` is not given (else $SAMCED_GPG_KEY). */
  keyFile?: string;
  /** Passphrase used when `key` is not given (else $SAMCED_GPG_PASSPHRASE or a prompt). */
  passphrase?: string;
  /** Output root: outputs mirror the inputs' layout below it. Default: next to each input. */
  out?: string;
  /**
   * Delete each input (.gpg, .zip, .tar) once its output is complete (also with `out`). Default
   * false: inputs are never deleted unless asked for.
   */
  deleteOriginals?: boolean;
  /** Inputs whose outputs are rebuilt even when present (sync passes the objects that changed on S3). */
  regenerate?: string[];
}

/** What kind of delivery a file is, and what it turns into. */
export interface DecryptJob {
  kind: 'gpg' | 'zip' | 'tar';
  input: string;
  /** The output file (gpg), folder (zip) or drop root (tar). */
  output: string;
}

/** What `decryptDrop` did; paths are absolute. */
export interface DecryptDropResult {
  /** Inputs decrypted or unpacked in this run. */
  done: DecryptJob[];
  /** Inputs skipped because their output already exists (complete: outputs appear atomically). */
  skipped: DecryptJob[];
  /** Encrypted inputs deleted after success (only with `deleteOriginals`). */
  removed: string[];
  /** Files of a searched folder that look encrypted or packed but carry no edX delivery name: left alone. */
  ignored: string[];
}

async function walk(dir: string, out: string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * The job for one file, or undefined when it is not a delivery. `outBase` is the folder the
 * file's outputs go to. A tracking tar's outputs go to the drop root: the parent of the
 * `course-data` folder it sits in (or `outBase` itself elsewhere). Only edX delivery names are
 * deliveries (see delivery-names.ts): daily `{org}-{site}-events-{date}.log.gz.gpg`, `.gpg`
 * members of a `{org}-{date}/` export folder, `{org}-{date}.zip`, `{date}-{org}-tracking.tar`;
 * so a folder's `credentials.csv.gpg` or other zips are never touched. With `anyName` (a file
 * named by the user) any `X.gpg` and `X.zip` is one too.
 */
export function planDecryptJob(
  file: string,
  outBase: string,
  { anyName = false }: { anyName?: boolean } = {}
): DecryptJob | undefined {
  const name = basename(file);
  const lower = name.toLowerCase();
  if (lower.endsWith('.gpg') && (anyName || isDailyEventDeliveryName(name) || isDatabaseExportMemberPath(file))) {
    return { kind: 'gpg', input: file, output: join(outBase, name.slice(0, -4)) };
  }
  if (lower.endsWith('.zip') && (anyName || parseDatabaseZipName(name)))
    return { kind: 'zip', input: file, output: join(outBase, name.slice(0, -4)) };
  if (parseTrackingTarName(name)) {
    const root = basename(dirname(file)) === 'course-data' ? dirname(outBase) : outBase;
    return { kind: 'tar', input: file, output: root };
  }
  return undefined;
}

function isDone(job: DecryptJob): boolean {
  return job.kind === 'tar' ? existsSync(trackingTarMarker(job.input)) : existsSync(job.output);
}

/** Day files first, then database zips, then tars (oldest first): tars merge into existing day files. */
function jobOrder(job: DecryptJob): number {
  return job.kind === 'gpg' ? 0 : job.kind === 'zip' ? 1 : 2;
}

/** Names that look encrypted or packed: left alone with a notice when they are no delivery. */
const LOOKS_LIKE_DELIVERY = /\.(gpg|zip|tar)$/i;

async function inputsOf(path: string): Promise<{ root: string; files: string[]; named: boolean }> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    if (isEnoent(error)) throw new InputError('no such file or folder', { file: path });
    throw error;
  }
  return info.isDirectory()
    ? { root: path, files: await walk(path, []), named: false }
    : { root: dirname(path), files: [path], named: true };
}

/**
 * Decrypts and unpacks an edX drop in place (or into `out`): every `*.gpg` file becomes the
 * same name without `.gpg` (`X.log.gz.gpg` -> `X.log.gz`, still gzipped), every
 * `{org}-{date}.zip` becomes the folder `{org}-{date}/` of decrypted tables, every legacy
 * `{date}-{org}-tracking.tar` becomes merged daily event files under `edx-course-data/`.
 * `path` may be one file or a folder (searched recursively; names starting with `.` are
 * ignored). Idempotent: an input whose output exists is skipped (outputs are written
 * atomically, so existing means complete; temporary files that a killed run left next to the
 * outputs are removed first, with a notice). Files of a folder without a delivery name are left
 * alone (a notice each for `.gpg`, `.zip`, `.tar`). Inputs are kept unless `deleteOriginals`:
 * then each is deleted once its output is in place (and marked in the sync state so `sync` does
 * not fetch it again). Per-file problems are logged and the rest carries on; at the end an
 * InputError lists them.
 *
 * @example
 * const result = await decryptDrop('/srv/edx/drop', { keyFile: '/home/me/.samced/key.asc' }, { logger: memoryLogger() });
 * result.done.length; // inputs decrypted or unpacked now; result.skipped: done before
 */
export async function decryptDrop(
  path: string,
  options: DecryptDropOptions = {},
  effects: Partial<Effects> = {}
): Promise<DecryptDropResult> {
  const full = withDefaults(effects);
  const absolute = resolve(path);
  const { root, files, named } = await inputsOf(absolute);
  const out = options.out === undefined ? undefined : resolve(options.out);
  const regenerate = new Set((options.regenerate ?? []).map((file) => resolve(file)));
  const result: DecryptDropResult = { done: [], skipped: [], removed: [], ignored: [] };
  const jobs: DecryptJob[] = [];
  for (const file of files) {
    const job = planDecryptJob(file, out === undefined ? dirname(file) : join(out, relative(root, dirname(file))), {
      anyName: named
    });
    if (job) jobs.push(job);
    else if (LOOKS_LIKE_DELIVERY.test(file)) {
      result.ignored.push(file);
      full.logger.info(`decrypt: left alone (not an edX delivery name): ${file}`);
    }
  }
  jobs.sort((a, b) => jobOrder(a) - jobOrder(b) || (a.input < b.input ? -1 : 1));
  // the temporary outputs of an interrupted run (plaintext among them) go before anything else
  for (const folder of new Set(jobs.map((job) => (job.kind === 'tar' ? job.output : dirname(job.output)))))
    await sweepStaleTemporaries(folder, full.logger);
  const failures: string[] = [];
  let key = options.key;
  for (const job of jobs) {
    if (!regenerate.has(job.input) && isDone(job)) {
      result.skipped.push(job);
      continue;
    }
    key ??= await loadDecryptionKey({ keyFile: options.keyFile, passphrase: options.passphrase });
    try {
      if (job.kind === 'gpg') await decryptFile(job.input, job.output, key, full);
      else if (job.kind === 'zip') await unpackDatabaseZip(job.input, job.output, key, full);
      else await unpackTrackingTar(job.input, job.output, key, full);
    } catch (error) {
      if (!isInputError(error)) throw error;
      full.logger.warn(error.message);
      failures.push(error.message);
      continue;
    }
    result.done.push(job);
    if (options.deleteOriginals) {
      await rm(job.input, { force: true });
      if (job.kind === 'tar') await rm(trackingTarMarker(job.input), { force: true });
      await markRemovedAfterDecryption(job.input, full.clock.now());
      result.removed.push(job.input);
    }
  }
  full.logger.info(
    `decrypt: ${result.done.length} done, ${result.skipped.length} already done, ${failures.length} failed` +
      (result.removed.length ? `, ${result.removed.length} encrypted inputs removed` : '')
  );
  if (failures.length > 0) {
    throw new InputError(
      `${failures.length} of ${jobs.length} deliveries could not be decrypted; first: ${failures[0]}`
    );
  }
  return result;
}
