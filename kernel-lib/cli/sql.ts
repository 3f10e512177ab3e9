import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import type { Command } from './command';
import { openCourseRun } from '../load/course-run';
import type { Duck } from '../duck/connection';
import { projectRoot } from '../util/paths';
import { csvLine } from '../output/csv';
import { sliceTable } from '../display/table-source';
import { tableText } from '../display/table-format';
import { InputError } from '../util/errors';
import { EXPLORE_ARGS, EXPLORE_HELP, exploreCourseRunOptions } from './course-args';

export const SQL_HELP = `usage: samced sql (--sample | --data <drop dir> --org <org> --course <course> --run <run>
                  --start YYYY-MM-DD --end YYYY-MM-DD) [-c "<query>"] [--csv | --json] [options]

Opens one course run in DuckDB (the tables of openCourseRun, see docs/exploring.md: in schema main
the .sql exports by table name, forum, course_structure, course_content, events; in schema personal,
named in queries, personal.auth_user, personal.user_id_map, the whole exports behind auth_userprofile,
certificates_generatedcertificate and wiki_articlerevision, and personal.event_lines when the logs
were read rather than the events cache) and runs SQL on it: the
query of -c, else the statements read from the prompt (a terminal: line editing, history in
<project>/.cache/sql-history; a statement ends with ';' at the end of a line and may span lines)
or from standard input. Results go to standard output; messages to standard error.

${EXPLORE_HELP}
  -c, --command <sql>   run these statements and exit (status 1 when one fails)
  --csv                 results as CSV (header line, RFC 4180 quoting, NULL as an empty field)
  --json                results as a JSON array of row objects per statement (integers as
                        numbers up to 2^53, else strings; timestamps as text)
  --max-rows <n>        aligned tables show at most n rows (default 40; 0: all)

At the prompt: .tables [schema], .schema <table>, .mode table|csv|json, .maxrows <n>, .help, .quit
The course run's personal data (personal.auth_user, personal.event_lines, usernames in events) is
queryable here by name as in the drop; nothing is written except the prompt history.
`;

export type SqlFormat = 'table' | 'csv' | 'json';

/** How results are printed. */
export interface SqlOutputState {
  format: SqlFormat;
  /** Rows an aligned table shows at most (0: all). */
  maxRows: number;
}

/**
 * True when `text` holds one or more whole statements: its last character outside quotes and
 * comments is ';'. A prompt runs what it has read once this holds, so a statement may span lines.
 */
export function statementComplete(text: string): boolean {
  let last = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return false; // a quote still open
      i = end; // a doubled quote ('') closes and reopens: the same as scanning on
      last = ch;
    } else if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 1;
    } else if (!/\s/.test(ch)) last = ch;
  }
  return last === ';';
}

/** A JSON value of a row for --json: integer columns as numbers when exact, else as DuckDB's JSON text. */
function jsonCell(value: unknown, type: string): unknown {
  if (typeof value === 'string' && /INT/.test(type) && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  return value;
}

/** A CSV field of a row for --csv: JSON values of lists and structs as JSON text. */
function csvCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

/**
 * Runs every statement of `sql` and prints each result in `state.format`. Aligned tables read
 * at most maxRows + 1 rows (a note says when there are more); CSV and JSON stream every row.
 */
export async function runSql(duck: Duck, sql: string, state: SqlOutputState, out: Writable): Promise<void> {
  const statements = await duck.connection.extractStatements(sql);
  for (let i = 0; i < statements.count; i++) {
    const prepared = await statements.prepare(i);
    if (state.format === 'table') {
      const limit = state.maxRows > 0 ? state.maxRows : Number.MAX_SAFE_INTEGER;
      const reader = await prepared.runAndReadUntil(state.maxRows > 0 ? state.maxRows + 1 : Number.MAX_SAFE_INTEGER);
      if (reader.columnCount === 0) continue;
      const slice = sliceTable(reader, limit);
      out.write(tableText({ ...slice, total: reader.done ? reader.currentRowCount : undefined }) + '\n');
      continue;
    }
    const result = await prepared.stream();
    const names = result.columnNames();
    const types = result.columnTypes().map((t) => t.toString());
    if (state.format === 'csv') {
      out.write(csvLine(names));
      for await (const rows of result.yieldRowsJson()) {
        let text = '';
        for (const row of rows) text += csvLine(row.map(csvCell));
        out.write(text);
      }
    } else {
      let first = true;
      out.write('[');
      for await (const rows of result.yieldRowsJson()) {
        let text = '';
        for (const row of rows) {
          const object: Record<string, unknown> = {};
          row.forEach((value, c) => (object[names[c]!] = jsonCell(value, types[c]!)));
          text += (first ? '\n' : ',\n') + JSON.stringify(object);
          first = false;
        }
        out.write(text);
      }
      out.write(first ? ']\n' : '\n]\n');
    }
  }
}

const PROMPT_HELP = `Statements end with ';' at the end of a line and may span lines.
.tables [schema]     the tables and views of main (the documented ones), or of personal
.schema <table>      its columns and types
.mode table|csv|json how results are printed
.maxrows <n>         rows an aligned table shows (0: all)
.quit                leave (or Ctrl-D)
`;

/** Runs one dot-command of the prompt; returns false for .quit. */
async function dotCommand(duck: Duck, line: string, state: SqlOutputState, out: Writable): Promise<boolean> {
  const [command, ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  switch (command) {
    case '.quit':
    case '.exit':
      return false;
    case '.help':
      out.write(PROMPT_HELP);
      break;
    case '.tables':
      // main unless another schema is named (duck/schemas.ts)
      await runSql(
        duck,
        `SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = '${(arg || 'main').replace(/'/g, "''")}' ORDER BY 1;`,
        { ...state, maxRows: 0 },
        out
      );
      break;
    case '.schema':
      if (!arg) throw new InputError('.schema needs a table name');
      await runSql(duck, `DESCRIBE "${arg.replace(/"/g, '""')}";`, { ...state, maxRows: 0 }, out);
      break;
    case '.mode':
      if (arg !== 'table' && arg !== 'csv' && arg !== 'json') throw new InputError('.mode is table, csv or json');
      state.format = arg;
      break;
    case '.maxrows': {
      const n = Number(arg);
      if (!Number.isInteger(n) || n < 0) throw new InputError('.maxrows needs a whole number (0: all)');
      state.maxRows = n;
      break;
    }
    default:
      throw new InputError(`unknown command ${command} (.help lists them)`);
  }
  return true;
}

/** Where the prompt keeps its history (owner-only: queries may name learners). */
export function historyFile(root: string = projectRoot()): string {
  return join(root, '.cache', 'sql-history');
}

function readHistory(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).reverse();
  } catch {
    return [];
  }
}

