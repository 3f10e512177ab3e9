/**
 * The edX database-export tables samced reads, column by column: SQL type once loaded, what the
 * column holds, and whether SAMCED exports it. Columns are matched by header name, never by
 * position (edX's `SELECT *` order changed over the years). Columns not listed here are loaded
 * as VARCHAR for ad-hoc use but never exported (a new column might carry personal data).
 */
import type { ColumnPrivacy } from '../duck/columns';

export type SqlType = 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'VARCHAR' | 'TIMESTAMP' | 'DATE';

export interface ColumnSpec {
  name: string;
  type: SqlType;
  doc: string;
  /** Why the column is never exported (personal data); undefined = exported. */
  dropped?: string;
  /** What the privacy rules do with an exported column (see ColumnPrivacy); undefined = written as is. */
  privacy?: ColumnPrivacy;
}

export interface TableSchema {
  table: string;
  doc: string;
  /** False for tables that are read (for joins or the opt-in export) but never exported. */
  exported: boolean;
  /**
   * True for a table that is personal data as a whole (names, emails, usernames): it is loaded into
   * schema `personal` (duck/schemas.ts) and read only by name, `personal.<table>`.
   */
  personal?: boolean;
  columns: ColumnSpec[];
}

const c = (name: string, type: SqlType, doc: string, dropped?: string): ColumnSpec => ({ name, type, doc, dropped });
/** An exported column with a privacy rule. */
const p = (name: string, type: SqlType, doc: string, privacy: ColumnPrivacy): ColumnSpec => ({
  name,
  type,
  doc,
  privacy
});
const PII = 'personal data';
/** Certificate ids that open edX's public certificate page, which shows the learner's full name. */
const CERTIFICATE_LINK = "personal data: opens the public certificate page with the learner's full name";

/**
 * The `.sql` exports a course run loads: table name, typed columns with their docs and privacy rules.
 *
 * @example
 * TABLE_SCHEMAS.map((t) => t.table); // auth_user, auth_userprofile, student_courseenrollment, ...
 * TABLE_SCHEMAS.find((t) => t.table === 'auth_user')?.personal; // true: it is read as personal.auth_user
 */
