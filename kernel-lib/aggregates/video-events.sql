-- One row per video event of the course run, with the event name normalised to the
-- original's ten browser names (mobile/new `edx.video.*` names map to them) and the payload
-- fields the video tables use. Reads `event` whether it arrived as a string or an object.
-- A temp table (a SharedExtract, made by the scheduler before the first family that reads it): the video tables read it six times, and each read of a
-- view would scan the events again and parse every video payload again. The payload itself
-- (`event`) is left out: its fields are the columns; so are the columns no video table reads.
CREATE OR REPLACE TEMP TABLE video_events AS
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
-- (the events' source_file_order numbers the daily files in name order: ties in time are broken by
-- file, then line, and a number sorts much faster than a path)
SELECT
  source_file_order AS file_order, source_line, time, user_id,
  video_event,
  f[1] AS video_id,
  TRY_CAST(coalesce(f[2], f[3]) AS DOUBLE) AS position,
  TRY_CAST(f[4] AS DOUBLE) AS old_time,
  TRY_CAST(f[5] AS DOUBLE) AS new_time,
  TRY_CAST(f[6] AS DOUBLE) AS duration
FROM (
  SELECT *, json_extract_string(event, ['$.id', '$.currentTime', '$.current_time', '$.old_time', '$.new_time', '$.duration']) AS f
  FROM keyed
  WHERE video_event IS NOT NULL
);
