-- Builds the `events` table from the cut (the lines that mention the course), see events.ts.
-- The cut placeholder reads the cut file (file_index, source_line, raw) without storing the raw lines.
-- Parses each line once (json_transform into a struct of the fields used), keeps the lines whose
-- context.course_id is exactly the course (either id format), normalises `event` to JSON
-- whether it arrived as a string or an object, and drops exact duplicate lines (same 64-bit
-- hash and length: overlapping deliveries from several sites/servers), keeping the first file/line.
CREATE OR REPLACE TABLE events AS
WITH transformed AS (
  SELECT
    file_index,
    source_line,
    hash(raw) AS line_hash,
    length(raw) AS line_length,
    -- one walk over each line's object; VARCHAR takes strings as they are and anything else as JSON text
    json_transform(raw, '{"username": "VARCHAR", "event_type": "VARCHAR", "name": "VARCHAR", "event_source": "VARCHAR",
      "time": "VARCHAR", "page": "VARCHAR", "host": "VARCHAR", "session": "VARCHAR", "event": "JSON",
      "context": {"course_id": "VARCHAR", "user_id": "VARCHAR", "path": "VARCHAR",
                  "module": {"display_name": "VARCHAR", "usage_key": "VARCHAR"}}}') AS j,
    raw
  FROM {{cut}}
),
parsed AS (
  SELECT
    * EXCLUDE (raw),
    -- JSON null and a missing `event` are both NULL in j: only then look again
    CASE WHEN j.event IS NULL THEN json_type(raw, '$.event') ELSE json_type(j.event) END AS event_json_type
  FROM transformed
),
-- duplicates are identical lines, hence of the same course: dropping them before the course test
-- is the same as after, and keeps DuckDB from pushing the test below the parse (parsing twice)
distinct_lines AS (
  SELECT *, count(*) OVER (PARTITION BY line_hash, line_length) AS copies FROM parsed
  QUALIFY row_number() OVER (PARTITION BY line_hash, line_length ORDER BY file_index, source_line) = 1
),
member AS (
  SELECT * FROM distinct_lines WHERE j.context.course_id IN ({{course_forms}})
),
typed AS (
  SELECT
    *,
    TRY_CAST(j.time AS TIMESTAMPTZ) AS time_tz,
    CASE WHEN event_json_type IS NULL OR event_json_type = 'NULL' THEN NULL
         WHEN event_json_type = 'VARCHAR' THEN coalesce(TRY_CAST(j.event ->> '$' AS JSON), to_json(j.event ->> '$'))
         ELSE j.event END AS event_once
  FROM member
)
SELECT
  f.rel_path AS source_file,
  source_line,
  timezone('UTC', time_tz) AS time,
  j.time AS time_raw,
  CAST(timezone('UTC', time_tz) AS DATE) AS event_date,
  TRY_CAST(j.context.user_id AS BIGINT) AS user_id,
  j.username AS username,
  j.event_type AS event_type,
  j.name AS name,
  j.event_source AS event_source,
  j.context.course_id AS course_id,
  j.page AS page,
  j.host AS host,
  j.session AS session,
  j.context.path AS context_path,
  j.context.module.display_name AS module_display_name,
  j.context.module.usage_key AS module_usage_key,
  CASE WHEN event_json_type = 'VARCHAR' THEN 'string'
       WHEN event_json_type = 'OBJECT' THEN 'object'
       WHEN event_json_type IS NULL THEN 'missing'
       ELSE lower(event_json_type) END AS event_encoding,
  -- a string that itself holds JSON text (browser problem_check form data sometimes) is decoded once more
  CASE WHEN event_json_type = 'VARCHAR' AND json_type(event_once) = 'VARCHAR'
            AND TRY_CAST(event_once ->> '$' AS JSON) IS NOT NULL AND (event_once ->> '$') <> ''
       THEN TRY_CAST(event_once ->> '$' AS JSON)
       ELSE event_once END AS event,
  CAST(copies AS INTEGER) AS copies
FROM typed
JOIN cut_files f USING (file_index);
