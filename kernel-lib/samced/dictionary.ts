import type { SamcedTable } from '../aggregates/table';
import { FREE_TEXT_MARK, privacyRuleText } from './pseudonymise';

export interface DictionaryHeader {
  courseId: string;
  start: string;
  end: string;
  snapshot: string;
  version: string;
  /** Course files copied unchanged into the output. */
  copiedFiles: string[];
  /** Whether the output was pseudonymised and whether free text was asked for (the privacy column follows them). */
  pseudonymised: boolean;
  freeText: boolean;
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
    'in SQLite (`SELECT "textbook.pdf.page.navigated" FROM textbook_activity`).',
    '',
    'Privacy: the column `privacy` of every table below states what samced does with the column. ' +
      (header.pseudonymised
        ? 'This output is pseudonymised: every user, profile and per-learner row id is a keyed hash (HMAC-SHA256 with a secret that is not ' +
          'in the output; the same person has the same hash in every table), ' +
          (header.freeText ? 'and free text was asked for (`--free-text`): it may name or describe learners.' : `no free text is written (free-text answers read \`${FREE_TEXT_MARK}\`).`)
        : 'User ids are edX user ids (`--pseudonymise` replaces them by keyed hashes). ' +
          (header.freeText ? 'Free text was asked for (`--free-text`): it may name or describe learners.' : 'Free-text profile fields are written only with `--free-text`.')) +
      " Names, emails, usernames, addresses, IP addresses, forum text and the certificate ids that open a learner's public certificate page are never written.",
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
    lines.push(`## ${t.name}`, '', t.doc, '', `Rows: ${rowCounts[t.name] ?? 0}. Order: ${t.orderBy.join(', ')}.`, '', '| column | type | meaning | privacy |', '|---|---|---|---|');
    for (const c of t.columns) lines.push(`| \`${cell(c.name)}\` | ${c.type} | ${cell(c.doc)} | ${cell(privacyRuleText(t.name, c, header))} |`);
    if (t.fixes?.length) {
      lines.push('', 'Changes from the original toolkit:', '');
      for (const f of t.fixes) lines.push(`- ${f}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
