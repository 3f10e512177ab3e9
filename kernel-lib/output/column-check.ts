import type { SamcedTable } from '../aggregates/table';

/** The regular expression of a documented column name (`<...>` parts match any text). */
export function columnPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[^>]+>/g, '.+');
  return new RegExp('^' + escaped + '$');
}

/**
 * Checks that every column of a computed table is documented (a generated column may match a
 * pattern such as `date_<YYYYMMDD>`) and that the documented fixed columns come first in the
 * documented order. Throws on a mismatch: an undocumented column is a bug, not bad input.
 */
export function checkDocumentedColumns(table: SamcedTable, actual: string[]): void {
  const docs = table.columns.map((c) => ({ ...c, re: columnPattern(c.name) }));
  for (const name of actual) {
    if (!docs.some((d) => d.re.test(name))) throw new Error(`table ${table.name}: column ${name} is not documented`);
  }
  const fixed = docs.filter((d) => !d.name.includes('<')).map((d) => d.name);
  const present = actual.filter((a) => fixed.includes(a));
  const expected = fixed.filter((f) => actual.includes(f));
  if (present.join('\u0000') !== expected.join('\u0000')) {
    throw new Error(
      `table ${table.name}: columns ${present.join(', ')} are not in the documented order ${expected.join(', ')}`
    );
  }
}
