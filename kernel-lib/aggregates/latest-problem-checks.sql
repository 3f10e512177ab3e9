-- The latest server problem_check per learner and problem: the source of the problem_<id> tables
-- and of person_course's attempted / correct. The payload is parsed once per event (a path list),
-- not once per field. A temp table (a SharedExtract, made by the scheduler before the first family
-- that reads it): the problems family and person_course, on one connection, share it. Ties in time go to the later
-- file in name order (source_file_order, as the watch-time tables break them), then the later line.
CREATE OR REPLACE TEMP TABLE latest_problem_checks AS
SELECT
  f[1] AS problem_id,
  user_id,
  TRY_CAST(f[2] AS INTEGER) AS attempts,
  TRY_CAST(f[3] AS DOUBLE) AS grade,
  TRY_CAST(f[4] AS DOUBLE) AS max_grade,
  f[5] AS success,
  strftime(event_time, '%Y-%m-%d %H:%M:%S.%f') AS time
FROM (
  SELECT user_id, time AS event_time, source_file_order, source_line,
    json_extract_string(event, ['$.problem_id', '$.attempts', '$.grade', '$.max_grade', '$.success']) AS f
  FROM events
  WHERE event_type = 'problem_check' AND event_source = 'server' AND user_id IS NOT NULL
)
WHERE f[1] IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY f[1], user_id ORDER BY event_time DESC NULLS LAST, source_file_order DESC, source_line DESC) = 1;
