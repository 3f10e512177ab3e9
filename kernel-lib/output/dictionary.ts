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

/**
 * What samced does differently from the original toolkit for every table of a build (the choice of
 * events, the output files); each table's own changes are listed with the table (SamcedTable.fixes).
 */
export const RUN_WIDE_CHANGES: string[] = [
  'An event belongs to the course when its `context.course_id` is exactly the course id, in either form (`course-v1:Org+Course+Run` or `Org/Course/Run`); the original accepted any course id that contained the organisation, course and run as substrings, so look-alike runs (`3T2015Z` for `3T2015`) and courses were counted too.',
  'The daily event files of every site in the drop are read by default (`edx`, `edge`, ...; `--site` chooses); the original SAMCED builder read only `edx/`.',
  'Byte-identical duplicate event lines (the same line delivered in more than one file, e.g. by two sites) are counted once; the original counted every copy. manifest.json gives how many were dropped (`events.duplicatesDropped`).',
  'Events are dated by the UTC day of their `time`; the original used the date written at the start of `time` (the same day for UTC logs).',
  'A malformed input line (event, forum or TSV row) stops the build with an error naming the file and line, or with `--skip-bad-lines` is skipped and counted once, by file, in manifest.json (`skippedLines`, `events`); the original aborted on any malformed or empty event line and on short TSV rows.',
  'User ids are INTEGER and anonymous events are counted under NULL; the original stored user ids as TEXT and counted anonymous events under an empty string.',
  'Column and row order are fixed (documented per table); the original took both from Perl hash order, different on every run.',
  'CSV files quote text per RFC 4180 (a field with a comma, quote or line break in `"`, `"` doubled), leave NULL empty and write `""` for an empty string, and end every line with `\\n`; the original wrapped every TEXT value in `"` without escaping, wrote NULL as `""` and left out the last line end.',
  "The raw `wiki_articlerevision` export is not copied into the output (it holds editors' IP addresses); the original copied it. The output folder is written under a temporary name and renamed when complete (the original left a partial folder behind on an error), and manifest.json and this dictionary are new."
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The data dictionary (Markdown) of a SAMCED output, generated from the column docs of every table. */
export function dataDictionary(
  header: DictionaryHeader,
  tables: SamcedTable[],
  rowCounts: Record<string, number>
): string {
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
          (header.freeText
            ? 'and free text was asked for (`--free-text`): it may name or describe learners.'
            : `no free text is written (free-text answers read \`${FREE_TEXT_MARK}\`).`)
        : 'User ids are edX user ids (`--pseudonymise` replaces them by keyed hashes). ' +
          (header.freeText
            ? 'Free text was asked for (`--free-text`): it may name or describe learners.'
            : 'Free-text profile fields are written only with `--free-text`.')) +
      " Names, emails, usernames, addresses, IP addresses, forum text and the certificate ids that open a learner's public certificate page are never written.",
    '',
    header.copiedFiles.length
      ? `Copied unchanged from the snapshot (the original's whitelist): ${header.copiedFiles.map((f) => '`' + f + '`').join(', ')}. ` +
        "The raw `wiki_articlerevision` export is not copied (it holds editors' IP addresses; the cleaned table is above), nor `auth_user`, `user_id_map` or the forum dump."
      : 'No course files were copied (pseudonymised output, or none in the snapshot).',
    '',
    '## Changes from the original toolkit',
    '',
    'For every table (each table lists its own changes below):',
    '',
    ...RUN_WIDE_CHANGES.map((c) => `- ${c}`),
    '',
    '## Tables',
    '',
    '| table | family | rows |',
    '|---|---|---|',
    ...tables.map((t) => `| [${t.name}](#${t.name.toLowerCase()}) | ${t.family} | ${rowCounts[t.name] ?? 0} |`),
    ''
  ];
  for (const t of tables) {
    lines.push(
      `## ${t.name}`,
      '',
      t.doc,
      '',
      `Rows: ${rowCounts[t.name] ?? 0}. Order: ${t.orderBy.join(', ')}.`,
      '',
      '| column | type | meaning | privacy |',
      '|---|---|---|---|'
    );
    for (const c of t.columns)
      lines.push(`| \`${cell(c.name)}\` | ${c.type} | ${cell(c.doc)} | ${cell(privacyRuleText(t.name, c, header))} |`);
    if (t.fixes?.length) {
      lines.push('', 'Changes from the original toolkit:', '');
      for (const f of t.fixes) lines.push(`- ${f}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
