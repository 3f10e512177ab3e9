-- Watch time per learner and video (see video-watch.ts for every rule and column).
-- Viewings are built as the edx-analytics-pipeline builds them; coverage is counted per integer
-- second of the video as Aspects counts it. Reads the temp table `video_events` (video.ts).

-- 0. The video events with a video id, trimmed. trim() walks every character through Unicode's
--    tables, costly on every video event and this view is read three times, so it runs only where
--    it can change something: an ASCII id with no space at either end is its own trim (the one
--    ASCII space is ' '). Figures: docs/performance.md.
CREATE OR REPLACE TEMP VIEW watch_events AS
SELECT * FROM (
  SELECT user_id,
    CASE WHEN NOT starts_with(video_id, ' ') AND NOT ends_with(video_id, ' ') AND strlen(video_id) = length(video_id)
      THEN video_id ELSE trim(video_id) END AS video_id,
    time, file_order, source_line, video_event, position, old_time, new_time, duration
  FROM video_events
)
WHERE coalesce(video_id, '') <> '';

-- 1. The four events that open and close viewings, with usable positions, and their neighbours
--    in time order per learner and video. A pause without a position is at 0 (as the pipeline).
CREATE OR REPLACE TEMP TABLE watch_playback AS
WITH base AS (
  SELECT user_id, video_id, time, file_order, source_line, video_event,
    CASE WHEN video_event = 'pause_video' THEN coalesce(position, 0) ELSE position END AS position,
    old_time, new_time
  FROM watch_events
  WHERE video_event IN ('play_video', 'pause_video', 'stop_video', 'seek_video') AND user_id IS NOT NULL AND time IS NOT NULL
),
usable AS (
  SELECT * FROM base
  WHERE CASE WHEN video_event = 'seek_video'
          THEN old_time BETWEEN 0 AND {{max_seconds}} AND new_time BETWEEN 0 AND {{max_seconds}}
          ELSE position BETWEEN 0 AND {{max_seconds}} END
)
SELECT user_id, video_id, time, video_event, position, new_time,
  lag(video_event) OVER seq AS prev_event,
  lag(new_time) OVER seq AS prev_new_time,
  lead(video_event) OVER seq AS next_event,
  lead(CASE WHEN video_event = 'seek_video' THEN old_time ELSE position END) OVER seq AS next_end
FROM usable
WINDOW seq AS (PARTITION BY user_id, video_id ORDER BY time, file_order, source_line);

-- 2. Every play: where it starts (the new_time of a seek directly before it, else its own
--    position) and where the next event ends it (NULL when the next event is a play or none).
CREATE OR REPLACE TEMP TABLE watch_plays AS
SELECT user_id, video_id, time AS start_time,
  CASE WHEN prev_event = 'seek_video' THEN prev_new_time ELSE position END AS start_s,
  CASE WHEN next_event IS DISTINCT FROM 'play_video' THEN next_end END AS end_s
FROM watch_playback
WHERE video_event = 'play_video';

-- 3. Every video id of the events, its course-structure block and its known duration
--    (structure first, then the largest `event.duration`; 0 < d <= 10 h).
CREATE OR REPLACE TEMP TABLE watch_videos AS
WITH ids AS (
  SELECT video_id, max(duration) FILTER (WHERE duration > 0 AND duration <= {{max_seconds}}) AS event_duration
  FROM watch_events
  GROUP BY video_id
),
matched AS (
  SELECT ids.video_id, ids.event_duration, s.block_id, s.display_name, s.course_order,
    CASE WHEN s.duration_s > 0 AND s.duration_s <= {{max_seconds}} THEN s.duration_s END AS structure_duration
  FROM ids
  LEFT JOIN course_structure s ON s.category = 'video'
    AND (s.block_hash = ids.video_id OR ends_with(ids.video_id, '-video-' || s.block_hash) OR ends_with(ids.video_id, '@' || s.block_hash))
  QUALIFY row_number() OVER (PARTITION BY ids.video_id ORDER BY s.course_order NULLS LAST) = 1
)
SELECT *,
  coalesce(structure_duration, event_duration) AS known_duration,
  CASE WHEN structure_duration IS NOT NULL THEN 'structure' WHEN event_duration IS NOT NULL THEN 'event' END AS known_source
FROM matched;

-- 4. Every play with its fate: valid, discarded by a rule, or never ended.
CREATE OR REPLACE TEMP TABLE watch_viewings AS
SELECT p.user_id, p.video_id, p.start_time, p.start_s, p.end_s,
  CASE
    WHEN p.end_s IS NULL THEN 'no_end'
    WHEN v.known_duration IS NOT NULL AND p.end_s > v.known_duration + 1 THEN 'past_end'
    WHEN p.end_s < p.start_s THEN 'before_start'
    WHEN p.end_s - p.start_s < {{min_viewing}} THEN 'too_short'
    ELSE 'valid'
  END AS status
