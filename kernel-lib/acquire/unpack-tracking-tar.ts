import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { sweepStaleTemporaries, temporaryName, writeFileAtomic } from '../util/atomic';
import { withDefaults, type Effects } from '../util/effects';
import { InputError } from '../util/errors';
import { trackTemporary } from '../util/private-temp';
import { decryptReadable } from './decrypt-stream';
import type { DecryptionKey } from './decryption-key';
import { eventFileName, eventFolder, parseServerDayPath, parseTrackingTarName } from './delivery-names';
import { mergeEventLines } from './event-lines';
import { gunzipIfGzipped } from './stream-peek';

/** One merged day written from a tracking tar. */
export interface MergedDay {
  site: 'edx' | 'edge';
  date: string;
  /** The day file written: `edx-course-data/<org>/<site>/events/<YYYY>/<org>-<site>-events-<date>.log.gz`. */
  output: string;
  /** The server folders that had lines for the day (`prod-edx-001`, ...). */
  servers: string[];
  /** Lines in the output. */
  lines: number;
  /** Exact duplicate lines dropped. */
  duplicates: number;
  /** True when an existing day file was merged in (an earlier cumulative tar, or the daily export). */
  mergedExisting: boolean;
}

/** What `unpackTrackingTar` did. */
export interface UnpackTarResult {
  tar: string;
  /** Encrypted per-server day files decrypted. */
  serverFiles: number;
  days: MergedDay[];
}

/** The marker written next to a tracking tar once it is fully unpacked (makes re-runs skip it). */
export function trackingTarMarker(tarPath: string): string {
  return join(dirname(tarPath), '.' + basename(tarPath) + '.unpacked.json');
}

interface DaySources {
  site: 'edx' | 'edge';
  date: string;
  files: string[];
  servers: string[];
}

async function decryptMember(entry: ReadEntry, target: string, label: string, key: DecryptionKey): Promise<void> {
  const plaintext = await decryptReadable(Readable.from(entry, { objectMode: false }), key, label);
  await pipeline(await gunzipIfGzipped(plaintext), createGzip({ level: 1 }), createWriteStream(target));
}

/** Streams the tar once, decrypting each server day file into `work` as `<n>.log.gz`. */
async function decryptMembers(
  tarPath: string,
  work: string,
  key: DecryptionKey,
  effects: Effects
): Promise<{ days: Map<string, DaySources>; serverFiles: number }> {
  const days = new Map<string, DaySources>();
  const jobs: Promise<unknown>[] = [];
  let failure: unknown;
  let count = 0;
  const input = createReadStream(tarPath);
  const parser = new Parser({ strict: true });
  const active = new Set<ReadEntry>();
  const fail = (error: unknown): void => {
    failure ??= error;
    input.destroy();
    for (const entry of active) entry.destroy();
  };
  parser.on('entry', (entry: ReadEntry) => {
    const day = entry.type === 'File' && failure === undefined ? parseServerDayPath(entry.path) : undefined;
    if (!day) {
      if (entry.type === 'File' && failure === undefined)
        effects.logger.warn(`${tarPath}: skipping ${entry.path} (not a {date}-{org}.log.gpg server file)`);
      entry.resume();
      return;
    }
    const target = join(work, `${count++}.log.gz`);
    const id = day.site + ' ' + day.date;
    const sources = days.get(id) ?? { site: day.site, date: day.date, files: [], servers: [] };
    sources.files.push(target);
    sources.servers.push(day.server);
    days.set(id, sources);
    active.add(entry);
    jobs.push(
      decryptMember(entry, target, `${tarPath}:${entry.path}`, key).then(
        () => active.delete(entry),
        (error: unknown) => {
          active.delete(entry);
          fail(error);
          entry.resume();
        }
      )
    );
  });
  await new Promise<void>((resolve) => {
    input.on('error', (error) => {
      fail(error);
      resolve();
    });
    input.on('close', () => {
      if (failure !== undefined) resolve();
    });
    parser.on('error', (error: Error) => {
      fail(new InputError(`damaged tar archive: ${error.message}`, { file: tarPath }));
      resolve();
    });
    parser.on('end', () => resolve());
    input.pipe(parser);
  });
  await Promise.all(jobs);
  if (failure !== undefined) throw failure;
  return { days, serverFiles: count };
}

