import type { Duck } from './connection';

/**
 * SQL macros every samced database has.
 * - `tsv_unescape(s)`: undoes edX's TSV escapes in one left-to-right pass (`\\` -> `\`, `\n` -> LF,
 *   `\r` -> CR, `\t` -> TAB, `\0` -> nothing). `\\` is first swapped for a private-use character so
 *   `\\n` stays a backslash followed by `n`.
 */
export async function createMacros(duck: Duck): Promise<void> {
  await duck.run(`CREATE OR REPLACE MACRO tsv_unescape(s) AS
    CASE WHEN contains(s, '\\') THEN
      replace(replace(replace(replace(replace(replace(s, '\\\\', chr(57344)), '\\n', chr(10)), '\\r', chr(13)), '\\t', chr(9)), '\\0', ''), chr(57344), '\\')
    ELSE s END`);
}