export const TABLE_SCHEMAS: TableSchema[] = [
  {
    table: 'auth_user',
    doc: 'Accounts of the learners enrolled in the course. Read only for the email opt-in export; never exported.',
    exported: false,
    personal: true,
    columns: [
      c('id', 'BIGINT', 'edX user id.'),
      c('username', 'VARCHAR', 'Login name.', PII),
      c('first_name', 'VARCHAR', 'First name.', PII),
      c('last_name', 'VARCHAR', 'Last name.', PII),
      c('email', 'VARCHAR', 'Email address.', PII),
      c('password', 'VARCHAR', 'Always empty in exports.', PII),
      c('is_staff', 'INTEGER', '1 for edX staff.'),
      c('is_active', 'INTEGER', '1 when the account is active.'),
      c('is_superuser', 'INTEGER', '1 for superusers.'),
      c('last_login', 'TIMESTAMP', 'Last login (UTC).'),
      c('date_joined', 'TIMESTAMP', 'Account creation (UTC).')
    ]
  },
  {
    table: 'auth_userprofile',
    doc: 'Learner profiles (demographics). Identifying columns are dropped.',
    exported: true,
    columns: [
      p('id', 'BIGINT', 'Profile id (student_languageproficiency.user_profile_id refers to it).', 'profile-id'),
      p('user_id', 'BIGINT', 'edX user id.', 'user-id'),
      c('name', 'VARCHAR', 'Full name.', PII),
      p('language', 'VARCHAR', 'Self-reported language (free text, mostly empty).', 'free-text'),
      p('location', 'VARCHAR', 'Self-reported location (free text, mostly empty).', 'free-text'),
      c('meta', 'VARCHAR', 'JSON with old names and emails.', PII),
      c('courseware', 'VARCHAR', 'Obsolete.', 'obsolete, may hold personal data'),
      c('gender', 'VARCHAR', 'Self-reported gender: m, f, o, or empty/NULL.'),
      c('mailing_address', 'VARCHAR', 'Postal address.', PII),
      c('year_of_birth', 'INTEGER', 'Self-reported year of birth.'),
      c(
        'level_of_education',
        'VARCHAR',
        'Self-reported education: p, m, b, a, hs, jhs, el, none, other, p_se, p_oth, or empty.'
      ),
      c('goals', 'VARCHAR', 'Free text.', PII),
      c('allow_certificate', 'INTEGER', '1 when certificates are allowed (absent in exports after April 2021).'),
      c('country', 'VARCHAR', 'Two-letter country code, or empty.'),
      p('city', 'VARCHAR', 'Self-reported city (free text).', 'free-text'),
      c('bio', 'VARCHAR', 'Free text.', PII),
      c('profile_image_uploaded_at', 'TIMESTAMP', 'When a profile image was uploaded.', 'identifying'),
      c('phone_number', 'VARCHAR', 'Phone number (one export day in 2021).', PII),
      c('state', 'VARCHAR', 'US state (exports after April 2021).', 'not in the original SAMCED keep list')
    ]
  },
  {
    table: 'certificates_generatedcertificate',
    doc: 'Certificates issued in the course.',
    exported: true,
    columns: [
      p('id', 'BIGINT', 'Certificate row id.', 'row-id'),
      p('user_id', 'BIGINT', 'edX user id.', 'user-id'),
      c('download_url', 'VARCHAR', 'Certificate URL (holds the download uuid).', CERTIFICATE_LINK),
      c('grade', 'DOUBLE', 'Final grade, 0 to 1.'),
      c('course_id', 'VARCHAR', 'Course id.'),
      c('key', 'VARCHAR', 'Certificate key (the verify uuid on edX).', CERTIFICATE_LINK),
      c('distinction', 'INTEGER', '1 with distinction.'),
      c('status', 'VARCHAR', 'downloadable, notpassing, generating, error, unavailable, audit_passing, ...'),
      c('verify_uuid', 'VARCHAR', 'Verification id.', CERTIFICATE_LINK),
      c('download_uuid', 'VARCHAR', 'Download id.', CERTIFICATE_LINK),
      c('name', 'VARCHAR', 'Name on the certificate.', PII),
      c('created_date', 'TIMESTAMP', 'Created (UTC).'),
      c('modified_date', 'TIMESTAMP', 'Last modified (UTC).'),
      c('error_reason', 'VARCHAR', 'Error text, if any.'),
      c('mode', 'VARCHAR', 'Enrollment mode of the certificate: honor, verified, audit, ...')
    ]
  },
  {
    table: 'courseware_studentmodule',
    doc: 'Per learner and course block state: positions, problem answers, grades.',
    exported: true,
    columns: [
      p('id', 'BIGINT', 'Row id (one per learner and block).', 'row-id'),
      c('module_type', 'VARCHAR', 'Block type: problem, video, sequential, chapter, ...'),
      c('module_id', 'VARCHAR', 'Usage key of the block.'),
      p('student_id', 'BIGINT', 'edX user id.', 'user-id'),
      p(
        'state',
        'VARCHAR',
        'JSON state of the block for the learner (problem states hold the answers as typed, essays included).',
        'free-text-if-pseudonymised'
      ),
      c('grade', 'DOUBLE', 'Points earned (problems), else NULL.'),
      c('created', 'TIMESTAMP', 'First interaction (UTC).'),
      c('modified', 'TIMESTAMP', 'Last interaction (UTC).'),
      c('max_grade', 'DOUBLE', 'Points possible (problems), else NULL.'),
      c('done', 'VARCHAR', 'Always na.'),
      c('course_id', 'VARCHAR', 'Course id.')
    ]
  },
  {
    table: 'student_courseenrollment',
    doc: 'Enrollments in the course, kept after unenrollment (is_active 0).',
    exported: true,
    columns: [
      p('id', 'BIGINT', 'Row id (one per learner and course).', 'row-id'),
      p('user_id', 'BIGINT', 'edX user id.', 'user-id'),
      c('course_id', 'VARCHAR', 'Course id.'),
      c('created', 'TIMESTAMP', 'Enrollment time (UTC).'),
      c('is_active', 'INTEGER', '1 when enrolled, 0 after unenrolling.'),
      c('mode', 'VARCHAR', 'honor, audit, verified, professional, no-id-professional, credit, masters, ...')
    ]
  },
  {
    table: 'student_languageproficiency',
    doc: 'Languages learners say they speak.',
    exported: true,
    columns: [
      p('id', 'BIGINT', 'Row id (one per learner and language).', 'row-id'),
      p('user_profile_id', 'BIGINT', 'auth_userprofile.id (not the user id).', 'profile-id'),
      c('code', 'VARCHAR', 'ISO 639-1 language code.')
    ]
  },
  {
    table: 'user_api_usercoursetag',
    doc: 'Per learner course tags, e.g. A/B cohort partitions (`xblock.partition_service.partition_N`).',
    exported: true,
    columns: [
      p('id', 'BIGINT', 'Row id (one per learner and tag).', 'row-id'),
      p('user_id', 'BIGINT', 'edX user id.', 'user-id'),
      c('key', 'VARCHAR', 'Tag name.'),
      c('course_id', 'VARCHAR', 'Course id.'),
      c('value', 'VARCHAR', 'Tag value (e.g. the partition group).')
    ]
  },
  {
    table: 'user_id_map',
    doc: 'Maps user ids to hashed ids and usernames. Never exported.',
    exported: false,
    personal: true,
    columns: [
      c('hash_id', 'VARCHAR', 'Anonymised id.'),
      c('id', 'BIGINT', 'edX user id (exports before October 2022).'),
      c('user_id', 'BIGINT', 'edX user id (exports from October 2022).'),
      c('username', 'VARCHAR', 'Login name.', PII)
    ]
  },
  {
    table: 'wiki_article',
    doc: 'Course wiki articles.',
    exported: true,
    columns: [
      c('id', 'BIGINT', 'Article id.'),
      c('current_revision_id', 'BIGINT', 'wiki_articlerevision.id of the current text.'),
      c('created', 'TIMESTAMP', 'Created (UTC).'),
      c('modified', 'TIMESTAMP', 'Last modified (UTC).'),
      p('owner_id', 'BIGINT', 'edX user id of the owner.', 'user-id'),
      c('group_id', 'BIGINT', 'Owning group.'),
      c('group_read', 'INTEGER', 'Permission flag.'),
      c('group_write', 'INTEGER', 'Permission flag.'),
      c('other_read', 'INTEGER', 'Permission flag.'),
      c('other_write', 'INTEGER', 'Permission flag.')
    ]
  },
  {
    table: 'wiki_articlerevision',
    doc: 'Revisions of course wiki articles (content is markdown).',
    exported: true,
    columns: [
      c('id', 'BIGINT', 'Revision id.'),
      c('revision_number', 'INTEGER', 'Revision number within the article.'),
      p('user_message', 'VARCHAR', 'Edit summary (free text).', 'free-text-if-pseudonymised'),
      p('automatic_log', 'VARCHAR', 'System log text (may name users).', 'free-text-if-pseudonymised'),
      c('ip_address', 'VARCHAR', 'IP address of the editor.', PII),
      p('user_id', 'BIGINT', 'edX user id of the editor.', 'user-id'),
      c('modified', 'TIMESTAMP', 'Modified (UTC).'),
      c('created', 'TIMESTAMP', 'Created (UTC).'),
      c('previous_revision_id', 'BIGINT', 'Previous revision id.'),
      c('deleted', 'INTEGER', '1 when deleted.'),
      c('locked', 'INTEGER', '1 when locked.'),
      c('article_id', 'BIGINT', 'wiki_article.id.'),
      p('content', 'VARCHAR', 'Article text (markdown), written by learners too.', 'free-text-if-pseudonymised'),
      p('title', 'VARCHAR', 'Article title.', 'free-text-if-pseudonymised')
    ]
  }
];

export function tableSchema(table: string): TableSchema | undefined {
  return TABLE_SCHEMAS.find((t) => t.table === table);
}

/**
 * True for an export that holds personal data only in some columns (a `dropped` column: names,
 * addresses, certificate links, IP addresses): it is loaded whole into schema `personal`, and
 * `main` shows it as a view of the columns SAMCED may export (duck/schemas.ts).
 */
export function splitTable(table: string): boolean {
  const schema = tableSchema(table);
  return Boolean(schema && !schema.personal && schema.columns.some((c) => c.dropped));
}

/** The DuckDB schema an export is loaded into: `personal` for the personal and split tables, else `main`. */
export function loadedSchema(table: string): 'main' | 'personal' {
  return tableSchema(table)?.personal || splitTable(table) ? 'personal' : 'main';
}
