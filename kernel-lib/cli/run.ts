import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './command';
import { projectRoot } from '../util/paths';
import { InputError } from '../util/errors';
import type { Clock, Effects } from '../util/effects';
import { parseParameterArgs, secretVariable, splitParameterPair, type ParameterValue } from '../runner/parameters';
import { readSecretFile, secretFromEnvironment } from '../util/secret-file';
import { projectNotebooks, runNotebooks } from '../runner/run';
import { dropProvenance } from '../runner/provenance';

const help = `usage: samced run <notebook.ipynb ...|all> [--param name=value ...] [--param-file name=file ...]
                  [--param-env name=VARIABLE ...] [--out dir]

Executes notebooks headless in a fresh tslab kernel each (no Python or Jupyter needed) and writes
the executed <name>.ipynb and an offline <name>.html report per notebook, and one plotly.min.js
that the reports and notebooks with charts load from their folder. Prints the paths; exits 1 when
any notebook failed (the failing cell number and message are printed).

  all                     every notebooks/*.ipynb of the project, in name order
  -p, --param name=value  set a parameter declared with 'let name = ...' in the cell tagged
                          'parameters'; values are JSON numbers, booleans or strings
                          (repeatable; --param course=ChalmersX/ChM001 --param minutes=5).
                          With one notebook an undeclared name is an error; with several,
                          each notebook gets the names it declares (a warning lists the rest)
  --param-file name=file  set a parameter to the text of a file (one trailing newline
                          dropped; a warning when others than you can read it); repeatable
  --param-env name=VARIABLE
                          set a parameter to the value of an environment variable; repeatable
  -o, --out dir           output folder (default reports/<UTC timestamp>/ under the project)
  -j, --jobs n            notebooks run at once, each in its own kernel (default: one per core,
                          at most 2)
  --cell-timeout seconds  kill the kernel when one cell runs longer (default 600)
  --start-timeout seconds time allowed for the kernel to start (default 180)
  --self-contained        keep plotly.js inside every .ipynb and .html that has charts (about
                          4.8 MB each; each file then stands alone) instead of plotly.min.js

Secrets (a passphrase, password, token, credential, the pseudonymisation secret, key material
given as text) are never written to the executed notebook, the report, its run record or the
log: a parameter whose name contains passphrase, password, secret, token, credential,
privateKey or armoredKey (any case), and every value from --param-file or --param-env, reaches
the kernel in its environment (${secretVariable('<name>')}, read and removed by the injected cell)
and is recorded as <redacted>. Its value is taken verbatim, never as JSON. Prefer --param-file
or --param-env to --param for them: a command line can be seen by other users of the machine.
In the project's notebooks, --param passphrase= (empty) makes the kernel read the passphrase
itself from $SAMCED_GPG_PASSPHRASE or the file named by $SAMCED_GPG_PASSPHRASE_FILE, and
--param keyFile= the key from $SAMCED_GPG_KEY. A key file's path (keyFile) is not a secret.
`;

/** `reports/2026-11-25T10-04-05Z` under `root`, with `-2`, `-3`... when it already exists. */
export function defaultOutDir(root: string, clock: Clock): string {
  const stamp = clock
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  let dir = join(root, 'reports', stamp);
  for (let n = 2; existsSync(dir); n++) dir = join(root, 'reports', `${stamp}-${n}`);
  return dir;
}

function seconds(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InputError(`${option} expects a number of seconds, got '${value}'`);
  return number * 1000;
}

function positiveInteger(value: string, option: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1)
    throw new InputError(`${option} expects a whole number of 1 or more, got '${value}'`);
  return number;
}

/** Something to print to (process.stdout in the CLI). */
export interface TextOutput {
  write(text: string): unknown;
}

/**
 * The body of `samced run`: parses `args`, runs the notebooks, prints one line per notebook
 * (status, report path, executed notebook path, and the failure) to `stdout`. Returns 0 when all
 * succeeded, 1 otherwise.
 */
export async function runNotebooksCommand(
  args: string[],
  effects: Effects,
  stdout: TextOutput = process.stdout
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      param: { type: 'string', short: 'p', multiple: true },
      'param-file': { type: 'string', multiple: true },
      'param-env': { type: 'string', multiple: true },
      out: { type: 'string', short: 'o' },
      jobs: { type: 'string', short: 'j' },
      'cell-timeout': { type: 'string' },
      'start-timeout': { type: 'string' },
      'self-contained': { type: 'boolean' }
    }
  });
  if (positionals.length === 0) throw new InputError('name a notebook (or all)');
  const root = projectRoot();
  const files = positionals.includes('all') ? await projectNotebooks(root) : positionals.map((file) => resolve(file));
  if (files.length === 0) throw new InputError(`no notebooks in ${join(root, 'notebooks')}`);
  for (const file of files) if (!existsSync(file)) throw new InputError('no such notebook', { file });
  const parameters: Record<string, ParameterValue> = parseParameterArgs(values.param ?? []);
  // values from files and the environment are secrets whatever their names
  const secretParameters: string[] = [];
  for (const pair of values['param-file'] ?? []) {
    const [name, file] = splitParameterPair(pair, '--param-file');
    parameters[name] = (await readSecretFile(file, `the value of parameter ${name}`, effects.logger)).toString('utf8');
    secretParameters.push(name);
  }
  for (const pair of values['param-env'] ?? []) {
    const [name, variable] = splitParameterPair(pair, '--param-env');
    parameters[name] = secretFromEnvironment(variable, `--param-env ${name}`);
    secretParameters.push(name);
  }
  const cellTimeoutMs = seconds(values['cell-timeout'], '--cell-timeout');
  const startTimeoutMs = seconds(values['start-timeout'], '--start-timeout');
  const outDir = values.out ? resolve(values.out) : defaultOutDir(root, effects.clock);
  const skipUndeclared = files.length > 1;
  const selfContained = values['self-contained'];
  const jobs = values.jobs === undefined ? undefined : positiveInteger(values.jobs, '--jobs');
  const results = await runNotebooks(files, {
    jobs,
    outDir,
    root,
    parameters,
    secretParameters,
    skipUndeclared,
    cellTimeoutMs,
    startTimeoutMs,
    selfContained,
    effects,
    provenance: dropProvenance()
  });
  const shown = (path: string): string =>
    relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path);
  for (const result of results) {
    stdout.write(
      `${result.status === 'ok' ? 'ok    ' : 'FAILED'} ${shown(result.reportPath)}  ${shown(result.executedPath)}\n`
    );
    if (result.failure) stdout.write(`       ${shown(result.notebook)}: ${result.failure.message}\n`);
  }
  return results.every((result) => result.status === 'ok') ? 0 : 1;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'execute notebooks headless and write executed .ipynb + HTML reports',
  help,
  run: (args, effects) => runNotebooksCommand(args, effects)
};
