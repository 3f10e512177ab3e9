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
                   --start YYYY-MM-DD --end YYYY-MM-DD) [--db <file.duckdb>] [options]

Opens one course run as samced sql and notebooks do and prints its tables with their row counts.
With --db, also writes them to a DuckDB database file that DuckDB's own CLI, Python (duckdb) or R
(duckdb) can open: every table and events as tables (not event_lines, the raw log lines, nor the
loader's own tables). The file is written under a temporary name, renamed when complete, and
readable by its owner only: it holds the course run's personal data as the drop does (auth_user,
user_id_map, usernames and IP addresses in events).

${EXPLORE_HELP}
  --db <file>           the DuckDB file to write (must not exist)
`;

/** Objects of an opened course run that a DuckDB file leaves out: the raw lines (their files are temporary) and the loader's bookkeeping. */
export const NOT_WRITTEN = ['event_lines', 'cut_files', 'event_line_copies'];

/** The course run's tables and views that a DuckDB file gets, in name order. */
export async function courseRunTables(run: CourseRun): Promise<string[]> {
  const rows = await run.duck.json(
    "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name"
  );
  return rows.map((r) => String(r.table_name)).filter((name) => !NOT_WRITTEN.includes(name));
}

/**
 * Writes the tables of an opened course run (views such as `events` as tables) to a new DuckDB
 * file, atomically and owner-only (0600). Returns the tables written with their row counts.
 */
export async function writeCourseRunDb(run: CourseRun, file: string, logger: Logger): Promise<{ table: string; rows: number }[]> {
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
      for (const table of await courseRunTables(run)) {
        await run.duck.run(`CREATE TABLE ${alias}.main.${ident(table)} AS SELECT * FROM main.${ident(table)}`);
        written.push({ table, rows: Number(await run.duck.scalar(`SELECT count(*) FROM ${alias}.main.${ident(table)}`)) });
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
  logger.warn(`${file} holds the course run's personal data (auth_user, user_id_map, usernames and IP addresses in events): keep it where the drop is kept`);
  return written;
}

export const openCommand: Command = {
  name: 'open',
  summary: 'open a course run and list its tables; with --db, write it to a DuckDB file',
  help: OPEN_HELP,
  async run(args, effects) {
    const { values } = parseArgs({ args, options: { ...EXPLORE_ARGS, db: { type: 'string' } } });
    const run = await openCourseRun(await exploreCourseRunOptions(values, 'open', effects.logger), effects);
    try {
      let counts: { table: string; rows: number }[];
      if (values.db) {
        counts = await writeCourseRunDb(run, values.db, effects.logger);
      } else {
        counts = [];
        for (const table of await courseRunTables(run)) counts.push({ table, rows: Number(await run.duck.scalar(`SELECT count(*) FROM ${ident(table)}`)) });
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
