-- Builds the `events` table from the cut (the lines that mention the course), see events.ts.
-- The cut placeholder reads the cut file (file_index, source_line, raw) without storing the raw lines.
-- Parses each line once (json_extract_string with a path list), keeps the lines whose
-- context.course_id is exactly the course (either id format), normalises `event` to JSON
-- whether it arrived as a string or an object, and drops exact duplicate lines (same 64-bit
-- hash and length: overlapping deliveries from several sites/servers), keeping the first file/line.
CREATE OR REPLACE TABLE events AS
WITH parsed AS (
  SELECT
    file_index,
    source_line,
    hash(raw) AS line_hash,
    length(raw) AS line_length,
    json_extract_string(raw, ['$.username', '$.event_type', '$.name', '$.event_source', '$.time',
      '$.context.course_id', '$.context.user_id', '$.page', '$.host', '$.session',
      '$.context.module.display_name', '$.context.module.usage_key', '$.event', '$.context.path']) AS s,
    json_type(raw, '$.event') AS event_json_type
  FROM {{cut}}
),
member AS (
  SELECT *, count(*) OVER (PARTITION BY line_hash, line_length) AS copies FROM parsed
  WHERE s[6] IN ({{course_forms}})
  QUALIFY row_number() OVER (PARTITION BY line_hash, line_length ORDER BY file_index, source_line) = 1
),
typed AS (
  SELECT
    *,
    TRY_CAST(s[5] AS TIMESTAMPTZ) AS time_tz,
    CASE WHEN event_json_type IS NULL OR event_json_type = 'NULL' THEN NULL
         ELSE coalesce(TRY_CAST(s[13] AS JSON), to_json(s[13])) END AS event_once
  FROM member
)
SELECT
  f.rel_path AS source_file,
  source_line,
  timezone('UTC', time_tz) AS time,
  s[5] AS time_raw,
  CAST(timezone('UTC', time_tz) AS DATE) AS event_date,
  TRY_CAST(s[7] AS BIGINT) AS user_id,
  s[1] AS username,
  s[2] AS event_type,
  s[3] AS name,
  s[4] AS event_source,
  s[6] AS course_id,
  s[8] AS page,
  s[9] AS host,
  s[10] AS session,
  s[14] AS context_path,
  s[11] AS module_display_name,
  s[12] AS module_usage_key,
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
