import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic';
import { InputError, isEnoent } from '../../util/errors';

/** The ledger's file name in the store folder. */
export const LEDGER_NAME = 'ledger.json';

/** Version of the ledger's format: a store written by another version is refused, not misread. */
export const LEDGER_VERSION = 1;

/** A line skipped with --skip-bad-lines (no text of the line: it may hold personal data). */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** One daily file the index has read. */
export interface LedgerEntry {
  /** Path relative to the drop (the `source_file` of its events). */
  path: string;
  /** The UTC day in the file name: the `day` partition of its events. */
  day: string;
  /** `edx`, `edge`, `prod`, or null for the original's flat layout (orders duplicate lines' first copy). */
  site: string | null;
  encrypted: boolean;
  /** Size and modification time (ms) of the file as stored when read: a file with both unchanged is not read again. */
  size: number;
  mtimeMs: number;
  /** SHA-256 of the file as stored: a file whose time changed but not its digest is not read again. */
  sha256: string;
  /** Lines of the decompressed file. */
  lines: number;
  /** Events per course key (course-v1 form) that went to the store, before removing duplicate lines. */
  events: Record<string, number>;
  /** Lines with `"course_id"` that name no course key (empty, another kind of key): in no partition. */
  noCourse: number;
  /** Bad lines skipped (--skip-bad-lines). */
  skipped: SkippedLine[];
  /** The Parquet files written from this file, relative to the store folder. */
  partitions: string[];
  /** When it was read (ISO time). */
  indexedAt: string;
}

export interface Ledger {
  version: number;
  org: string;
  /** Entries in the order of the drop's listing (day, site, path). */
  files: LedgerEntry[];
}

/** The store's ledger, or an empty one when the store is new. */
export async function readLedger(storeDir: string, org: string): Promise<Ledger> {
  const path = join(storeDir, LEDGER_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isEnoent(error)) return { version: LEDGER_VERSION, org, files: [] };
    throw error;
  }
  let ledger: Ledger;
  try {
    ledger = JSON.parse(text) as Ledger;
  } catch (error) {
    throw new InputError(
      `the store's ledger is not valid JSON (${(error as Error).message}); remove the store folder to index again`,
      { file: path }
    );
  }
  if (ledger.version !== LEDGER_VERSION || !Array.isArray(ledger.files)) {
    throw new InputError(
      `the store's ledger has version ${String(ledger.version)}, not ${LEDGER_VERSION}; remove the store folder to index again`,
      { file: path }
    );
  }
  if (ledger.org.toLowerCase() !== org.toLowerCase()) {
    throw new InputError(`this store holds the events of org ${ledger.org}, not ${org}: give another --store`, {
      file: path
    });
  }
  return ledger;
}

/** Writes the ledger atomically (owner-only, temporary name renamed into place). */
export async function writeLedger(storeDir: string, ledger: Ledger): Promise<void> {
  await writeFileAtomic(join(storeDir, LEDGER_NAME), JSON.stringify(ledger, null, 1) + '\n');
}

/** The name of a daily file without `.gpg`: a file decrypted in place replaces its encrypted twin. */
export function plainPath(path: string): string {
  return path.endsWith('.gpg') ? path.slice(0, -4) : path;
}