function writeHistory(file: string, history: string[]): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, [...history].reverse().join('\n') + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Streams of the prompt (process.stdin/stdout/stderr in the CLI). */
export interface PromptStreams {
  input: Readable;
  output: Writable;
  errors: Writable;
  /** A terminal: show prompts, edit lines, keep history. */
  interactive: boolean;
  /** The history file (interactive only). */
  history?: string;
}

/**
 * The SQL prompt: reads lines, runs the statements once `statementComplete` holds, and the
 * dot-commands. An error is printed and the prompt goes on; returns 1 when any statement failed
 * (for scripts fed on standard input), else 0.
 */
export async function sqlPrompt(duck: Duck, state: SqlOutputState, streams: PromptStreams): Promise<number> {
  const { interactive } = streams;
  const history = interactive && streams.history ? readHistory(streams.history) : [];
  const rl = createInterface({ input: streams.input, output: interactive ? streams.output : undefined, terminal: interactive, history, historySize: 1000, removeHistoryDuplicates: true });
  let buffer = '';
  let failed = false;
  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(buffer ? '   ...> ' : 'samced> ');
    rl.prompt();
  };
  rl.on('SIGINT', () => {
    if (!buffer) return rl.close();
    buffer = '';
    streams.output.write('\n');
    prompt();
  });
  let latest = history;
  rl.on('history', (h: string[]) => (latest = h));
  prompt();
  try {
    for await (const line of rl) {
      try {
        if (!buffer && line.trim().startsWith('.')) {
          if (!(await dotCommand(duck, line, state, streams.output))) break;
        } else if (buffer || line.trim()) {
          buffer += (buffer ? '\n' : '') + line;
          if (statementComplete(buffer)) {
            const sql = buffer;
            buffer = '';
            await runSql(duck, sql, state, streams.output);
          }
        }
      } catch (error) {
        failed = true;
        buffer = '';
        streams.errors.write(`Error: ${(error as Error).message}\n`);
      }
      prompt();
    }
    if (buffer.trim()) {
      // the input ended inside a statement without ';': run what there is, as DuckDB's CLI does
      try {
        await runSql(duck, buffer, state, streams.output);
      } catch (error) {
        failed = true;
        streams.errors.write(`Error: ${(error as Error).message}\n`);
      }
    }
  } finally {
    rl.close();
    if (interactive && streams.history) writeHistory(streams.history, latest);
  }
  return failed ? 1 : 0;
}

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'a DuckDB SQL prompt (or one query with -c) on an opened course run',
  help: SQL_HELP,
  async run(args, effects) {
    const { values } = parseArgs({
      args,
      options: {
        ...EXPLORE_ARGS,
        command: { type: 'string', short: 'c' },
        csv: { type: 'boolean' },
        json: { type: 'boolean' },
        'max-rows': { type: 'string' }
      }
    });
    if (values.csv && values.json) throw new InputError('give --csv or --json, not both');
    const maxRows = values['max-rows'] === undefined ? 40 : Number(values['max-rows']);
    if (!Number.isInteger(maxRows) || maxRows < 0) throw new InputError(`--max-rows must be a whole number, not '${values['max-rows']}'`);
    const state: SqlOutputState = { format: values.csv ? 'csv' : values.json ? 'json' : 'table', maxRows };
    const options = await exploreCourseRunOptions(values, 'sql');
    const run = await openCourseRun(options, effects);
    try {
      if (values.command !== undefined) {
        try {
          await runSql(run.duck, values.command, state, process.stdout);
          return 0;
        } catch (error) {
          process.stderr.write(`samced sql: ${(error as Error).message}\n`);
          return 1;
        }
      }
      const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      if (interactive) {
        const events = run.events ? `${run.events.events} events` : 'no events';
        process.stderr.write(`${run.course.org}/${run.course.course}/${run.course.run}, ${run.start} to ${run.end}, ${events}. .tables lists the tables, .help the rest, .quit leaves.\n`);
      }
      return await sqlPrompt(run.duck, state, { input: process.stdin, output: process.stdout, errors: process.stderr, interactive, history: historyFile() });
    } finally {
      await run.close();
    }
  }
};
