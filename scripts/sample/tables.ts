/**
 * The `.sql` (TSV) tables of one course in one weekly snapshot, derived from the world as of
 * the snapshot date. Column lists follow edx-data-formats.md 2.3; `auth_userprofile` switches to
 * the post-2021 column order for snapshots on or after {@link PROFILE_2021_SWITCH}.
 */
import { createHash } from 'node:crypto';
import type { CourseDef } from './courses';
import type { Team, WikiArticle } from './course-extras';
import { type Enrollment, enrollmentAt } from './enrollments';
import type { Ledger } from './ledger';
import type { Outline } from './outline';
import { type Person, SERVICE_USER } from './people';
import { formatPyFloat, pyDumps } from './python-json';
import { type Cell, rowsByName, tsvTable } from './tsv';
import { sqlTime } from './time';
import { PARTITION_KEY } from './storyline';

/** Snapshots taken on or after this day use the post-2021 auth_userprofile layout. */
export const PROFILE_2021_SWITCH = '2026-02-01';

export const COLUMNS = {
  auth_user: [
    'id',
    'username',
    'first_name',
    'last_name',
    'email',
    'password',
    'is_staff',
    'is_active',
    'is_superuser',
    'last_login',
    'date_joined',
    'status',
    'email_key',
    'avatar_type',
    'country',
    'show_country',
    'date_of_birth',
    'interesting_tags',
    'ignored_tags',
    'email_tag_filter_strategy',
    'display_tag_filter_strategy',
    'consecutive_days_visit_count'
  ],
  auth_userprofile_pre2021: [
    'id',
    'user_id',
    'name',
    'language',
    'location',
    'meta',
    'courseware',
    'gender',
    'mailing_address',
    'year_of_birth',
    'level_of_education',
    'goals',
    'allow_certificate',
    'country',
    'city',
    'bio',
    'profile_image_uploaded_at'
  ],
  auth_userprofile_2021: [
    'id',
    'user_id',
    'name',
    'language',
    'location',
    'meta',
    'courseware',
    'gender',
    'mailing_address',
    'year_of_birth',
    'level_of_education',
    'goals',
    'country',
    'city',
    'bio',
    'profile_image_uploaded_at',
    'state'
  ],
  certificates_generatedcertificate: [
    'id',
    'user_id',
    'download_url',
    'grade',
    'course_id',
    'key',
    'distinction',
    'status',
    'verify_uuid',
    'download_uuid',
    'name',
    'created_date',
    'modified_date',
    'error_reason',
    'mode'
  ],
  courseware_studentmodule: [
    'id',
    'module_type',
    'module_id',
    'student_id',
    'state',
    'grade',
    'created',
    'modified',
    'max_grade',
    'done',
    'course_id'
  ],
  student_courseenrollment: ['id', 'user_id', 'course_id', 'created', 'is_active', 'mode'],
  student_languageproficiency: ['id', 'user_profile_id', 'code'],
  user_api_usercoursetag: ['id', 'user_id', 'key', 'course_id', 'value'],
  user_id_map: ['hash_id', 'id', 'username'],
  wiki_article: [
    'id',
    'current_revision_id',
    'created',
    'modified',
    'owner_id',
    'group_id',
    'group_read',
    'group_write',
    'other_read',
    'other_write'
  ],
  wiki_articlerevision: [
    'id',
    'revision_number',
    'user_message',
    'automatic_log',
    'ip_address',
    'user_id',
    'modified',
    'created',
    'previous_revision_id',
    'deleted',
    'locked',
    'article_id',
    'content',
    'title'
  ],
  teams: [
    'id',
    'team_id',
    'name',
    'course_id',
    'topic_id',
    'date_created',
    'description',
    'country',
    'language',
    'discussion_topic_id',
    'last_activity_at',
    'team_size'
  ]
} as const;

/** What the table builders read. */
export interface TableSource {
  course: CourseDef;
  outline: Outline;
  people: Map<number, Person>;
  enrollments: readonly Enrollment[];
  ledger: Ledger;
  /** Global studentmodule ids by record (creation order over all courses). */
  moduleIds: Map<object, number>;
  wiki: readonly WikiArticle[];
  teams: readonly Team[];
  /** Snapshot day and its cutoff (midnight UTC, microseconds): data strictly before it. */
  day: string;
  cutoffUs: number;
  /** Issue certificates in this snapshot. */
  certificates: boolean;
  /** Secret mixed into user_id_map hashes. */
  hashSecret?: string;
}

/** Enrollments of the course existing at the cutoff, with their state then. */
function enrolled(src: TableSource): Array<{ e: Enrollment; isActive: boolean; mode: string }> {
  const out: Array<{ e: Enrollment; isActive: boolean; mode: string }> = [];
  for (const e of src.enrollments) {
    if (e.course !== src.course) continue;
    const state = enrollmentAt(e, src.cutoffUs);
    if (state) out.push({ e, ...state });
  }
  return out.sort((a, b) => a.e.id - b.e.id);
}

