import type { SamcedTable } from '../aggregates/table';

export interface DictionaryHeader {
  courseId: string;
  start: string;
  end: string;
  snapshot: string;
  version: string;
  /** Course files copied unchanged into the output. */
  copiedFiles: string[];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The data dictionary (Markdown) of a SAMCED output, generated from the column docs of every table. */
export function dataDictionary(header: DictionaryHeader, tables: SamcedTable[], rowCounts: Record<string, number>): string {
  const lines = [
    `# SAMCED data dictionary: ${header.courseId}`,
    '',
    `Window ${header.start} to ${header.end} (UTC days, both included); course snapshot ${header.snapshot}; samced ${header.version}.`,
    '',
    'Every table is in the SQLite database and in `SAMCED-<table>.csv` (UTF-8, RFC 4180 quoting, header line, `\\n` line ends).',
    'In the CSV files an empty field is NULL and `""` is an empty string. Count columns are NULL (empty), never 0, when a',
    'learner never produced that event, as in the original toolkit. Column names that contain dots are quoted identifiers',
    'in SQLite (`SELECT "textbook.pdf.page.navigated" FROM textbook_activity`). User ids are edX user ids unless the output',
    'was pseudonymised (see manifest.json).',
    '',
    header.copiedFiles.length
      ? `Copied unchanged from the snapshot (the original's whitelist): ${header.copiedFiles.map((f) => '`' + f + '`').join(', ')}. ` +
        'The raw `wiki_articlerevision` export is not copied (it holds editors\' IP addresses; the cleaned table is above), nor `auth_user`, `user_id_map` or the forum dump.'
      : 'No course files were copied (pseudonymised output, or none in the snapshot).',
    '',
    '## Tables',
    '',
    '| table | family | rows |',
    '|---|---|---|',
    ...tables.map((t) => `| [${t.name}](#${t.name.toLowerCase()}) | ${t.family} | ${rowCounts[t.name] ?? 0} |`),
    ''
  ];
  for (const t of tables) {
    lines.push(`## ${t.name}`, '', t.doc, '', `Rows: ${rowCounts[t.name] ?? 0}. Order: ${t.orderBy.join(', ')}.`, '', '| column | type | meaning |', '|---|---|---|');
    for (const c of t.columns) lines.push(`| \`${cell(c.name)}\` | ${c.type} | ${cell(c.doc)} |`);
    if (t.fixes?.length) {
      lines.push('', 'Changes from the original toolkit:', '');
      for (const f of t.fixes) lines.push(`- ${f}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
