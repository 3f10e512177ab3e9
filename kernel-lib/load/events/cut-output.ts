import { createWriteStream, type WriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { CutSegment, CutSegmenting } from './cut';

/** Field separator of the cut file: a control character that valid JSON never holds unescaped. */
export const CUT_SEPARATOR = '\x01';

/** The path of segment `index` of a cut written to `outPath` (`cut.txt` -> `cut-007.txt`). */
export function segmentPath(outPath: string, index: number): string {
  return outPath.replace(/(\.[^./]*)?$/, (ext) => '-' + String(index).padStart(3, '0') + ext);
}

/**
 * Where the cut's blocks go: one file, or a series of segment files, each closed and handed on
 * (in order) once it has reached its size. Blocks hold whole lines, so a segment does too.
 */
export class CutOutput {
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
    const segment: CutSegment = {
      index: this.index,
      path: this.path(),
      bytes: this.bytes,
      longestLine: this.longest,
      ...(this.longestAt ? { longestAt: this.longestAt } : {})
    };
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
export class OutputBuffer {
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