function users(src: TableSource): Person[] {
  return [...new Set(enrolled(src).map((x) => x.e.userId))].sort((a, b) => a - b).map((id) => src.people.get(id)!);
}

/** A last_login no later than shortly before the snapshot. */
function lastLogin(p: Person, cutoffUs: number): number | null {
  if (p.lastLoginUs === null) return null;
  return Math.min(p.lastLoginUs, cutoffUs - (1 + (p.id % 47)) * 3_600_000_000 - (p.id % 59) * 60_000_000);
}

function authUser(src: TableSource): string {
  const rows = users(src).map((p): Record<string, Cell> => {
    const login = lastLogin(p, src.cutoffUs);
    return {
      id: p.id,
      username: p.username,
      first_name: p.firstName,
      last_name: p.lastName,
      email: p.email,
      password: '',
      is_staff: p.isStaff,
      is_active: p.isActive,
      is_superuser: false,
      last_login: login === null ? null : sqlTime(login),
      date_joined: sqlTime(p.dateJoinedUs),
      status: '',
      email_key: null,
      avatar_type: '',
      country: '',
      show_country: false,
      date_of_birth: null,
      interesting_tags: '',
      ignored_tags: '',
      email_tag_filter_strategy: 0,
      display_tag_filter_strategy: 0,
      consecutive_days_visit_count: 0
    };
  });
  return tsvTable(COLUMNS.auth_user, rowsByName(COLUMNS.auth_user, rows));
}

function authUserprofile(src: TableSource): string {
  const columns = src.day >= PROFILE_2021_SWITCH ? COLUMNS.auth_userprofile_2021 : COLUMNS.auth_userprofile_pre2021;
  const rows = users(src).map((p): Record<string, Cell> => {
    const f = p.profile;
    return {
      id: f.id,
      user_id: p.id,
      name: p.fullName,
      language: f.language,
      location: f.location,
      meta: f.meta,
      courseware: f.courseware,
      gender: f.gender,
      mailing_address: f.mailingAddress,
      year_of_birth: f.yearOfBirth,
      level_of_education: f.levelOfEducation,
      goals: f.goals,
      allow_certificate: f.allowCertificate,
      country: f.country,
      city: f.city,
      bio: f.bio,
      profile_image_uploaded_at: f.profileImageUploadedUs === null ? null : sqlTime(f.profileImageUploadedUs),
      state: f.state
    };
  });
  return tsvTable(columns, rowsByName(columns, rows));
}

function languageProficiency(src: TableSource): string | null {
  const rows: Cell[][] = [];
  for (const p of users(src))
    p.profile.languages.forEach((code, i) => {
      rows.push([p.profile.id * 10 + i, p.profile.id, code]);
    });
  return rows.length ? tsvTable(COLUMNS.student_languageproficiency, rows) : null;
}

function enrollments(src: TableSource): string {
  const rows = enrolled(src).map(
    ({ e, isActive, mode }) =>
      [e.id, e.userId, src.course.courseId, sqlTime(e.createdUs, true), isActive, mode] as Cell[]
  );
  return tsvTable(COLUMNS.student_courseenrollment, rows);
}

function studentModule(src: TableSource): string | null {
  const rows = src.ledger
    .asOf(src.course.courseId, src.cutoffUs)
    .map(
      ({ record, version }) =>
        [
          src.moduleIds.get(record)!,
          record.moduleType,
          record.moduleId,
          record.userId,
          pyDumps(version.state),
          version.grade,
          sqlTime(record.createdUs),
          sqlTime(version.us),
          version.maxGrade,
          'na',
          src.course.courseId
        ] as Cell[]
    )
    .sort((a, b) => (a[0] as number) - (b[0] as number));
  return rows.length ? tsvTable(COLUMNS.courseware_studentmodule, rows) : null;
}

function userIdMap(src: TableSource): string {
  const secret = src.hashSecret ?? 'samced-demo-secret';
  const md5 = (id: number) =>
    createHash('md5')
      .update(secret + id)
      .digest('hex');
  const rows: Cell[][] = [[md5(SERVICE_USER.id), SERVICE_USER.id, SERVICE_USER.username]];
  for (const p of users(src)) rows.push([md5(p.id), p.id, p.username]);
  return tsvTable(COLUMNS.user_id_map, rows);
}

