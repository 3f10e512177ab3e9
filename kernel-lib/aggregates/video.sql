-- video_activity: per learner, counts of the ten video events.
CREATE OR REPLACE TABLE samced.video_activity AS
SELECT user_id,
  {{count_columns}}
FROM (SELECT user_id, video_event AS k FROM video_events)
GROUP BY user_id;

-- video_activity_ng: per learner and video id.
CREATE OR REPLACE TABLE samced.video_activity_ng AS
SELECT user_id, video_id AS video_event_id,
  {{count_columns}}
FROM (SELECT user_id, video_id, video_event AS k FROM video_events)
GROUP BY user_id, video_id;

-- video_activity_ng2: per learner, video id and 5-second compartment of the position.
-- Seeks count `seek_video_start` at floor(old_time/5) and `seek_video_end` at floor(new_time/5);
-- every other event counts at floor(position/5) when it has a position.
CREATE OR REPLACE TABLE samced.video_activity_ng2 AS
WITH placed AS (
  SELECT user_id, video_id, CAST(floor(position / 5) AS INTEGER) AS time_compartment, video_event AS k
  FROM video_events WHERE video_event <> 'seek_video' AND position IS NOT NULL AND position >= 0
  UNION ALL
  SELECT user_id, video_id, CAST(floor(old_time / 5) AS INTEGER), 'seek_video_start'
  FROM video_events WHERE video_event = 'seek_video' AND old_time IS NOT NULL AND old_time >= 0
  UNION ALL
  SELECT user_id, video_id, CAST(floor(new_time / 5) AS INTEGER), 'seek_video_end'
  FROM video_events WHERE video_event = 'seek_video' AND new_time IS NOT NULL AND new_time >= 0
)
SELECT user_id, video_id AS video_event_id, time_compartment,
  {{ng2_count_columns}}
FROM placed
GROUP BY user_id, video_id, time_compartment;

-- pre_roll_video_activity: per learner, counts of the video bumper events.
CREATE OR REPLACE TABLE samced.pre_roll_video_activity AS
SELECT user_id,
  {{bumper_count_columns}}
FROM (SELECT user_id, coalesce(name, event_type) AS k FROM events
      WHERE starts_with(coalesce(name, event_type), 'edx.video.bumper.'))
GROUP BY user_id;
