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
CREATE OR REPLACE TEMP TABLE latest_problem_checks AS
SELECT
  json_extract_string(event, '$.problem_id') AS problem_id,
  user_id,
  TRY_CAST(json_extract_string(event, '$.attempts') AS INTEGER) AS attempts,
  TRY_CAST(json_extract_string(event, '$.grade') AS DOUBLE) AS grade,
  TRY_CAST(json_extract_string(event, '$.max_grade') AS DOUBLE) AS max_grade,
  json_extract_string(event, '$.success') AS success,
  strftime(time, '%Y-%m-%d %H:%M:%S.%f') AS time
FROM events
WHERE event_type = 'problem_check' AND event_source = 'server' AND user_id IS NOT NULL
  AND json_extract_string(event, '$.problem_id') IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY json_extract_string(event, '$.problem_id'), user_id
                           ORDER BY events.time DESC NULLS LAST, source_file DESC, source_line DESC) = 1;
