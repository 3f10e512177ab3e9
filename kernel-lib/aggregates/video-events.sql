-- One row per video event of the course run, with the event name normalised to the
-- original's ten browser names (mobile/new `edx.video.*` names map to them) and the payload
-- fields the video tables use. Reads `event` whether it arrived as a string or an object.
CREATE OR REPLACE TEMP VIEW video_events AS
WITH keyed AS (
  SELECT e.*,
    coalesce(
      CASE WHEN event_type IN ({{video_types}}) THEN event_type END,
      CASE coalesce(name, event_type)
        WHEN 'edx.video.loaded' THEN 'load_video'
        WHEN 'edx.video.played' THEN 'play_video'
        WHEN 'edx.video.paused' THEN 'pause_video'
        WHEN 'edx.video.stopped' THEN 'stop_video'
        WHEN 'edx.video.position.changed' THEN 'seek_video'
        WHEN 'edx.video.speed.changed' THEN 'speed_change_video'
        WHEN 'edx.video.transcript.shown' THEN 'show_transcript'
        WHEN 'edx.video.transcript.hidden' THEN 'hide_transcript'
        WHEN 'edx.video.language_menu.shown' THEN 'video_show_cc_menu'
        WHEN 'edx.video.language_menu.hidden' THEN 'video_hide_cc_menu'
      END) AS video_event
  FROM events e
)
SELECT
  source_file, source_line, time, event_date, user_id, event_type, name, event_source, event_encoding, event,
  video_event,
  json_extract_string(event, '$.id') AS video_id,
  TRY_CAST(coalesce(json_extract_string(event, '$.currentTime'), json_extract_string(event, '$.current_time')) AS DOUBLE) AS position,
  TRY_CAST(json_extract_string(event, '$.old_time') AS DOUBLE) AS old_time,
  TRY_CAST(json_extract_string(event, '$.new_time') AS DOUBLE) AS new_time,
  TRY_CAST(json_extract_string(event, '$.duration') AS DOUBLE) AS duration
FROM keyed
WHERE video_event IS NOT NULL;
