import { createHmac } from 'node:crypto';
import { ident, type Duck } from '../duck/connection';
import type { SamcedTable } from '../aggregates/table';
import { tableColumns } from './table-rows';
import { InputError } from '../util/errors';
import type { Logger } from '../util/effects';
import { readSecretFile, secretFromEnvironment } from '../util/secret-file';

/** Columns that hold edX user ids, in any SAMCED table. */
export const USER_ID_COLUMNS = ['user_id', 'student_id', 'owner_id', 'poster', 'author_id'];
/** Columns that hold auth_userprofile ids (one per user, so identifying too). */
export const PROFILE_ID_COLUMNS: [table: string, column: string][] = [
  ['auth_userprofile', 'id'],
  ['student_languageproficiency', 'user_profile_id']
];
/** Free-text columns left out of pseudonymised outputs. */
export const FREE_TEXT_COLUMNS: [table: string, column: string][] = [
  ['wiki_articlerevision', 'content'],
  ['wiki_articlerevision', 'title'],
  ['wiki_articlerevision', 'user_message'],
  ['wiki_articlerevision', 'automatic_log'],
  ['auth_userprofile', 'location'],
  ['auth_userprofile', 'city'],
  ['auth_userprofile', 'language'],
  ['courseware_studentmodule', 'state']
];

export const PSEUDONYM_DOC = 'pseudonymised: the first 16 hex digits of HMAC-SHA256(secret, "user:" + id) (stable across tables and runs for the same secret)';

/** At least this many bytes of secret: fewer could be guessed, and every pseudonym with them. */
const MIN_SECRET_BYTES = 16;

function checkSecret(secret: Buffer, where: { file?: string }, source: string): Buffer {
  if (secret.length < MIN_SECRET_BYTES) throw new InputError(`the pseudonymisation secret ${source}must be at least ${MIN_SECRET_BYTES} bytes`, where);
  return secret;
}

/**
 * Reads the pseudonymisation secret from a file (at least 16 bytes; one trailing newline is
 * ignored). Warns through `logger` when others than the owner can read the file. The secret is
 * never written to an output, the manifest or a log.
 */
export async function readSecret(path: string, logger?: Logger): Promise<Buffer> {
  return checkSecret(await readSecretFile(path, 'the pseudonymisation secret', logger), { file: path }, '');
}

/** The pseudonymisation secret from an environment variable (at least 16 bytes, as UTF-8). */
export function secretFromVariable(variable: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  return checkSecret(Buffer.from(secretFromEnvironment(variable, 'the pseudonymisation secret', env), 'utf8'), {}, `in $${variable} `);
}

/** The pseudonym of an id in a domain (`user` or `profile`). */
export function pseudonym(secret: Buffer, domain: 'user' | 'profile', id: string): string {
  return createHmac('sha256', secret).update(`${domain}:${id}`).digest('hex').slice(0, 16);
}

/**
 * Replaces every user id (and profile id) in the computed SAMCED tables by its keyed hash and drops
 * the free-text columns, in place in DuckDB, and updates the column docs. Raw ids never reach the writers.
 */
export async function pseudonymiseTables(duck: Duck, tables: SamcedTable[], secret: Buffer): Promise<void> {
  const targets: { table: SamcedTable; column: string; domain: 'user' | 'profile' }[] = [];
  for (const table of tables) {
    table.columns = table.columns.map((c) => ({ ...c })); // column docs are shared constants: never edit them in place
    const cols = (await tableColumns(duck, table.name)).map((c) => c.name);
    for (const c of cols) {
      if (USER_ID_COLUMNS.includes(c)) targets.push({ table, column: c, domain: 'user' });
      else if (PROFILE_ID_COLUMNS.some(([t, col]) => t === table.name && col === c)) targets.push({ table, column: c, domain: 'profile' });
      else if (FREE_TEXT_COLUMNS.some(([t, col]) => t === table.name && col === c)) {
        await duck.run(`ALTER TABLE samced.${ident(table.name)} DROP COLUMN ${ident(c)}`);
        table.columns = table.columns.filter((d) => d.name !== c);
      }
    }
  }
  await duck.run('CREATE OR REPLACE TEMP TABLE pseudonyms (domain VARCHAR, id VARCHAR, pseudonym VARCHAR)');
  const ids = new Map<string, Set<string>>([['user', new Set()], ['profile', new Set()]]);
  for (const t of targets) {
    const rows = (await duck.json(`SELECT DISTINCT CAST(${ident(t.column)} AS VARCHAR) AS id FROM samced.${ident(t.table.name)} WHERE ${ident(t.column)} IS NOT NULL`)) as { id: string }[];
    for (const r of rows) ids.get(t.domain)!.add(r.id);
  }
  const appender = await duck.connection.createAppender('pseudonyms');
  for (const [domain, set] of ids) {
    for (const id of set) {
      appender.appendVarchar(domain);
      appender.appendVarchar(id);
      appender.appendVarchar(pseudonym(secret, domain as 'user' | 'profile', id));
      appender.endRow();
    }
  }
  appender.closeSync();
  for (const t of targets) {
    const q = ident(t.column);
    await duck.run(`CREATE OR REPLACE TABLE samced.${ident(t.table.name)} AS
      SELECT * REPLACE ((SELECT p.pseudonym FROM pseudonyms p WHERE p.domain = '${t.domain}' AND p.id = CAST(x.${q} AS VARCHAR)) AS ${q})
      FROM samced.${ident(t.table.name)} x`);
    const doc = t.table.columns.find((c) => c.name === t.column);
    if (doc) {
      doc.type = 'TEXT';
      doc.doc = `${doc.doc} ${PSEUDONYM_DOC.replace('"user:"', `"${t.domain}:"`)}.`;
    }
  }
}
