import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { EventFile } from '../drop/event-files';
import { InputError } from '../util/errors';
import type { Logger } from '../util/effects';
import { isValidUtf8, LineScanner } from './line-scanner';

/** Field separator of the cut file: a control character that valid JSON never holds unescaped. */
export const CUT_SEPARATOR = '\x01';

export interface CutOptions {
  /** Byte strings one of which every line of interest contains (e.g. the course id in its spellings). */
  needles: string[];
  /** A byte string in every needle, searched instead of each needle (see LineScanner). */
  anchor?: string;
  /** Skip (and count) unreadable lines and truncated files instead of failing. */
  skipBadLines?: boolean;
  /** Turns the bytes of an OpenPGP-encrypted file into its decrypted bytes. */
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
  /** Files read at once (each decompresses on its own thread). Default 2. */
  concurrency?: number;
  logger?: Logger;
  /** Stops the cut (the promise rejects with the signal's reason) between chunks. */
  signal?: AbortSignal;
}

export interface CutProblem {
  file: string;
  line: number;
  message: string;
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
  const out = createWriteStream(outPath);
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
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  } finally {
    out.end();
    await once(out, 'close');
  }
  options.logger?.progress('');
  return report;
}

const SEPARATOR_BYTE = CUT_SEPARATOR.charCodeAt(0);

/** Collects cut lines as bytes (no string decoding) and writes them in large blocks. */
class OutputBuffer {
  static readonly SIZE = 4 << 20;
  private buf = Buffer.allocUnsafe(OutputBuffer.SIZE);
  private used = 0;

  constructor(private readonly out: WriteStream) {}

  line(fileIndex: number, lineNo: number, bytes: Buffer): void {
    const head = fileIndex + CUT_SEPARATOR + lineNo + CUT_SEPARATOR;
    const need = head.length + bytes.length + 1;
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
    this.buf = Buffer.allocUnsafe(OutputBuffer.SIZE);
    this.used = 0;
    if (!this.out.write(block)) await once(this.out, 'drain');
  }
}

async function cutOne(file: EventFile, index: number, needles: Buffer[], anchor: Buffer | undefined, out: WriteStream, report: CutReport, options: CutOptions): Promise<void> {
  const fileReport = report.files[index]!;
  const bad = (line: number, message: string) => {
    if (!options.skipBadLines) throw new InputError(message, { file: file.relPath, line });
    report.problems.push({ file: file.relPath, line, message });
  };
  const output = new OutputBuffer(out);
  const scanner = new LineScanner(needles, ({ line, bytes }) => {
    if (!isValidUtf8(bytes)) return bad(line, 'line is not valid UTF-8');
    if (bytes.indexOf(SEPARATOR_BYTE) >= 0) return bad(line, 'line holds a raw control character (\\u0001)');
    output.line(index, line, bytes);
    fileReport.matched += 1;
    if (bytes.length > report.longestLine) report.longestLine = bytes.length;
  }, anchor);
  if (file.encrypted && !options.decrypt) {
    throw new InputError('file is OpenPGP-encrypted: give a key (--key or SAMCED_GPG_KEY) or run `samced decrypt` first', { file: file.relPath });
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
    bad(scanner.lines + 1, message);
  }
  await output.flush();
  fileReport.sha256 = hash.digest('hex');
  fileReport.lines = scanner.lines;
  report.linesRead += scanner.lines;
  report.matched += fileReport.matched;
}
