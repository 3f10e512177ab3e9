import { openSync, readSync, closeSync } from 'node:fs';
import { InputError } from '../../util/errors';
import { ident, literal, type Duck } from '../connection';
import { tableSchema, type SqlType } from './table-schemas';

export interface TableLoadOptions {
  /** Skip (and count) rows with too few or too many fields instead of failing. Default false. */
  skipBadLines?: boolean;
}

export interface TableLoadReport {
  table: string;
  file: string;
  rows: number;
  /** Rows skipped because of a wrong field count (only with skipBadLines). */
  skipped: { line: number; message: string }[];
  /** Header columns samced does not know (loaded as VARCHAR, never exported). */
  unknownColumns: string[];
}

/** The header line of a TSV export file, split on tabs. */
export function readTsvHeader(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const end = text.indexOf('\n');
    const line = (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
    if (!line.trim()) throw new InputError('empty file or missing header line', { file: path, line: 1 });
    return line.split('\t');
  } finally {
    closeSync(fd);
  }
}

function castExpr(column: string, type: SqlType): string {
  const value = `tsv_unescape(${ident(column)})`;
  if (type === 'VARCHAR') return value;
  return `CAST(NULLIF(${value}, '') AS ${type})`;
}

let scanCounter = 0;

/** read_csv over an edX TSV export, every column VARCHAR by header name, with extra options (rejects or ignore_errors). */
function tsvSource(path: string, header: string[], extra: string): string {
  const columns = '{' + header.map((h) => `${literal(h)}: 'VARCHAR'`).join(', ') + '}';
  return `read_csv(${literal(path)}, delim='\\t', header=true, quote='', escape='', auto_detect=false,
    columns=${columns}, nullstr='NULL', max_line_size=8388608, parallel=false, ${extra})`;
}

/**
 * Loads one edX `.sql` export (TSV: header row, tabs, no quoting, `NULL` for SQL NULL, backslash
 * escapes) into the DuckDB table `table`, typed by `table-schemas.ts` and matched by header name.
 * A row with the wrong number of fields, or a value that does not fit its type, is an
 * InputError naming the file and line (or, with `skipBadLines`, a counted skip for field counts).
 */
export async function loadTsvTable(duck: Duck, table: string, path: string, options: TableLoadOptions = {}): Promise<TableLoadReport> {
  const header = readTsvHeader(path);
  const schema = tableSchema(table);
  const known = new Map(schema?.columns.map((col) => [col.name, col.type]) ?? []);
  scanCounter += 1;
  const rejects = `samced_rejects_${scanCounter}`;
  const source = tsvSource(path, header, `store_rejects=true, rejects_table=${literal(rejects)}, rejects_scan=${literal(rejects + '_scan')}`);
  const select = header.map((h) => `${castExpr(h, known.get(h) ?? 'VARCHAR')} AS ${ident(h)}`).join(', ');
  try {
    await duck.run(`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${select} FROM ${source}`);
  } catch (error) {
    throw await explainCastFailure(duck, path, header, known, error);
  }
  // DuckDB stores one reject per missing or extra field: a bad line counts once, with its first error
  const rejected = (await duck.json(`SELECT line, arg_min(error_message, coalesce(column_idx, 0)) AS error_message FROM ${ident(rejects)} GROUP BY line ORDER BY line`)) as {
    line: string;
    error_message: string;
  }[];
  await duck.run(`DROP TABLE IF EXISTS ${ident(rejects)}; DROP TABLE IF EXISTS ${ident(rejects + '_scan')}`);
  const skipped = rejected.map((r) => ({ line: Number(r.line), message: r.error_message }));
  if (skipped.length > 0 && !options.skipBadLines) {
    throw new InputError(`${skipped[0]!.message} (${skipped.length} bad row(s); use skipBadLines to skip them)`, { file: path, line: skipped[0]!.line });
  }
  const rows = Number(await duck.scalar(`SELECT count(*) FROM ${ident(table)}`));
  return { table, file: path, rows, skipped, unknownColumns: header.filter((h) => !known.has(h)) };
}

/** Finds the first value that does not cast to its column's type and names its line. */
async function explainCastFailure(duck: Duck, path: string, header: string[], known: Map<string, SqlType>, error: unknown): Promise<Error> {
  const typed = header.filter((h) => (known.get(h) ?? 'VARCHAR') !== 'VARCHAR');
  for (const h of typed) {
    const type = known.get(h)!;
    const rows = (await duck
      .json(
        `SELECT n + 1 AS line, v FROM (SELECT row_number() OVER () AS n, tsv_unescape(${ident(h)}) AS v FROM ${tsvSource(path, header, 'ignore_errors=true')})
         WHERE v <> '' AND TRY_CAST(v AS ${type}) IS NULL ORDER BY n LIMIT 1`
      )
      .catch(() => [])) as { line: string; v: string }[];
    if (rows[0]) return new InputError(`column ${h}: '${rows[0].v}' is not a valid ${type}`, { file: path, line: Number(rows[0].line) });
  }
  return new InputError((error as Error).message.split('\n')[0]!, { file: path });
}
