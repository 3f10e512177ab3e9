import { isUtf8 } from 'node:buffer';

/** A line of a log file that contains one of the needles. */
export interface MatchedLine {
  /** 1-based line number in the (decompressed) file. */
  line: number;
  /** The line's bytes, without the trailing `\n` (and `\r`). */
  bytes: Buffer;
}

const NL = 0x0a;

/**
 * Splits a byte stream into lines and passes on only the lines that contain at least one needle,
 * with their line numbers, without decoding or parsing the other lines. Linear in the input: the
 * next occurrence of each needle is searched once and reused across lines.
 */
export class LineScanner {
  private carry: Buffer | undefined;
  private lineNo = 0;
  /** Lines seen so far (including unmatched ones). */
  get lines(): number {
    return this.lineNo;
  }

  constructor(
    private readonly needles: Buffer[],
    private readonly onMatch: (match: MatchedLine) => void
  ) {}

  push(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const last = buf.lastIndexOf(NL);
    if (last < 0) {
      this.carry = buf;
      return;
    }
    this.scan(buf, last + 1);
    this.carry = last + 1 < buf.length ? Buffer.from(buf.subarray(last + 1)) : undefined;
  }

  /** Flushes a last line that has no trailing newline. */
  end(): void {
    if (this.carry && this.carry.length > 0) {
      const buf = Buffer.concat([this.carry, Buffer.from([NL])]);
      this.carry = undefined;
      this.scan(buf, buf.length);
    }
  }

  /** Scans complete lines in buf[0, end). */
  private scan(buf: Buffer, end: number): void {
    const next = this.needles.map((n) => buf.indexOf(n, 0));
    let start = 0;
    while (start < end) {
      let first = -1;
      for (let i = 0; i < next.length; i++) {
        if (next[i]! >= 0 && next[i]! < start) next[i] = buf.indexOf(this.needles[i]!, start);
        if (next[i]! >= 0 && next[i]! < end && (first < 0 || next[i]! < first)) first = next[i]!;
      }
      if (first < 0) {
        this.lineNo += countNewlines(buf, start, end);
        return;
      }
      const lineStart = first === 0 ? 0 : buf.lastIndexOf(NL, first - 1) + 1;
      if (lineStart > start) this.lineNo += countNewlines(buf, start, lineStart);
      let lineEnd = buf.indexOf(NL, first);
      if (lineEnd < 0 || lineEnd >= end) lineEnd = end - 1;
      this.lineNo += 1;
      let stop = lineEnd;
      if (stop > lineStart && buf[stop - 1] === 0x0d) stop -= 1;
      this.onMatch({ line: this.lineNo, bytes: buf.subarray(lineStart, stop) });
      start = lineEnd + 1;
    }
  }
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(NL, from);
  while (i >= 0 && i < to) {
    n += 1;
    i = buf.indexOf(NL, i + 1);
  }
  return n;
}

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Buffer): boolean {
  return isUtf8(bytes);
}
