import { loadSql } from '../duck/sql-files';
import { LATEST_PROBLEM_CHECKS } from './problems';
import type { OutputColumn, SamcedTable, TableFamily } from './table';

const TIME = 'UTC `YYYY-MM-DD HH:MM:SS.ffffff`';

/** Every column of person_course, in table order. */
export const PERSON_COURSE_COLUMNS: OutputColumn[] = [
  { name: 'user_id', type: 'INTEGER', doc: 'edX user id.' },
  {
    name: 'in_enrollment_table',
    type: 'INTEGER',
    doc: '1 when student_courseenrollment has a row for the learner; 0 flags a learner who only appears in the events (no enrolment row in the snapshot).'
  },
  {
    name: 'enrollment_mode',
    type: 'TEXT',
    doc: 'student_courseenrollment.mode (honor, audit, verified, ...); NULL without an enrolment row.'
  },
  {
    name: 'is_active',
    type: 'INTEGER',
    doc: 'student_courseenrollment.is_active: 1 enrolled, 0 unenrolled; NULL without an enrolment row.'
  },
  { name: 'enrolled_at', type: 'TEXT', doc: `student_courseenrollment.created, ${TIME}.` },
  {
    name: 'certificate_status',
    type: 'TEXT',
    doc: 'certificates_generatedcertificate.status (downloadable, notpassing, audit_passing, ...); NULL without a certificate row.'
  },
  {
    name: 'certificate_grade',
    type: 'REAL',
    doc: 'certificates_generatedcertificate.grade (0 to 1); NULL without a certificate row.'
  },
  {
    name: 'certified',
    type: 'INTEGER',
    doc: '1 when certificate_status is `downloadable` (edx2bigquery’s `certified`), else 0.'
  },
  { name: 'gender', type: 'TEXT', doc: 'auth_userprofile.gender (m, f, o); NULL when empty or no profile.' },
  { name: 'year_of_birth', type: 'INTEGER', doc: 'auth_userprofile.year_of_birth; NULL when not given.' },
  {
    name: 'level_of_education',
    type: 'TEXT',
    doc: 'auth_userprofile.level_of_education (p, m, b, a, hs, jhs, el, none, other, ...); NULL when empty.'
  },
  { name: 'country', type: 'TEXT', doc: 'auth_userprofile.country (two-letter code); NULL when empty.' },
  {
    name: 'events',
    type: 'INTEGER',
    doc: 'Events of the learner in the window’s daily files (the `events` table, late-dated lines included); 0 when none.'
  },
  { name: 'days_active', type: 'INTEGER', doc: 'Distinct UTC days with at least one event; 0 when none.' },
  { name: 'first_event_time', type: 'TEXT', doc: `Time of the first event, ${TIME}; NULL when none.` },
  { name: 'last_event_time', type: 'TEXT', doc: `Time of the last event, ${TIME}; NULL when none.` },
  { name: 'videos_viewed', type: 'INTEGER', doc: 'Videos with at least one valid viewing (video_watch.views > 0).' },
  {
    name: 'videos_completed',
    type: 'INTEGER',
    doc: 'Videos with video_watch.completed = 1 (distinct seconds >= completionThreshold × duration).'
  },
  { name: 'video_seconds_watched', type: 'INTEGER', doc: 'Sum of video_watch.seconds_watched over all videos.' },
  {
    name: 'problems_attempted',
    type: 'INTEGER',
    doc: 'Distinct problems (`event.problem_id`) with at least one server `problem_check` (survey problems included).'
  },
  {
    name: 'problems_correct',
    type: 'INTEGER',
    doc: 'Distinct problems whose latest server `problem_check` (by time) has success `correct`.'
  },
  { name: 'problem_checks', type: 'INTEGER', doc: 'Server `problem_check` events (graded submissions).' },
  {
    name: 'forum_posts',
    type: 'INTEGER',
    doc: 'Forum posts written (threads + responses + comments) in the snapshot’s forum dump, all dates (not only the window).'
  },
  { name: 'forum_threads', type: 'INTEGER', doc: 'Threads (CommentThread) written, all dates.' },
  { name: 'forum_comments', type: 'INTEGER', doc: 'Responses and comments (Comment) written, all dates.' },
  {
    name: 'chapters_visited',
    type: 'INTEGER',
    doc:
      'Distinct chapters (sections) of the course structure with at least one event of the learner in the window. An event is placed in a chapter by ' +
      '(1) a courseware URL `/courseware/<chapter>/...` in its page, implicit-URL event_type or context.path, (2) a usage key ' +
      '`type@<category>+block@<id>` (also URL-encoded) or `i4x://Org/Course/<category>/<id>` in those or in context.module.usage_key, of a block inside ' +
      'the chapter, or (3) a video event of a video inside the chapter. Events that name no block (e.g. progress page, forum views) place nothing.'
  },
  {
    name: 'course_chapters',
    type: 'INTEGER',
    doc: 'Chapters in the course structure (all of them, including any hidden from learners); the same on every row.'
  },
  { name: 'viewed', type: 'INTEGER', doc: '1 when the learner has any event in the window (events > 0), else 0.' },
  {
    name: 'explored',
    type: 'INTEGER',
    doc: '1 when chapters_visited >= course_chapters / 2 (at least half of the chapters), else 0; NULL when the structure has no chapters.'
  }
];

/** person_course: one row per learner, the edx2bigquery-style summary (no names, emails or usernames). */
export const personCourseFamily: TableFamily = {
  family: 'person_course',
  needs: ['video_watch'],
  extracts: [LATEST_PROBLEM_CHECKS],
  async build(ctx) {
    // what needs no other family first (in a build, while video_watch runs on the other lane)
    await ctx.duck.run(loadSql('aggregates/person-course-activity.sql'));
    await ctx.after?.('video_watch');
    const needed = Number(
      await ctx.duck.scalar(
        `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'samced' AND table_name IN ('video_watch', 'video_summary')`
      )
    );
    if (needed !== 2)
      throw new Error(
        'person_course needs samced.video_watch and samced.video_summary: run the video_watch family first'
      );
    await ctx.duck.run(loadSql('aggregates/person-course.sql'));
    const table: SamcedTable = {
      name: 'person_course',
      family: 'person_course',
      doc:
        'One row per learner: every user of student_courseenrollment, plus every user with an event but no enrolment row (flagged by in_enrollment_table = 0). ' +
        'Enrolment, certificate and demographics (no names, emails or usernames) from the snapshot tables; activity from the window’s events; video figures from video_watch. ' +
        'Count columns are 0 (not NULL) when there is nothing to count. Differences from edx2bigquery’s person_course: `viewed` means any event in the window ' +
        '(edx2bigquery: a courseware_studentmodule chapter row); `explored` counts chapters from events in the window and needs at least half of them, ' +
        'rounded up (edx2bigquery counted courseware_studentmodule chapter rows and compared with half the chapters rounded down); no IP, geolocation, email domain, ' +
        'role or time-on-task columns.',
      columns: PERSON_COURSE_COLUMNS,
      orderBy: ['user_id'],
      fixes: ['New in samced: the original toolkit had no per-learner summary table.']
    };
    return [table];
  }
};