function courseTags(src: TableSource): string | null {
  if (src.course.label !== 'C1') return null;
  const rows: Cell[][] = [];
  const firstSeen = new Map<number, number>();
  for (const { record } of src.ledger.asOf(src.course.courseId, src.cutoffUs)) {
    const seen = firstSeen.get(record.userId);
    if (seen === undefined || record.createdUs < seen) firstSeen.set(record.userId, record.createdUs);
  }
  const ids = [...firstSeen.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  ids.forEach(([userId], i) => {
    rows.push([88_001 + i, userId, PARTITION_KEY, src.course.courseId, String(userId % 2)]);
  });
  return rows.length ? tsvTable(COLUMNS.user_api_usercoursetag, rows) : null;
}

/** Certificate grade: share of graded points earned, rounded to 2 decimals (written like Python's str(float)). */
function certificateGrade(src: TableSource, userId: number): number | null {
  const graded = src.outline.problems.filter((p) => p.problem!.graded);
  const total = graded.reduce((s, p) => s + p.problem!.maxGrade, 0);
  let earned = 0;
  let any = false;
  for (const { record, version } of src.ledger.asOf(src.course.courseId, src.cutoffUs)) {
    if (record.userId !== userId || record.moduleType !== 'problem') continue;
    if (!graded.some((p) => p.key === record.moduleId)) continue;
    any = true;
    earned += version.grade?.value ?? 0;
  }
  return any ? Math.round((earned / total) * 100) / 100 : null;
}

function certificates(src: TableSource): string | null {
  if (!src.certificates) return null;
  const issued = src.cutoffUs - 4 * 86_400_000_000 + 10 * 3_600_000_000;
  const rows: Cell[][] = [];
  let id = src.course.label === 'C1' ? 5501 : 5601;
  for (const { e, mode } of enrolled(src)) {
    const grade = certificateGrade(src, e.userId);
    if (grade === null) continue;
    const passed = grade >= 0.6;
    const status =
      mode === 'audit' ? (passed ? 'audit_passing' : 'audit_notpassing') : passed ? 'downloadable' : 'notpassing';
    const uuid = createHash('md5').update(`cert/${src.course.courseId}/${e.userId}`).digest('hex');
    const at = sqlTime(issued + (id % 50) * 61_000_000);
    rows.push([
      id++,
      e.userId,
      '',
      formatPyFloat(grade),
      src.course.courseId,
      status === 'downloadable' ? uuid.slice(0, 32) : '',
      false,
      status,
      status === 'downloadable' ? uuid : '',
      status === 'downloadable' ? uuid.split('').reverse().join('') : '',
      src.people.get(e.userId)!.fullName,
      at,
      at,
      '',
      mode
    ]);
  }
  return rows.length ? tsvTable(COLUMNS.certificates_generatedcertificate, rows) : null;
}

function wikiTables(src: TableSource): { article: string | null; revision: string | null } {
  const articles: Cell[][] = [];
  const revisions: Cell[][] = [];
  for (const a of src.wiki) {
    if (a.course !== src.course || a.createdUs >= src.cutoffUs) continue;
    const live = a.revisions.filter((r) => r.createdUs < src.cutoffUs);
    const current = live[live.length - 1]!;
    articles.push([
      a.id,
      current.id,
      sqlTime(a.createdUs),
      sqlTime(current.createdUs),
      a.ownerId,
      null,
      true,
      true,
      true,
      true
    ]);
    live.forEach((r, i) => {
      revisions.push([
        r.id,
        r.revisionNumber,
        r.userMessage,
        r.automaticLog,
        r.ipAddress,
        r.userId,
        sqlTime(r.createdUs),
        sqlTime(r.createdUs),
        i === 0 ? null : live[i - 1]!.id,
        false,
        false,
        a.id,
        r.content,
        r.title
      ]);
    });
  }
  return {
    article: articles.length ? tsvTable(COLUMNS.wiki_article, articles) : null,
    revision: revisions.length
      ? tsvTable(
          COLUMNS.wiki_articlerevision,
          revisions.sort((x, y) => (x[0] as number) - (y[0] as number))
        )
      : null
  };
}

function teams(src: TableSource): string | null {
  const rows: Cell[][] = [];
  for (const t of src.teams) {
    if (t.course !== src.course || t.createdUs >= src.cutoffUs) continue;
    const members = t.members.filter((m) => m.us < src.cutoffUs);
    const last = members.length ? members[members.length - 1]!.us : t.createdUs;
    rows.push([
      t.id,
      t.teamId,
      t.name,
      src.course.courseId,
      t.topicId,
      sqlTime(t.createdUs),
      t.description,
      t.country,
      t.language,
      t.discussionTopicId,
      sqlTime(last),
      members.length
    ]);
  }
  return rows.length ? tsvTable(COLUMNS.teams, rows) : null;
}

/**
 * Every `.sql` table of the course in the snapshot, keyed by table name; tables with no rows
 * are left out (the exporter writes no file for them). `teams` only exists for C1.
 */
export function snapshotTables(src: TableSource): Map<string, string> {
  const out = new Map<string, string | null>();
  out.set('auth_user', authUser(src));
  out.set('auth_userprofile', authUserprofile(src));
  out.set('certificates_generatedcertificate', certificates(src));
  out.set('courseware_studentmodule', studentModule(src));
  out.set('student_courseenrollment', enrollments(src));
  out.set('student_languageproficiency', languageProficiency(src));
  out.set('user_api_usercoursetag', courseTags(src));
  out.set('user_id_map', userIdMap(src));
  const wiki = wikiTables(src);
  out.set('wiki_article', wiki.article);
  out.set('wiki_articlerevision', wiki.revision);
  out.set('teams', teams(src));
  const kept = new Map<string, string>();
  for (const [name, text] of out) if (text !== null) kept.set(name, text);
  return kept;
}
