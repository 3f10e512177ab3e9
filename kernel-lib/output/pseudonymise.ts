import { createHmac } from 'node:crypto';
import { ident, literal, type Duck } from '../duck/connection';
import type { ColumnPrivacy, OutputColumn, SamcedTable } from '../aggregates/table';
import { columnPattern } from './column-check';
import { tableColumns } from '../duck/rows';
import { InputError } from '../util/errors';
import type { Logger } from '../util/effects';
import { readSecretFile, secretFromEnvironment } from '../util/secret-file';

/**
 * Columns that hold edX user ids, in any SAMCED table: `user-id` even when their documentation does
 * not say so (a new table's user column is pseudonymised without being declared).
 */
export const USER_ID_COLUMNS = ['user_id', 'student_id', 'owner_id', 'poster', 'author_id'];

/** What a free-text answer becomes in pseudonymised outputs without the free-text option. */
export const FREE_TEXT_MARK = '[free text]';

/** Answers that are not free text: empty, choice ids (`choice_2`, lists `choice_0,choice_2`) or numbers. */
export const NOT_FREE_TEXT_ANSWER = '^(choice_[0-9]+(,choice_[0-9]+)*|-?[0-9]+([.][0-9]+)?)?$';

export const PSEUDONYM_DOC =
  'pseudonymised: every user, profile and per-learner row id is the first 16 hex digits of HMAC-SHA256(secret, domain + ":" + id), ' +
  'domain "user", "profile" or the table name (stable across tables and runs for the same secret); free text left out unless freeText (see data-dictionary.md)';

/** The privacy rule of a column: its declared one, else `user-id` for the USER_ID_COLUMNS names. */
export function columnPrivacy(column: Pick<OutputColumn, 'name' | 'privacy'>): ColumnPrivacy | undefined {
  return column.privacy ?? (USER_ID_COLUMNS.includes(column.name) ? 'user-id' : undefined);
}

/** The HMAC domain of an identifier column: user and profile ids are shared by every table, a row id is its table's. */
function hashDomain(rule: ColumnPrivacy, table: string): string | undefined {
  if (rule === 'user-id') return 'user';
  if (rule === 'profile-id') return 'profile';
  if (rule === 'row-id') return table;
  return undefined;
}

/**
 * The rule of a column as the data dictionary states it, for the build's options (the column is in
 * the output, so a withheld free-text column never reaches this).
 */
export function privacyRuleText(
  table: string,
  column: Pick<OutputColumn, 'name' | 'privacy'>,
  build: { pseudonymised: boolean; freeText: boolean }
): string {
  const rule = columnPrivacy(column);
  const domain = rule && hashDomain(rule, table);
  if (domain) {
    return build.pseudonymised
      ? `keyed hash: the first 16 hex digits of HMAC-SHA256(secret, "${domain}:" + id)`
      : 'kept; a keyed hash with `--pseudonymise`';
  }
  if (rule === 'free-text') return 'free text, written because of `--free-text` (may name or describe a person)';
  if (rule === 'free-text-if-pseudonymised') {
    return build.pseudonymised
      ? 'free text, written because of `--free-text` (may name or describe a person)'
      : 'free text, kept; left out with `--pseudonymise` unless `--free-text`';
  }
  if (rule === 'answers') {
    if (build.pseudonymised && !build.freeText)
      return `choice ids and numbers kept; any other (free-text) answer is written as \`${FREE_TEXT_MARK}\``;
    return build.pseudonymised
      ? 'kept verbatim, free-text answers too, because of `--free-text`'
      : `kept verbatim; with \`--pseudonymise\` free-text answers become \`${FREE_TEXT_MARK}\` unless \`--free-text\``;
  }
  return 'kept';
}

/** At least this many bytes of secret: fewer could be guessed, and every pseudonym with them. */
const MIN_SECRET_BYTES = 16;

function checkSecret(secret: Buffer, where: { file?: string }, source: string): Buffer {
  if (secret.length < MIN_SECRET_BYTES)
    throw new InputError(`the pseudonymisation secret ${source}must be at least ${MIN_SECRET_BYTES} bytes`, where);
  return secret;
}

/**
 * Reads the pseudonymisation secret from a file (at least 16 bytes; one trailing newline is
 * ignored). Warns through `logger` when others than the owner can read the file. The secret is
 * never written to an output, the manifest or a log.
 *
 * @example
 * const secret = await readSecret('/home/me/.samced/pseudonymise.secret', memoryLogger());
 * secret.length >= 16; // true (a shorter secret is refused; a file others can read is warned about)
 */
