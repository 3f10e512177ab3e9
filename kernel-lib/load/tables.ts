import { openSync, readSync, closeSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../util/errors';
import { ident, literal, type Duck } from '../duck/connection';
import { loadedSchema, splitTable, tableSchema, type SqlType } from './table-schemas';
import { explainCastFailure, rejectsTableName, trailingTabRows, tsvSource } from './table-bad-rows';

export { trailingTabRows } from './table-bad-rows';

export interface TableLoadOptions {
  /** Skip (and count) rows with too few or too many fields instead of failing. Default false. */
  skipBadLines?: boolean;
  /** The DuckDB table to load into, schema-qualified and quoted (its schema must exist); default loadedTable(table). */
  into?: string;
}

export interface TableLoadReport {
  table: string;
  file: string;
  rows: number;
  /** Rows skipped because of a wrong field count (only with skipBadLines), each once, by line. */
  skipped: { line: number; message: string; reason: string }[];
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

/** The reason a skipped row is counted under in the manifest (DuckDB's error type for the others). */
function rejectReason(errorType: string): string {
  return /COLUMNS/.test(errorType) ? 'wrong field count' : errorType.toLowerCase();
}

/** The DuckDB name of an export's loaded table: `personal.<table>` or `main.<table>` (see loadedSchema). */
export function loadedTable(table: string): string {
  return `${loadedSchema(table)}.${ident(table)}`;
}

/**
 * For a split export (splitTable), the view `main.<table>` of the loaded table's columns that
 * TABLE_SCHEMAS documents and does not drop, in the loaded order; nothing for the others.
 */
export async function createMainView(duck: Duck, table: string): Promise<void> {
  if (!splitTable(table)) return;
  const exported = new Set(
    tableSchema(table)!
      .columns.filter((c) => !c.dropped)
      .map((c) => c.name)
  );
  const loaded = (await duck.json(
    `SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = ${literal(loadedSchema(table))} AND table_name = ${literal(table)} ORDER BY ordinal_position`
  )) as { column_name: string }[];
  const kept = loaded.map((c) => c.column_name).filter((c) => exported.has(c));
  await duck.run(
    `CREATE OR REPLACE VIEW main.${ident(table)} AS SELECT ${kept.map(ident).join(', ') || 'NULL AS id'} FROM ${loadedTable(table)}`
  );
}

/**
 * Loads one edX `.sql` export (TSV: header row, tabs, no quoting, `NULL` for SQL NULL, backslash
 * escapes) into the DuckDB table `table` (in schema `personal` for the personal and the split
 * tables, see loadedTable, with the view `main.<table>` of a split one; or `options.into`), typed
 * by `table-schemas.ts` and matched by header name.
 * A raw tab is always a field separator (a tab inside a value is escaped as `\t`): a row with
 * the wrong number of fields, or a value that does not fit its type, is an InputError naming the
 * file and line (or, with `skipBadLines`, a skip counted once by line for field counts).
 */
export async function loadTsvTable(
  duck: Duck,
  table: string,
  path: string,
  options: TableLoadOptions = {}
): Promise<TableLoadReport> {
  const header = readTsvHeader(path);
  const target = options.into ?? loadedTable(table);
  if (!options.into && loadedSchema(table) !== 'main')
    await duck.run(`CREATE SCHEMA IF NOT EXISTS ${loadedSchema(table)}`);
  // read_csv takes a row's last tab for the end of an empty last field: one field too many, the
  // last empty, would load shifted; those rows are found by a scan alongside
  const trailing = trailingTabRows(path, header.length);
  trailing.catch(() => {}); // awaited below
  let rejected: Rejected[] = [];
  let failure: { error: unknown } | undefined;
  try {
    rejected = await loadTsvRows(duck, table, target, path, path, header);
  } catch (error) {
    failure = { error }; // a shifted row may be why a value did not fit its type
  }
  const trailingRows = await trailing;
  if (failure && trailingRows.length === 0) throw failure.error;
  const skipped = new Map(rejected.map((r) => [r.line, r]));
  const shifted = trailingRows.filter((r) => !skipped.has(r.line));
  for (const r of shifted)
    skipped.set(r.line, {
      line: r.line,
      message: `Expected Number of Columns: ${header.length} Found: ${r.fields}`,
      reason: 'wrong field count'
    });
  const bad = () => [...skipped.values()].sort((a, b) => a.line - b.line);
  if (skipped.size > 0 && !options.skipBadLines) {
    const first = bad()[0]!;
    throw new InputError(`${first.message} (${skipped.size} bad row(s); use skipBadLines to skip them)`, {
      file: path,
      line: first.line
    });
  }
  if (shifted.length > 0)
    for (const r of await reloadWithout(duck, table, target, path, header, new Set(shifted.map((r) => r.line))))
      skipped.set(r.line, r);
  const rows = Number(await duck.scalar(`SELECT count(*) FROM ${target}`));
  if (!options.into) await createMainView(duck, table);
  const known = new Set(tableSchema(table)?.columns.map((c) => c.name));
  return { table, file: path, rows, skipped: bad(), unknownColumns: header.filter((h) => !known.has(h)) };
}

type Rejected = TableLoadReport['skipped'][number];

/**
 * Loads the rows of `readPath` (named `path` in errors) into `target`, typed as `table`; returns
 * the rows read_csv rejected (wrong field counts).
 */
async function loadTsvRows(
  duck: Duck,
  table: string,
  target: string,
  path: string,
  readPath: string,
  header: string[]
): Promise<Rejected[]> {
  const schema = tableSchema(table);
  const known = new Map(schema?.columns.map((col) => [col.name, col.type]) ?? []);
  const rejects = rejectsTableName();
  const source = tsvSource(
    readPath,
    header,
    `store_rejects=true, rejects_table=${literal(rejects)}, rejects_scan=${literal(rejects + '_scan')}`
  );
  const select = header.map((h) => `${castExpr(h, known.get(h) ?? 'VARCHAR')} AS ${ident(h)}`).join(', ');
  try {
    await duck.run(`CREATE OR REPLACE TABLE ${target} AS SELECT ${select} FROM ${source}`);
  } catch (error) {
    throw await explainCastFailure(duck, path, readPath, header, known, error);
  }
  const rejected = (await duck.json(`SELECT line, error_message, error_type FROM ${ident(rejects)} ORDER BY line`)) as {
    line: string;
    error_message: string;
    error_type: string;
  }[];
  await duck.run(`DROP TABLE IF EXISTS ${ident(rejects)}; DROP TABLE IF EXISTS ${ident(rejects + '_scan')}`);
  return rejected.map((r) => ({ line: Number(r.line), message: r.error_message, reason: rejectReason(r.error_type) }));
}

/**
 * Loads the table again from a copy of the file whose `lines` are blank (read_csv skips blank
 * lines, so every other line keeps its number); returns what read_csv rejected. The copy is
 * owner-only and removed at once.
 */
async function reloadWithout(
  duck: Duck,
  table: string,
  target: string,
  path: string,
  header: string[],
  lines: Set<number>
): Promise<Rejected[]> {
  const dir = await mkdtemp(join(tmpdir(), 'samced-tsv-'));
  try {
    const copy = join(dir, 'rows.tsv');
    const input = await open(path);
    const output = await open(copy, 'w', 0o600);
    try {
      const buffer = Buffer.allocUnsafe(1 << 20);
      let line = 1;
      for (;;) {
        const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        let from = 0;
        while (from < bytesRead) {
          const lf = buffer.indexOf(10, from);
          const to = lf < 0 || lf >= bytesRead ? bytesRead : lf + 1;
          if (!lines.has(line)) await output.write(buffer, from, to - from);
          else if (to === lf + 1) await output.write('\n');
          if (to === lf + 1) line += 1;
          from = to;
        }
      }
    } finally {
      await input.close();
      await output.close();
    }
    return await loadTsvRows(duck, table, target, path, copy, header);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
