// Indexing one daily file: cut on the store's needle, parse, write its partitions.
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Duck } from '../../duck/connection';
import type { EventFile } from '../../drop/event-files';
import { PRIVATE_DIR_MODE } from '../../util/atomic';
import { CUT_SEGMENTS } from '../events/course-cut';
import { cutEventFiles, type CutOptions, type CutReport, type CutSegment } from '../events/cut';
import { cutEventFilesInWorker } from '../events/cut-in-worker';
import { EventsParser } from '../events/events-parser';
import type { LedgerEntry } from './ledger';
import { writePartitions } from './partitions';

/**
 * The cut's needle for the store: every line that can name a course holds the key `"course_id"`
 * (the `events` view's membership test reads `context.course_id`); lines without it (logins,
 * errors outside a course) belong to no course and are not read further.
 */
export const STORE_NEEDLE = '"course_id"';

/** What indexing one file takes of the index's options. */
export interface IndexFileOptions {
  skipBadLines?: boolean;
  maxLineBytes?: number;
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
}

/** The course key that no course id is: the parser's `member` column is not used by the store. */
const NO_COURSE = { org: '', course: '', run: '' };

/** Cuts, parses and writes the partitions of one daily file; its ledger entry but for size, time and date read. */
export async function indexOne(
  duck: Duck,
  file: EventFile,
  dir: string,
  storeDir: string,
  options: IndexFileOptions
): Promise<Omit<LedgerEntry, 'size' | 'mtimeMs' | 'indexedAt'>> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const stop = new AbortController();
  const parser = new EventsParser(
    duck,
    { course: NO_COURSE, files: [file], skipBadLines: options.skipBadLines },
    dir,
    (error) => stop.abort(error)
  );
  const cutOptions: CutOptions = {
    needles: [STORE_NEEDLE],
    skipBadLines: options.skipBadLines,
    maxLineBytes: options.maxLineBytes,
    concurrency: 1,
    signal: stop.signal,
    segments: CUT_SEGMENTS,
    onSegment: (segment: CutSegment) => parser.add(segment)
  };
  const cutPath = join(dir, 'cut.txt');
  let cut: CutReport;
  try {
    // on a worker thread, unless the file is decrypted here (the key's function stays on this thread)
    cut = file.encrypted
      ? await cutEventFiles([file], cutPath, { ...cutOptions, decrypt: options.decrypt })
      : await cutEventFilesInWorker([file], cutPath, cutOptions);
  } catch (error) {
    parser.stop();
    await parser.settled();
    // a failed parse aborted the cut: its error is the one to report
    throw stop.signal.aborted ? stop.signal.reason : error;
  }
  const parsed = await parser.parsedFiles();
  const fileReport = cut.files[0]!;
  const written = await writePartitions(duck, parsed.files, storeDir, {
    path: file.relPath,
    day: file.date,
    sha256: fileReport.sha256
  });
  await rm(dir, { recursive: true, force: true });
  const problems = [...cut.problems, ...parsed.problems].sort((a, b) => a.line - b.line);
  return {
    path: file.relPath,
    day: file.date,
    site: file.site ?? null,
    encrypted: file.encrypted,
    sha256: fileReport.sha256,
    lines: fileReport.lines,
    events: written.events,
    noCourse: written.noCourse,
    skipped: problems.map((p) => ({ line: p.line, reason: p.reason })),
    partitions: written.files
  };
}

/** The SHA-256 of a file, streamed. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
