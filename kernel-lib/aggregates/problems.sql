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
