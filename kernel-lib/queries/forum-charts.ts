import type { Duck } from '../duck/connection';
import { plainRows, type PlainRow } from '../duck/rows';

/**
 * Forum posts per UTC day, split into threads and comments (from the forum dump).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * showTable(await forumPostsPerDay(run.duck)); // one row per day with posts: threads and comments
 */
export function forumPostsPerDay(duck: Duck): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `
    SELECT strftime(CAST(created_at AS DATE), '%Y-%m-%d') AS day, post_type, count(*)::INTEGER AS posts
    FROM forum WHERE created_at IS NOT NULL GROUP BY ALL ORDER BY day, post_type`
  );
}

/**
 * Posts and distinct authors per thread, by the SAMCED thread number (no titles: free text stays out).
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * await computeSamcedTables(run); // the forum family numbers the threads
 * showTable(await forumPostsPerThread(run.duck));
 */
export function forumPostsPerThread(duck: Duck): Promise<PlainRow[]> {
  return plainRows(
    duck,
    `
    SELECT thread, count(*)::INTEGER AS posts, count(DISTINCT poster)::INTEGER AS authors
    FROM samced.discussion_forum_activity_ng GROUP BY thread ORDER BY posts DESC, thread`
  );
}
