import { createHash } from 'node:crypto';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** SHA-256 (hex) of a file, read in 1 MB pieces into one buffer (not a new one per piece: fresh memory costs). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path);
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

/** Path, size and SHA-256 of a file, the path relative to `base`. */
export async function fileEntry(path: string, base: string): Promise<FileEntry> {
  return { path: relative(base, path), bytes: (await stat(path)).size, sha256: await sha256File(path) };
}

/** Files hashed at once by listFileEntries (one reads while another hashes). */
const HASHED_AT_ONCE = 4;

/**
 * Every file under `dir` (recursive), sorted, as entries relative to `dir`. The files are hashed a
 * few at a time, each into one reused buffer (see sha256File): one file reads while another
 * hashes (figures: docs/performance.md).
 */
export async function listFileEntries(dir: string, except: string[] = []): Promise<FileEntry[]> {
  const paths: string[] = [];
  const walk = async (d: string) => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (!except.includes(relative(dir, p))) paths.push(p);
    }
  };
  await walk(dir);
  const out: FileEntry[] = new Array(paths.length);
  let next = 0;
  const hasher = async () => {
    for (let i = next++; i < paths.length; i = next++) out[i] = await fileEntry(paths[i]!, dir);
  };
  await Promise.all(Array.from({ length: HASHED_AT_ONCE }, hasher));
  return out;
}

/** Lines skipped with skipBadLines in one input file for one reason (the manifest's `skippedLines`). */
export interface SkippedLines {
  /** The input file, relative to the drop folder as in `inputs`. */
  file: string;
  /** Lines skipped, each counted once. */
  count: number;
  /** What was wrong with them, e.g. `wrong field count` (TSV) or `not valid JSON` (forum, events). */
  reason: string;
}

/** Sums skipped lines by file and reason, sorted by file, then reason; none skipped gives []. */
export function countSkippedLines(entries: SkippedLines[]): SkippedLines[] {
  const sums = new Map<string, SkippedLines>();
  for (const e of entries) {
    if (e.count <= 0) continue;
    const key = JSON.stringify([e.file, e.reason]);
    const sum = sums.get(key);
    if (sum) sum.count += e.count;
    else sums.set(key, { ...e });
  }
  return [...sums.values()].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0
  );
}

/**
 * The parts of a build's `manifest.json` a reader looks at first (the file holds more: timings, skipped lines, ...).
 *
 * @example
 * const manifest: BuildManifest = (await readBuildOutput(result.outDir)).manifest;
 */
export interface BuildManifest {
  samced: { version: string; node: string; duckdb: string };
  createdAt: string;
  parameters: { org: string; course: string; run: string; courseId: string; start: string; end: string };
  snapshot: { date: string; folder: string };
  /** Every course file and daily file read, path relative to the drop, with size and SHA-256. */
  inputs: FileEntry[];
  /** Event counts, or `{ read: false, note }` when the logs were not read (--no-events). */
  events:
    | {
        filesRead: number;
        linesRead: number;
        /** Null when the events came from the event store (it keeps each course's own events only); so is otherCourseLines. */
        linesMentioningCourse: number | null;
        events: number;
        otherCourseLines: number | null;
        duplicatesDropped: number;
        /** `store`: read from the event store (`store`: its folder relative to the drop); `logs`: the daily files read now. */
        source: 'store' | 'logs';
        store?: string;
      }
    | { read: false; note: string };
  tables: { name: string; family: string; rows: number; csv: string }[];
  outputs: FileEntry[];
  warnings: string[];
}

/**
 * A SAMCED output folder's `manifest.json` and `data-dictionary.md`, as written by `buildSamced`.
 *
 * @example
 * const { manifest, dictionary } = await readBuildOutput(result.outDir);
 * manifest.tables.map((t) => [t.name, t.rows]);
 */
export async function readBuildOutput(outDir: string): Promise<{ manifest: BuildManifest; dictionary: string }> {
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as BuildManifest;
  return { manifest, dictionary: await readFile(join(outDir, 'data-dictionary.md'), 'utf8') };
}
