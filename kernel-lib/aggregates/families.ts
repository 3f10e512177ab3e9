import { standardTablesFamily } from './standard-tables';
import { forumFamily } from './forum';
import { surveysFamily } from './surveys';
import { videoFamily } from './video';
import { problemsFamily } from './problems';
import { textbookFamily } from './textbook';
import { pagesFamily } from './pages';
import { videoWatchFamily } from './video-watch';
import { personCourseFamily } from './person-course';
import type { TableFamily } from './table';

/**
 * Every SAMCED table family, in output order. Adding a table family = one module + one line here.
 *
 * @example
 * SAMCED_FAMILIES.map((f) => f.family);
 * // ['standard', 'forum', 'surveys', 'video', 'problems', 'textbook', 'pages', 'video_watch', 'person_course']
 */
export const SAMCED_FAMILIES: TableFamily[] = [
  standardTablesFamily,
  forumFamily,
  surveysFamily,
  videoFamily,
  problemsFamily,
  textbookFamily,
  pagesFamily,
  videoWatchFamily,
  personCourseFamily
];

/**
 * Families that must run one after another on one connection when a build computes families at
 * once (computeSamcedTables with lanes): video and video_watch share the connection's temp table
 * `video_events`. person_course, in the other lane, waits for video_watch (BuildContext.after)
 * only before its last part.
 */
export const FAMILY_LANES: string[][] = [['video', 'video_watch']];

/**
 * The order in which a build hands computed families to the writer, and so the order of their tables
 * in the SQLite file (the CSVs, manifest and data dictionary keep the output order). The writer
 * takes one table at a time; in output order, the tables of problems, textbook and pages, computed
 * early in the second lane, waited behind video_activity_ng2 (seconds of writing beside two lanes
 * of queries) and were written after the last family was computed, when one core is idle. Here
 * they go first (docs/performance.md).
 */
export const WRITE_ORDER: string[] = [
  'standard',
  'forum',
  'surveys',
  'problems',
  'textbook',
  'pages',
  'video',
  'video_watch',
  'person_course'
];

/** Families that read no events (only the course tables and the forum): a build computes and writes them while the events load. */
export const COURSE_DATA_FAMILIES: string[] = ['standard', 'forum'];
