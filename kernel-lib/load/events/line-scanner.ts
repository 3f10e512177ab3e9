import { isUtf8 } from 'node:buffer';

/** A line of a log file that contains one of the needles. */
export interface MatchedLine {
  /** 1-based line number in the (decompressed) file. */
  line: number;
  /** The line's bytes, without the trailing `\n` (and `\r`). Valid only during the callback. */
  bytes: Buffer;
}

const NL = 0x0a;

/**
 * Splits a byte stream into lines and passes on only the lines that contain at least one needle,
 * with their line numbers, without decoding or parsing the other lines.
 *
 * With an `anchor` (a byte string that occurs in every needle, e.g. the course number), the scan
 * searches the anchor alone, one pass over the bytes, and checks the needles only where it occurs:
 * one search instead of one per needle. Chunks are scanned in place; only a line cut by a chunk
 * boundary is copied, once. A chunk pushed must not change afterwards (its tail is kept as a view
 * until its line ends).
 */
export class LineScanner {
  /** The start of a line cut by chunk boundaries, in pieces (joined once its end arrives: a long line is copied once, not once per chunk). */
  private carry: Buffer[] = [];
  private lineNo = 0;
  private readonly anchor: Buffer | undefined;
  /** For each needle, the offsets at which the anchor occurs in it. */
  private readonly anchorOffsets: number[][];

  /** Lines seen so far (including unmatched ones). */
  get lines(): number {
    return this.lineNo;
  }

  constructor(
    private readonly needles: Buffer[],
    private readonly onMatch: (match: MatchedLine) => void,
    anchor?: Buffer
  ) {
    if (needles.some((n) => n.length === 0 || n.includes(NL)))
      throw new Error('needles must be non-empty and hold no newline');
    this.anchorOffsets = anchor ? needles.map((n) => offsetsOf(n, anchor)) : [];
    if (anchor && (anchor.length === 0 || this.anchorOffsets.some((o) => o.length === 0))) {
      throw new Error(`the anchor ${JSON.stringify(anchor.toString())} must occur in every needle`);
    }
    this.anchor = anchor;
  }

  push(chunk: Buffer): void {
    let from = 0;
    if (this.carry.length > 0) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        this.carry.push(chunk);
        return;
      }
      const joined = Buffer.concat([...this.carry, chunk.subarray(0, nl + 1)]);
      this.carry = [];
      this.scan(joined, joined.length);
      from = nl + 1;
    }
    // a chunk is not reused by gunzip (nor by the callers): a tail can stay a view until its line ends
    const last = chunk.lastIndexOf(NL);
    if (last < from) {
      if (from < chunk.length) this.carry.push(chunk.subarray(from));
      return;
    }
    this.scan(from === 0 ? chunk : chunk.subarray(from), last + 1 - from);
    if (last + 1 < chunk.length) this.carry.push(chunk.subarray(last + 1));
  }

  /** Flushes a last line that has no trailing newline. */
  end(): void {
    if (this.carry.some((c) => c.length > 0)) {
      const buf = Buffer.concat([...this.carry, Buffer.from([NL])]);
      this.carry = [];
      this.scan(buf, buf.length);
    }
  }

  /** Scans the complete lines in buf[0, end) (buf[end - 1] is a newline). */
  private scan(buf: Buffer, end: number): void {
    let counted = 0; // newlines before `counted` are in lineNo
    let from = 0;
    const next = this.needles.map(() => -2); // per needle: its next occurrence at or after `from` (-2: not searched yet)
    for (;;) {
      const hit = this.anchor ? this.nextAnchored(buf, from, end) : this.nextNeedle(buf, from, end, next);
      if (hit < 0) break;
      const lineStart = hit === 0 ? 0 : buf.lastIndexOf(NL, hit - 1) + 1;
      const lineEnd = buf.indexOf(NL, hit);
      this.lineNo += countNewlines(buf, counted, lineStart) + 1;
      let stop = lineEnd;
      if (stop > lineStart && buf[stop - 1] === 0x0d) stop -= 1;
      this.onMatch({ line: this.lineNo, bytes: buf.subarray(lineStart, stop) });
      counted = from = lineEnd + 1;
    }
    this.lineNo += countNewlines(buf, counted, end);
  }

  /** Start of the first needle occurrence in [from, end) found through the anchor, or -1. */
  private nextAnchored(buf: Buffer, from: number, end: number): number {
    const anchor = this.anchor!;
    for (let at = buf.indexOf(anchor, from); at >= 0 && at < end; at = buf.indexOf(anchor, at + 1)) {
      for (let i = 0; i < this.needles.length; i++) {
        const needle = this.needles[i]!;
        for (const offset of this.anchorOffsets[i]!) {
          const start = at - offset;
          if (
            start >= from &&
            start + needle.length <= end &&
            buf.compare(needle, 0, needle.length, start, start + needle.length) === 0
          )
            return start;
        }
      }
    }
    return -1;
  }

  /**
   * Start of the first occurrence of any needle in [from, end), or -1. `next` remembers each
   * needle's next occurrence, so that a rare needle is not searched for again after every match.
   */
  private nextNeedle(buf: Buffer, from: number, end: number, next: number[]): number {
    let first = -1;
    for (let i = 0; i < this.needles.length; i++) {
      if (next[i] === -2 || (next[i]! >= 0 && next[i]! < from)) next[i] = buf.indexOf(this.needles[i]!, from);
      const at = next[i]!;
      if (at >= 0 && at < end && (first < 0 || at < first)) first = at;
    }
    return first;
  }
}

function offsetsOf(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(NL, from); i >= 0 && i < to; i = buf.indexOf(NL, i + 1)) n += 1;
  return n;
}

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Buffer): boolean {
  return isUtf8(bytes);
}
