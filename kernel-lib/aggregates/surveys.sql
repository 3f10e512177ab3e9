-- Answers of one survey (pre or post), long form: one row per learner and answer column,
-- from the learner's server problem_check events on the survey problem(s).
-- A later submission overwrites only the answers it contains; on equal times the first logged wins.
CREATE OR REPLACE TEMP TABLE survey_long AS
WITH checks AS (
  SELECT user_id, time, source_file, source_line, event,
         json_extract_string(event, '$.problem_id') AS problem_id
  FROM events
  WHERE event_type = 'problem_check' AND event_source = 'server' AND user_id IS NOT NULL
    AND ({{display_name_match}})
),
answers AS (
  SELECT c.user_id, c.time, c.source_file, c.source_line, c.problem_id,
         regexp_extract(a.key, '_(\d+)_(\d+)$', ['n', 'm']) AS nm,
         CASE WHEN json_type(a.value) = 'ARRAY' THEN array_to_string(CAST(a.value AS VARCHAR[]), ',')
              ELSE a.value ->> '$' END AS answer
  FROM checks c, json_each(c.event, '$.answers') a
  WHERE regexp_matches(a.key, '_\d+_\d+$')
)
SELECT user_id, 'problem_' || nm.n || '_' || nm.m AS col, CAST(nm.n AS INTEGER) AS n, CAST(nm.m AS INTEGER) AS m,
       answer, problem_id, max(time) OVER (PARTITION BY user_id) AS last_time
FROM answers
QUALIFY row_number() OVER (PARTITION BY user_id, nm.n, nm.m ORDER BY time DESC NULLS LAST, source_file, source_line) = 1;
