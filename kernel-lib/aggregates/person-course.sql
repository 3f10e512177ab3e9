-- person_course: one row per learner (see person-course.ts for every column).
-- Reads the loaded tables, `events`, `forum`, `course_structure` and samced.video_watch /
-- samced.video_summary (the video_watch family runs first).

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

-- Server problem checks: all of them, and the latest per problem.
CREATE OR REPLACE TEMP TABLE pc_problems AS
WITH checks AS (
  SELECT user_id, f[1] AS problem_id, f[2] AS success, time, source_file, source_line
  FROM (SELECT *, json_extract_string(event, ['$.problem_id', '$.success']) AS f FROM events)
  WHERE event_type = 'problem_check' AND event_source = 'server' AND user_id IS NOT NULL
),
latest AS (
  SELECT user_id, problem_id, success FROM checks
  WHERE problem_id IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY user_id, problem_id ORDER BY time DESC NULLS LAST, source_file DESC, source_line DESC) = 1
)
SELECT c.user_id, c.checks, coalesce(l.attempted, 0) AS attempted, coalesce(l.correct, 0) AS correct
FROM (SELECT user_id, count(*) AS checks FROM checks GROUP BY user_id) c
LEFT JOIN (
  SELECT user_id, count(*) AS attempted, count(*) FILTER (WHERE success = 'correct') AS correct FROM latest GROUP BY user_id
) l USING (user_id);

-- Forum posts in the snapshot's dump.
CREATE OR REPLACE TEMP TABLE pc_forum AS
SELECT author_id AS user_id, count(*) AS posts,
  count(*) FILTER (WHERE post_type = 'CommentThread') AS threads,
  count(*) FILTER (WHERE post_type = 'Comment') AS comments
FROM forum
WHERE author_id IS NOT NULL
GROUP BY author_id;

-- Videos, from video_watch.
CREATE OR REPLACE TEMP TABLE pc_video AS
SELECT user_id, count(*) FILTER (WHERE views > 0) AS viewed, count(*) FILTER (WHERE completed = 1) AS completed,
  sum(seconds_watched) AS seconds
FROM samced.video_watch
WHERE user_id IS NOT NULL
GROUP BY user_id;

-- Chapters with at least one event of the learner: blocks named in courseware URLs and usage
-- keys (page, implicit-URL event_type, context.path, context.module.usage_key), and videos.
-- Each of the four fields is searched on its own (no pattern below can match across fields), and
-- only the texts that hold a pattern's fixed part (`type` also in its percent-encoded `type%40`);
-- the texts repeat a lot, so each distinct text is searched once.
CREATE OR REPLACE TEMP TABLE pc_chapters AS
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
SELECT user_id, count(DISTINCT chapter_id) AS chapters
FROM (
  SELECT u.user_id, c.chapter_id FROM user_texts u JOIN text_chapters c USING (raw_text)
  UNION ALL
  SELECT w.user_id, s.chapter_id
  FROM samced.video_watch w
  JOIN samced.video_summary v USING (video_id)
  JOIN course_structure s ON s.block_id = v.block_id
  WHERE s.chapter_id IS NOT NULL AND w.user_id IS NOT NULL
)
GROUP BY user_id;

CREATE OR REPLACE TABLE samced.person_course AS
WITH learners AS (
  SELECT user_id FROM pc_enrollment UNION SELECT user_id FROM pc_activity
),
total AS (
  SELECT count(*) AS chapters FROM course_structure WHERE category = 'chapter'
)
SELECT
  l.user_id,
  CASE WHEN e.user_id IS NULL THEN 0 ELSE 1 END AS in_enrollment_table,
  e.mode AS enrollment_mode,
  e.is_active,
  strftime(e.created, '%Y-%m-%d %H:%M:%S.%f') AS enrolled_at,
  c.status AS certificate_status,
  c.grade AS certificate_grade,
  CASE WHEN c.status = 'downloadable' THEN 1 ELSE 0 END AS certified,
  p.gender,
  p.year_of_birth,
  p.level_of_education,
  p.country,
  CAST(coalesce(a.events, 0) AS BIGINT) AS events,
  CAST(coalesce(a.days_active, 0) AS INTEGER) AS days_active,
  strftime(a.first_time, '%Y-%m-%d %H:%M:%S.%f') AS first_event_time,
  strftime(a.last_time, '%Y-%m-%d %H:%M:%S.%f') AS last_event_time,
  CAST(coalesce(v.viewed, 0) AS INTEGER) AS videos_viewed,
  CAST(coalesce(v.completed, 0) AS INTEGER) AS videos_completed,
  CAST(coalesce(v.seconds, 0) AS BIGINT) AS video_seconds_watched,
  CAST(coalesce(pr.attempted, 0) AS INTEGER) AS problems_attempted,
  CAST(coalesce(pr.correct, 0) AS INTEGER) AS problems_correct,
  CAST(coalesce(pr.checks, 0) AS INTEGER) AS problem_checks,
  CAST(coalesce(f.posts, 0) AS INTEGER) AS forum_posts,
  CAST(coalesce(f.threads, 0) AS INTEGER) AS forum_threads,
  CAST(coalesce(f.comments, 0) AS INTEGER) AS forum_comments,
  CAST(coalesce(ch.chapters, 0) AS INTEGER) AS chapters_visited,
  CAST(t.chapters AS INTEGER) AS course_chapters,
  CASE WHEN coalesce(a.events, 0) > 0 THEN 1 ELSE 0 END AS viewed,
  CASE WHEN t.chapters = 0 THEN NULL WHEN 2 * coalesce(ch.chapters, 0) >= t.chapters THEN 1 ELSE 0 END AS explored
FROM learners l
CROSS JOIN total t
LEFT JOIN pc_enrollment e USING (user_id)
LEFT JOIN pc_certificate c USING (user_id)
LEFT JOIN pc_profile p USING (user_id)
LEFT JOIN pc_activity a USING (user_id)
LEFT JOIN pc_video v USING (user_id)
LEFT JOIN pc_problems pr USING (user_id)
LEFT JOIN pc_forum f USING (user_id)
LEFT JOIN pc_chapters ch USING (user_id);

DROP TABLE pc_enrollment; DROP TABLE pc_certificate; DROP TABLE pc_profile; DROP TABLE pc_activity;
DROP TABLE pc_problems; DROP TABLE pc_forum; DROP TABLE pc_video; DROP TABLE pc_chapters;
