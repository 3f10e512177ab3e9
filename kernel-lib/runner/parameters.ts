import { InputError } from '../util/errors';
import { hasTag, sourceText, toMultiline, type Cell, type CodeCell, type Notebook } from './notebook-format';

/** A notebook parameter value: JSON-typed number, boolean or string. */
export type ParameterValue = number | boolean | string;

/** Tag of the cell that declares parameters with their defaults (`let name = value;`). */
export const PARAMETERS_TAG = 'parameters';

/** Tag of the cell the runner inserts after it, assigning the given values (`name = value;`). */
export const INJECTED_TAG = 'injected-parameters';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** What the run record and the report show instead of a secret parameter's value. */
export const REDACTED = '<redacted>';

/**
 * A parameter is a secret when its name contains one of these words, in any case: passphrase,
 * password, secret (pseudonymisation secret, AWS secret access key), token, credential, and key
 * material given as text (privateKey, armoredKey). A key FILE (`keyFile`) is a path, not a secret.
 * Secret values are never written to a notebook, report, run record or log.
 */
const SECRET_NAME = /passphrase|password|secret|token|credential|privatekey|armoredkey/i;

/** True when `name` is a secret parameter by the name rule, or is one of `also` (e.g. values read from a file). */
export function isSecretParameter(name: string, also: Iterable<string> = []): boolean {
  return SECRET_NAME.test(name) || [...also].includes(name);
}

/** The kernel environment variable through which `samced run` passes a secret parameter's value. */
export function secretVariable(name: string): string {
  return 'SAMCED_PARAM_' + name;
}

/**
 * Parses a `--param` value: JSON numbers, booleans and strings (`"5"` is the string 5); any other
 * text is taken as a plain string (`course=ChalmersX/ChM001`). JSON null, arrays and objects are refused.
 */
export function parseParameterValue(text: string): ParameterValue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  throw new InputError(
    `parameter value ${text} must be a number, boolean or string (quote it as "..." to pass it as text)`
  );
}

/** Splits `name=value` at the first `=`; the name must be an identifier. The error shows the name only (the value may be a secret). */
export function splitParameterPair(pair: string, option = '--param'): [name: string, value: string] {
  const at = pair.indexOf('=');
  const name = at < 0 ? pair : pair.slice(0, at);
  if (at < 0 || !IDENTIFIER.test(name)) {
    throw new InputError(
      `${option} expects name=value with a TypeScript identifier as name, got '${at < 0 || isSecretParameter(name) ? name : pair}'`
    );
  }
  return [name, pair.slice(at + 1)];
}

/**
 * Parses `key=value` pairs into a parameter map; a repeated key keeps the last value. A secret
 * parameter's value is taken verbatim as a string, never parsed as JSON (a passphrase `1.50`
 * stays `1.50`), and an error about it never shows the value.
 */
export function parseParameterArgs(pairs: readonly string[]): Record<string, ParameterValue> {
  const result: Record<string, ParameterValue> = {};
  for (const pair of pairs) {
    const [key, text] = splitParameterPair(pair);
    result[key] = isSecretParameter(key) ? text : parseParameterValue(text);
  }
  return result;
}

/** One `let` declaration found in the parameters cell. */
export interface DeclaredParameter {
  /** 1-based line in the cell. */
  line: number;
  /** The type of the default when it is a literal (or the annotation is string/number/boolean). */
  type: 'number' | 'boolean' | 'string' | undefined;
  keyword: 'let' | 'const' | 'var';
}

const DECLARATION =
  /^\s*(?:export\s+)?(let|const|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=;]+?))?\s*(?:=\s*(.+?))?\s*;?\s*(?:\/\/.*)?$/;

/** Finds the top-level `let name = value;` declarations of a parameters cell (one per line). */
export function declaredParameters(source: string): Map<string, DeclaredParameter> {
  const found = new Map<string, DeclaredParameter>();
  source.split('\n').forEach((text, index) => {
    const match = DECLARATION.exec(text);
    if (!match) return;
    const [, keyword, name, annotation, initial] = match;
    found.set(name, {
      line: index + 1,
      type: declaredType(annotation, initial),
      keyword: keyword as DeclaredParameter['keyword']
    });
  });
  return found;
}

