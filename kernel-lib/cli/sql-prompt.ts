import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Duck } from '../duck/connection';
import { projectRoot } from '../util/paths';
import { InputError } from '../util/errors';
import { runSql, type SqlOutputState } from './sql-results';

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
  const rl = createInterface({
    input: streams.input,
    output: interactive ? streams.output : undefined,
    terminal: interactive,
    history,
    historySize: 1000,
    removeHistoryDuplicates: true
  });
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
