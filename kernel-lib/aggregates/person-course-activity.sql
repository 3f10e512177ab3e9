-- person_course, first part: what comes from the loaded tables, `events`, `forum`,
-- `course_structure` and latest_problem_checks (see person-course.ts for every column). It needs
-- no other family's tables, so it may run while the video_watch family runs on another
-- connection; person-course.sql ends it.

-- The enrollment, certificate and profile row of each learner (the latest one if repeated).
CREATE OR REPLACE TEMP TABLE pc_enrollment AS
SELECT user_id, mode, is_active, created FROM student_courseenrollment
WHERE user_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY created DESC NULLS LAST, id DESC NULLS LAST) = 1;

CREATE OR REPLACE TEMP TABLE pc_certificate AS
SELECT user_id, status, grade FROM certificates_generatedcertificate
WHERE user_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY modified_date DESC NULLS LAST, id DESC NULLS LAST) = 1;

CREATE OR REPLACE TEMP TABLE pc_profile AS
SELECT user_id, NULLIF(gender, '') AS gender, year_of_birth, NULLIF(level_of_education, '') AS level_of_education,
  NULLIF(country, '') AS country
FROM auth_userprofile
WHERE user_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY id DESC NULLS LAST) = 1;

-- Activity in the tracking logs.
CREATE OR REPLACE TEMP TABLE pc_activity AS
SELECT user_id, count(*) AS events, count(DISTINCT event_date) AS days_active, min(time) AS first_time, max(time) AS last_time
FROM events
WHERE user_id IS NOT NULL
GROUP BY user_id;

-- Server problem checks: all of them, and the latest per problem (latest_problem_checks, made
-- by problems.ts: its payload fields are parsed once for both families).
CREATE OR REPLACE TEMP TABLE pc_problems AS
SELECT c.user_id, c.checks, coalesce(l.attempted, 0) AS attempted, coalesce(l.correct, 0) AS correct
FROM (
  SELECT user_id, count(*) AS checks FROM events
  WHERE event_type = 'problem_check' AND event_source = 'server' AND user_id IS NOT NULL
  GROUP BY user_id
) c
LEFT JOIN (
  SELECT user_id, count(*) AS attempted, count(*) FILTER (WHERE success = 'correct') AS correct FROM latest_problem_checks GROUP BY user_id
) l USING (user_id);

-- Forum posts in the snapshot's dump.
CREATE OR REPLACE TEMP TABLE pc_forum AS
SELECT author_id AS user_id, count(*) AS posts,
  count(*) FILTER (WHERE post_type = 'CommentThread') AS threads,
  count(*) FILTER (WHERE post_type = 'Comment') AS comments
FROM forum
WHERE author_id IS NOT NULL
GROUP BY author_id;

-- Chapters with at least one event of the learner: blocks named in courseware URLs and usage
-- keys (page, implicit-URL event_type, context.path, context.module.usage_key); the videos' are
-- added by person-course.sql.
-- Each of the four fields is searched on its own (no pattern below can match across fields), and
-- only the texts that hold a pattern's fixed part (`type` also in its percent-encoded `type%40`);
-- the texts repeat a lot, so each distinct text is searched once.
CREATE OR REPLACE TEMP TABLE pc_event_chapters AS
WITH user_texts AS (
  SELECT DISTINCT user_id, raw_text
  FROM (
    SELECT user_id, unnest([page, event_type, context_path, module_usage_key]) AS raw_text
    FROM events
    WHERE user_id IS NOT NULL AND (SELECT count(*) FROM course_structure WHERE category = 'chapter') > 0
  )
  WHERE contains(raw_text, '/courseware/') OR contains(raw_text, 'type') OR contains(raw_text, 'i4x://')
),
texts AS (
  SELECT raw_text, replace(replace(replace(raw_text, '%40', '@'), '%2B', '+'), '%2b', '+') AS t
  FROM (SELECT DISTINCT raw_text FROM user_texts)
),
refs AS (
  SELECT raw_text, 'chapter' AS category, unnest(regexp_extract_all(t, '/courseware/([^/?#\s]+)', 1)) AS hash
  FROM texts WHERE contains(t, '/courseware/')
  UNION ALL
  SELECT raw_text, regexp_extract(k, '^type@([^+]+)\+block@', 1), regexp_extract(k, '\+block@(.+)$', 1)
  FROM (SELECT raw_text, unnest(regexp_extract_all(t, 'type@[\w-]+\+block@[\w.~:-]+')) AS k FROM texts WHERE contains(t, 'type@'))
  UNION ALL
  SELECT raw_text, regexp_extract(k, '^i4x://[^/]+/[^/]+/([^/]+)/', 1), regexp_extract(k, '/([^/]+)$', 1)
  FROM (SELECT raw_text, unnest(regexp_extract_all(t, 'i4x://[^/\s]+/[^/\s]+/[^/\s]+/[^/?#\s]+')) AS k FROM texts WHERE contains(t, 'i4x://'))
),
text_chapters AS (
  SELECT DISTINCT r.raw_text, s.chapter_id
  FROM refs r JOIN course_structure s ON s.category = r.category AND s.block_hash = r.hash
  WHERE s.chapter_id IS NOT NULL
)
SELECT DISTINCT u.user_id, c.chapter_id FROM user_texts u JOIN text_chapters c USING (raw_text);

