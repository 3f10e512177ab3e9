import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { EventFile } from '../../drop/event-files';
import { InputError } from '../../util/errors';
import type { Logger } from '../../util/effects';
import { isValidUtf8, LineScanner } from './line-scanner';
import { CUT_SEPARATOR, CutOutput, OutputBuffer } from './cut-output';

export { CUT_SEPARATOR, segmentPath } from './cut-output';

/**
 * The default longest line the cut keeps (32 MB): below what DuckDB parses within its default 1 GB
 * memory limit, with room for more threads and for payloads that make larger structures.
 */
export const DEFAULT_MAX_LINE_BYTES = 32 << 20;

export interface CutOptions {
  /** Byte strings one of which every line of interest contains (e.g. the course id in its spellings). */
  needles: string[];
  /** A byte string in every needle, searched instead of each needle (see LineScanner). */
  anchor?: string;
  /** Skip (and count) unreadable lines and truncated files instead of failing. */
  skipBadLines?: boolean;
  /**
   * Bytes a kept line may have (default DEFAULT_MAX_LINE_BYTES): a longer line is a bad line, as
   * DuckDB parses every line of a segment in buffers of twice the longest line, within its memory limit.
   */
  maxLineBytes?: number;
  /** Turns the bytes of an OpenPGP-encrypted file into its decrypted bytes. */
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
  /** Files read at once (each decompresses on its own thread). Default 2. */
  concurrency?: number;
  logger?: Logger;
  /** Stops the cut (the promise rejects with the signal's reason) between chunks. */
  signal?: AbortSignal;
  /**
   * Write the cut as a series of segment files (`cut-000.txt`, ... beside `outPath`) and hand each
   * on when it is complete, so that they can be parsed while the cut goes on. Default: one file.
   */
  segments?: CutSegmenting;
  /** Called with each complete segment, in order (only with `segments`). */
  onSegment?: (segment: CutSegment) => void;
}

/** Sizes of the segments: the first is `firstBytes`, each next one `growth` times larger (default 1.5), up to `maxBytes`. */
export interface CutSegmenting {
  firstBytes: number;
  growth?: number;
  maxBytes: number;
}

/** One complete segment file of the cut. */
export interface CutSegment {
  /** 0, 1, ...: the order of the segments. */
  index: number;
  path: string;
  bytes: number;
  /** Bytes of its longest line. */
  longestLine: number;
  /** Where that line is: its file's index in the list of files cut, and its line number. */
  longestAt?: { fileIndex: number; line: number };
}

export interface CutProblem {
  file: string;
  line: number;
  message: string;
  /** What was wrong, in a few fixed words (the manifest's `skippedLines` counts by it). */
  reason: string;
}

export interface CutFileReport {
  file: string;
  lines: number;
  matched: number;
  bytes: number;
  /** SHA-256 of the file as stored (computed while reading). */
  sha256: string;
}

export interface CutReport {
  files: CutFileReport[];
  linesRead: number;
  matched: number;
  /** Lines or files skipped with `skipBadLines`. */
  problems: CutProblem[];
  /** Bytes of the longest kept line (sizes the reader's line buffer). */
  longestLine: number;
}

/**
 * Reads the daily event files (gzip, optionally OpenPGP-encrypted) and writes the lines that
 * contain a needle to `outPath`, one per line as `fileIndex ^A lineNumber ^A line`. Nothing is
 * JSON-parsed here: this is the cheap first cut that keeps a year of logs fast.
 */
