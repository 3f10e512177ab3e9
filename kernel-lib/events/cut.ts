import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
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
  /** Skip (and count) unreadable lines and truncated files instead of failing. */
  skipBadLines?: boolean;
  /** Turns the bytes of an OpenPGP-encrypted file into its decrypted bytes. */
  decrypt?: (encrypted: Readable, path: string) => Promise<Readable>;
  /** Files read at once (each decompresses on its own thread). Default 2. */
  concurrency?: number;
  logger?: Logger;
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
}

/**
 * Reads the daily event files (gzip, optionally OpenPGP-encrypted) and writes the lines that
 * contain a needle to `outPath`, one per line as `fileIndex ^A lineNumber ^A line`. Nothing is
 * JSON-parsed here: this is the cheap first cut that keeps a year of logs fast.
 */
export async function cutEventFiles(files: EventFile[], outPath: string, options: CutOptions): Promise<CutReport> {
  const out = createWriteStream(outPath);
  const needles = options.needles.map((n) => Buffer.from(n, 'utf8'));
  const report: CutReport = { files: files.map((f) => ({ file: f.relPath, lines: 0, matched: 0, bytes: f.bytes, sha256: '' })), linesRead: 0, matched: 0, problems: [] };
  let nextIndex = 0;
  let written = 0;
  const worker = async () => {
    while (nextIndex < files.length) {
      const index = nextIndex++;
      await cutOne(files[index]!, index, needles, out, report, options);
      written += 1;
      options.logger?.progress(`events: ${written}/${files.length} files, ${report.linesRead} lines, ${report.matched} in the course`);
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

async function cutOne(file: EventFile, index: number, needles: Buffer[], out: WriteStream, report: CutReport, options: CutOptions): Promise<void> {
  const fileReport = report.files[index]!;
  const bad = (line: number, message: string) => {
    if (!options.skipBadLines) throw new InputError(message, { file: file.relPath, line });
    report.problems.push({ file: file.relPath, line, message });
  };
  let pending: string[] = [];
  const scanner = new LineScanner(needles, ({ line, bytes }) => {
    if (!isValidUtf8(bytes)) return bad(line, 'line is not valid UTF-8');
    const text = bytes.toString('utf8');
    if (text.includes(CUT_SEPARATOR)) return bad(line, 'line holds a raw control character (\\u0001)');
    pending.push(index + CUT_SEPARATOR + line + CUT_SEPARATOR + text + '\n');
    fileReport.matched += 1;
  });
  if (file.encrypted && !options.decrypt) {
    throw new InputError('file is OpenPGP-encrypted: give a key (--key or SAMCED_GPG_KEY) or run `samced decrypt` first', { file: file.relPath });
  }
  const stored = createReadStream(file.path, { highWaterMark: 1 << 20 });
  const hash = createHash('sha256');
  stored.on('data', (chunk) => hash.update(chunk));
  const source: Readable = file.encrypted ? await options.decrypt!(stored, file.path) : stored;
  const gunzip = createGunzip({ chunkSize: 1 << 18 });
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) {
      scanner.push(chunk as Buffer);
      if (pending.length > 0) {
        if (!out.write(pending.join(''))) await once(out, 'drain');
        pending = [];
      }
    }
    scanner.end();
  } catch (error) {
    if (error instanceof InputError) throw error;
    source.destroy();
    stored.destroy();
    const message = `cannot read ${file.encrypted ? 'encrypted gzip' : 'gzip'} data: ${(error as Error).message}`;
    bad(scanner.lines + 1, message);
  }
  if (pending.length > 0 && !out.write(pending.join(''))) await once(out, 'drain');
  fileReport.sha256 = hash.digest('hex');
  fileReport.lines = scanner.lines;
  report.linesRead += scanner.lines;
  report.matched += fileReport.matched;
}
