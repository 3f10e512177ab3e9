import { ident } from '../duck/connection';
import { TABLE_SCHEMAS, type SqlType } from '../load/table-schemas';
import type { OutputColumn, OutputType, SamcedTable, TableFamily } from './table';

/** SQLite/CSV type of a loaded column type. */
export function outputType(type: SqlType): OutputType {
  if (type === 'BIGINT' || type === 'INTEGER') return 'INTEGER';
  if (type === 'DOUBLE') return 'REAL';
  return 'TEXT';
}

/** How the standard tables write dates: the form of edX's exporter (Python's `str()` of a datetime). */
export const TIMESTAMP_FORM =
  "`YYYY-MM-DD HH:MM:SS` (UTC), with `.ffffff` (six digits) only when the microseconds are not zero, so an edX export's text comes through unchanged";

/**
 * A TIMESTAMP column as text in TIMESTAMP_FORM (DuckDB's own text drops trailing zeros of the
 * fraction: `...32.422770` would become `...32.42277`).
 */
function exportedTimestamp(column: string): string {
  const c = ident(column);
  return `CASE WHEN strftime(${c}, '%f') = '000000' THEN strftime(${c}, '%Y-%m-%d %H:%M:%S') ELSE strftime(${c}, '%Y-%m-%d %H:%M:%S.%f') END AS ${c}`;
}

/** The standard edX tables, typed, with the personal-data columns dropped by name (keep lists in table-schemas.ts). */
export const standardTablesFamily: TableFamily = {
  family: 'standard',
  async build(ctx) {
    const tables: SamcedTable[] = [];
    for (const schema of TABLE_SCHEMAS.filter((s) => s.exported)) {
      const present = new Set(
        (
          (await ctx.duck.json(
            `SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = '${schema.table}'`
          )) as { column_name: string }[]
        ).map((r) => r.column_name)
      );
      // free text a learner typed is written only when asked for (AggregateOptions.freeText)
      const withheld = schema.columns.filter((c) => !c.dropped && c.privacy === 'free-text' && !ctx.options.freeText);
      const kept = schema.columns.filter((c) => !c.dropped && !withheld.includes(c) && present.has(c.name));
      const columns: OutputColumn[] = kept.map((c) => ({
        name: c.name,
        type: outputType(c.type),
        doc: c.doc,
        ...(c.privacy ? { privacy: c.privacy } : {})
      }));
      await ctx.duck.run(
        `CREATE OR REPLACE TABLE samced.${ident(schema.table)} AS SELECT ${kept.map((c) => (c.type === 'TIMESTAMP' ? exportedTimestamp(c.name) : ident(c.name))).join(', ') || 'NULL AS id'} FROM main.${ident(schema.table)}`
      );
      const dropped = schema.columns.filter((c) => c.dropped).map((c) => `${c.name} (${c.dropped})`);
      tables.push({
        name: schema.table,
        family: 'standard',
        doc:
          `${schema.doc} Imported from the snapshot's \`${schema.table}\` export, columns matched by header name.` +
          (dropped.length
            ? ` Never exported: ${dropped.join(', ')}; columns samced does not know are dropped too.`
            : '') +
          (withheld.length
            ? ` Free text, written only with the free-text option (\`--free-text\`): ${withheld.map((c) => c.name).join(', ')}.`
            : ''),
        columns,
        orderBy: [kept[0]?.name ?? 'id'],
        fixes: [
          'Columns are typed (INTEGER, REAL, TEXT); the original made every column TEXT and inserted the header line as the first data row.',
          'SQL NULL (`NULL` in the export) is NULL, not the text "NULL"; values are unescaped (`\\t`, `\\n`, `\\\\`) and kept verbatim (the original replaced `"` by `\'` and CR, LF and `?` by a space). ' +
            `Dates are written as the export writes them: ${TIMESTAMP_FORM}.`,
          'Rows whose trailing fields are empty are read in full (the original aborted on them).',
          'Columns are matched by header name and personal-data columns are left out by name (see above); the original filtered `auth_userprofile` and `certificates_generatedcertificate` by column position and kept every column of the other tables, `wiki_articlerevision.ip_address` included.'
        ]
      });
    }
    return tables;
  }
};
