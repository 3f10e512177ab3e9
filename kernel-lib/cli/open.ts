import { chmod, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './command';
import { openCourseRun, type CourseRun } from '../load/course-run';
import { ident, literal } from '../duck/connection';
import { temporaryName } from '../util/atomic';
import { InputError, isEnoent } from '../util/errors';
import type { Logger } from '../util/effects';
import { EXPLORE_ARGS, EXPLORE_HELP, exploreCourseRunOptions } from './course-args';

export const OPEN_HELP = `usage: samced open (--sample | --data <drop dir> --org <org> --course <course> --run <run>
                   --start YYYY-MM-DD --end YYYY-MM-DD) [--db <file.duckdb>] [--personal] [options]

Opens one course run as samced sql and notebooks do and prints its tables (schema main, the
documented ones; see docs/exploring.md) with their row counts. With --db, also writes them to a
DuckDB database file that DuckDB's own CLI, Python (duckdb) or R (duckdb) can open: every table,
and events, as tables. The tables of schema personal (personal.auth_user, personal.user_id_map and
the whole exports behind auth_userprofile, certificates_generatedcertificate, wiki_articlerevision)
are listed and written only with --personal, into the file's schema personal; never
personal.event_lines (the raw log lines) nor the loader's own tables (schema internal). The file is
written under a temporary name, renamed when complete, and readable by its owner only: it holds
personal data (usernames in events; with --personal, names, emails and addresses).

${EXPLORE_HELP}
  --db <file>           the DuckDB file to write (must not exist)
  --personal            also list and write schema personal (PERSONAL DATA: names, emails)
`;

/** Views of schema `personal` that a DuckDB file leaves out: the raw lines (their files are temporary). */
export const NOT_WRITTEN = ['event_lines'];

/** One table of a course run as `open` lists and writes it. */
export interface RunTable {
  schema: 'main' | 'personal';
  table: string;
}

/**
 * The course run's tables and views that `open` lists and a DuckDB file gets: schema `main` (the
 * documented ones), then, with `personal`, those of schema `personal` but NOT_WRITTEN; in name order.
 * Schema `internal` (the loader's bookkeeping) is never listed.
 */
export async function courseRunTables(run: CourseRun, options: { personal?: boolean } = {}): Promise<RunTable[]> {
  const schemas = options.personal ? "('main', 'personal')" : "('main')";
  const rows = await run.duck.json(
    `SELECT table_schema, table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema IN ${schemas} ORDER BY table_schema, table_name`
  );
  return rows
    .map((r) => ({ schema: String(r.table_schema) as RunTable['schema'], table: String(r.table_name) }))
    .filter((t) => t.schema === 'main' || !NOT_WRITTEN.includes(t.table));
}

/** How `open` prints a table: its name, with `personal.` before a personal one (as a query must name it). */
export function runTableName(t: RunTable): string {
  return t.schema === 'main' ? t.table : `${t.schema}.${t.table}`;
}

/**
 * Writes the tables of an opened course run (views such as `events` as tables) to a new DuckDB
 * file, atomically and owner-only (0600): schema `main`, and with `personal` the personal tables
 * into the file's schema `personal`. Returns the tables written (as runTableName) with their row counts.
 */
export async function writeCourseRunDb(
  run: CourseRun,
  file: string,
  logger: Logger,
  options: { personal?: boolean } = {}
): Promise<{ table: string; rows: number }[]> {
  const target = resolve(file);
  try {
    await stat(target);
    throw new InputError('already exists; give a new file name', { file });
  } catch (error) {
    if (!isEnoent(error)) throw error;
  }
  await mkdir(dirname(target), { recursive: true });
  const tmp = temporaryName(target);
  const alias = 'samced_out';
  const written: { table: string; rows: number }[] = [];
  try {
    await run.duck.run(`ATTACH ${literal(tmp)} AS ${alias}`);
    await chmod(tmp, 0o600);
    try {
      for (const t of await courseRunTables(run, options)) {
        const target = `${alias}.${t.schema}.${ident(t.table)}`;
        if (t.schema !== 'main') await run.duck.run(`CREATE SCHEMA IF NOT EXISTS ${alias}.${t.schema}`);
        await run.duck.run(`CREATE TABLE ${target} AS SELECT * FROM ${t.schema}.${ident(t.table)}`);
        written.push({ table: runTableName(t), rows: Number(await run.duck.scalar(`SELECT count(*) FROM ${target}`)) });
      }
      await run.duck.run(`CHECKPOINT ${alias}`);
    } finally {
      await run.duck.run(`DETACH ${alias}`);
    }
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    await rm(tmp + '.wal', { force: true });
    throw error;
  }
  const held = options.personal
    ? 'schema personal: names, emails, addresses; usernames in events'
    : 'usernames in events';
  logger.warn(`${file} holds the course run's personal data (${held}): keep it where the drop is kept`);
  return written;
}

export const openCommand: Command = {
  name: 'open',
  summary: 'open a course run and list its tables; with --db, write it to a DuckDB file',
  help: OPEN_HELP,
  async run(args, effects) {
    const { values } = parseArgs({
      args,
      options: { ...EXPLORE_ARGS, db: { type: 'string' }, personal: { type: 'boolean' } }
    });
    const run = await openCourseRun(await exploreCourseRunOptions(values, 'open', effects.logger), effects);
    try {
      let counts: { table: string; rows: number }[];
      if (values.db) {
        counts = await writeCourseRunDb(run, values.db, effects.logger, { personal: values.personal });
      } else {
        counts = [];
        for (const t of await courseRunTables(run, { personal: values.personal })) {
          counts.push({
            table: runTableName(t),
            rows: Number(await run.duck.scalar(`SELECT count(*) FROM ${t.schema}.${ident(t.table)}`))
          });
        }
      }
      const width = Math.max(...counts.map((c) => c.table.length));
      for (const c of counts) process.stdout.write(`${c.table.padEnd(width)}  ${c.rows}\n`);
      if (values.db) process.stdout.write(resolve(values.db) + '\n');
      return 0;
    } finally {
      await run.close();
    }
  }
};