async function* fileLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) yield line;
}

async function* textChunks(lines: string[]): AsyncGenerator<string> {
  for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000).join('\n') + '\n';
}

async function mergeDay(sources: DaySources, output: string, effects: Effects): Promise<MergedDay> {
  await sweepStaleTemporaries(dirname(output), effects.logger);
  const all: string[] = [];
  const mergedExisting = existsSync(output);
  for (const file of mergedExisting ? [output, ...sources.files] : sources.files) {
    for await (const line of fileLines(file)) all.push(line);
  }
  const merged = mergeEventLines(all);
  await mkdir(dirname(output), { recursive: true });
  const tmp = temporaryName(output);
  const untrack = trackTemporary(tmp);
  try {
    await pipeline(Readable.from(textChunks(merged.lines)), createGzip(), createWriteStream(tmp));
    await rename(tmp, output);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    untrack();
  }
  const servers = [...new Set(sources.servers)].sort();
  return {
    site: sources.site,
    date: sources.date,
    output,
    servers,
    lines: merged.lines.length,
    duplicates: merged.duplicates,
    mergedExisting
  };
}

/**
 * Unpacks a legacy weekly `{date}-{org}-tracking.tar` (2013 to mid 2014) into the daily-era
 * layout under `dropRoot`: every `<server>/{date}-{org}.log.gpg` member is decrypted, and the
 * servers' lines for one site and day are merged into
 * `edx-course-data/<org>/<site>/events/<YYYY>/<org>-<site>-events-<date>.log.gz` (site `edge`
 * for `*-edge-*` server folders, else `edx`): exact duplicate lines dropped, sorted by `time`
 * (see mergeEventLines). When that day file already exists (an earlier cumulative tar or the
 * daily export) its lines are merged in too, so unpacking several weekly tars converges.
 * Members are decrypted in one streaming pass into a temporary folder (gzipped) that is
 * removed afterwards; merging holds one day's lines in memory. Each day file is replaced
 * atomically. On success a marker `.<tar>.unpacked.json` is written next to the tar.
 */
export async function unpackTrackingTar(
  tarPath: string,
  dropRoot: string,
  key: DecryptionKey,
  effects: Partial<Effects> = {}
): Promise<UnpackTarResult> {
  const full = withDefaults(effects);
  const name = parseTrackingTarName(basename(tarPath));
  if (!name) throw new InputError('not a legacy tracking tar name ({date}-{org}-tracking.tar)', { file: tarPath });
  const org = name.org.toLowerCase();
  const work = temporaryName(join(dropRoot, basename(tarPath) + '.work'));
  const untrack = trackTemporary(work); // decrypted server files: removed if the process ends meanwhile
  await mkdir(work, { recursive: true });
  try {
    const { days, serverFiles } = await decryptMembers(tarPath, work, key, full);
    const merged: MergedDay[] = [];
    for (const id of [...days.keys()].sort()) {
      const sources = days.get(id)!;
      const folder = join(dropRoot, eventFolder(org, sources.site, sources.date.slice(0, 4)));
      merged.push(await mergeDay(sources, join(folder, eventFileName(org, sources.site, sources.date)), full));
    }
    const result: UnpackTarResult = { tar: tarPath, serverFiles, days: merged };
    await writeFileAtomic(
      trackingTarMarker(tarPath),
      JSON.stringify({ unpackedAt: full.clock.now().toISOString(), ...result }, null, 2) + '\n'
    );
    const duplicates = merged.reduce((sum, day) => sum + day.duplicates, 0);
    full.logger.info(
      `unpacked ${tarPath}: ${serverFiles} server files -> ${merged.length} day files (${duplicates} duplicate lines dropped)`
    );
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
    untrack();
  }
}
