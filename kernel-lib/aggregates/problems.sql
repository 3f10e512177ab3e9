-- problem_activity: per learner, counts of problem events; problem_check split by source.
CREATE OR REPLACE TABLE samced.problem_activity AS
SELECT user_id,
  {{count_columns}}
FROM (
  SELECT user_id,
    CASE WHEN k = 'problem_check' THEN 'problem_check_' || coalesce(event_source, 'unknown') ELSE k END AS k
  FROM (SELECT user_id, event_source, coalesce(name, event_type) AS k FROM events
        WHERE event_type IN ({{problem_types}}) OR name IN ({{problem_types}}))
)
WHERE k IN ({{count_keys}})
GROUP BY user_id;

-- The latest server problem_check per learner and problem: the source of the problem_<id> tables.
-- The payload is parsed once per event (a path list), not once per field.
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
  SELECT user_id, time AS event_time, source_file, source_line,
    json_extract_string(event, ['$.problem_id', '$.attempts', '$.grade', '$.max_grade', '$.success']) AS f
  FROM events
  WHERE event_type = 'problem_check' AND event_source = 'server' AND user_id IS NOT NULL
)
WHERE f[1] IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY f[1], user_id ORDER BY event_time DESC NULLS LAST, source_file DESC, source_line DESC) = 1;