export async function readSecret(path: string, logger?: Logger): Promise<Buffer> {
  return checkSecret(await readSecretFile(path, 'the pseudonymisation secret', logger), { file: path }, '');
}

/** The pseudonymisation secret from an environment variable (at least 16 bytes, as UTF-8). */
export function secretFromVariable(variable: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  return checkSecret(
    Buffer.from(secretFromEnvironment(variable, 'the pseudonymisation secret', env), 'utf8'),
    {},
    `in $${variable} `
  );
}

/**
 * The pseudonym of an id in a domain: `user` and `profile` (the same person gets the same pseudonym
 * in every table), or a table name for that table's row ids.
 */
export function pseudonym(secret: Buffer, domain: string, id: string): string {
  return createHmac('sha256', secret).update(`${domain}:${id}`).digest('hex').slice(0, 16);
}

/**
 * Applies the privacy rules of pseudonymised outputs to the computed SAMCED tables, in place in
 * DuckDB, before any writer sees them: every user, profile and per-learner row id becomes its keyed
 * hash; without `freeText`, the `free-text-if-pseudonymised` columns are dropped and free-text
 * answers become FREE_TEXT_MARK. (`free-text` columns were never computed without `freeText`.)
 */
export async function pseudonymiseTables(
  duck: Duck,
  tables: SamcedTable[],
  secret: Buffer,
  { freeText = false }: { freeText?: boolean } = {}
): Promise<void> {
  const targets: { table: SamcedTable; column: string; domain: string }[] = [];
  const answers: { table: SamcedTable; column: string }[] = [];
  for (const table of tables) {
    table.columns = table.columns.map((c) => ({ ...c })); // column docs are shared constants: never edit them in place
    const documented = table.columns.map((c) => ({ c, re: columnPattern(c.name) }));
    const left: string[] = [];
    for (const name of (await tableColumns(duck, table.name)).map((c) => c.name)) {
      const doc = documented.find((d) => d.re.test(name))?.c;
      const rule = columnPrivacy(doc ?? { name });
      const domain = rule && hashDomain(rule, table.name);
      if (domain) targets.push({ table, column: name, domain });
      else if (rule === 'answers' && !freeText) answers.push({ table, column: name });
      else if (rule === 'free-text-if-pseudonymised' && !freeText) {
        await duck.run(`ALTER TABLE samced.${ident(table.name)} DROP COLUMN ${ident(name)}`);
        table.columns = table.columns.filter((d) => d.name !== name);
        left.push(name);
      }
    }
    if (left.length)
      table.doc += ` Left out of pseudonymised outputs (free text; \`--free-text\` keeps them): ${left.join(', ')}.`;
  }
  for (const a of answers) {
    const q = ident(a.column);
    await duck.run(
      `UPDATE samced.${ident(a.table.name)} SET ${q} = ${literal(FREE_TEXT_MARK)} WHERE NOT regexp_full_match(${q}, ${literal(NOT_FREE_TEXT_ANSWER)})`
    );
  }
  await duck.run('CREATE OR REPLACE TEMP TABLE pseudonyms (domain VARCHAR, id VARCHAR, pseudonym VARCHAR)');
  const ids = new Map<string, Set<string>>();
  for (const t of targets) {
    const rows = (await duck.json(
      `SELECT DISTINCT CAST(${ident(t.column)} AS VARCHAR) AS id FROM samced.${ident(t.table.name)} WHERE ${ident(t.column)} IS NOT NULL`
    )) as { id: string }[];
    if (!ids.has(t.domain)) ids.set(t.domain, new Set());
    for (const r of rows) ids.get(t.domain)!.add(r.id);
  }
  const appender = await duck.connection.createAppender('pseudonyms');
  for (const [domain, set] of ids) {
    for (const id of set) {
      appender.appendVarchar(domain);
      appender.appendVarchar(id);
      appender.appendVarchar(pseudonym(secret, domain, id));
      appender.endRow();
    }
  }
  appender.closeSync();
  for (const t of targets) {
    const q = ident(t.column);
    await duck.run(`CREATE OR REPLACE TABLE samced.${ident(t.table.name)} AS
      SELECT * REPLACE ((SELECT p.pseudonym FROM pseudonyms p WHERE p.domain = ${literal(t.domain)} AND p.id = CAST(x.${q} AS VARCHAR)) AS ${q})
      FROM samced.${ident(t.table.name)} x`);
    for (const doc of t.table.columns.filter((c) => columnPattern(c.name).test(t.column))) doc.type = 'TEXT';
  }
}