export async function cutEventFiles(files: EventFile[], outPath: string, options: CutOptions): Promise<CutReport> {
  const out = new CutOutput(outPath, options.segments, options.onSegment);
  const needles = options.needles.map((n) => Buffer.from(n, 'utf8'));
  const anchor = options.anchor === undefined ? undefined : Buffer.from(options.anchor, 'utf8');
  const report: CutReport = {
    files: files.map((f) => ({ file: f.relPath, lines: 0, matched: 0, bytes: f.bytes, sha256: '' })),
    linesRead: 0,
    matched: 0,
    problems: [],
    longestLine: 0
  };
  let nextIndex = 0;
  let written = 0;
  const started = Date.now();
  const worker = async () => {
    while (nextIndex < files.length) {
      options.signal?.throwIfAborted();
      const index = nextIndex++;
      await cutOne(files[index]!, index, needles, anchor, out, report, options);
      written += 1;
      const perSecond = Math.round(report.linesRead / Math.max(0.001, (Date.now() - started) / 1000));
      options.logger?.progress(
        `events: ${written}/${files.length} files, ${report.linesRead} lines (${perSecond}/s), ${report.matched} in the course`
      );
    }
  };
  let complete = false;
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
    complete = true;
  } finally {
    await out.close(complete);
  }
  options.logger?.progress('');
  return report;
}

const SEPARATOR_BYTE = CUT_SEPARATOR.charCodeAt(0);
const CR_BYTE = 0x0d;

/** Bytes as megabytes (2^20) with one decimal, for messages. */
export function megabytes(bytes: number): string {
  return (bytes / (1 << 20)).toFixed(1).replace(/\.0$/, '');
}

async function cutOne(
  file: EventFile,
  index: number,
  needles: Buffer[],
  anchor: Buffer | undefined,
  out: CutOutput,
  report: CutReport,
  options: CutOptions
): Promise<void> {
  const fileReport = report.files[index]!;
  const bad = (line: number, message: string, reason: string) => {
    if (!options.skipBadLines) throw new InputError(message, { file: file.relPath, line });
    report.problems.push({ file: file.relPath, line, message, reason });
  };
  const output = new OutputBuffer(out);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const scanner = new LineScanner(
    needles,
    ({ line, bytes }) => {
      if (bytes.length > maxLineBytes)
        return bad(
          line,
          `line of ${megabytes(bytes.length)} MB is longer than the limit of ${megabytes(maxLineBytes)} MB (--max-line-mb)`,
          'longer than --max-line-mb'
        );
      if (!isValidUtf8(bytes)) return bad(line, 'line is not valid UTF-8', 'not valid UTF-8');
      if (bytes.indexOf(SEPARATOR_BYTE) >= 0)
        return bad(line, 'line holds a raw control character (\\u0001)', 'raw control character');
      // DuckDB's reader of the cut takes a carriage return for a line break (a trailing one is not kept)
      if (bytes.indexOf(CR_BYTE) >= 0) return bad(line, 'line holds a raw carriage return', 'raw carriage return');
      output.line(index, line, bytes);
      fileReport.matched += 1;
      if (bytes.length > report.longestLine) report.longestLine = bytes.length;
    },
    anchor
  );
  if (file.encrypted && !options.decrypt) {
    throw new InputError(
      'file is OpenPGP-encrypted: give a key (the keyFile option, --key or $SAMCED_GPG_KEY) or decrypt the drop first (samced decrypt)',
      { file: file.relPath }
    );
  }
  const stored = createReadStream(file.path, { highWaterMark: 1 << 20 });
  const hash = createHash('sha256');
  const hashed = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    }
  });
  stored.on('error', (error) => hashed.destroy(error));
  stored.pipe(hashed);
  const source: Readable = file.encrypted ? await options.decrypt!(hashed, file.path) : hashed;
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) {
      options.signal?.throwIfAborted();
      scanner.push(chunk as Buffer);
      await output.flushIfFull();
    }
    scanner.end();
  } catch (error) {
    source.destroy();
    stored.destroy();
    if (error instanceof InputError || options.signal?.aborted) throw error;
    const message = `cannot read ${file.encrypted ? 'encrypted gzip' : 'gzip'} data: ${(error as Error).message}`;
    bad(scanner.lines + 1, message, 'unreadable gzip data');
  }
  await output.flush();
  fileReport.sha256 = hash.digest('hex');
  fileReport.lines = scanner.lines;
  report.linesRead += scanner.lines;
  report.matched += fileReport.matched;
}
