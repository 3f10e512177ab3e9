import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../util/atomic';
import { InputError, isEnoent } from '../util/errors';

/** Name of the state file `samced sync` keeps at the top of the destination folder. */
export const SYNC_STATE_FILE = '.samced-sync-state.json';

/** What the state file remembers about one downloaded S3 object. */
export interface SyncedObject {
  bucket: string;
  key: string;
  /** Size in bytes, as listed and as verified on disk. */
  size: number;
  /** The ETag S3 listed, without quotes. A different ETag means the object changed. */
  etag: string;
  /** LastModified S3 listed (ISO 8601), for information. */
  lastModified?: string;
  /** Where it was saved, relative to the destination folder, with `/` separators. */
  localPath: string;
  /** When the download finished (ISO 8601). */
  downloadedAt: string;
  /** Set when `samced decrypt` removed the local file after decrypting it: not re-downloaded. */
  removedAfterDecryption?: string;
}

/** The whole state file. */
export interface SyncState {
  version: 1;
  /** Keyed by `bucket/key`. */
  objects: Record<string, SyncedObject>;
}

/** The state-file key of an object. */
export function stateKey(bucket: string, key: string): string {
  return bucket + '/' + key;
}

/** An empty state. */
export function emptySyncState(): SyncState {
  return { version: 1, objects: {} };
}

/** The path of the state file of a destination folder. */
export function syncStatePath(dest: string): string {
  return join(dest, SYNC_STATE_FILE);
}

/** Reads `<dest>/.samced-sync-state.json`; a missing file is an empty state, a damaged one an InputError. */
export async function readSyncState(dest: string): Promise<SyncState> {
  const path = syncStatePath(dest);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isEnoent(error)) return emptySyncState();
    throw error;
  }
  let parsed: Partial<SyncState>;
  try {
    parsed = JSON.parse(text) as Partial<SyncState>;
  } catch (error) {
    throw new InputError(`damaged sync state (${(error as Error).message}); delete it to start over`, { file: path });
  }
  if (parsed.version !== 1 || typeof parsed.objects !== 'object' || parsed.objects === null) {
    throw new InputError('not a samced sync state (expected version 1); delete it to start over', { file: path });
  }
  return { version: 1, objects: parsed.objects };
}

/** Writes the state file atomically, objects sorted by key so the file diffs well. */
export async function writeSyncState(dest: string, state: SyncState): Promise<void> {
  const objects: Record<string, SyncedObject> = {};
  for (const id of Object.keys(state.objects).sort()) objects[id] = state.objects[id]!;
  await writeFileAtomic(syncStatePath(dest), JSON.stringify({ version: 1, objects }, null, 2) + '\n');
}

/** The nearest folder at or above `start` holding a sync state file, if any. */
async function findStateFolder(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    try {
      if ((await stat(syncStatePath(dir))).isFile()) return dir;
    } catch (error) {
      if (!isEnoent(error)) return undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Records in the sync state (found at or above the file) that `file` was deleted on purpose
 * after being decrypted, so the next sync does not download it again. Returns false when the
 * file is not in any sync state.
 */
export async function markRemovedAfterDecryption(file: string, when: Date): Promise<boolean> {
  const dest = await findStateFolder(dirname(file));
  if (dest === undefined) return false;
  const localPath = relative(dest, resolve(file)).split(sep).join('/');
  const state = await readSyncState(dest);
  const entry = Object.values(state.objects).find((object) => object.localPath === localPath);
  if (!entry) return false;
  entry.removedAfterDecryption = when.toISOString();
  await writeSyncState(dest, state);
  return true;
}
