import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { EventFile } from '../../drop/event-files';
import { InputError } from '../../util/errors';
import type { Logger } from '../../util/effects';
import { isValidUtf8, LineScanner } from './line-scanner';

/** Field separator of the cut file: a control character that valid JSON never holds unescaped. */
export const CUT_SEPARATOR = '\x01';

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
  const report: CutReport = { files: files.map((f) => ({ file: f.relPath, lines: 0, matched: 0, bytes: f.bytes, sha256: '' })), linesRead: 0, matched: 0, problems: [], longestLine: 0 };
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
      options.logger?.progress(`events: ${written}/${files.length} files, ${report.linesRead} lines (${perSecond}/s), ${report.matched} in the course`);
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

/** The path of segment `index` of a cut written to `outPath` (`cut.txt` -> `cut-007.txt`). */
export function segmentPath(outPath: string, index: number): string {
  return outPath.replace(/(\.[^./]*)?$/, (ext) => '-' + String(index).padStart(3, '0') + ext);
}

/**
 * Where the cut's blocks go: one file, or a series of segment files, each closed and handed on
 * (in order) once it has reached its size. Blocks hold whole lines, so a segment does too.
 */
class CutOutput {
  private stream: WriteStream;
  private index = 0;
  private bytes = 0;
  private longest = 0;
  private longestAt: { fileIndex: number; line: number } | undefined;
  /** Closing of the finished segments, in order, each then handed on. */
  private closing: Promise<void> = Promise.resolve();
  /** The first write error (disk full, ...): the next write throws it. */
  private failure: Error | undefined;

  constructor(
    private readonly outPath: string,
    private readonly segments: CutSegmenting | undefined,
    private readonly onSegment: ((segment: CutSegment) => void) | undefined
  ) {
    this.stream = this.open();
  }

  private open(): WriteStream {
    const stream = createWriteStream(this.path());
    stream.on('error', (error) => (this.failure ??= error));
    return stream;
  }

  private path(): string {
    return this.segments ? segmentPath(this.outPath, this.index) : this.outPath;
  }

  private limit(): number {
    const { firstBytes, growth = 1.5, maxBytes } = this.segments!;
    return Math.min(maxBytes, Math.round(firstBytes * growth ** this.index));
  }

  async write(block: Buffer, longestLine: number, longestAt?: { fileIndex: number; line: number }): Promise<void> {
    if (this.failure) throw this.failure;
    this.bytes += block.length;
    if (longestLine > this.longest) {
      this.longest = longestLine;
      this.longestAt = longestAt;
    }
    const stream = this.stream;
    const ok = stream.write(block);
    if (this.segments && this.bytes >= this.limit()) this.nextSegment(true);
    if (!ok) await drained(stream);
  }

  /** Ends the current segment (handed on when `handOn` and not empty) and opens the next. */
  private nextSegment(handOn: boolean, openNext = true): void {
    const segment: CutSegment = { index: this.index, path: this.path(), bytes: this.bytes, longestLine: this.longest, ...(this.longestAt ? { longestAt: this.longestAt } : {}) };
    const stream = this.stream;
    stream.end();
    this.closing = this.closing.then(async () => {
      await finished(stream);
      if (segment.bytes === 0) await unlink(segment.path);
      else if (handOn) this.onSegment?.(segment);
    });
    this.closing.catch(() => {}); // a failure here is thrown by close()
    this.index += 1;
    this.bytes = 0;
    this.longest = 0;
    this.longestAt = undefined;
    if (openNext) this.stream = this.open();
  }

  /** Closes the output; the last segment is handed on only when the cut is `complete`. */
  async close(complete: boolean): Promise<void> {
    if (this.segments) {
      this.nextSegment(complete, false);
    } else {
      const stream = this.stream;
      stream.end();
      this.closing = this.closing.then(() => finished(stream));
    }
    // after a failure, the failure is what the caller hears of, not a file that did not close
    await (complete ? this.closing : this.closing.catch(() => {}));
  }
}

/**
 * Resolves when a stream that refused more data has written what it holds: on 'drain', or on
 * 'close' once it was ended (a stream that is ending emits no 'drain').
 */
function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Collects cut lines as bytes (no string decoding) and writes them in large blocks. */
class OutputBuffer {
  static readonly SIZE = 4 << 20;
  private buf = Buffer.allocUnsafe(OutputBuffer.SIZE);
  private used = 0;
  private longest = 0;
  private longestAt: { fileIndex: number; line: number } | undefined;

  constructor(private readonly out: CutOutput) {}

  line(fileIndex: number, lineNo: number, bytes: Buffer): void {
    const head = fileIndex + CUT_SEPARATOR + lineNo + CUT_SEPARATOR;
    const need = head.length + bytes.length + 1;
    if (bytes.length > this.longest) {
      this.longest = bytes.length;
      this.longestAt = { fileIndex, line: lineNo };
    }
    if (this.used + need > this.buf.length) this.grow(need);
    this.used += this.buf.write(head, this.used, 'latin1');
    this.used += bytes.copy(this.buf, this.used);
    this.buf[this.used++] = 0x0a;
  }

  private grow(need: number): void {
    // a line larger than the room left: move what is buffered into a bigger block
    const next = Buffer.allocUnsafe(Math.max(OutputBuffer.SIZE, need * 2));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }

  async flushIfFull(): Promise<void> {
    if (this.used >= OutputBuffer.SIZE / 2) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const block = this.buf.subarray(0, this.used);
    const longest = this.longest;
    const longestAt = this.longestAt;
    this.buf = Buffer.allocUnsafe(OutputBuffer.SIZE);
    this.used = 0;
    this.longest = 0;
    this.longestAt = undefined;
    await this.out.write(block, longest, longestAt);
  }
}

async function cutOne(file: EventFile, index: number, needles: Buffer[], anchor: Buffer | undefined, out: CutOutput, report: CutReport, options: CutOptions): Promise<void> {
  const fileReport = report.files[index]!;
  const bad = (line: number, message: string, reason: string) => {
    if (!options.skipBadLines) throw new InputError(message, { file: file.relPath, line });
    report.problems.push({ file: file.relPath, line, message, reason });
  };
  const output = new OutputBuffer(out);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const scanner = new LineScanner(needles, ({ line, bytes }) => {
    if (bytes.length > maxLineBytes) return bad(line, `line of ${megabytes(bytes.length)} MB is longer than the limit of ${megabytes(maxLineBytes)} MB (--max-line-mb)`, 'longer than --max-line-mb');
    if (!isValidUtf8(bytes)) return bad(line, 'line is not valid UTF-8', 'not valid UTF-8');
    if (bytes.indexOf(SEPARATOR_BYTE) >= 0) return bad(line, 'line holds a raw control character (\\u0001)', 'raw control character');
    // DuckDB's reader of the cut takes a carriage return for a line break (a trailing one is not kept)
    if (bytes.indexOf(CR_BYTE) >= 0) return bad(line, 'line holds a raw carriage return', 'raw carriage return');
    output.line(index, line, bytes);
    fileReport.matched += 1;
    if (bytes.length > report.longestLine) report.longestLine = bytes.length;
  }, anchor);
  if (file.encrypted && !options.decrypt) {
    throw new InputError('file is OpenPGP-encrypted: give a key (the keyFile option, --key or $SAMCED_GPG_KEY) or decrypt the drop first (samced decrypt)', { file: file.relPath });
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
