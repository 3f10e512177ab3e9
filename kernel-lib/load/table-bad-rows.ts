// Finding and naming the bad rows of a `.sql` export: rows ending with a tab, values that do not cast.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { open } from 'node:fs/promises';
import { InputError } from '../util/errors';
import { ident, literal, type Duck } from '../duck/connection';
import type { SqlType } from './table-schemas';

let scanCounter = 0;

/** A new name for a rejects table of read_csv (one per scan of this process). */
export function rejectsTableName(): string {
  scanCounter += 1;
  return `samced_rejects_${scanCounter}`;
}

/** read_csv over an edX TSV export, every column VARCHAR by header name, with extra options (rejects or ignore_errors). */
export function tsvSource(path: string, header: string[], extra: string): string {
  const columns = '{' + header.map((h) => `${literal(h)}: 'VARCHAR'`).join(', ') + '}';
  return `read_csv(${literal(path)}, delim='\\t', header=true, quote='', escape='', auto_detect=false,
    columns=${columns}, nullstr='NULL', max_line_size=8388608, parallel=false, ${extra})`;
}

/**
 * The rows (1-based line numbers, after the header) that end with a tab and hold other than
 * `fields` fields. One search for each line end; only the lines ending with a tab are counted.
 */
export async function trailingTabRows(path: string, fields: number): Promise<{ line: number; fields: number }[]> {
  const TAB = 9;
  const LF = 10;
  const CR = 13;
  const found: { line: number; fields: number }[] = [];
  const file = await open(path);
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let line = 1;
    let carriedTabs = 0; // tabs of the current line in earlier pieces
    let carriedLast = -1; // the current line's last byte (other than CR) in earlier pieces
    const endOfLine = (last: number, tabs: () => number) => {
      if (line > 1 && last === TAB) {
        const n = tabs() + 1;
        if (n !== fields) found.push({ line, fields: n });
      }
      line += 1;
      carriedTabs = 0;
      carriedLast = -1;
    };
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const piece = buffer.subarray(0, bytesRead);
      let from = 0;
      for (;;) {
        const lf = piece.indexOf(LF, from);
        const to = lf < 0 ? bytesRead : lf;
        let end = to;
        if (end > from && piece[end - 1] === CR) end -= 1;
        const last = end > from ? piece[end - 1]! : carriedLast;
        if (lf < 0) {
          if (last === TAB || to > from) carriedTabs += countByte(piece, TAB, from, to);
          if (to > from) carriedLast = last;
          break;
        }
        const start = from;
        endOfLine(last, () => carriedTabs + countByte(piece, TAB, start, lf));
        from = lf + 1;
      }
    }
    if (carriedLast !== -1) endOfLine(carriedLast, () => carriedTabs);
  } finally {
    await file.close();
  }
  return found;
}

function countByte(buffer: Buffer, byte: number, from: number, to: number): number {
  let n = 0;
  for (let i = buffer.indexOf(byte, from); i >= 0 && i < to; i = buffer.indexOf(byte, i + 1)) n += 1;
  return n;
}

/** Finds the first value that does not cast to its column's type and names its line. */
export async function explainCastFailure(
  duck: Duck,
  path: string,
  readPath: string,
  header: string[],
  known: Map<string, SqlType>,
  error: unknown
): Promise<Error> {
  const typed = header.filter((h) => (known.get(h) ?? 'VARCHAR') !== 'VARCHAR');
  for (const h of typed) {
    const type = known.get(h)!;
    const rejects = rejectsTableName();
    const rows = (await duck
      .json(
        `SELECT n, v FROM (SELECT row_number() OVER () AS n, tsv_unescape(${ident(h)}) AS v
           FROM ${tsvSource(readPath, header, `store_rejects=true, rejects_table=${literal(rejects)}, rejects_scan=${literal(rejects + '_scan')}`)})
         WHERE v <> '' AND TRY_CAST(v AS ${type}) IS NULL ORDER BY n LIMIT 1`
      )
      .catch(() => [])) as { n: string; v: string }[];
    const rejected = rows[0]
      ? ((await duck.json(`SELECT line FROM ${ident(rejects)}`).catch(() => [])) as { line: string }[])
      : [];
    await duck.run(`DROP TABLE IF EXISTS ${ident(rejects)}; DROP TABLE IF EXISTS ${ident(rejects + '_scan')}`);
    if (rows[0]) {
      const line = await lineOfRow(readPath, Number(rows[0].n), new Set(rejected.map((r) => Number(r.line))));
      return new InputError(`column ${h}: '${rows[0].v}' is not a valid ${type}`, { file: path, line });
    }
  }
  return new InputError((error as Error).message.split('\n')[0]!, { file: path });
}

/** The line of the `row`-th row read_csv read (1-based): after the header, blank lines and the `rejected` lines do not count. */
async function lineOfRow(path: string, row: number, rejected: Set<number>): Promise<number | undefined> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  let rows = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (line === 1 || text === '' || rejected.has(line)) continue;
      rows += 1;
      if (rows === row) return line;
    }
  } finally {
    lines.close();
  }
  return undefined;
}