FROM watch_plays p
JOIN watch_videos v USING (video_id);

-- 5. The duration used per video: the known one, else the furthest end of any valid viewing.
CREATE OR REPLACE TEMP TABLE watch_durations AS
SELECT v.video_id, v.block_id, v.display_name, v.course_order,
  coalesce(v.known_duration, i.inferred) AS duration_s,
  coalesce(v.known_source, CASE WHEN i.inferred IS NOT NULL THEN 'inferred' END) AS duration_source
FROM watch_videos v
LEFT JOIN (SELECT video_id, max(end_s) AS inferred FROM watch_viewings WHERE status = 'valid' GROUP BY video_id) i USING (video_id);

-- 6. Seconds covered by each valid viewing: [floor(start), min(ceil(end), ceil(duration))).
CREATE OR REPLACE TEMP TABLE watch_ranges AS
SELECT w.user_id, w.video_id,
  CAST(floor(w.start_s) AS BIGINT) AS lo,
  CAST(least(ceil(w.end_s), ceil(d.duration_s)) AS BIGINT) AS hi
FROM watch_viewings w
JOIN watch_durations d USING (video_id)
WHERE w.status = 'valid';

-- 7. The ranges of one learner and video merged into disjoint islands (gaps and islands).
CREATE OR REPLACE TEMP TABLE watch_islands AS
WITH flagged AS (
  SELECT user_id, video_id, lo, hi,
    CASE WHEN lo <= max(hi) OVER (PARTITION BY user_id, video_id ORDER BY lo, hi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
      THEN 0 ELSE 1 END AS starts
  FROM watch_ranges
  WHERE hi > lo
),
numbered AS (
  SELECT *, sum(starts) OVER (PARTITION BY user_id, video_id ORDER BY lo, hi ROWS UNBOUNDED PRECEDING) AS island
  FROM flagged
)
SELECT user_id, video_id, min(lo) AS lo, max(hi) AS hi
FROM numbered
GROUP BY user_id, video_id, island;

-- video_watch: one row per learner and video with at least one video event.
CREATE OR REPLACE TABLE samced.video_watch AS
WITH pairs AS (
  SELECT user_id, video_id, min(time) AS first_time, max(time) AS last_time
  FROM watch_events
  WHERE user_id IS NOT NULL
  GROUP BY ALL
),
fates AS (
  SELECT user_id, video_id,
    count(*) FILTER (WHERE status = 'valid') AS views,
    count(*) FILTER (WHERE status IN ('past_end', 'before_start', 'too_short')) AS discarded,
    count(*) FILTER (WHERE status = 'no_end') AS unended,
    max(end_s) FILTER (WHERE status = 'valid') AS furthest
  FROM watch_viewings
  GROUP BY ALL
),
covered AS (
  SELECT user_id, video_id, sum(hi - lo) AS seconds FROM watch_islands GROUP BY ALL
),
end_segment AS (
  SELECT video_id,
    CAST(least(floor(greatest(duration_s - {{end_slack}}, {{threshold}} * duration_s)), ceil(duration_s) - 1) AS BIGINT) // {{segment}} AS segment
  FROM watch_durations
  WHERE duration_s IS NOT NULL
),
reached AS (
  SELECT DISTINCT i.user_id, i.video_id
  FROM watch_islands i
  JOIN end_segment e USING (video_id)
  WHERE i.lo < (e.segment + 1) * {{segment}} AND i.hi > e.segment * {{segment}}
)
SELECT
  p.user_id,
  p.video_id,
  CAST(coalesce(c.seconds, 0) AS BIGINT) AS seconds_watched,
  round(coalesce(c.seconds, 0) / d.duration_s, 4) AS fraction_watched,
  f.furthest AS furthest_position_s,
  CAST(coalesce(f.views, 0) AS INTEGER) AS views,
  CAST(coalesce(f.discarded, 0) AS INTEGER) AS discarded_views,
  CAST(coalesce(f.unended, 0) AS INTEGER) AS unended_plays,
  CASE WHEN coalesce(c.seconds, 0) > 0 AND c.seconds >= {{threshold}} * d.duration_s - 1e-9 THEN 1 ELSE 0 END AS completed,
  CASE WHEN r.user_id IS NOT NULL THEN 1 ELSE 0 END AS reached_end,
  strftime(p.first_time, '%Y-%m-%d %H:%M:%S.%f') AS first_event_time,
  strftime(p.last_time, '%Y-%m-%d %H:%M:%S.%f') AS last_event_time,
  d.duration_s,
  d.duration_source
FROM pairs p
JOIN watch_durations d USING (video_id)
LEFT JOIN fates f USING (user_id, video_id)
LEFT JOIN covered c USING (user_id, video_id)
LEFT JOIN reached r USING (user_id, video_id);

-- video_segments: per video and segment, learners and viewings covering it (difference arrays,
-- so nothing is expanded per second). Every segment from 0 to the one holding the last second.
CREATE OR REPLACE TABLE samced.video_segments AS
WITH grid AS (
  SELECT video_id, unnest(range(0, CAST(floor((ceil(duration_s) - 1) / {{segment}}) AS BIGINT) + 1)) AS segment
  FROM watch_durations
  WHERE video_id IN (SELECT video_id FROM watch_islands)
),
view_deltas AS (
  SELECT video_id, segment, sum(delta) AS delta FROM (
    SELECT video_id, lo // {{segment}} AS segment, 1 AS delta FROM watch_ranges WHERE hi > lo
    UNION ALL
    SELECT video_id, (hi - 1) // {{segment}} + 1, -1 FROM watch_ranges WHERE hi > lo
  ) GROUP BY ALL
),
user_spans AS (
  SELECT user_id, video_id, lo // {{segment}} AS s_lo, (hi - 1) // {{segment}} AS s_hi FROM watch_islands
),
user_flagged AS (
  SELECT *,
    CASE WHEN s_lo <= max(s_hi) OVER (PARTITION BY user_id, video_id ORDER BY s_lo, s_hi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
      THEN 0 ELSE 1 END AS starts
  FROM user_spans
),
user_merged AS (
  SELECT user_id, video_id, min(s_lo) AS s_lo, max(s_hi) AS s_hi FROM (
    SELECT *, sum(starts) OVER (PARTITION BY user_id, video_id ORDER BY s_lo, s_hi ROWS UNBOUNDED PRECEDING) AS island FROM user_flagged
  ) GROUP BY user_id, video_id, island
),
user_deltas AS (
  SELECT video_id, segment, sum(delta) AS delta FROM (
    SELECT video_id, s_lo AS segment, 1 AS delta FROM user_merged
    UNION ALL
    SELECT video_id, s_hi + 1, -1 FROM user_merged
  ) GROUP BY ALL
)
SELECT g.video_id,
  CAST(g.segment AS INTEGER) AS segment,
  CAST(g.segment * {{segment}} AS INTEGER) AS start_s,
  CAST(sum(coalesce(u.delta, 0)) OVER curve AS INTEGER) AS users,
  CAST(sum(coalesce(v.delta, 0)) OVER curve AS INTEGER) AS views
FROM grid g
LEFT JOIN user_deltas u USING (video_id, segment)
LEFT JOIN view_deltas v USING (video_id, segment)
WINDOW curve AS (PARTITION BY g.video_id ORDER BY g.segment ROWS UNBOUNDED PRECEDING);

-- video_summary: per video of the events or of the course structure.
CREATE OR REPLACE TABLE samced.video_summary AS
WITH videos AS (
  SELECT video_id, block_id, display_name, course_order, duration_s, duration_source FROM watch_durations
  UNION ALL
  SELECT block_hash, block_id, display_name, course_order,
    CASE WHEN duration_s > 0 AND duration_s <= {{max_seconds}} THEN duration_s END,
    CASE WHEN duration_s > 0 AND duration_s <= {{max_seconds}} THEN 'structure' END
  FROM course_structure
  WHERE category = 'video' AND block_id NOT IN (SELECT block_id FROM watch_durations WHERE block_id IS NOT NULL)
),
learners AS (
  SELECT video_id,
    count(*) AS users_with_events,
    count(*) FILTER (WHERE views > 0) AS users_viewed,
    count(*) FILTER (WHERE completed = 1) AS users_completed,
    count(*) FILTER (WHERE reached_end = 1) AS users_reached_end,
    sum(views) AS views,
    median(seconds_watched) FILTER (WHERE views > 0) AS median_seconds
  FROM samced.video_watch
  GROUP BY video_id
)
SELECT v.video_id, v.block_id, v.display_name, v.course_order,
  v.duration_s, v.duration_source,
  CAST(coalesce(l.users_with_events, 0) AS INTEGER) AS users_with_events,
  CAST(coalesce(l.users_viewed, 0) AS INTEGER) AS users_viewed,
  CAST(coalesce(l.users_completed, 0) AS INTEGER) AS users_completed,
  CAST(coalesce(l.users_reached_end, 0) AS INTEGER) AS users_reached_end,
  CAST(coalesce(l.views, 0) AS INTEGER) AS views,
  CAST(l.median_seconds AS DOUBLE) AS median_seconds_watched
FROM videos v
LEFT JOIN learners l USING (video_id);

-- The working tables are not needed any more (they can be large).
DROP VIEW watch_events; DROP TABLE watch_playback; DROP TABLE watch_plays; DROP TABLE watch_videos;
DROP TABLE watch_viewings; DROP TABLE watch_durations; DROP TABLE watch_ranges; DROP TABLE watch_islands;
