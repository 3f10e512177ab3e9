import type { Duck } from '../duck/connection';
import { plainRows, type PlainRow } from '../duck/rows';

/**
 * Learners with at least one event per UTC day of the window, and their events.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const days = await dailyActiveLearners(run.duck);
 * showChart(lineChart(seriesFromRows(days, { x: 'day', y: 'learners' }), { title: 'Active learners per day' }));
 */
export function dailyActiveLearners(duck: Duck): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `
    SELECT strftime(event_date, '%Y-%m-%d') AS day, count(DISTINCT user_id)::INTEGER AS learners, count(*)::INTEGER AS events
    FROM events WHERE user_id IS NOT NULL AND event_date IS NOT NULL GROUP BY event_date ORDER BY event_date`
  );
}

/**
 * Events per event family (video, problem, forum, textbook, navigation, page view, other) per day.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const rows = await eventsPerFamily(run.duck);
 * showChart(barChart(seriesFromRows(rows, { x: 'day', y: 'events', group: 'family' }), { mode: 'stack', title: 'Events per day by family' }));
 */
export function eventsPerFamily(duck: Duck): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `
    SELECT strftime(event_date, '%Y-%m-%d') AS day,
      CASE WHEN starts_with(event_type, '/') THEN 'page view'
           WHEN event_type LIKE '%video%' OR coalesce(name, '') LIKE 'edx.video.%' THEN 'video'
           WHEN event_type LIKE '%problem%' OR event_type IN ('showanswer', 'show_answer') THEN 'problem'
           WHEN event_type LIKE 'edx.forum.%' THEN 'forum'
           WHEN event_type = 'book' OR event_type LIKE 'textbook.%' THEN 'textbook'
           WHEN event_type LIKE 'seq_%' OR event_type LIKE 'edx.ui.lms.%' THEN 'navigation'
           ELSE 'other' END AS family,
      count(*)::INTEGER AS events
    FROM events WHERE event_date IS NOT NULL GROUP BY ALL ORDER BY day, family`
  );
}
