import { ident, literal } from '../duck/connection';
import type { OutputColumn } from './table';

/** One count column: its output name and the event key it counts. */
export interface CountKey {
  column: string;
  key: string;
  doc: string;
}

/** `NULLIF(count(*) FILTER (WHERE k = 'key'), 0) AS "column"` for each key: NULL, not 0, when never seen (as the original). */
export function countColumnsSql(keys: CountKey[], keyExpr = 'k'): string {
  return keys
    .map((k) => `NULLIF(count(*) FILTER (WHERE ${keyExpr} = ${literal(k.key)}), 0)::INTEGER AS ${ident(k.column)}`)
    .join(',\n  ');
}

/** The documented output columns for count keys. */
export function countColumnDocs(keys: CountKey[]): OutputColumn[] {
  return keys.map((k) => ({ name: k.column, type: 'INTEGER' as const, doc: k.doc }));
}

export const USER_ID_COLUMN: OutputColumn = {
  name: 'user_id',
  type: 'INTEGER',
  doc: 'edX user id (`context.user_id`); NULL collects anonymous events (the original used an empty string).'
};
