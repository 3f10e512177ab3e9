import type { Duck } from '../duck/connection';
import { plainRows, type PlainRow } from '../duck/rows';

/**
 * Learners per video and event type (from samced.video_activity_ng), with the video's title and
 * course order from the course structure when known. Needs computeSamcedTables first.
 */
export function learnersPerVideo(duck: Duck): Promise<PlainRow[]> {
  return plainRows(duck, `
    WITH long AS (
      UNPIVOT samced.video_activity_ng ON COLUMNS(* EXCLUDE (user_id, video_event_id)) INTO NAME event_type VALUE n
    )
    SELECT coalesce(s.display_name, l.video_event_id) AS video, l.video_event_id AS video_id, l.event_type,
           count(DISTINCT l.user_id)::INTEGER AS learners, sum(l.n)::INTEGER AS events, min(s.course_order) AS course_order
    FROM long l LEFT JOIN course_structure s ON s.block_hash = regexp_extract(l.video_event_id, '([^-@/]+)$', 1)
    WHERE l.n > 0 AND l.video_event_id IS NOT NULL
    GROUP BY ALL ORDER BY course_order NULLS LAST, video, event_type`);
}

/**
 * The 5-second drop-off curve of one video (or every video): distinct learners with a play,
 * pause, stop or seek landing in each 5-second compartment (from samced.video_activity_ng2).
 */
export function videoDropOff(duck: Duck, videoId?: string): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `SELECT video_event_id AS video_id, time_compartment * 5 AS second,
            count(DISTINCT user_id) FILTER (WHERE coalesce(play_video, 0) + coalesce(pause_video, 0) + coalesce(stop_video, 0) + coalesce(seek_video_end, 0) > 0)::INTEGER AS learners
     FROM samced.video_activity_ng2 WHERE video_event_id IS NOT NULL ${videoId ? 'AND video_event_id = ?' : ''}
     GROUP BY ALL ORDER BY video_id, second`,
    videoId ? [videoId] : undefined
  );
}
