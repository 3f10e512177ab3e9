-- person_course, second part (after person-course-activity.sql, on the same connection): reads
-- samced.video_watch / samced.video_summary (the video_watch family runs first).

-- Videos, from video_watch.
CREATE OR REPLACE TEMP TABLE pc_video AS
SELECT user_id, count(*) FILTER (WHERE views > 0) AS viewed, count(*) FILTER (WHERE completed = 1) AS completed,
  sum(seconds_watched) AS seconds
FROM samced.video_watch
WHERE user_id IS NOT NULL
GROUP BY user_id;

-- Chapters: those of the events (person-course-activity.sql) and those of the videos watched.
CREATE OR REPLACE TEMP TABLE pc_chapters AS
SELECT user_id, count(DISTINCT chapter_id) AS chapters
FROM (
  SELECT user_id, chapter_id FROM pc_event_chapters
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
DROP TABLE pc_problems; DROP TABLE pc_forum; DROP TABLE pc_video; DROP TABLE pc_event_chapters; DROP TABLE pc_chapters;
