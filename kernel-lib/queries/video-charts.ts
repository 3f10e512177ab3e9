import type { Duck } from '../duck/connection';
import { plainRows, type PlainRow } from '../duck/rows';

/**
 * Learners per video and event type (from samced.video_activity_ng), with the video's title and
 * course order from the course structure when known. Needs computeSamcedTables first.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * showTable(await learnersPerVideo(run.duck)); // per video and event type: learners, in course order
 */
export function learnersPerVideo(duck: Duck): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `
    WITH long AS (
      UNPIVOT samced.video_activity_ng ON COLUMNS(* EXCLUDE (user_id, video_event_id)) INTO NAME event_type VALUE n
    )
    SELECT coalesce(s.display_name, l.video_event_id) AS video, l.video_event_id AS video_id, l.event_type,
           count(DISTINCT l.user_id)::INTEGER AS learners, sum(l.n)::INTEGER AS events, min(s.course_order) AS course_order
    FROM long l LEFT JOIN course_structure s ON s.block_hash = regexp_extract(l.video_event_id, '([^-@/]+)$', 1)
    WHERE l.n > 0 AND l.video_event_id IS NOT NULL
    GROUP BY ALL ORDER BY course_order NULLS LAST, video, event_type`
  );
}

/**
 * The 5-second drop-off curve of one video (or every video): distinct learners with a play,
 * pause, stop or seek landing in each 5-second compartment (from samced.video_activity_ng2).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * const rows = await videoDropOff(run.duck); // every video; videoDropOff(run.duck, videoId) for one
 * showTable(rows);
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

/**
 * The audience curve of each video (from samced.video_segments): per 5-second segment, the learners
 * whose viewings cover it (`users`) and their share of the video's viewers (`share_of_viewers`,
 * users / video_summary.users_viewed). Unlike the button-press curve it counts what was watched, so
 * it reads as the audience left at each point. Videos titled and in course order.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * const rows = await videoAudience(run.duck);
 * showChart(lineChart(seriesFromRows(rows, { x: 'start_s', y: 'share_of_viewers', group: 'video' }), { title: 'Audience left at each point of the video' }));
 */
export function videoAudience(duck: Duck, videoId?: string): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `SELECT coalesce(s.display_name, g.video_id) AS video, g.video_id, g.start_s, g.users,
            round(g.users / nullif(s.users_viewed, 0), 4) AS share_of_viewers
     FROM samced.video_segments g LEFT JOIN samced.video_summary s ON s.video_id = g.video_id
     ${videoId ? 'WHERE g.video_id = ?' : ''}
     ORDER BY s.course_order NULLS LAST, g.video_id, g.segment`,
    videoId ? [videoId] : undefined
  );
}

/**
 * Learner × video pairs of viewers by the share of the video they watched, in ten bins of 10 %:
 * `bin_start_pct` 0, 10, ..., 90 (the 90-100 % bin includes exactly 100 %, and the few shares just
 * above 1 from fractional durations), `bin` its label, `pairs` the count. Every bin is listed.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run);
 * const bins = await watchedShareBins(run.duck); // ten rows: bin_start_pct 0, 10, ..., 90
 * showChart(barChart({ x: bins.map((b) => b.bin_start_pct), y: bins.map((b) => b.pairs) }, { title: 'Share of the video watched', barWidth: 10 }));
 */
export function watchedShareBins(duck: Duck): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `
    WITH bins AS (SELECT range * 10 AS bin_start_pct FROM range(10)),
    shares AS (SELECT least(floor(fraction_watched * 10), 9) * 10 AS bin_start_pct FROM samced.video_watch WHERE views > 0 AND fraction_watched IS NOT NULL)
    SELECT b.bin_start_pct::INTEGER AS bin_start_pct, (b.bin_start_pct + 5)::INTEGER AS bin_mid_pct,
           b.bin_start_pct || '-' || (b.bin_start_pct + 10) || ' %' AS bin, count(s.bin_start_pct)::INTEGER AS pairs
    FROM bins b LEFT JOIN shares s ON s.bin_start_pct = b.bin_start_pct GROUP BY b.bin_start_pct ORDER BY b.bin_start_pct`
  );
}