function declaredType(annotation: string | undefined, initial: string | undefined): DeclaredParameter['type'] {
  const named = annotation?.trim();
  if (named === 'string' || named === 'number' || named === 'boolean') return named;
  if (named) return undefined;
  const literal = initial?.trim() ?? '';
  if (/^(['"`]).*\1$/.test(literal)) return 'string';
  if (literal === 'true' || literal === 'false') return 'boolean';
  if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(literal)) return 'number';
  return undefined;
}

/** Converts a value to the declared type: numbers and booleans become strings for a string parameter. */
function coerce(
  name: string,
  value: ParameterValue,
  type: DeclaredParameter['type'],
  file: string,
  secret: boolean
): ParameterValue {
  if (type === undefined || typeof value === type) return value;
  if (type === 'string') return String(value);
  throw new InputError(
    `parameter ${name} is a ${type} but got ${secret ? `a ${typeof value} (a secret: value not shown)` : JSON.stringify(value)}`,
    { file }
  );
}

/** The injected cell's function that reads a secret; a name no notebook parameter would have. */
const SECRET_READER = '__samcedSecret';

/**
 * The source of the injected cell: one assignment per parameter, in the order given. A name in
 * `secrets` is assigned from the kernel environment variable {@link secretVariable} (JSON text),
 * which the cell then removes, so the value never appears in the notebook.
 */
export function injectedSource(parameters: Record<string, ParameterValue>, secrets: Iterable<string> = []): string {
  const hidden = new Set(secrets);
  const lines = Object.entries(parameters).map(([name, value]) =>
    hidden.has(name)
      ? `  ${name} = ${SECRET_READER}(${JSON.stringify(name)}); // ${REDACTED}: from $${secretVariable(name)}\n`
      : `  ${name} = ${JSON.stringify(value)};\n`
  );
  const reader = [...hidden].some((name) => name in parameters)
    ? [
        `  const ${SECRET_READER} = (name: string): any => {\n`,
        `    const text = process.env[${JSON.stringify(secretVariable(''))} + name];\n`,
        `    delete process.env[${JSON.stringify(secretVariable(''))} + name];\n`,
        "    if (text === undefined) throw new Error(name + ' is a secret that samced run passes in the kernel environment, once: assign it here to run this cell again');\n",
        '    return JSON.parse(text);\n',
        '  };\n'
      ]
    : [];
  // A block, so tslab does not echo the last assigned value as the cell's result.
  return '// Parameters injected by `samced run`\n{\n' + reader.join('') + lines.join('') + '}\n';
}

/** What {@link prepareParameters} returns. */
export interface PreparedParameters {
  /** The notebook with the injected cell (no secret value in it). */
  notebook: Notebook;
  /** Kernel environment variables holding the secret values (JSON text), by {@link secretVariable}. */
  environment: Record<string, string>;
  /** The parameters as the run record shows them: secret values replaced by {@link REDACTED}. */
  recorded: Record<string, ParameterValue>;
}

/**
 * Returns a copy of the notebook with a cell tagged `injected-parameters` inserted right after
 * the first code cell tagged `parameters`, assigning `parameters`. Every name must be declared with
 * `let` in that cell; values are converted to the declared type when it is known. A stale
 * injected cell (from running an executed notebook again) is always dropped; with no parameters
 * no new one is added. The other cells are the same objects as in `notebook`. Secret parameters
 * are injected as reads of kernel environment variables, never as values (see prepareParameters).
 * Throws InputError.
 */
export function injectParameters(
  notebook: Notebook,
  parameters: Record<string, ParameterValue>,
  file: string
): Notebook {
  return prepareParameters(notebook, parameters, file).notebook;
}

/**
 * {@link injectParameters}, also returning what a runner needs for secrets: a secret parameter
 * (by {@link isSecretParameter}, or named in `secrets`) is injected as a read of a kernel
 * environment variable, given in `environment`, and is `<redacted>` in `recorded`. An empty
 * string is no secret and is injected as it is.
 */
export function prepareParameters(
  notebook: Notebook,
  parameters: Record<string, ParameterValue>,
  file: string,
  secrets: Iterable<string> = []
): PreparedParameters {
  const extra = [...secrets];
  const names = Object.keys(parameters);
  const kept = notebook.cells.filter((cell) => !hasTag(cell, INJECTED_TAG));
  if (names.length === 0) return { notebook: { ...notebook, cells: kept }, environment: {}, recorded: {} };
  const at = notebook.cells.findIndex((cell) => cell.cell_type === 'code' && hasTag(cell, PARAMETERS_TAG));
  if (at < 0)
    throw new InputError(`no code cell tagged '${PARAMETERS_TAG}', so --param ${names[0]} cannot be set`, { file });
  const declared = declaredParameters(sourceText(notebook.cells[at].source));
  const values: Record<string, ParameterValue> = {};
  for (const name of names) {
    const declaration = declared.get(name);
    if (!declaration) {
      const known = [...declared.keys()].join(', ') || 'none';
      throw new InputError(
        `parameter ${name} is not declared in the parameters cell (cell ${at + 1}; declared: ${known})`,
        { file }
      );
    }
    if (declaration.keyword === 'const') {
      throw new InputError(`parameter ${name} is declared with const in cell ${at + 1}; declare parameters with let`, {
        file
      });
    }
    values[name] = coerce(name, parameters[name], declaration.type, file, isSecretParameter(name, extra));
  }
  const hidden = names.filter((name) => isSecretParameter(name, extra) && values[name] !== '');
  const environment = Object.fromEntries(hidden.map((name) => [secretVariable(name), JSON.stringify(values[name])]));
  const recorded = Object.fromEntries(names.map((name) => [name, hidden.includes(name) ? REDACTED : values[name]]));
  const injected: CodeCell = {
    cell_type: 'code',
    metadata: { tags: [INJECTED_TAG] },
    source: toMultiline(injectedSource(values, hidden)),
    outputs: [],
    execution_count: null
  };
  if (notebook.nbformat_minor >= 5) injected.id = INJECTED_TAG;
  const position = kept.indexOf(notebook.cells[at]) + 1;
  const cells: Cell[] = [...kept.slice(0, position), injected, ...kept.slice(position)];
  return { notebook: { ...notebook, cells }, environment, recorded };
}

/**
 * Splits `parameters` into those the notebook's parameters cell declares and the names it does
 * not (all of them when it has no parameters cell). Used when one set of --param values is given
 * to many notebooks.
 */
export function splitDeclared(
  notebook: Notebook,
  parameters: Record<string, ParameterValue>
): { declared: Record<string, ParameterValue>; ignored: string[] } {
  const cell = notebook.cells.find((c) => c.cell_type === 'code' && hasTag(c, PARAMETERS_TAG));
  const names = cell ? declaredParameters(sourceText(cell.source)) : new Map<string, DeclaredParameter>();
  const declared: Record<string, ParameterValue> = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (names.has(name)) declared[name] = value;
    else ignored.push(name);
  }
  return { declared, ignored };
}
