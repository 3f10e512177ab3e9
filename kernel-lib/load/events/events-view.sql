-- Parses the cut (the lines that mention the course) into a Parquet file, see events.ts.
-- The cut placeholder reads a segment of the cut (file_index, source_line, raw); events_file is
-- the Parquet file the parsed lines go to (streamed: a year of logs never sits in memory whole).
-- Each line is parsed once (json_transform into a struct of the fields used), `event`
--    normalised to JSON whether it arrived as a string or an object, and `member` says whether
--    context.course_id is exactly the course (either id format). The course test is a column, not
--    a WHERE: DuckDB would push it below the parse and parse every line twice. The line's hash and
--    length (of its raw text) go along for the duplicate test of the view (events.ts).
COPY (
WITH transformed AS (
  SELECT
    file_index,
    source_line,
    hash(raw) AS line_hash,
    strlen(raw) AS line_length, -- bytes: length() counts characters, a cost on every line
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
    -- JSON null and a missing `event` are both NULL in j: only then look again. j.event is compact
    -- JSON text (json_transform writes it), so its first character tells an object or a string
    -- without parsing it again (starts_with compares bytes; left() walks characters)
    CASE WHEN j.event IS NULL THEN json_type(raw, '$.event')
         WHEN starts_with(j.event, '{') THEN 'OBJECT' WHEN starts_with(j.event, '"') THEN 'VARCHAR'
         ELSE json_type(j.event)
    END AS event_json_type,
    TRY_CAST(j.time AS TIMESTAMPTZ) AS time_tz
  FROM transformed
),
typed AS (
  SELECT
    *,
    -- the instant as a UTC wall-clock TIMESTAMP: by arithmetic on its microseconds, not through
    -- ICU, which costs on every line; ICU only for ±infinity
    CASE WHEN isfinite(time_tz) THEN make_timestamp(epoch_us(time_tz)) ELSE timezone('UTC', time_tz) END AS time_utc,
    CASE WHEN event_json_type IS NULL OR event_json_type = 'NULL' THEN NULL
         WHEN event_json_type = 'VARCHAR' THEN coalesce(TRY_CAST(j.event ->> '$' AS JSON), to_json(j.event ->> '$'))
         ELSE j.event END AS event_once
  FROM parsed
)
SELECT
  f.rel_path AS source_file,
  source_line,
  f.file_order AS source_file_order,
  time_utc AS time,
  j.time AS time_raw,
  CAST(time_utc AS DATE) AS event_date,
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
  coalesce(j.context.course_id IN ({{course_forms}}), false) AS member,
  file_index,
  line_hash,
  line_length
FROM typed
JOIN internal.cut_files f USING (file_index)
) TO {{events_file}} (FORMAT parquet);
