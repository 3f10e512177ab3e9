import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One parsed line of a JSON-lines file, with its 1-based line number. */
export interface JsonLine {
  line: number;
  value: unknown;
}

export interface BadLine {
  line: number;
  message: string;
  /** What is wrong, without the details of the line: the manifest counts skipped lines by it. */
  reason: string;
}

/**
 * Reads a JSON-lines file. Blank lines are ignored; a line that is not JSON is passed to
 * `onBad` (which throws to stop, or returns to skip it).
 */
export async function* readJsonLines(
  path: string,
  onBad: (bad: BadLine) => void,
  fixLine: (text: string) => string = (t) => t
): AsyncGenerator<JsonLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n += 1;
    const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!text.trim()) continue;
    try {
      yield { line: n, value: JSON.parse(fixLine(text)) };
    } catch (error) {
      onBad({ line: n, message: 'not valid JSON: ' + (error as Error).message, reason: 'not valid JSON' });
    }
  }
}
